/**
 * Key input -> a usable key for one algorithm, with every check a key must
 * pass first. The key (and the caller), never the token, decide which
 * algorithms are possible.
 */

import { JWTError } from '../errors.js';
import type { JWK, JWSAlgorithm, KeyInput } from '../types.js';
import { ALGORITHMS, ALGORITHM_NAMES, isAlgorithm } from './algorithms.js';
import { describe } from './assert.js';
import { decodeBase64url } from './base64url.js';
import { engine } from './crypto/engine.js';
import { encodeUTF8 } from './utf8.js';

type Usage = 'sign' | 'verify';

/** A key input checked for shape, with what it can serve. */
export interface InspectedKey {
  /** The algorithms this key can serve, in preference order. */
  algorithms: readonly JWSAlgorithm[];
  /** The operations it allows (JWK `key_ops`, CryptoKey `usages`); all when absent. */
  usages?: readonly string[];
  /** The `kid` the key names itself with (JWK). */
  kid?: string;
  /** A ready CryptoKey, or a secret to import. */
  cryptoKey?: CryptoKey;
  secret?: Secret;
}

/** Secret bytes with the CryptoKeys imported from them, per algorithm and usage. */
interface Secret {
  bytes: Uint8Array<ArrayBuffer>;
  imported: Map<string, Promise<CryptoKey>>;
}

const HMAC_ALGORITHMS = ALGORITHM_NAMES.filter((alg) => ALGORITHMS[alg].kty === 'oct');

const invalidKey = (message: string) => new JWTError('ERR_JWT_KEY_INVALID', message);

/**
 * Checks a key input and says which algorithms it can serve. Throws a
 * `TypeError` for a value that is no key at all and `ERR_JWT_KEY_INVALID` for
 * a key that cannot be used.
 */
export function inspectKey(key: KeyInput): InspectedKey {
  if (typeof key === 'string') {
    return { algorithms: HMAC_ALGORITHMS, secret: secretFromString(`s:${key}`, () => encodeUTF8(key), key) };
  }
  if (key instanceof Uint8Array) return { algorithms: HMAC_ALGORITHMS, secret: secretFromBytes(key) };
  if (isCryptoKey(key)) return inspectCryptoKey(key);
  if (typeof key === 'object' && key !== null && !Array.isArray(key)) return inspectJWK(key as JWK);
  throw new TypeError(`"key" expected a string, Uint8Array, CryptoKey or JWK object, got ${describe(key)}`);
}

/**
 * The CryptoKey for `alg` and `usage`, after checking that the key may serve
 * `alg` (else `ERR_JWT_ALG_NOT_ALLOWED`), allows `usage` and is long enough
 * (else `ERR_JWT_KEY_INVALID`; see `allowInsecureKeySizes`).
 */
export function importFor(key: InspectedKey, alg: JWSAlgorithm, usage: Usage, allowInsecureKeySizes = false) {
  if (!key.algorithms.includes(alg)) {
    throw new JWTError('ERR_JWT_ALG_NOT_ALLOWED', `algorithm ${alg} does not fit the key`);
  }
  if (key.usages && !key.usages.includes(usage)) throw invalidKey(`the key does not allow "${usage}"`);
  const spec = ALGORITHMS[alg];
  const size = key.cryptoKey ? (key.cryptoKey.algorithm as HmacKeyAlgorithm).length / 8 : key.secret!.bytes.length;
  // An empty secret is refused whatever the options (CVE-2025-65945, CVE-2026-44351).
  if (size === 0) throw invalidKey('the HMAC secret is empty');
  if (size < spec.minKeyBytes && !allowInsecureKeySizes) {
    throw invalidKey(
      `the HMAC secret is too short for ${alg}: expected at least ${spec.minKeyBytes} bytes, got ${size} ` +
        '(RFC 7518 §3.2; see the allowInsecureKeySizes option)',
    );
  }
  if (key.cryptoKey) return Promise.resolve(key.cryptoKey);

  const { imported, bytes } = key.secret!;
  const slot = `${alg}:${usage}`;
  let cryptoKey = imported.get(slot);
  if (!cryptoKey) {
    cryptoKey = engine.importKey(spec, { format: 'raw', bytes }, usage);
    cryptoKey.catch(() => imported.delete(slot)); // never keep a failure
    imported.set(slot, cryptoKey);
  }
  return cryptoKey;
}

