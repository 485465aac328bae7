/**
 * Key input -> an {@link InspectedKey}: what a key is and which algorithms it
 * can serve, with every check its form allows before any import (import.ts
 * does the rest). The key (and the caller), never the token, decide which
 * algorithms are possible: a secret serves only HMAC, an RSA key only RS/PS,
 * an EC key only the ES algorithm of its curve, an Ed25519 key only EdDSA.
 */

import { JWTError } from '../errors.js';
import type { JWK, JWSAlgorithm, KeyInput, NodeKeyObject } from '../types.js';
import { ALGORITHMS, ALGORITHM_NAMES, algorithmsFor, isAlgorithm, type KeyType } from './algorithms.js';
import { describe, isPlainObject, ownElements, snapshot } from './assert.js';
import { decodeBase64url } from './base64url.js';
import type { Imported, KeyMaterial } from './crypto/engine.js';
import { KEY_MEMBERS, isKeyType, keyMaterialOf } from './jwk.js';
import { HOW_TO_DECRYPT, isPEM, parseDER, parsePEM, type DERKey } from './pem.js';
import { checkModulus, rsaModulusOfDER } from './roca.js';
import { keyMaterialIn } from './secrets.js';
import { encodeUTF8 } from './utf8.js';

/** A key input, checked for shape, with what it can serve. Cached per input. */
export interface InspectedKey {
  kty: KeyType;
  /** The algorithms this key can serve, the default for signing first. */
  algorithms: readonly JWSAlgorithm[];
  /** The operations it allows (JWK `key_ops`, CryptoKey `usages`); any when absent. */
  usages?: readonly string[] | undefined;
  /** Whether it can sign: a private key or a secret. */
  canSign: boolean;
  /** The `kid` a JWK names itself with. */
  kid?: string | undefined;
  /** A caller's CryptoKey, or material to import (then cached per algorithm and usage, see import.ts). */
  cryptoKey?: CryptoKey | undefined;
  material?: KeyMaterial | undefined;
  /** Imports by algorithm, one slot per usage and key-size rule (see import.ts). */
  imported: Map<string, (Imported | Promise<Imported> | undefined)[]>;
}

const invalidKey = (message: string) => new JWTError('ERR_JWT_KEY_INVALID', message);

/**
 * Checks a key input and says which algorithms it can serve. Throws a
 * `TypeError` for a value that is no key at all and `ERR_JWT_KEY_INVALID` for
 * a key that cannot be used.
 */
export function inspectKey(key: KeyInput): InspectedKey {
  if (typeof key === 'string') {
    return cached(stringKeys, key, () => {
      // Lone surrogates would all encode as U+FFFD: distinct secrets would collide, and a string of
      // them would pass the length rule with no entropy at all.
      if (/[\uD800-\uDFFF]/u.test(key)) throw invalidKey('the secret is not well-formed UTF-16 (it has a lone surrogate)');
      return fromText(key);
    });
  }
  if (key instanceof Uint8Array) return fromBytes(key);
  if (isCryptoKey(key)) return fromCryptoKey(key);
  if (isKeyObject(key)) return fromKeyObject(key);
  // A plain object is a JWK; one that calls itself something else (Symbol.toStringTag) is not.
  if (isPlainObject(key) && Object.prototype.toString.call(key) === '[object Object]') {
    if (Object.hasOwn(key, 'key') && !Object.hasOwn(key, 'kty')) {
      throw new TypeError(`"key" expected a key, got an object with a "key" member ({ key, passphrase }?): pass the key itself; ${HOW_TO_DECRYPT}`);
    }
    return fromJWK(key);
  }
  throw new TypeError(`"key" expected a string, Uint8Array, CryptoKey, KeyObject or JWK object, got ${describe(key)}`);
}

// ---------------------------------------------------------------------------
// Inputs

function fromDER({ format, der, family }: DERKey): InspectedKey {
  if (family.kty === 'RSA') checkModulus(rsaModulusOfDER(der, format));
  return newKey({
    kty: family.kty,
    algorithms: algorithmsFor(family.kty, 'crv' in family ? family.crv : undefined),
    canSign: format === 'pkcs8',
    material: { format, der },
  });
}

/** Text (a string, or bytes read from a file as latin1): a PEM key, else an HMAC secret. */
function fromText(text: string, bytes?: Uint8Array<ArrayBuffer>): InspectedKey {
  // A PEM is a public or private key, never an HMAC secret: an HS256 token
  // MACed with the public key text cannot pass (CVE-2022-23541, CVE-2023-48223).
  if (isPEM(text)) return fromDER(parsePEM(text));
  if (/^https?:\/\/\S+$/.test(text.trim())) {
    throw invalidKey('a URL is not a key: to verify with the keys published at a URL, use createRemoteJWKSet');
  }
  return fromSecret(bytes ?? text);
}

