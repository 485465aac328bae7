/** Public types. No runtime code lives here. */

import type { JWTPayloadSchema } from './standard-schema.js';

/** A JWS algorithm that webjwt implements (RFC 7518 §3.1, RFC 8037; `Ed25519` is the fully-specified name of EdDSA with Ed25519). */
export type JWSAlgorithm =
  | 'HS256' | 'HS384' | 'HS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512'
  | 'EdDSA' | 'Ed25519';

/** The JOSE header of a JWT (RFC 7515 §4, RFC 7519 §5). */
export interface JWTHeader {
  alg: string;
  typ?: string;
  cty?: string;
  kid?: string;
  crit?: string[];
  [parameter: string]: unknown;
}

/** The registered claims of RFC 7519 §4.1, typed. */
export interface RegisteredClaims {
  /** Issuer. */
  iss?: string;
  /** Subject. */
  sub?: string;
  /** Audience: one or several. */
  aud?: string | string[];
  /** Expiration time, in seconds since the epoch (NumericDate). */
  exp?: number;
  /** Not before, in seconds since the epoch. */
  nbf?: number;
  /** Issued at, in seconds since the epoch. */
  iat?: number;
  /** JWT ID. */
  jti?: string;
}

/** What each registered claim must be, as {@link SignPayload}'s type errors say it. */
export interface RegisteredClaimTypes {
  iss: 'a string';
  sub: 'a string';
  aud: 'a string or an array of strings';
  exp: 'a number (seconds since the epoch)';
  nbf: 'a number (seconds since the epoch)';
  iat: 'a number (seconds since the epoch)';
  jti: 'a string';
}

/** Values that are objects but not claims sets: {@link sign} refuses them at compile time. */
export type NotAPlainObject =
  | readonly unknown[]
  | Map<unknown, unknown>
  | Set<unknown>
  | WeakMap<object, unknown>
  | Date
  | RegExp
  | Uint8Array
  | Promise<unknown>
  | ((...args: never[]) => unknown);

/**
 * The payload type {@link sign} accepts: a plain object whose registered
 * claims have their registered types. A mistake names itself at compile time:
 * `sign({ exp: 'soon' })` reports that `"soon"` is not assignable to
 * `'the "exp" claim must be a number (seconds since the epoch)'`, and
 * `sign(new Map())` that a Map is not `'the payload must be a plain object'`.
 */
export type SignPayload<P> = P extends NotAPlainObject
  ? 'the payload must be a plain object'
  : {
      [K in keyof P]: K extends keyof RegisteredClaimTypes
        ? P[K] extends RegisteredClaims[K] | undefined
          ? P[K]
          : `the "${K}" claim must be ${RegisteredClaimTypes[K]}`
        : P[K];
    };

/** A JWT claims set: the registered claims typed, any other claim `unknown`. */
export interface JWTPayload extends RegisteredClaims {
  [claim: string]: unknown;
}

/** A JSON Web Key (RFC 7517): `oct`, `RSA`, `EC` (P-256, P-384, P-521) or `OKP` (Ed25519), public or private. */
export interface JWK {
  kty: string;
  alg?: string;
  use?: string;
  key_ops?: string[];
  kid?: string;
  /** The secret of an `oct` key, base64url-encoded. */
  k?: string;
  /** The curve of an `EC` or `OKP` key. */
  crv?: string;
  [member: string]: unknown;
}

/**
 * Web Crypto's `CryptoKey`: the DOM lib's type where a project loads that lib
 * (browsers, Deno, workers), else {@link CryptoKeyShape}, so that webjwt's
 * types also compile without the DOM lib (Node-only projects with `@types/node`).
 */
export type WebCryptoKey = typeof globalThis extends { CryptoKey: { prototype: infer K } } ? K : CryptoKeyShape;

