/**
 * Key helpers: generate, import and export keys in the forms identity
 * providers and OpenSSL use. `sign` and `verify` accept all of these forms
 * directly; these helpers are for storing, publishing and converting keys.
 */

import { JWTError } from './errors.js';
import { ALGORITHMS } from './lib/algorithms.js';
import { checkAlgorithm, checkBoolean, checkOptions, expected, isPlainObject, snapshot } from './lib/assert.js';
import { cryptoFailure } from './lib/crypto/engine.js';
import { exportDER, exportJWK as exportCryptoKeyJWK, generateKey, randomBytes } from './lib/crypto/webcrypto.js';
import { cryptoKeyFor } from './lib/import.js';
import { isKeyType, publicMembers } from './lib/jwk.js';
import { inspectKey, isCryptoKey } from './lib/keys.js';
import { encodePEM, isPEM } from './lib/pem.js';
import type { JWK, JWSAlgorithm, WebCryptoKey, WebCryptoKeyPair } from './types.js';

const GENERATE_OPTIONS = ['extractable'];
const IMPORT_OPTIONS = ['extractable', 'allowInsecureKeySizes'];

/** Options of {@link importJWK} and {@link importPEM}. */
export interface ImportOptions {
  /** Whether the key may be exported again. Default: `true` for public keys, `false` for private keys and secrets. */
  extractable?: boolean;
  /** See {@link SignOptions.allowInsecureKeySizes}. */
  allowInsecureKeySizes?: boolean;
}

/**
 * A new key pair for an asymmetric algorithm, as CryptoKeys. RSA keys are
 * 2048 bits with e = 65537.
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = await generateKeyPair('ES256');
 * const token = await sign({ sub: 'user-123' }, privateKey);
 * await verify(token, publicKey);
 * ```
 */
export async function generateKeyPair(
  alg: Exclude<JWSAlgorithm, 'HS256' | 'HS384' | 'HS512'>,
  options?: { extractable?: boolean },
): Promise<WebCryptoKeyPair> {
  const spec = ALGORITHMS[checkAlgorithm('alg', alg)];
  if (spec.kty === 'oct') throw new RangeError(`"alg" expected an asymmetric algorithm, got "${alg}": use generateSecret`);
  const { extractable = false } = checkOptions<{ extractable?: boolean }>(options, GENERATE_OPTIONS, 'generateKeyPair options');
  checkBoolean('extractable', extractable);
  return (await generateKey(spec, extractable).catch(cryptoFailure(alg))) as WebCryptoKeyPair;
}

/**
 * A new random HMAC secret, as long as the hash output (RFC 7518 §3.2).
 *
 * @example
 * ```ts
 * const secret = generateSecret('HS256'); // 32 random bytes
 * ```
 */
export function generateSecret(alg: 'HS256' | 'HS384' | 'HS512' = 'HS256'): Uint8Array<ArrayBuffer> {
  const spec = ALGORITHMS[checkAlgorithm('alg', alg)];
  if (spec.kty !== 'oct') throw new RangeError(`"alg" expected HS256, HS384 or HS512, got "${alg}": use generateKeyPair`);
  return randomBytes(spec.minKeyBytes!);
}

/**
 * Imports a JWK as a CryptoKey for one algorithm (default: the JWK's `alg`, else
 * the key type's first: RS256, ES256/384/512 by curve, EdDSA, HS256).
 *
 * @example
 * ```ts
 * const key = await importJWK({ kty: 'EC', crv: 'P-256', x: '…', y: '…' });
 * ```
 */
export async function importJWK(jwk: JWK, alg?: JWSAlgorithm, options?: ImportOptions): Promise<WebCryptoKey> {
  if (!isPlainObject(jwk)) throw expected('jwk', 'a JWK object', jwk);
  return importAs(jwk, alg, options, 'importJWK options');
}