/** An HMAC secret (a string is its UTF-8 bytes), unless it is empty or key material in disguise (see secrets.ts). */
function fromSecret(secret: string | Uint8Array<ArrayBuffer>): InspectedKey {
  const bytes = typeof secret === 'string' ? encodeUTF8(secret) : secret;
  // An empty secret is refused whatever the options, and whatever the token (CVE-2025-65945, CVE-2026-44351).
  if (bytes.length === 0) throw invalidKey('the HMAC secret is empty');
  const disguised = keyMaterialIn(secret);
  if (disguised) throw invalidKey(`${disguised} cannot be used as an HMAC secret`);
  return newKey({ kty: 'oct', algorithms: algorithmsFor('oct'), canSign: true, material: { format: 'raw', bytes } });
}

/** Bytes: a DER key (a `.der` file), PEM text (a `.pem` file), else an HMAC secret. */
function fromBytes(bytes: Uint8Array): InspectedKey {
  // Cached by content, not identity: a fresh array per call (`encode(secret)`) still hits, and a
  // reused buffer never serves the key it held before.
  const text = latin1(bytes);
  return cached(contentKeys, `b:${text}`, () => {
    const copy = new Uint8Array(bytes);
    return fromDERBytes(copy) ?? fromText(text, copy);
  });
}

