/**
 * An inspected key -> a key an engine can use for one algorithm and usage,
 * after the checks that need the algorithm: it must fit the key, the key's
 * `key_ops`/usages must allow the operation, a public key cannot sign, and the
 * key must be strong enough (HMAC secrets as long as the hash, RSA moduli of
 * 2048 bits, RFC 7518 §3.2-3.3; see `allowInsecureKeySizes`). Imports are
 * cached on the inspected key, per engine, algorithm and usage.
 */

import { JWTError } from '../errors.js';
import type { JWSAlgorithm } from '../types.js';
import { ALGORITHMS, MIN_RSA_BITS } from './algorithms.js';
import { decodeBase64url } from './base64url.js';
import { cryptoFailure, type EngineKey, type Imported, type KeyDetails, type SigningEngine } from './crypto/engine.js';
import { engineFor } from './crypto/select.js';
import { exportJWK, importCryptoKey, webCryptoEngine } from './crypto/webcrypto.js';
import { keyMaterialOf } from './jwk.js';
import type { InspectedKey } from './keys.js';
import { checkModulus } from './roca.js';

type Usage = 'sign' | 'verify';
const invalidKey = (message: string) => new JWTError('ERR_JWT_KEY_INVALID', message);

/**
 * The engine's key for `alg` and `usage`: what `sign` and `verify` use. A
 * cached key comes back as is, without a Promise (the hot path of verify).
 */
export function importFor(
  key: InspectedKey,
  alg: JWSAlgorithm,
  usage: Usage,
  allowInsecureKeySizes = false,
  allowed?: readonly JWSAlgorithm[],
): Imported | Promise<Imported> {
  // One slot per usage and key-size rule. A filled slot means the checks passed for exactly these
  // (the inspected key never changes), so they are not run again.
  let slots = key.imported.get(alg);
  // Four own entries from the start: an empty slot must never be read from a (possibly polluted) prototype.
  if (!slots) key.imported.set(alg, (slots = [undefined, undefined, undefined, undefined]));
  const slot = (usage === 'sign' ? 0 : 2) + (allowInsecureKeySizes ? 1 : 0);
  const ready = slots[slot];
  if (ready) return ready;
  checkUse(key, alg, usage, allowInsecureKeySizes, allowed);
  const pending = engineKey(engineFor(ALGORITHMS[alg], key.cryptoKey), key, alg, usage, allowInsecureKeySizes).catch(cryptoFailure(alg));
  slots[slot] = pending;
  pending.then(
    (imported) => slots[slot] === pending && (slots[slot] = imported),
    () => slots[slot] === pending && (slots[slot] = undefined), // never keep a failure
  );
  return pending;
}

/**
 * A Web Crypto `CryptoKey` for `alg` and `usage`, for the key helpers that
 * return or export one (`importJWK`, `importPEM`, `exportPublicJWK`).
 */
export async function cryptoKeyFor(key: InspectedKey, alg: JWSAlgorithm, usage: Usage, allowInsecureKeySizes = false, extractable = false): Promise<CryptoKey> {
  checkUse(key, alg, usage, allowInsecureKeySizes);
  if (key.cryptoKey) return (await engineKey(webCryptoEngine, key, alg, usage, allowInsecureKeySizes).catch(cryptoFailure(alg))).key as CryptoKey;
  const spec = ALGORITHMS[alg];
  const material = publicIfVerifying(key, usage);
  const cryptoKey = await importCryptoKey(spec, material, spec.kty === 'oct' ? ['sign', 'verify'] : [usage], extractable).catch(cryptoFailure(alg));
  checkDetails(webCryptoEngine.details(cryptoKey), allowInsecureKeySizes);
  return cryptoKey;
}

/**
 * For `verify`, before the token is read: imports the key for the first of
 * its algorithms the caller allows (`allowed`, or all). So a key that can
 * never work (too short for every allowed algorithm, too small an RSA
 * modulus, `key_ops` without "verify", a private CryptoKey, material the
 * engine refuses) fails whatever the token, and no token is blamed for the
 * server's key. The import is cached: later calls cost a lookup. A Promise
 * only while the first import runs.
 */
export function checkVerifiable(key: InspectedKey, allowed: readonly JWSAlgorithm[] | undefined, allowInsecureKeySizes: boolean): Promise<unknown> | undefined {
  const first = firstAllowed(key, allowed);
  // An allow-list without the key's family: each token is refused for its algorithm (ERR_JWT_ALG_NOT_ALLOWED).
  if (first === undefined) return undefined;
  const imported = importFor(key, first, 'verify', allowInsecureKeySizes, allowed);
  return imported instanceof Promise ? imported : undefined;
}

/**
 * The first of the key's algorithms the caller allows (all, without a list).
 * The table lists HS256, HS384, HS512 in that order, so for a secret it is the
 * one that needs the shortest: a secret too short for it is too short for all.
 */
function firstAllowed(key: InspectedKey, allowed: readonly JWSAlgorithm[] | undefined): JWSAlgorithm | undefined {
  return allowed ? key.algorithms.find((alg) => allowed.includes(alg)) : key.algorithms[0];
}

/** An HMAC key's length in bytes: 0 if unknown (then refused). */
function secretBytes(key: InspectedKey): number {
  if (key.cryptoKey) return (key.cryptoKey.algorithm as HmacKeyAlgorithm).length / 8;
  return key.material?.format === 'raw' ? key.material.bytes.length : 0;
}

