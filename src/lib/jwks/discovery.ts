/**
 * Where an issuer publishes its keys: OpenID Connect Discovery 1.0 §4, falling
 * back to RFC 8414 §3 (OAuth 2.0 Authorization Server Metadata). The metadata's
 * `issuer` must be exactly the issuer asked for (OIDC Discovery §4.3, RFC 8414
 * §3.3): otherwise one provider could point a client at another's keys (mix-up).
 *
 * A found `jwks_uri` is remembered per issuer and options, fresh for `maxAge`,
 * so that `discoverJWKS` called in every request handler (the only place a
 * Cloudflare Worker may fetch) reads the metadata once; when reading it fails,
 * the last `jwks_uri` found stays in use for `staleIfError`, and the failure is
 * repeated without a request during the cooldown.
 */

import { JWTError, isJWTError } from '../../errors.js';
import { own } from '../assert.js';
import { getJSON } from './fetch.js';
import { checkURL, displayURL, sharingKey, type RemoteSettings } from './options.js';
import { copyError } from './remote.js';
import { BoundedMap, MAX_SHARED_SETS, clock } from './state.js';

/** Every field present, so that none is ever read through a (possibly polluted) prototype. */
interface Found {
  jwksURL: URL | undefined;
  foundAt: number | undefined;
  failure: JWTError | undefined;
  failedAt: number | undefined;
}
const NOTHING_FOUND: Found = /* @__PURE__ */ Object.freeze({ jwksURL: undefined, foundAt: undefined, failure: undefined, failedAt: undefined });
const found = /* @__PURE__ */ new BoundedMap<Found>(MAX_SHARED_SETS);

/** The issuer's `jwks_uri`, from its metadata or from memory. */
export async function discoverJWKSURL(issuer: string, issuerURL: URL, settings: RemoteSettings): Promise<URL> {
  const key = `${issuer}\n${sharingKey(issuerURL, settings)}`;
  const memory = found.get(key) ?? NOTHING_FOUND;
  const now = clock.now();
  const age = memory.foundAt === undefined ? Infinity : now - memory.foundAt;
  const lifetime = Math.max(settings.maxAge, settings.cooldown);
  const fallback = age < lifetime + settings.staleIfError ? memory.jwksURL : undefined;
  if (age < lifetime && memory.jwksURL) return memory.jwksURL;
  if (memory.failure && memory.failedAt !== undefined && now < memory.failedAt + settings.cooldown) {
    if (fallback) return fallback;
    throw copyError(memory.failure);
  }
  try {
    const jwksURL = await readMetadata(issuer, issuerURL, settings);
    found.set(key, { jwksURL, foundAt: now, failure: undefined, failedAt: undefined });
    return jwksURL;
  } catch (error) {
    if (!isJWTError(error)) throw error;
    found.set(key, { ...memory, failure: error, failedAt: now });
    if (fallback) return fallback;
    throw error;
  }
}

async function readMetadata(issuer: string, issuerURL: URL, settings: RemoteSettings): Promise<URL> {
  const [openid, oauth] = metadataURLs(issuerURL);
  let value: Record<string, unknown>;
  try {
    value = await get(openid, settings);
  } catch (error) {
    // Only an answer that is not 200 (typically 404: no OpenID configuration) tries RFC 8414;
    // a server that cannot be reached, or times out, would not do better at another path.
    if (!isJWTError(error, 'ERR_JWKS_FETCH_FAILED') || error.status === undefined) throw error;
    value = await get(oauth, settings);
  }
  if (own(value, 'issuer') !== issuer) {
    throw new JWTError('ERR_JWKS_FETCH_FAILED', `the metadata of ${displayURL(issuerURL)} names another issuer`);
  }
  try {
    return checkURL('jwks_uri', own(value, 'jwks_uri'), settings.allowHttp);
  } catch (error) {
    throw new JWTError('ERR_JWKS_FETCH_FAILED', `the metadata of ${displayURL(issuerURL)} has no usable "jwks_uri"`, { cause: error });
  }
}

/** OIDC Discovery §4.1 appends to the issuer's path; RFC 8414 §3.1 inserts before it. */
export function metadataURLs(issuer: URL): [openid: URL, oauth: URL] {
  const path = issuer.pathname.replace(/\/$/, '');
  return [
    new URL(`${issuer.origin}${path}/.well-known/openid-configuration`),
    new URL(`${issuer.origin}/.well-known/oauth-authorization-server${path}`),
  ];
}

async function get(url: URL, settings: RemoteSettings): Promise<Record<string, unknown>> {
  const request = getJSON(url, {
    fetch: settings.fetch,
    headers: { accept: 'application/json', ...settings.headers },
    timeout: settings.timeout,
    what: `the metadata at ${displayURL(url)}`,
  });
  return (await request.result).value;
}
