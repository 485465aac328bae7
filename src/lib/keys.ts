/**
 * Key input -> a usable CryptoKey for one algorithm, with every check a key
 * must pass first. The key (and the caller), never the token, decide which
 * algorithms are possible: a secret serves only HMAC, an RSA key only RS/PS,
 * an EC key only the ES algorithm of its curve, an Ed25519 key only EdDSA.
 */

import { JWTError } from '../errors.js';
import type { JWK, JWSAlgorithm, KeyInput } from '../types.js';
import { ALGORITHMS, ALGORITHM_NAMES, MIN_RSA_BITS, algorithmsFor, isAlgorithm, type KeyType } from './algorithms.js';
import { TAG, children, readElement, type DERElement } from './asn1.js';
import { describe, isPlainObject } from './assert.js';
import { decodeBase64url } from './base64url.js';
import { cryptoFailure, engine, type KeyMaterial } from './crypto/engine.js';
import { KEY_MEMBERS, isKeyType, keyMaterialOf } from './jwk.js';
import { decodeBase64, isPEM, parseDER, parsePEM, type DERKey } from './pem.js';
import { hasROCAFingerprint, rsaModulusOfDER } from './roca.js';
import { encodeUTF8 } from './utf8.js';

type Usage = 'sign' | 'verify';

/** A key input, checked for shape, with what it can serve. Cached per input. */
export interface InspectedKey {
  kty: KeyType;
  /** The algorithms this key can serve, the default for signing first. */
  algorithms: readonly JWSAlgorithm[];
  /** The operations it allows (JWK `key_ops`, CryptoKey `usages`); any when absent. */
  usages?: readonly string[];
  /** Whether it can sign: a private key or a secret. */
  canSign: boolean;
  /** The `kid` a JWK names itself with. */
  kid?: string;
  /** A ready CryptoKey, or material to import (then cached per algorithm and usage). */
  cryptoKey?: CryptoKey;
  material?: KeyMaterial;
  imported: Map<string, Promise<CryptoKey>>;
}

const invalidKey = (message: string) => new JWTError('ERR_JWT_KEY_INVALID', message);

/**
 * Checks a key input and says which algorithms it can serve. Throws a
 * `TypeError` for a value that is no key at all and `ERR_JWT_KEY_INVALID` for
 * a key that cannot be used.
 */
export function inspectKey(key: KeyInput): InspectedKey {
  if (typeof key === 'string') return cached(`s:${key}`, () => fromText(key, () => encodeUTF8(key)));
  if (key instanceof Uint8Array) return fromBytes(key);
  if (isCryptoKey(key)) return fromCryptoKey(key);
  if (isPlainObject(key)) return fromJWK(key as JWK);
  throw new TypeError(`"key" expected a string, Uint8Array, CryptoKey or JWK object, got ${describe(key)}`);
}

/**
 * The CryptoKey for `alg` and `usage`. Throws `ERR_JWT_ALG_NOT_ALLOWED` if the
 * key cannot serve `alg`, and `ERR_JWT_KEY_INVALID` if it may not be used for
 * `usage` or is too weak (an HMAC secret shorter than the hash, an RSA modulus
 * under 2048 bits: see `allowInsecureKeySizes`; an empty secret, always).
 */
export async function importFor(
  key: InspectedKey,
  alg: JWSAlgorithm,
  usage: Usage,
  allowInsecureKeySizes = false,
  extractable = false,
): Promise<CryptoKey> {
  if (!key.algorithms.includes(alg)) {
    throw new JWTError('ERR_JWT_ALG_NOT_ALLOWED', `algorithm ${alg} does not fit the ${key.kty} key`);
  }
  if (key.usages && !key.usages.includes(usage)) throw invalidKey(`the key does not allow "${usage}"`);
  if (usage === 'sign' && !key.canSign) throw invalidKey('a public key cannot sign');
  const spec = ALGORITHMS[alg];
  if (key.kty === 'oct') {
    const size = key.cryptoKey ? (key.cryptoKey.algorithm as HmacKeyAlgorithm).length / 8 : rawLength(key.material!);
    // An empty secret is refused whatever the options (CVE-2025-65945, CVE-2026-44351).
    if (size === 0) throw invalidKey('the HMAC secret is empty');
    if (size < spec.minKeyBytes! && !allowInsecureKeySizes) {
      throw invalidKey(
        `the HMAC secret is too short for ${alg}: expected at least ${spec.minKeyBytes} bytes, got ${size} ` +
          '(RFC 7518 §3.2; see the allowInsecureKeySizes option)',
      );
    }
  }

  let cryptoKey: CryptoKey;
  if (key.cryptoKey) {
    cryptoKey = key.cryptoKey;
    if (usage === 'verify' && cryptoKey.type === 'private') throw invalidKey('verify needs the public key, not the private one');
  } else {
    const slot = `${alg}:${usage}:${extractable}`;
    let pending = key.imported.get(slot);
    if (!pending) {
      pending = importMaterial(key.material!, alg, usage, extractable).catch(cryptoFailure(alg));
      pending.catch(() => key.imported.delete(slot)); // never keep a failure
      key.imported.set(slot, pending);
    }
    cryptoKey = await pending;
  }

  if (key.kty === 'RSA') checkRSA(cryptoKey, allowInsecureKeySizes);
  return cryptoKey;
}

