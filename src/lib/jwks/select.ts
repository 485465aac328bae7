/**
 * A local JSON Web Key Set (RFC 7517 §5) as a key for `verify`: the key is
 * picked by the token's `kid` and `alg`, never by trusting anything else in
 * the header. Ambiguity is refused rather than guessed at: a token without
 * a `kid` that several keys fit is the token's failure when each key has a
 * `kid` it could have named, the set's when some have none.
 */

import { JWTError } from '../../errors.js';
import type { JWK, JWKS, JWTHeader } from '../../types.js';
import { ALGORITHMS, isAlgorithm } from '../algorithms.js';
import { isPlainObject, own, ownElements, snapshot } from '../assert.js';
import { KEY_MEMBERS, isKeyType } from '../jwk.js';

const invalid = (message: string) => new JWTError('ERR_JWT_KEY_INVALID', message);

export function isJWKS(value: unknown): value is JWKS {
  return isPlainObject(value) && Object.hasOwn(value, 'keys') && !Object.hasOwn(value, 'kty');
}

/**
 * The key of `jwks` for a token with this header. The set itself must be
 * sound: an array of JWK objects, unique `kid`s, and not a mix of public keys
 * with private keys or secrets (Wycheproof "MixedKeySet": such a set is a
 * sign of a configuration mistake, and lets a secret stand in for a public key).
 */
export function selectKey(jwks: JWKS, header: JWTHeader): JWK {
  const keys = soundKeys(jwks);
  const alg = own(header, 'alg');
  const kid = own(header, 'kid');
  const spec = isAlgorithm(alg) ? ALGORITHMS[alg] : undefined;
  const candidates = keys.filter(
    (key) =>
      spec !== undefined &&
      (kid === undefined || key.kid === kid) &&
      key.kty === spec.kty &&
      (key.crv === undefined || key.crv === spec.crv) &&
      (key.alg === undefined || key.alg === alg || spec.sameAs === key.alg) &&
      (key.use === undefined || key.use === 'sig'),
  );
  if (candidates.length === 0) throw new JWTError('ERR_JWKS_NO_MATCHING_KEY', 'no key in the key set matches the token');
  if (candidates.length > 1) {
    // Only a token without a kid can match several keys (kids are unique). When each of them has a kid,
    // the token did not say which: its failure (anyone can send one), not the server's.
    if (candidates.every((key) => key.kid !== undefined)) {
      throw new JWTError('ERR_JWKS_NO_MATCHING_KEY', 'the token has no "kid", and several keys in the key set fit it');
    }
    throw invalid('several keys in the key set fit the token, and not all have a "kid" to tell them apart');
  }
  return candidates[0] as JWK;
}

export function soundKeys(jwks: JWKS): JWK[] {
  const list = own(jwks, 'keys');
  if (!Array.isArray(list)) throw invalid('the key set "keys" is not an array of JWKs');
  // Each entry copied once, own data members only: what is checked here is what is used.
  const entries: JWK[] = [];
  for (const entry of ownElements(list)) {
    if (!isPlainObject(entry)) throw invalid('the key set "keys" is not an array of JWKs');
    try {
      entries.push(snapshot(entry, 'key set entry') as JWK);
    } catch {
      throw invalid('a key in the key set has accessor properties');
    }
  }
  // RFC 7517 §5: keys of a type the implementation does not understand are ignored, so a provider
  // that also publishes, say, a post-quantum key does not break verification.
  const keys = entries.filter((key) => isKeyType(key.kty));
  const kids = keys.map((key) => key.kid).filter((kid) => kid !== undefined);
  if (new Set(kids).size !== kids.length) throw invalid('the key set has two keys with the same "kid"');
  if (new Set(keys.map(isPublicKey)).size > 1) throw invalid('the key set mixes public keys with private keys or secrets');
  return keys;
}

export function isPublicKey(key: Record<string, unknown>): boolean {
  const kty = own(key, 'kty');
  return isKeyType(kty) && kty !== 'oct' && KEY_MEMBERS[kty].private.every((name) => own(key, name) === undefined);
}
