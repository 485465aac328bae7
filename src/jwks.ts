import { discoverJWKSURL } from './lib/jwks/discovery.js';
import { checkURL, readRemoteOptions, sharingKey } from './lib/jwks/options.js';
import { keySetClient } from './lib/jwks/remote.js';
import { sharedState } from './lib/jwks/state.js';
import type { JWTHeader, RemoteJWKSet, RemoteJWKSetOptions, WebURL } from './types.js';

/**
 * A key set served at a URL (an identity provider's `jwks_uri`), as a key for
 * {@link verify}: fetched when first needed, cached, refreshed when stale or when
 * a token names a `kid` it lacks, and kept in use through a provider outage.
 *
 * Instances for the same URL and options share one cache and one fetch, so
 * creating the set inside a request handler costs no request per request. Any
 * number of concurrent verifications on a cold or stale set make one request.
 * A key is picked as from a local JWKS (by `kid` and `alg`); secrets and private
 * keys in the set are never used, and `jku`, `x5u`, `jwk` and `x5c` in a token
 * are never fetched or trusted.
 *
 * Fails with `ERR_JWKS_NO_MATCHING_KEY` when no key fits the token (after the one
 * refetch the cooldown allows), and with `ERR_JWKS_FETCH_FAILED` (with `status`
 * where the server answered) or `ERR_JWKS_TIMEOUT` when the set cannot be fetched
 * and no usable copy is at hand. An `http:` URL is a `TypeError` unless its host is
 * loopback or `allowHttp` is set; an unknown option is a `TypeError`, a bad
 * duration a `RangeError`.
 *
 * @param url - The key set's URL: `https:`, or `http:` to `localhost`, `127.0.0.1` or `[::1]`.
 * @example
 * ```ts
 * const keys = createRemoteJWKSet('https://idp.example.com/.well-known/jwks.json');
 * const { payload } = await verify(token, keys, { issuer: 'https://idp.example.com/', audience: 'api' });
 * ```
 */
export function createRemoteJWKSet(url: string | WebURL, options?: RemoteJWKSetOptions): RemoteJWKSet {
  const settings = readRemoteOptions(options, 'createRemoteJWKSet options');
  const checked = checkURL('url', url, settings.allowHttp);
  const client = keySetClient(checked, settings, sharedState(sharingKey(checked, settings)));
  const resolver = (header: JWTHeader) => client.getKey(header);
  return Object.assign(resolver, { reload: client.reload, current: client.current });
}

/**
 * The key set of an issuer, found through OpenID Connect Discovery: reads
 * `<issuer>/.well-known/openid-configuration` (or, when that is not served, the
 * RFC 8414 `/.well-known/oauth-authorization-server` metadata), checks that the
 * metadata's `issuer` is exactly `issuer` (the defence against mix-up attacks),
 * and returns {@link createRemoteJWKSet} of its `jwks_uri` with the same options.
 *
 * The metadata is read once per issuer and options for `maxAge`, so calling this in
 * a request handler is cheap. Fails with `ERR_JWKS_FETCH_FAILED` (metadata missing
 * or malformed, another `issuer`, a `jwks_uri` that is neither `https:` nor `http:` to
 * `localhost`, `127.0.0.1` or `[::1]`, unless `allowHttp`) or
 * `ERR_JWKS_TIMEOUT`.
 *
 * @param issuer - The issuer identifier, exactly as tokens carry it in `iss`.
 * @example
 * ```ts
 * const keys = await discoverJWKS('https://idp.example.com/');
 * await verify(token, keys, { issuer: 'https://idp.example.com/', audience: 'api' });
 * ```
 */
export async function discoverJWKS(issuer: string | WebURL, options?: RemoteJWKSetOptions): Promise<RemoteJWKSet> {
  const settings = readRemoteOptions(options, 'discoverJWKS options');
  const issuerURL = checkURL('issuer', issuer, settings.allowHttp);
  // OIDC Discovery §2 and RFC 8414 §2: an issuer identifier has no query and no fragment.
  if (issuerURL.search || (typeof issuer === 'string' ? issuer : issuer.href).includes('#')) {
    throw new TypeError('"issuer" expected a URL without query or fragment, got one with a query or fragment');
  }
  const jwksURL = await discoverJWKSURL(typeof issuer === 'string' ? issuer : issuerURL.href, issuerURL, settings);
  return createRemoteJWKSet(jwksURL, options);
}
