/**
 * Publishing public keys: the JWK a relying party needs, and the JWKS an
 * issuer serves at its `jwks_uri`. One call from any key form, private or
 * public, instead of import, export, thumbprint and `kid`/`alg`/`use` by hand.
 */

import { JWTError } from './errors.js';
import { checkAlgorithm, checkBoolean, checkOptions, checkString, expected, ownElements } from './lib/assert.js';
import { exportJWK } from './lib/crypto/webcrypto.js';
import { cryptoKeyFor } from './lib/import.js';
import { computeThumbprint, keyMaterialOf, thumbprintInput } from './lib/jwk.js';
import { inspectKey } from './lib/keys.js';
import type { JWK, JWKS, JWSAlgorithm, KeyInput } from './types.js';

const PUBLIC_JWK_OPTIONS = ['alg', 'kid', 'allowInsecureKeySizes'];
const JWKS_OPTIONS = ['alg', 'allowInsecureKeySizes'];

/** Options of {@link exportPublicJWK} and {@link exportJWKS}. */
export interface PublishOptions {
  /** The `alg` the key is published for. Default: the key's own (a JWK's `alg`), else RS256, ES256/384/512 by curve, EdDSA. */
  alg?: JWSAlgorithm;
  /** The `kid`. Default: the RFC 7638 SHA-256 thumbprint of the public key (for {@link exportJWKS}, always the thumbprint). */
  kid?: string;
  /** See {@link SignOptions.allowInsecureKeySizes}. */
  allowInsecureKeySizes?: boolean;
}

/**
 * The public JWK to publish for a key: its public members only, with `alg`,
 * `use: "sig"` and a `kid` (by default its RFC 7638 thumbprint, which every
 * party can recompute). The key may be a PEM (public, private or a
 * certificate), DER, a JWK, a Node.js `KeyObject` or a `CryptoKey` (a private
 * one must be extractable: Web Crypto cannot derive its public key otherwise).
 * Secrets have no public form.
 *
 * @example
 * ```ts
 * const jwk = await exportPublicJWK(readFileSync('private.pem', 'utf8'));
 * // { kty: 'EC', crv: 'P-256', x: '…', y: '…', alg: 'ES256', use: 'sig', kid: 'NzbL…' }
 * ```
 */
export async function exportPublicJWK(key: KeyInput, options?: PublishOptions): Promise<JWK> {
  if (key === undefined || key === null) throw expected('key', 'a key', key);
  const opts = checkOptions<PublishOptions>(options, PUBLIC_JWK_OPTIONS, 'exportPublicJWK options');
  const inspected = inspectKey(key);
  if (inspected.kty === 'oct') throw new JWTError('ERR_JWT_KEY_INVALID', 'a secret (HMAC) key has no public key to publish');
  const alg = opts.alg === undefined ? inspected.algorithms[0]! : checkAlgorithm('alg', opts.alg);
  const kid = checkString('kid', opts.kid);
  const allowInsecure = checkBoolean('allowInsecureKeySizes', opts.allowInsecureKeySizes);

  // Imported (extractable, so its public members can be read) with every check a key gets.
  const cryptoKey = await cryptoKeyFor(inspected, alg, inspected.canSign ? 'sign' : 'verify', allowInsecure, true);
  let exported: JsonWebKey;
  try {
    exported = await exportJWK(cryptoKey);
  } catch (cause) {
    throw new JWTError('ERR_JWT_KEY_INVALID', 'the CryptoKey is not extractable, so its public key cannot be read', { cause });
  }
  const jwk = keyMaterialOf(exported as Record<string, unknown>, inspected.kty, false);
  const input = thumbprintInput(jwk as Record<string, unknown>, inspected.kty)!;
  return { ...jwk, alg, use: 'sig', kid: kid ?? (await computeThumbprint(input)) } as JWK;
}

/**
 * A JSON Web Key Set (RFC 7517 §5) of the public keys of `keys`, to serve at
 * an issuer's `jwks_uri`. Each key as {@link exportPublicJWK} makes it, its
 * `kid` its thumbprint; the same key twice is refused.
 *
 * @example
 * ```ts
 * const jwks = await exportJWKS([currentPrivatePem, previousPublicPem]);
 * app.get('/.well-known/jwks.json', (req, res) => res.json(jwks));
 * ```
 */
export async function exportJWKS(keys: readonly KeyInput[], options?: Omit<PublishOptions, 'kid'>): Promise<JWKS> {
  if (!Array.isArray(keys) || keys.length === 0) throw expected('keys', 'a non-empty array of keys', keys);
  const opts = checkOptions<Omit<PublishOptions, 'kid'>>(options, JWKS_OPTIONS, 'exportJWKS options');
  const published = await Promise.all(ownElements(keys).map((key) => exportPublicJWK(key as KeyInput, opts)));
  const kids = published.map((jwk) => jwk.kid);
  if (new Set(kids).size !== kids.length) throw new JWTError('ERR_JWT_KEY_INVALID', 'the same key is listed twice');
  return { keys: published };
}
