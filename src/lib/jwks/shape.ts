/**
 * What a fetched (or stored) document must be before it is used. A key set
 * keeps only the public keys of types webjwt knows: a secret (`oct`) or a
 * private key published at a JWKS URL is a provider's mistake, and is never
 * used nor stored (RFC 7517 §5; a secret there would let anyone who can read
 * the URL sign tokens).
 */

import { isJWTError } from '../../errors.js';
import type { JWK, JWKS, JWKSCacheEntry } from '../../types.js';
import { isPlainObject, own } from '../assert.js';
import { copyJSON } from '../json.js';
import { isPublicKey, soundKeys } from './select.js';

/**
 * The public keys of a key set, deep-frozen, or a message saying why `value` is
 * not a usable key set: no `keys` array of JWK objects, or two keys with one `kid`.
 */
export function publicKeySet(value: unknown): JWKS | string {
  // Own members only, copied (a prototype polluted with `keys` must not become the provider's key set).
  const keys = copyJSON(isPlainObject(value) ? own(value, 'keys') : undefined);
  if (!Array.isArray(keys)) return 'is not a JWK Set (no "keys" array)';
  if (!keys.every((key) => isPlainObject(key) && typeof own(key, 'kty') === 'string')) {
    return 'is not a JWK Set (a member of "keys" is not a JWK)';
  }
  const jwks: JWKS = { keys: (keys as JWK[]).filter(isPublicKey) };
  try {
    soundKeys(jwks);
  } catch (error) {
    if (isJWTError(error)) return 'is not a sound JWK Set (two keys share a "kid")';
    throw error;
  }
  return deepFreeze(jwks);
}

/**
 * A stored entry as the set can use it, or `undefined` for anything else (a
 * cache that returns garbage is treated as empty, and the set fetches).
 * `expiresAt` is bounded: a stored entry never stays fresh for longer than
 * `longest` after it was fetched.
 */
export function storedEntry(
  value: unknown,
  defaultLifetime: number,
  longest: number,
): (JWKSCacheEntry & { expiresAt: number }) | undefined {
  if (!isPlainObject(value)) return undefined;
  const fetchedAt = own(value, 'fetchedAt');
  const expiresAt = own(value, 'expiresAt');
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt)) return undefined;
  if (expiresAt !== undefined && (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt))) return undefined;
  const jwks = publicKeySet(own(value, 'jwks'));
  if (typeof jwks === 'string') return undefined;
  return Object.freeze({ jwks, fetchedAt, expiresAt: Math.min(expiresAt ?? fetchedAt + defaultLifetime, fetchedAt + longest) });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