/** An HMAC secret at least as long as `alg`'s hash (RFC 7518 §3.2), unless the caller allows shorter ones. */
function isLongEnough(key: InspectedKey, alg: JWSAlgorithm, allowInsecureKeySizes: boolean): boolean {
  return allowInsecureKeySizes || secretBytes(key) >= ALGORITHMS[alg].minKeyBytes!;
}

/**
 * The checks that need only the inspected key and the algorithm. A secret too
 * short for the algorithm is the key's failure when signing (the caller chose
 * the algorithm), and when verifying if it is too short for every algorithm
 * the caller allows; but when it could verify another one, the token chose an
 * algorithm the key cannot serve: `ERR_JWT_ALG_NOT_ALLOWED`, as for a token
 * whose algorithm does not fit the key's type.
 */
function checkUse(key: InspectedKey, alg: JWSAlgorithm, usage: Usage, allowInsecureKeySizes: boolean, allowed?: readonly JWSAlgorithm[]): void {
  if (!key.algorithms.includes(alg)) {
    throw new JWTError('ERR_JWT_ALG_NOT_ALLOWED', `algorithm ${alg} does not fit the ${key.kty} key`);
  }
  if (key.usages && !key.usages.includes(usage)) throw invalidKey(`the key does not allow "${usage}"`);
  if (usage === 'sign' && !key.canSign) throw invalidKey('a public key cannot sign');
  if (usage === 'verify' && key.cryptoKey?.type === 'private') throw invalidKey('verify needs the public key, not the private one');
  if (key.kty !== 'oct') return;
  const size = secretBytes(key);
  // An empty secret is refused whatever the options (CVE-2025-65945, CVE-2026-44351).
  if (size === 0) throw invalidKey('the HMAC secret is empty');
  if (isLongEnough(key, alg, allowInsecureKeySizes)) return;
  const message =
    `the HMAC secret is too short for ${alg}: expected at least ${ALGORITHMS[alg].minKeyBytes} bytes, got ${size} ` +
    '(RFC 7518 §3.2; see the allowInsecureKeySizes option)';
  // `alg` is allowed (verify checked it first), so the first allowed algorithm exists; if the secret is long
  // enough for that one, it serves another algorithm than the token's.
  const servesAnother = isLongEnough(key, firstAllowed(key, allowed) ?? alg, false);
  throw usage === 'verify' && servesAnother ? new JWTError('ERR_JWT_ALG_NOT_ALLOWED', message) : invalidKey(message);
}

async function engineKey(engine: SigningEngine, key: InspectedKey, alg: JWSAlgorithm, usage: Usage, allowInsecureKeySizes: boolean): Promise<Imported> {
  const spec = ALGORITHMS[alg];
  let imported: EngineKey;
  if (key.cryptoKey) {
    if (key.kty === 'RSA') await checkCryptoKeyModulus(key.cryptoKey);
    imported = engine.adopt(key.cryptoKey);
  } else {
    imported = await engine.importKey(spec, publicIfVerifying(key, usage), usage);
  }
  const details = engine.details(imported);
  checkDetails(details, allowInsecureKeySizes);
  // RSA signatures are exactly as long as the modulus (RFC 8017 §8.2.2, §8.1.2): OpenSSL also accepts one
  // with a leading zero byte left out, which would give a second token string that verifies.
  const signatureBytes = spec.signatureBytes ?? (details.modulusLength ? Math.ceil(details.modulusLength / 8) : undefined);
  return { engine, key: imported, signatureBytes };
}

/** A private JWK verifies with its public members only: a private member could trip an importer. */
function publicIfVerifying(key: InspectedKey, usage: Usage) {
  const material = key.material!;
  if (usage !== 'verify' || material.format !== 'jwk') return material;
  return { format: 'jwk' as const, jwk: keyMaterialOf(material.jwk as Record<string, unknown>, key.kty, false) };
}

/** RSA: a modulus of at least 2048 bits (CVE-2022-23539) and an odd public exponent of at least 3. */
function checkDetails({ modulusLength, publicExponent }: KeyDetails, allowInsecureKeySizes: boolean): void {
  if (modulusLength === undefined) return;
  if (modulusLength < MIN_RSA_BITS && !allowInsecureKeySizes) {
    throw invalidKey(
      `the RSA key is too small: expected at least ${MIN_RSA_BITS} bits, got ${modulusLength} (see the allowInsecureKeySizes option)`,
    );
  }
  if (publicExponent! < 3n || publicExponent! % 2n === 0n) throw invalidKey('the RSA public exponent is not an odd number of at least 3');
}

/**
 * ROCA for a caller's RSA CryptoKey: its modulus, read once per key object.
 * Web Crypto can only export an extractable key; a non-extractable one keeps
 * its modulus to itself and cannot be checked.
 */
const checkedCryptoKeys = new WeakMap<CryptoKey, Promise<void>>();

function checkCryptoKeyModulus(key: CryptoKey): Promise<void> {
  let checked = checkedCryptoKeys.get(key);
  if (!checked) {
    checked = key.extractable ? exportJWK(key).then((jwk) => checkModulus(decodeBase64url(jwk.n ?? ''))) : Promise.resolve();
    checkedCryptoKeys.set(key, checked);
  }
  return checked;
}