/** The members of a `CryptoKey` (W3C Web Cryptography API), for projects without the DOM lib. */
export interface CryptoKeyShape {
  readonly type: 'secret' | 'public' | 'private';
  readonly extractable: boolean;
  readonly algorithm: { readonly name: string };
  readonly usages: ('encrypt' | 'decrypt' | 'sign' | 'verify' | 'deriveKey' | 'deriveBits' | 'wrapKey' | 'unwrapKey')[];
}

/** A key pair of {@link WebCryptoKey}s, as `generateKeyPair` returns. */
export interface WebCryptoKeyPair {
  privateKey: WebCryptoKey;
  publicKey: WebCryptoKey;
}

/** A JSON Web Key Set (RFC 7517 §5), such as an identity provider publishes. */
export interface JWKS {
  keys: JWK[];
}

/**
 * A Node.js `KeyObject` (from `node:crypto`: `createSecretKey`, `createPublicKey`,
 * `createPrivateKey`, `generateKeyPairSync`), described by the members webjwt
 * uses, so that the types need no `@types/node`.
 */
export interface NodeKeyObject {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string | undefined;
  export(options?: never): unknown;
}

/**
 * A key webjwt can sign or verify with:
 * - a `CryptoKey` (HMAC, RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA or Ed25519);
 * - a {@link JWK} object (`oct`, `RSA`, `EC`, `OKP`);
 * - a PEM `string`, or the bytes of a PEM or DER file: SPKI, PKCS#8, PKCS#1, SEC1 or an X.509 certificate;
 * - a Node.js `KeyObject` ({@link NodeKeyObject}), where `node:crypto` exists;
 * - any other `string` or `Uint8Array`: an HMAC secret (a string as its UTF-8 bytes).
 *
 * A private key given to `verify` as PEM, DER or JWK uses its public half; a
 * private `CryptoKey` cannot (Web Crypto does not derive it) and is refused.
 */
export type KeyInput = string | Uint8Array | WebCryptoKey | JWK | NodeKeyObject;

/**
 * Picks the key for a token, for example by its `kid`. It sees the header and the
 * token before anything is verified: treat both as untrusted input.
 */
export type KeyResolver = (header: JWTHeader, token: string) => KeyInput | JWKS | Promise<KeyInput | JWKS>;

/** The units a {@link Duration} string may use (a year is 365.25 days). */
export type DurationUnit =
  | 's' | 'sec' | 'secs' | 'second' | 'seconds'
  | 'm' | 'min' | 'mins' | 'minute' | 'minutes'
  | 'h' | 'hr' | 'hrs' | 'hour' | 'hours'
  | 'd' | 'day' | 'days'
  | 'w' | 'week' | 'weeks'
  | 'y' | 'yr' | 'yrs' | 'year' | 'years';

/**
 * A span of time: seconds as a number, or a number and one unit, with or
 * without a space: `"30s"`, `"15m"`, `"1.5h"`, `"7d"`, `"1w"`, `"15 minutes"`.
 * Compound forms such as `"1h30m"` are not durations (write `"90m"`).
 */
export type Duration = number | `${number}${DurationUnit}` | `${number} ${DurationUnit}`;

/** Options of {@link sign}. */
export interface SignOptions {
  /**
   * The algorithm. Default: the JWK's `alg`, else what the key is: HS256 for a
   * secret (or the CryptoKey's hash), RS256 for RSA, ES256/ES384/ES512 by curve, EdDSA for Ed25519.
   */
  alg?: JWSAlgorithm;
  /** The `kid` header parameter. Default: the JWK's `kid`, if any. */
  kid?: string;
  /** The `typ` header parameter. Default `"JWT"`. */
  typ?: string;
  /** More protected header parameters. `alg`, `crit` and `b64` are refused; `typ` and `kid` have their own options. */
  header?: Record<string, unknown>;
  /** Sets `exp`: a duration from now, or a `Date`. */
  expiresIn?: Duration | Date;
  /** Sets `nbf`: a duration from now, or a `Date`. */
  notBefore?: Duration | Date;
  /** Sets `iat`: default now; a `Date` or seconds since the epoch; `false` omits it. */
  issuedAt?: number | Date | false;
  issuer?: string;
  subject?: string;
  audience?: string | string[];
  jwtId?: string;
  /** The time to treat as now. Default: the system clock. */
  currentDate?: Date;
  /**
   * Accept HMAC secrets shorter than the hash output (RFC 7518 §3.2 requires
   * at least 32, 48, 64 bytes for HS256, HS384, HS512) and RSA keys under 2048
   * bits (RFC 7518 §3.3). Only for legacy systems whose keys cannot change;
   * empty secrets are refused regardless.
   */
  allowInsecureKeySizes?: boolean;
  /**
   * A Standard Schema v1 (zod, valibot, arktype…) the claims must pass before they are signed:
   * the payload with the claims the options add, as JSON, exactly what `verify` will see.
   * A refusal is a TypeError. What is signed is the claims as given, not the schema's output.
   */
  schema?: JWTPayloadSchema;
}