async function importMaterial(material: KeyMaterial, alg: JWSAlgorithm, usage: Usage, extractable: boolean) {
  const spec = ALGORITHMS[alg];
  if (usage === 'verify' && material.format === 'pkcs8') {
    // Verify with the public half of a private key: export it through JWK.
    const privateKey = await engine.importKey(spec, material, ['sign'], true);
    material = { format: 'jwk', jwk: await engine.exportJWK(privateKey) };
  }
  if (usage === 'verify' && material.format === 'jwk') {
    material = { format: 'jwk', jwk: keyMaterialOf(material.jwk as Record<string, unknown>, material.jwk.kty as KeyType, false) };
  }
  // A secret serves both operations; a private key signs, a public key verifies.
  return engine.importKey(spec, material, spec.kty === 'oct' ? ['sign', 'verify'] : [usage], extractable);
}

/** RSA moduli known to be factorable are refused: ROCA (CVE-2017-15361). */
function checkModulus(n: Uint8Array | undefined): void {
  if (n && hasROCAFingerprint(n)) throw invalidKey('the RSA key was made by a generator with the ROCA flaw (CVE-2017-15361)');
}

/** RSA: a modulus of at least 2048 bits (CVE-2022-23539) and an odd public exponent of at least 3. */
function checkRSA(key: CryptoKey, allowInsecureKeySizes: boolean): void {
  const { modulusLength, publicExponent } = key.algorithm as RsaHashedKeyAlgorithm;
  if (modulusLength < MIN_RSA_BITS && !allowInsecureKeySizes) {
    throw invalidKey(
      `the RSA key is too small: expected at least ${MIN_RSA_BITS} bits, got ${modulusLength} (see the allowInsecureKeySizes option)`,
    );
  }
  const e = publicExponent.reduce((value, byte) => value * 256 + byte, 0);
  if (e < 3 || e % 2 === 0) throw invalidKey('the RSA public exponent is not an odd number of at least 3');
}

// ---------------------------------------------------------------------------
// Inputs

/**
 * A public key's text is public, so anyone could MAC with it: never an HMAC
 * secret, however it arrives (GHSA-g3jj-5cmm-3hxx for JWK JSON text).
 */