// ---------------------------------------------------------------------------
// Secrets. Each is checked and imported once: strings in a bounded map,
// byte arrays and JWKs by identity.

const MAX_CACHED_STRINGS = 100;
const stringSecrets = new Map<string, Secret>(); // "s:" + a string secret, "j:" + a JWK's k
const bytesSecrets = new WeakMap<Uint8Array, Secret>();

function secretFromString(cacheKey: string, toBytes: () => Uint8Array<ArrayBuffer>, text?: string): Secret {
  let secret = stringSecrets.get(cacheKey);
  if (!secret) {
    secret = newSecret(toBytes(), text);
    if (stringSecrets.size >= MAX_CACHED_STRINGS) stringSecrets.delete(stringSecrets.keys().next().value!);
    stringSecrets.set(cacheKey, secret);
  }
  return secret;
}

function secretFromBytes(bytes: Uint8Array): Secret {
  let secret = bytesSecrets.get(bytes);
  // Compare with our copy: the caller may have reused the buffer for another secret.
  if (!secret || !equalBytes(secret.bytes, bytes)) {
    secret = newSecret(new Uint8Array(bytes));
    bytesSecrets.set(bytes, secret);
  }
  return secret;
}

function newSecret(bytes: Uint8Array<ArrayBuffer>, text = latin1(bytes)): Secret {
  // Algorithm confusion (CVE-2022-23541, CVE-2023-48223, GHSA-g3jj-5cmm-3hxx,
  // CVE-2026-22817): a public key is public, so an HMAC keyed with its PEM or
  // JWK text can be forged by anyone who has it.
  if (text.includes('-----BEGIN')) throw invalidKey('a PEM key cannot be used as an HMAC secret');
  if (/^\s*\{[^]*"(kty|keys)"\s*:/.test(text)) throw invalidKey('JWK JSON text cannot be used as an HMAC secret');
  return { bytes, imported: new Map() };
}

function inspectJWK(jwk: JWK): InspectedKey {
  if (typeof jwk.kty !== 'string') throw invalidKey('the JWK has no "kty"');
  if (jwk.kty !== 'oct') throw invalidKey(`JWK key type "${jwk.kty}" is not supported`);
  const bytes = typeof jwk.k === 'string' ? decodeBase64url(jwk.k) : undefined;
  if (!bytes) throw invalidKey('the oct JWK "k" is missing or not base64url');
  if (jwk.kid !== undefined && typeof jwk.kid !== 'string') throw invalidKey('the JWK "kid" is not a string');
  // RFC 7517 §4.2-4.4: "use", "key_ops" and "alg" limit what a key may do.
  if (jwk.use !== undefined && jwk.use !== 'sig') throw invalidKey('the JWK "use" is not "sig"');
  const ops = jwk.key_ops;
  if (ops !== undefined && !(Array.isArray(ops) && ops.every((op) => typeof op === 'string'))) {
    throw invalidKey('the JWK "key_ops" is not an array of strings');
  }
  let algorithms = HMAC_ALGORITHMS;
  if (jwk.alg !== undefined) {
    if (!isAlgorithm(jwk.alg) || ALGORITHMS[jwk.alg].kty !== 'oct') {
      throw invalidKey('the JWK "alg" is not an HMAC algorithm webjwt supports');
    }
    algorithms = [jwk.alg];
  }
  return {
    algorithms,
    secret: secretFromString(`j:${jwk.k}`, () => bytes),
    ...(ops ? { usages: ops } : {}),
    ...(jwk.kid === undefined ? {} : { kid: jwk.kid }),
  };
}

function inspectCryptoKey(key: CryptoKey): InspectedKey {
  const algorithm = key.algorithm as HmacKeyAlgorithm;
  if (key.type !== 'secret' || algorithm.name !== 'HMAC') {
    throw invalidKey(`a ${key.type} ${algorithm.name} CryptoKey is not an HMAC key`);
  }
  const alg = HMAC_ALGORITHMS.find((name) => ALGORITHMS[name].webCrypto.hash === algorithm.hash.name);
  if (!alg) throw invalidKey(`an HMAC CryptoKey with ${algorithm.hash.name} fits no JWS algorithm`);
  return { algorithms: [alg], usages: key.usages, cryptoKey: key };
}

// ---------------------------------------------------------------------------

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isCryptoKey(key: unknown): key is CryptoKey {
  // Symbol.toStringTag, not instanceof: works across realms.
  return Object.prototype.toString.call(key) === '[object CryptoKey]';
}
