import { JWTError } from './errors.js';
import { expected, isPlainObject, snapshot } from './lib/assert.js';
import { computeThumbprint, isKeyType, thumbprintInput } from './lib/jwk.js';
import type { JWK } from './types.js';

/** A hash for JWK thumbprints. */
export type ThumbprintHash = 'sha256' | 'sha384' | 'sha512';

const DIGESTS = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' } as const;

/**
 * The JWK Thumbprint of a key (RFC 7638), base64url-encoded. A private JWK
 * has the thumbprint of its public key: only the required public members count.
 *
 * @example
 * ```ts
 * await thumbprint({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
 * // 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k'
 * ```
 */
export async function thumbprint(jwk: JWK, hash: ThumbprintHash = 'sha256'): Promise<string> {
  if (!isPlainObject(jwk)) throw expected('jwk', 'a JWK object', jwk);
  if (!Object.hasOwn(DIGESTS, hash)) throw new RangeError(`"hash" expected sha256, sha384 or sha512, got ${String(hash)}`);
  const members = snapshot(jwk, 'jwk'); // own data members, each read once
  const kty = members.kty;
  if (!isKeyType(kty)) throw new JWTError('ERR_JWT_KEY_INVALID', 'the JWK "kty" is not oct, RSA, EC or OKP');
  const input = thumbprintInput(members, kty);
  if (input === undefined) {
    throw new JWTError('ERR_JWT_KEY_INVALID', `the ${kty} JWK lacks a required member, or one is not a string`);
  }
  return computeThumbprint(input, DIGESTS[hash]);
}

/**
 * The JWK Thumbprint URI of a key (RFC 9278).
 *
 * @example
 * ```ts
 * await thumbprintURI(jwk); // 'urn:ietf:params:oauth:jwk-thumbprint:sha-256:kPrK_qmx…'
 * ```
 */
export async function thumbprintURI(jwk: JWK, hash: ThumbprintHash = 'sha256'): Promise<string> {
  const value = await thumbprint(jwk, hash); // checks `hash` first: a name like "toString" is a RangeError, not a crash
  return `urn:ietf:params:oauth:jwk-thumbprint:${DIGESTS[hash].toLowerCase()}:${value}`;
}