function checkSecretText(text: string): void {
  // Fail closed: anything that looks like key material in some other wrapping is refused too.
  const trimmed = text.replace(/^(\uFEFF|\xEF\xBB\xBF)/, '').trim();
  if (isPEM(text)) throw invalidKey('a PEM key cannot be used as an HMAC secret');
  if (/^[[{][^]*"(kty|keys)"\s*:/.test(trimmed)) throw invalidKey('JWK JSON text cannot be used as an HMAC secret');
  if (/^(ssh-|ecdsa-sha2-)/.test(trimmed)) throw invalidKey('an SSH public key cannot be used as an HMAC secret');
  // A bare base64 DER key, as some identity providers publish it ("public_key": "MIIBIjAN…").
  if (/^MI[A-Za-z0-9+/=\s]{40,}$/.test(trimmed)) {
    const der = decodeBase64(trimmed);
    if (der && looksLikeDER(der)) throw invalidKey('a base64 DER key cannot be used as an HMAC secret');
  }
}

/**
 * Whether bytes are DER shaped like a key, perhaps followed by whitespace: a
 * SEQUENCE holding an AlgorithmIdentifier (SPKI, PKCS#8, a certificate) or
 * only INTEGERs (PKCS#1). A key in a form webjwt does not support (RSA-PSS,
 * secp256k1, ...) is still a key, never a secret. A random secret has this
 * shape with negligible probability (tags, lengths and an OID must all fit).
 */
function looksLikeDER(bytes: Uint8Array): boolean {
  const top = readElement(bytes, 0);
  if (!top || top.tag !== TAG.SEQUENCE) return false;
  for (let i = top.end; i < bytes.length; i++) if (!' \t\r\n'.includes(String.fromCharCode(bytes[i]!))) return false;
  const parts = children(bytes, top);
  if (!parts || parts.length < 2) return false;
  const isAlgorithmId = (element: DERElement | undefined) =>
    element?.tag === TAG.SEQUENCE && readElement(bytes, element.start, element.end)?.tag === TAG.OID;
  const onlyIntegers = parts.every((part) => part.tag === TAG.INTEGER);
  return (
    isAlgorithmId(parts[0]) || // SPKI
    (parts[0]!.tag === TAG.INTEGER && isAlgorithmId(parts[1])) || // PKCS#8
    (parts[0]!.tag === TAG.SEQUENCE && isAlgorithmId(parts[1])) || // a certificate
    (onlyIntegers && (parts.length === 9 || (parts.length === 2 && parts[0]!.end - parts[0]!.start >= 64))) // PKCS#1
  );
}

function fromDER({ format, der, family }: DERKey): InspectedKey {
  if (family.kty === 'RSA') checkModulus(rsaModulusOfDER(der, format));
  return newKey({
    kty: family.kty,
    algorithms: algorithmsFor(family.kty, 'crv' in family ? family.crv : undefined),
    canSign: format === 'pkcs8',
    material: { format, der },
  });
}

/** Text (a string, or bytes read from a file): a PEM key, else an HMAC secret. */
function fromText(text: string, toBytes: () => Uint8Array<ArrayBuffer>): InspectedKey {
  if (isPEM(text)) {
    // A PEM is a public or private key, never an HMAC secret: an HS256 token
    // MACed with the public key text cannot pass (CVE-2022-23541, CVE-2023-48223).
    return fromDER(parsePEM(text));
  }
  checkSecretText(text);
  const bytes = toBytes();
  // An empty secret is refused whatever the options, and whatever the token (CVE-2025-65945, CVE-2026-44351).
  if (bytes.length === 0) throw invalidKey('the HMAC secret is empty');
  return newKey({ kty: 'oct', algorithms: algorithmsFor('oct'), canSign: true, material: { format: 'raw', bytes } });
}

/** Bytes: a DER key (a `.der` file), PEM text (a `.pem` file), else an HMAC secret. */
function fromBytes(bytes: Uint8Array): InspectedKey {
  // Cached by content, not identity: a fresh array per call (`encode(secret)`) still hits, and a
  // reused buffer never serves the key it held before.
  const text = latin1(bytes);
  return cached(`b:${text}`, () => {
    const copy = new Uint8Array(bytes);
    const der = parseDER(copy);
    if (der) return fromDER(der);
    if (looksLikeDER(copy)) throw invalidKey('DER key material that is not a supported key cannot be an HMAC secret');
    return fromText(text, () => copy);
  });
}

function fromCryptoKey(key: CryptoKey): InspectedKey {
  const { name, hash, namedCurve } = key.algorithm as KeyAlgorithm & { hash?: { name: string }; namedCurve?: string };
  const algorithms = ALGORITHM_NAMES.filter((alg) => {
    const params = ALGORITHMS[alg].importParams as { name: string; hash?: string; namedCurve?: string };
    return params.name === name && params.hash === hash?.name && params.namedCurve === namedCurve;
  });
  if (algorithms.length === 0) throw invalidKey(`a ${name} CryptoKey fits no JWS algorithm`);
  return newKey({ kty: ALGORITHMS[algorithms[0]!].kty, algorithms, usages: key.usages, canSign: key.type !== 'public', cryptoKey: key });
}

function fromJWK(jwk: JWK): InspectedKey {
  if (jwk.kid !== undefined && typeof jwk.kid !== 'string') throw invalidKey('the JWK "kid" is not a string');
  // Everything that makes the key, as the cache key: the checks below run once per distinct JWK,
  // not on every call, and a JWK object changed between calls is a different key.
  const members = isKeyType(jwk.kty) ? KEY_MEMBERS[jwk.kty] : { public: [], private: [] };
  const fingerprint = JSON.stringify([jwk.kty, jwk.alg, jwk.use, jwk.key_ops, ...[...members.public, ...members.private].map((name) => jwk[name])]);
  return cached(`j:${fingerprint}`, () => checkJWK(jwk), jwk.kid);
}

function checkJWK(jwk: JWK): InspectedKey {
  const { kty } = jwk;
  if (!isKeyType(kty)) throw invalidKey('the JWK "kty" is not oct, RSA, EC or OKP');
  const members = KEY_MEMBERS[kty];
  for (const name of [...members.public, ...(kty === 'oct' ? ['k'] : [])]) {
    if (jwk[name] === undefined) throw invalidKey(`the ${kty} JWK has no "${name}"`);
  }
  // Key members are canonical base64url (RFC 7518 §6): a padded or standard-base64 "n" must not
  // slip past the checks below (ROCA) on its way to a more lenient importer.
  const decoded: Record<string, Uint8Array> = {};
  for (const name of [...members.public, ...members.private]) {
    const value = jwk[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw invalidKey(`the JWK "${name}" is not a string`);
    if (name === 'crv') continue;
    const bytes = decodeBase64url(value);
    if (!bytes) throw invalidKey(`the JWK "${name}" is not base64url`);
    decoded[name] = bytes;
  }
  // RFC 7517 §4.2-4.4: "use", "key_ops" and "alg" limit what a key may do.
  if (jwk.use !== undefined && jwk.use !== 'sig') throw invalidKey('the JWK "use" is not "sig"');
  const ops = jwk.key_ops;
  if (ops !== undefined && !(Array.isArray(ops) && ops.every((op) => typeof op === 'string'))) {
    throw invalidKey('the JWK "key_ops" is not an array of strings');
  }
  let algorithms = algorithmsFor(kty, jwk.crv);
  if (algorithms.length === 0) throw invalidKey(`the ${kty} JWK curve is not supported`);
  if (jwk.alg !== undefined) {
    if (!isAlgorithm(jwk.alg) || !algorithms.includes(jwk.alg)) throw invalidKey('the JWK "alg" does not fit its key');
    const sameAs = ALGORITHMS[jwk.alg].sameAs;
    algorithms = sameAs ? [jwk.alg, sameAs] : [jwk.alg];
  }

  let material: KeyMaterial = { format: 'jwk', jwk: keyMaterialOf(jwk, kty, true) };
  if (kty === 'RSA') checkModulus(decoded.n);
  if (kty === 'oct') {
    const bytes = new Uint8Array(decoded.k!);
    checkSecretText(latin1(bytes));
    material = { format: 'raw', bytes };
  }
  return newKey({ kty, algorithms, canSign: kty === 'oct' || jwk.d !== undefined, material, ...(ops ? { usages: ops } : {}) });
}

// ---------------------------------------------------------------------------
// Caches: each distinct key is checked and parsed once, and imported once per
// algorithm and usage, in one bounded map keyed by content.

const MAX_CACHED = 100;
const stringKeys = new Map<string, InspectedKey>(); // "s:" + a string, "b:" + bytes as latin1, "j:" + a JWK fingerprint

function cached(cacheKey: string, make: () => InspectedKey, kid?: string): InspectedKey {
  let key = stringKeys.get(cacheKey);
  if (!key) {
    key = make();
    if (stringKeys.size >= MAX_CACHED) stringKeys.delete(stringKeys.keys().next().value!);
    stringKeys.set(cacheKey, key);
  }
  return kid === undefined ? key : { ...key, kid };
}

function newKey(fields: Omit<InspectedKey, 'imported'>): InspectedKey {
  return { ...fields, imported: new Map() };
}

// ---------------------------------------------------------------------------

function rawLength(material: KeyMaterial): number {
  return material.format === 'raw' ? material.bytes.length : 0;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

export function isCryptoKey(key: unknown): key is CryptoKey {
  // Symbol.toStringTag, not instanceof: works across realms.
  return Object.prototype.toString.call(key) === '[object CryptoKey]';
}