/**
 * Imports a PEM key as a CryptoKey: SPKI (`PUBLIC KEY`), PKCS#8 (`PRIVATE KEY`),
 * PKCS#1 (`RSA PUBLIC KEY`, `RSA PRIVATE KEY`), SEC1 (`EC PRIVATE KEY`) or an
 * X.509 `CERTIFICATE` (its public key).
 *
 * @example
 * ```ts
 * const key = await importPEM(readFileSync('public.pem', 'utf8'), 'RS256');
 * ```
 */
export async function importPEM(pem: string, alg?: JWSAlgorithm, options?: ImportOptions): Promise<WebCryptoKey> {
  if (typeof pem !== 'string') throw expected('pem', 'a string', pem);
  if (!isPEM(pem)) throw new JWTError('ERR_JWT_KEY_INVALID', 'the text is not a PEM key');
  return importAs(pem, alg, options, 'importPEM options');
}

async function importAs(input: JWK | string, alg: JWSAlgorithm | undefined, options: unknown, label: string) {
  const opts = checkOptions<ImportOptions>(options, IMPORT_OPTIONS, label);
  const key = inspectKey(input);
  const chosen = alg === undefined ? key.algorithms[0]! : checkAlgorithm('alg', alg);
  const isPublic = !key.canSign;
  const extractable = checkBoolean('extractable', opts.extractable) ?? isPublic;
  const allowInsecure = checkBoolean('allowInsecureKeySizes', opts.allowInsecureKeySizes);
  return cryptoKeyFor(key, chosen, isPublic ? 'verify' : 'sign', allowInsecure, extractable);
}

/**
 * Exports an extractable CryptoKey as a JWK, without `ext` and `key_ops`.
 *
 * @example
 * ```ts
 * const { publicKey } = await generateKeyPair('EdDSA', { extractable: true });
 * const jwk = await exportJWK(publicKey); // { kty: 'OKP', crv: 'Ed25519', x: '…' }
 * ```
 */
export async function exportJWK(key: WebCryptoKey): Promise<JWK> {
  if (!isCryptoKey(key)) throw expected('key', 'a CryptoKey', key);
  const jwk = (await exportable(() => exportCryptoKeyJWK(key))) as Record<string, unknown>;
  delete jwk.ext;
  delete jwk.key_ops;
  return jwk as JWK;
}

/**
 * Exports an extractable asymmetric CryptoKey as PEM: SPKI for a public key,
 * PKCS#8 for a private key.
 *
 * @example
 * ```ts
 * const pem = await exportPEM(publicKey); // "-----BEGIN PUBLIC KEY-----\n…"
 * ```
 */
export async function exportPEM(key: WebCryptoKey): Promise<string> {
  if (!isCryptoKey(key)) throw expected('key', 'a CryptoKey', key);
  if (key.type === 'secret') throw new JWTError('ERR_JWT_KEY_INVALID', 'a secret key has no PEM form');
  const format = key.type === 'public' ? 'spki' : 'pkcs8';
  return encodePEM(await exportable(() => exportDER(key, format)), format);
}

/**
 * The public JWK of a private one: every private member removed (and any
 * `key_ops` other than `verify`). A public JWK comes back as a copy.
 *
 * @example
 * ```ts
 * const jwks = { keys: [toPublicJWK(privateJwk)] }; // safe to publish
 * ```
 */
export function toPublicJWK(jwk: JWK): JWK {
  if (!isPlainObject(jwk)) throw expected('jwk', 'a JWK object', jwk);
  const members = snapshot(jwk, 'jwk'); // own data members, each read once
  const kty = members.kty;
  if (!isKeyType(kty)) throw new JWTError('ERR_JWT_KEY_INVALID', 'the JWK "kty" is not oct, RSA, EC or OKP');
  if (kty === 'oct') throw new JWTError('ERR_JWT_KEY_INVALID', 'a secret (oct) key has no public form');
  return publicMembers(members, kty) as JWK;
}

async function exportable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    throw new JWTError(
      'ERR_JWT_KEY_INVALID',
      'the key cannot be exported: it is not extractable (import it with { extractable: true }; for the public JWK of a private key, use exportPublicJWK)',
      { cause },
    );
  }
}