/** Options of {@link verify}. */
export interface VerifyOptions {
  /** The allow-list. Default: every algorithm the key can serve; never taken from the token. */
  algorithms?: JWSAlgorithm[];
  /** The expected `iss`: one value, or a list of which any may match. Implies the claim is required. */
  issuer?: string | string[];
  /** The expected `aud`: one value, or a list of which any may match. Implies the claim is required. */
  audience?: string | string[];
  /** The expected `sub`. Implies the claim is required. */
  subject?: string;
  /** The expected `typ` header, compared case-insensitively, `application/` ignored (RFC 7515 §4.1.9). */
  typ?: string;
  /** Refuse tokens whose `iat` is older than this. Implies `iat` is required. */
  maxTokenAge?: Duration;
  /** Seconds (or a duration) of clock skew to allow on `exp`, `nbf`, `iat`. Default 0. */
  clockTolerance?: Duration;
  /** The time to treat as now. Default: the system clock. */
  currentDate?: Date;
  /** Claims that must be present. */
  requiredClaims?: string[];
  /** Header parameters the caller understands and checks, for `crit` (RFC 7515 §4.1.11). */
  crit?: string[];
  /** Accept an `iat` in the future (beyond `clockTolerance`). Default: refused. */
  allowFutureIssuedAt?: boolean;
  /** See {@link SignOptions.allowInsecureKeySizes}. */
  allowInsecureKeySizes?: boolean;
  /**
   * The longest token accepted, in characters. Default 65536 (64 KiB): longer
   * tokens are `ERR_JWT_INVALID` before any parsing. Raise it for tokens known to be bigger.
   */
  maxTokenLength?: number;
  /**
   * A Standard Schema v1 (zod, valibot, arktype…) that validates the payload after the signature
   * and the claims above have passed. `payload` is then the schema's output (transforms and
   * defaults applied; an object schema that strips unknown keys strips `exp`, `iss`… too),
   * typed as such. A refusal is `ERR_JWT_CLAIM_INVALID` with `reason: 'schema'`.
   */
  schema?: JWTPayloadSchema;
}

/** Options of {@link decode}. */
export interface DecodeOptions {
  /** See {@link VerifyOptions.maxTokenLength}. Default 65536. */
  maxTokenLength?: number;
}

/** What {@link verify} and {@link decode} return. */
export interface DecodedJWT<P = JWTPayload> {
  header: JWTHeader;
  payload: P & JWTPayload;
}

/** What {@link verify} returns with a `schema`: the header, and the schema's output as the payload. */
export interface ValidatedJWT<Output> {
  header: JWTHeader;
  payload: Output;
}

// ---------------------------------------------------------------------------
// Remote key sets: createRemoteJWKSet and discoverJWKS (src/jwks.ts)

/**
 * Web's `AbortSignal`: the DOM lib's (or `@types/node`'s) type where one is loaded, else
 * {@link AbortSignalShape}, so that the types compile in any project.
 */
export type WebAbortSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : AbortSignalShape;

