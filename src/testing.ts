/**
 * `webjwt/testing`: an identity provider for tests, in every runtime. Fresh keys
 * per issuer, tokens with sensible claims in one call, the discovery document and
 * the JWKS served by an in-memory `fetch` (no network, no interception), key
 * rotation, and a real HTTP server on 127.0.0.1 where `node:http` exists.
 *
 * A client of the public API like any user: it imports `./index.js` only, and
 * nothing in `webjwt` imports it, so `import 'webjwt'` never carries it.
 *
 * @packageDocumentation
 */

import {
  exportPublicJWK,
  generateKeyPair,
  generateSecret,
  sign,
  thumbprint,
  type Duration,
  type JWK,
  type JWKS,
  type JWKSFetchResponse,
  type JWSAlgorithm,
  type JWTPayload,
  type KeyInput,
  type SignOptions,
  type SignPayload,
  type WebAbortSignal,
  type WebURL,
} from './index.js';

/** Options of {@link createTestIssuer}. */
export interface TestIssuerOptions {
  /** The algorithm its keys are for: any webjwt signs. Default `"ES256"`. */
  alg?: JWSAlgorithm;
  /** The `iss` of its tokens, an `https:` or `http:` URL. Default `"https://idp.test"` (never resolved: `fetch` answers in memory). */
  issuer?: string;
  /** The `aud` of its tokens. Default: none. */
  audience?: string | string[];
  /** The lifetime of its tokens. Default `"5m"`. */
  expiresIn?: Duration;
}

/** Options of {@link TestIssuer.sign}: those of `sign` but `alg` (the issuer's), with times that may lie in the past. */
export interface TestSignOptions extends Omit<SignOptions, 'alg' | 'expiresIn' | 'notBefore'> {
  /** Sets `exp`: a duration from now (negative seconds: already expired), a `Date`, or `false` for none. Default: the issuer's `expiresIn`. */
  expiresIn?: Duration | Date | false;
  /** Sets `nbf`: a duration from now (`"1h"`: not yet valid; negative seconds: in the past) or a `Date`. */
  notBefore?: Duration | Date;
}

/** Web's `Response`: the type of the lib that declares it, else the members a remote key set reads. */
export type WebResponse = typeof globalThis extends { Response: { prototype: infer R } } ? R : JWKSFetchResponse;

/** The issuer's in-memory `fetch`: a `JWKSFetch` for `createRemoteJWKSet` and `discoverJWKS`, and a `fetch` for your code. */
export type TestIssuerFetch = (
  input: string | WebURL | { readonly url: string; readonly method?: string },
  init?: { readonly method?: string; readonly signal?: WebAbortSignal | null },
) => Promise<WebResponse>;

/** A running {@link TestIssuer.serve} server. */
export interface TestIssuerServer {
  /** `http://127.0.0.1:<port>` and the issuer's path: the discovery document is at `${url}/.well-known/openid-configuration`. */
  url: string;
  /** `${url}/.well-known/jwks.json`. */
  jwksURL: string;
  /** Stops the server, closing open connections. */
  close(): Promise<void>;
}

/** An identity provider for tests; see {@link createTestIssuer}. */
export interface TestIssuer {
  /** The `iss` of its tokens. */
  readonly issuer: string;
  readonly alg: JWSAlgorithm;
  /** The `kid` of the current key, which `sign` uses. */
  readonly kid: string;
  /**
   * Its key set, current key last: the public keys (what `fetch` serves), or for an HS* issuer
   * the secrets as `oct` JWKs (never served: no provider publishes secrets). A fresh copy on each read.
   */
  readonly jwks: JWKS;
  /** `${issuer}/.well-known/jwks.json`: the `jwks_uri` of its discovery document. */
  readonly jwksURL: string;
  /** Answers `GET ${issuer}/.well-known/openid-configuration` (and RFC 8414's path) and `GET ${jwksURL}`; 404 otherwise. */
  readonly fetch: TestIssuerFetch;
  /** A token with `iss`, `aud`, `iat`, `exp` (and `kid`) filled in, unless the payload or `options` set them. */
  sign<P extends object = JWTPayload>(payload: SignPayload<P>, options?: TestSignOptions): Promise<string>;
  /** A new current key; the previous keys stay published until {@link TestIssuer.retire}. */
  rotate(): Promise<void>;
  /** Unpublishes every key but the current one. */
  retire(): void;
  /** Serves the same documents over HTTP on 127.0.0.1 (where `node:http` exists: Node.js, Deno, Bun). */
  serve(): Promise<TestIssuerServer>;
}