function fromDERBytes(bytes: Uint8Array<ArrayBuffer>): InspectedKey | undefined {
  const der = parseDER(bytes);
  return der && fromDER(der);
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

/**
 * A Node.js KeyObject (what jsonwebtoken users have): a secret as its bytes,
 * an asymmetric key as its JWK, each then checked like any key of that form.
 * KeyObjects are immutable, so the result is cached per object.
 */
const keyObjects = new WeakMap<NodeKeyObject, InspectedKey>();

function fromKeyObject(key: NodeKeyObject): InspectedKey {
  let inspected = keyObjects.get(key);
  if (!inspected) {
    if (key.type === 'secret') {
      inspected = fromSecret(new Uint8Array(key.export() as Uint8Array));
    } else {
      let jwk: unknown;
      try {
        jwk = key.export({ format: 'jwk' } as never);
      } catch (cause) {
        throw new JWTError('ERR_JWT_KEY_INVALID', `a ${String(key.asymmetricKeyType)} KeyObject is not a supported key`, { cause });
      }
      inspected = fromJWK(jwk as Record<string, unknown>);
    }
    keyObjects.set(key, inspected);
  }
  return inspected;
}

function isKeyObject(key: unknown): key is NodeKeyObject {
  return (
    Object.prototype.toString.call(key) === '[object KeyObject]' &&
    typeof (key as NodeKeyObject).export === 'function' &&
    ['secret', 'public', 'private'].includes((key as NodeKeyObject).type)
  );
}

/** The JWK members that make a key and limit its use: with the key material, the cache fingerprint. */
// `crv` and `oth` for every key type: checkJWK reads them whatever the type.
const LIMIT_MEMBERS = ['kty', 'alg', 'use', 'key_ops', 'crv', 'oth'];

/**
 * A JWK object. Its own data members are copied once (never read through the
 * prototype, never read twice from a getter or proxy) and type-checked before
 * the cache is consulted, so the fingerprint and the key come from the same
 * values and two different JWKs never share an entry: `null` is not absent,
 * and a member's `toJSON` cannot pass for a string.
 */
function fromJWK(input: Record<string, unknown>): InspectedKey {
  const jwk = snapshot(input, 'key');
  // An unknown kty has no key members: only the limits are checked here, and checkJWK refuses it.
  const keyMembers = isKeyType(jwk.kty) ? [...KEY_MEMBERS[jwk.kty].public, ...KEY_MEMBERS[jwk.kty].private] : LIMIT_MEMBERS;
  const names = [...new Set([...LIMIT_MEMBERS, ...keyMembers])].filter((name) => name in jwk);
  for (const name of [...names, ...('kid' in jwk ? ['kid'] : [])]) {
    if (name === 'key_ops') jwk.key_ops = keyOperations(jwk.key_ops);
    else if (typeof jwk[name] !== 'string') throw invalidKey(`the JWK "${name}" is not a string`);
  }
  // Length-prefixed by hand, not JSON.stringify: a polluted toJSON must not make two keys one entry.
  let fingerprint = '';
  for (const name of names) {
    const value = jwk[name] as string | string[];
    fingerprint += `${name}${typeof value === 'string' ? `=${value.length}:${value}` : `[${value.map((op) => `${op.length}:${op}`).join()}]`};`;
  }
  return cached(contentKeys, `j:${fingerprint}`, () => checkJWK(jwk as JWK), jwk.kid as string | undefined);
}

/** RFC 7517 §4.3: an array of strings, none repeated. Holes are refused, not read through the prototype. */
function keyOperations(ops: unknown): string[] {
  if (!Array.isArray(ops)) throw invalidKey('the JWK "key_ops" is not an array of strings');
  const copy = ownElements(ops);
  if (!copy.every((op) => typeof op === 'string')) throw invalidKey('the JWK "key_ops" is not an array of strings');
  const repeated = copy.find((op, i) => copy.indexOf(op) !== i);
  if (repeated !== undefined) throw invalidKey(`the JWK "key_ops" lists "${repeated}" twice`);
  return copy;
}

/** A JWK snapshot whose members are known to be strings (and `key_ops` an array of strings). */
function checkJWK(jwk: JWK): InspectedKey {
  const { kty } = jwk;
  if (!isKeyType(kty)) throw invalidKey('the JWK "kty" is not oct, RSA, EC or OKP');
  if (Object.hasOwn(jwk, 'oth')) throw invalidKey('the RSA JWK has "oth": multi-prime keys are not supported');
  const members = KEY_MEMBERS[kty];
  for (const name of [...members.public, ...(kty === 'oct' ? ['k'] : [])]) {
    if (jwk[name] === undefined) throw invalidKey(`the ${kty} JWK has no "${name}"`);
  }
  // Key members are canonical base64url (RFC 7518 §6): a padded or standard-base64 "n" must not
  // slip past the checks below (ROCA) on its way to a more lenient importer.
  const decoded: Record<string, Uint8Array<ArrayBuffer>> = {};
  for (const name of [...members.public, ...members.private]) {
    if (jwk[name] === undefined || name === 'crv') continue;
    const bytes = decodeBase64url(jwk[name] as string);
    if (!bytes) throw invalidKey(`the JWK "${name}" is not base64url`);
    decoded[name] = bytes;
  }
  // RFC 7517 §4.2-4.4: "use", "key_ops" and "alg" limit what a key may do.
  if (jwk.use !== undefined && jwk.use !== 'sig') throw invalidKey('the JWK "use" is not "sig"');
  let algorithms = algorithmsFor(kty, jwk.crv);
  if (algorithms.length === 0) throw invalidKey(`the ${kty} JWK curve is not supported`);
  if (jwk.alg !== undefined) {
    if (!isAlgorithm(jwk.alg) || !algorithms.includes(jwk.alg)) throw invalidKey('the JWK "alg" does not fit its key');
    const sameAs = ALGORITHMS[jwk.alg].sameAs;
    algorithms = sameAs ? [jwk.alg, sameAs] : [jwk.alg];
  }
  const usages = jwk.key_ops ? { usages: jwk.key_ops } : {};
  if (kty === 'oct') return newKey({ ...fromSecret(decoded.k!), algorithms, ...usages });
  if (kty === 'RSA') checkModulus(decoded.n);
  const material: KeyMaterial = { format: 'jwk', jwk: keyMaterialOf(jwk, kty, true) };
  return newKey({ kty, algorithms, canSign: jwk.d !== undefined, material, ...usages });
}

// ---------------------------------------------------------------------------
// Caches: each distinct key is checked and parsed once, and imported once per
// algorithm and usage, in one bounded map keyed by content.

const MAX_CACHED = 100;
/** String keys by the string itself (no concatenation per call: the caller's string keeps its hash). */
const stringKeys = new Map<string, InspectedKey>();
/** Bytes ("b:" + latin1) and JWKs ("j:" + fingerprint). */
const contentKeys = new Map<string, InspectedKey>();

/** Empties the caches (tests compare verdicts with a cold and a warm cache). */
export function clearKeyCache(): void {
  stringKeys.clear();
  contentKeys.clear();
}

function cached(cache: Map<string, InspectedKey>, cacheKey: string, make: () => InspectedKey, kid?: string): InspectedKey {
  let key = cache.get(cacheKey);
  if (!key) {
    key = make();
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(cacheKey, key);
  }
  return kid === undefined ? key : { ...key, kid };
}

/** Every field present (absent ones undefined): nothing read through a prototype, one shape for all keys. */
function newKey(fields: Omit<InspectedKey, 'imported'> & { imported?: InspectedKey['imported'] }): InspectedKey {
  return { usages: undefined, kid: undefined, cryptoKey: undefined, material: undefined, imported: new Map(), ...fields };
}

// ---------------------------------------------------------------------------


function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

// The getter of CryptoKey.prototype.type checks that its receiver really is a CryptoKey (WebIDL brand
// check, which holds across realms); a look-alike carrying Symbol.toStringTag 'CryptoKey' is not one.
const cryptoKeyType = /* @__PURE__ */ (() =>
  globalThis.CryptoKey && Object.getOwnPropertyDescriptor(globalThis.CryptoKey.prototype, 'type')?.get)();

export function isCryptoKey(key: unknown): key is CryptoKey {
  if (Object.prototype.toString.call(key) !== '[object CryptoKey]') return false;
  // workerd (2026-04-26) makes type, algorithm, extractable and usages own properties of each key: there
  // is no prototype getter to brand-check with, so the check falls back to instanceof (this realm only).
  if (!cryptoKeyType) return typeof globalThis.CryptoKey === 'function' && key instanceof globalThis.CryptoKey;
  try {
    cryptoKeyType.call(key);
    return true;
  } catch {
    return false;
  }
}