/** The members of an `AbortSignal` (WHATWG DOM), for projects without a lib that declares it. */
export interface AbortSignalShape {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Web's `URL`: the type of the lib that declares it, or just its `href` in projects without one. */
export type WebURL = typeof globalThis extends { URL: { prototype: infer U } } ? U : { readonly href: string };

/** What a {@link JWKSFetch} is called with: always a GET that does not follow redirects. */
export interface JWKSFetchInit {
  method: 'GET';
  headers: Record<string, string>;
  redirect: 'manual';
  /** Aborted when the `timeout` has passed. */
  signal: WebAbortSignal;
}

/** The parts of a Fetch API `Response` that a remote key set reads. */
export interface JWKSFetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** Read as a stream, so that an oversized body is refused without being read whole. */
  readonly body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
      cancel(reason?: unknown): Promise<void>;
    };
    cancel(reason?: unknown): Promise<void>;
  } | null;
}

/** A `fetch` for remote key sets: the global `fetch` fits, and so does any function of this shape. */
export type JWKSFetch = (url: string, init: JWKSFetchInit) => Promise<JWKSFetchResponse>;

/** A fetched key set, as {@link RemoteJWKSet.current} shows it and a {@link JWKSCache} stores it. JSON-serialisable. */
export interface JWKSCacheEntry {
  /** The public keys of the set as served (secrets and private keys are dropped, never used). */
  jwks: JWKS;
  /** When the request that fetched it was sent, in milliseconds since the epoch. */
  fetchedAt: number;
  /** Until when it is fresh, in milliseconds since the epoch (from `maxAge` or the response's `Cache-Control`). */
  expiresAt?: number;
}

/**
 * Where a remote key set keeps its keys besides memory, so that short-lived isolates
 * (Cloudflare Workers, Vercel, Lambda) start from the stored set instead of fetching:
 * KV, the Cache API, a file. Errors it throws are ignored (the set then fetches).
 */
export interface JWKSCache {
  /** The stored entry, or `undefined`/`null` when there is none. */
  get(): JWKSCacheEntry | undefined | null | Promise<JWKSCacheEntry | undefined | null>;
  /** Stores an entry; called after each successful fetch. */
  set(entry: JWKSCacheEntry): void | Promise<void>;
}

/** Options of {@link createRemoteJWKSet} and {@link discoverJWKS}. */
export interface RemoteJWKSetOptions {
  /**
   * How long a fetched set is fresh when the response's `Cache-Control` says nothing about it. A `max-age`
   * (less `Age`) there wins, capped at 1 day; `no-cache`/`no-store` make it stale at once. Never less than
   * `cooldown`. Default `"10m"`.
   */
  maxAge?: Duration;
  /** After any fetch, successful or failed, no new fetch starts before this has passed. Default `"30s"`. */
  cooldown?: Duration;
  /** The longest one fetch may take, body included. Default `"5s"`. */
  timeout?: Duration;
  /** When a refresh fails, keep using the last good set for this long past its freshness; `0` turns it off. Default `"1d"`. */
  staleIfError?: Duration;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** A custom fetch (proxies, retries, tests). Default: the global `fetch`. */
  fetch?: JWKSFetch;
  /** Keeps the set outside memory too; see {@link JWKSCache}. */
  cache?: JWKSCache;
  /** Allow `http:` URLs to hosts other than `localhost`, `127.0.0.1` and `[::1]`. Default `false`. */
  allowHttp?: boolean;
}

/**
 * A key set served at a URL, as a key resolver for `verify`: it fetches, caches and
 * refreshes the set, and picks the key for each token by its `kid` and `alg`.
 */
export interface RemoteJWKSet {
  /** The key for a token with this header: what `verify` calls. */
  (header: JWTHeader, token: string): Promise<JWK>;
  /** Fetches the set now, whatever the cache says (joining a fetch already under way). Rejects when the fetch fails. */
  reload(): Promise<void>;
  /** The set in use and when it was fetched, or `undefined` before the first fetch. */
  current(): JWKSCacheEntry | undefined;
}