interface IssuerKey {
  kid: string;
  signingKey: KeyInput;
  jwk: JWK;
}

const OPTION_NAMES = ['alg', 'issuer', 'audience', 'expiresIn'];

/**
 * Creates an identity provider for tests, with a fresh key: two issuers never share
 * one, so a token "signed by another key" is `(await createTestIssuer()).sign(…)`.
 *
 * @example
 * ```ts
 * const idp = await createTestIssuer({ alg: 'ES256', issuer: 'https://idp.test', audience: 'api' });
 * const keys = await discoverJWKS(idp.issuer, { fetch: idp.fetch });
 * const { payload } = await verify(await idp.sign({ sub: 'user-1' }), keys, { issuer: idp.issuer, audience: 'api' });
 * await idp.sign({ sub: 'u' }, { expiresIn: -60 }); // expired a minute ago
 * ```
 */
export async function createTestIssuer(options: TestIssuerOptions = {}): Promise<TestIssuer> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw expected('options', 'an object', options);
  const unknown = Object.keys(options).find((name) => !OPTION_NAMES.includes(name));
  if (unknown !== undefined) throw new TypeError(`createTestIssuer options: unknown option "${unknown}"`);
  const { alg = 'ES256', issuer = 'https://idp.test', audience, expiresIn = '5m' } = ownMembers(options);
  const issuerPath = issuerPathOf(issuer);
  const keys: IssuerKey[] = [await newKey(alg)];
  const current = () => keys[keys.length - 1]!;
  const isSecret = alg.startsWith('HS');
  const jwks = (): JWKS => ({ keys: keys.map((key) => ({ ...key.jwk })) });
  const { origin } = new URL(issuer);
  const jwksURL = `${origin}${issuerPath}/.well-known/jwks.json`;

  /** The answer to a GET of `path` on a server whose issuer URL is `base`. */
  function answer(method: string, path: string, base: string): HTTPAnswer {
    if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'method_not_allowed' });
    if (path === `${issuerPath}/.well-known/openid-configuration` || path === `/.well-known/oauth-authorization-server${issuerPath}`) {
      const jwks_uri = `${base}/.well-known/jwks.json`;
      return json(200, { issuer, jwks_uri, id_token_signing_alg_values_supported: [alg], subject_types_supported: ['public'] });
    }
    if (path === `${issuerPath}/.well-known/jwks.json`) return json(200, isSecret ? { keys: [] } : jwks(), 'application/jwk-set+json');
    return json(404, { error: 'not_found' });
  }

  const fetch: TestIssuerFetch = async (input, init) => {
    if (init?.signal?.aborted) throw init.signal.reason;
    const request = input as { href?: unknown; url?: unknown; method?: unknown };
    const href = typeof input === 'string' ? input : String(request.href ?? request.url);
    const method = String(init?.method ?? (typeof request.method === 'string' ? request.method : 'GET')).toUpperCase();
    const url = URL.canParse(href) ? new URL(href) : undefined;
    const { status, headers, body } =
      url?.origin === origin ? answer(method, url.pathname, `${origin}${issuerPath}`) : json(404, { error: 'not_found' });
    return new Response(method === 'HEAD' ? null : body, { status, headers }) as WebResponse;
  };

  return {
    issuer,
    alg,
    get kid() {
      return current().kid;
    },
    get jwks() {
      return jwks();
    },
    jwksURL,
    fetch,
    async sign(payload, signOptions = {}) {
      const given = ownMembers(signOptions);
      const { expiresIn: lifetime = expiresIn, notBefore, ...rest } = given;
      if (Object.hasOwn(given, 'alg')) throw new TypeError('"alg" is the issuer\'s: create an issuer for another algorithm');
      const has = (claim: string) => typeof payload === 'object' && payload !== null && Object.hasOwn(payload, claim);
      const now = given.currentDate ?? new Date();
      const settings: SignOptions = ownMembers({ kid: current().kid, ...rest, alg });
      if (given.issuer === undefined && !has('iss')) settings.issuer = issuer;
      if (given.audience === undefined && audience !== undefined && !has('aud')) settings.audience = audience;
      if (lifetime !== false && (given.expiresIn !== undefined || !has('exp'))) settings.expiresIn = fromNow(lifetime, now);
      if (notBefore !== undefined) settings.notBefore = fromNow(notBefore, now);
      return sign(payload, current().signingKey, settings);
    },
    async rotate() {
      keys.push(await newKey(alg));
    },
    retire() {
      keys.splice(0, keys.length - 1);
    },
    async serve() {
      let base = '';
      const server = nodeHTTP().createServer((request, response) => {
        const method = String(request.method);
        const { status, headers, body } = answer(method, new URL(request.url ?? '/', 'http://127.0.0.1').pathname, base);
        response.writeHead(status, headers).end(method === 'HEAD' ? undefined : body);
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      base = `http://127.0.0.1:${server.address().port}${issuerPath}`;
      const close = () => new Promise<void>((resolve) => (server.closeAllConnections?.(), server.close(() => resolve())));
      return { url: base, jwksURL: `${base}/.well-known/jwks.json`, close };
    },
  };
}

/** A new key for `alg`: a key pair (its public JWK published) or a secret (as an `oct` JWK); the kid is its thumbprint. */
async function newKey(alg: JWSAlgorithm): Promise<IssuerKey> {
  if (alg === 'HS256' || alg === 'HS384' || alg === 'HS512') {
    const secret = generateSecret(alg);
    const jwk: JWK = { kty: 'oct', k: base64url(secret) };
    const kid = await thumbprint(jwk);
    return { kid, signingKey: secret, jwk: { ...jwk, alg, use: 'sig', kid } };
  }
  const { privateKey } = await generateKeyPair(alg, { extractable: true }); // extractable: its public JWK is read from it
  const jwk = await exportPublicJWK(privateKey, { alg });
  return { kid: jwk.kid!, signingKey: privateKey, jwk };
}

/** A negative number of seconds as a `Date` in the past (`sign` takes durations from now, which are never negative). */
function fromNow(value: Duration | Date, now: Date): Duration | Date {
  return typeof value === 'number' && value < 0 ? new Date(now.getTime() + value * 1000) : value;
}

/** The issuer's path without a trailing slash; the issuer must be an http(s) URL without query or fragment (OIDC Discovery §2). */
function issuerPathOf(issuer: unknown): string {
  if (typeof issuer !== 'string') throw expected('issuer', 'a URL string', issuer);
  const url = URL.canParse(issuer) ? new URL(issuer) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.search || issuer.includes('#')) {
    throw new TypeError('"issuer" expected an https: or http: URL without query or fragment, got a string that is not one');
  }
  return url.pathname.replace(/\/$/, '');
}

/** What a request is answered with, by `fetch` or the server. */
interface HTTPAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The parts of `node:http` that `serve` uses. */
interface NodeHTTP {
  createServer(listener: (request: { url?: string; method?: string }, response: NodeResponse) => void): NodeServer;
}
type NodeResponse = { writeHead(status: number, headers: Record<string, string>): { end(body?: string): void } };
type NodeServer = {
  listen(port: number, host: string, listening: () => void): void;
  once(event: 'error', listener: (error: unknown) => void): void;
  address(): { port: number };
  close(closed: () => void): void;
  closeAllConnections?(): void;
};

/**
 * `node:http`, reached through `process.getBuiltinModule` (Node.js ≥ 20.16, Deno, Bun) rather than
 * a static import, so that this module also loads in browsers and workerd, where `serve` is the only
 * thing that does not work. workerd's nodejs_compat has a `node:http` whose servers "listen" on a port
 * nothing can connect to (measured with workerd 2026-04-26: a fetch of it fails, "Network connection
 * lost"), so it counts as none.
 */
function nodeHTTP(): NodeHTTP {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const http = runtime?.getBuiltinModule?.('node:http') as Partial<NodeHTTP> | undefined;
  const workerd = (globalThis as { navigator?: { userAgent?: unknown } }).navigator?.userAgent === 'Cloudflare-Workers';
  if (typeof http?.createServer !== 'function' || workerd) {
    throw new TypeError('"serve" expected a runtime with node:http (Node.js, Deno, Bun), got one without: use the issuer\'s fetch');
  }
  return http as NodeHTTP;
}

function json(status: number, value: unknown, type = 'application/json'): HTTPAnswer {
  return { status, headers: { 'content-type': type }, body: JSON.stringify(value) };
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function expected(name: string, what: string, value: unknown): TypeError {
  return new TypeError(`"${name}" expected ${what}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
}

/**
 * The own members of an options object, in an object without a prototype: an
 * option left out is `undefined`, never one inherited from a polluted prototype.
 */
function ownMembers<T extends object>(options: T): T {
  return Object.assign(Object.create(null) as T, options);
}
