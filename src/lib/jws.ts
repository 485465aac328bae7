/**
 * The JWS layer (RFC 7515): signing and verifying a compact JWS over an
 * opaque payload. JWT semantics (claims) live in claims.ts; this module
 * decides which algorithm may be used with which key.
 */

import { JWTError } from '../errors.js';
import type { JWKS, JWSAlgorithm, JWTHeader, KeyInput, KeyResolver } from '../types.js';
import { ALGORITHMS, allows, isAlgorithm } from './algorithms.js';
import { own } from './assert.js';
import { encodeBase64url } from './base64url.js';
import type { ParsedJWS } from './compact.js';
import { cryptoFailure, type Bytes, type Imported } from './crypto/engine.js';
import { importFor } from './import.js';
import { isJWKS, selectKey } from './jwks/select.js';
import { inspectKey, type InspectedKey } from './keys.js';

/** The caller's JWS rules; built by `verify` with every field present. */
export interface JWSVerifyPolicy {
  /** The caller's allow-list; the key narrows it further. */
  algorithms?: readonly JWSAlgorithm[] | undefined;
  /** Header parameters the caller understands (RFC 7515 §4.1.11). */
  crit?: readonly string[] | undefined;
  allowInsecureKeySizes?: boolean;
}

/**
 * Signs `signingInput` (`header.payload`) and returns the complete compact
 * JWS: synchronously when nothing needs waiting for (a cached key, node:crypto).
 */
export function signJWS(signingInput: string, alg: JWSAlgorithm, key: InspectedKey, allowInsecureKeySizes?: boolean): string | Promise<string> {
  const imported = importFor(key, alg, 'sign', allowInsecureKeySizes);
  if (imported instanceof Promise) return imported.then((ready) => signWith(signingInput, alg, ready));
  return signWith(signingInput, alg, imported);
}

function signWith(signingInput: string, alg: JWSAlgorithm, { engine, key }: Imported): string | Promise<string> {
  const spec = ALGORITHMS[alg];
  const signature = attempt(alg, () => engine.sign(spec, key, signingInput));
  const complete = (made: Bytes | string) =>
    // An HMAC may come as base64url already; an ECDSA signature is made low-S first.
    `${signingInput}.${typeof made === 'string' ? made : encodeBase64url(spec.order ? toLowS(made, spec.order) : made)}`;
  return signature instanceof Promise ? signature.then(complete) : complete(signature);
}

/**
 * ECDSA signatures are malleable: if (r, s) is valid, so is (r, n − s). webjwt
 * signs only the low one (s ≤ n/2, as Bitcoin's BIP 62 and libsecp256k1 do),
 * so each token it signs has one canonical form. Verify accepts both: other
 * signers produce high-S signatures half the time.
 */
function toLowS(signature: Bytes, order: bigint): Bytes {
  const half = signature.length / 2;
  let s = 0n;
  for (let i = half; i < signature.length; i++) s = (s << 8n) | BigInt(signature[i]!);
  if (s <= order >> 1n) return signature;
  s = order - s;
  for (let i = signature.length - 1; i >= half; i--, s >>= 8n) signature[i] = Number(s & 0xffn);
  return signature;
}

/**
 * Verifies a parsed compact JWS. In order: `alg` against the allow-list, `crit`
 * against what the caller understands, the key (resolved only after both),
 * then the signature. Throws a {@link JWTError}; returns nothing, and returns
 * it synchronously when nothing needs waiting for (a cached key, node:crypto).
 */
export function verifyJWS(jws: ParsedJWS, token: string, key: KeySource, policy: JWSVerifyPolicy): void | Promise<void> {
  const alg = jws.header.alg; // checked: an own, non-empty string
  const crit = own(jws.header, 'crit') as string[] | undefined;
  if (alg.length === 4 && alg.toLowerCase() === 'none') {
    throw notAllowed('unsecured JWTs (alg "none") are never accepted');
  }
  if (!isAlgorithm(alg) || (policy.algorithms && !allows(policy.algorithms, alg))) {
    throw notAllowed('the token algorithm is not in the allowed list');
  }
  for (const name of crit ?? []) {
    if (!policy.crit?.includes(name)) {
      throw new JWTError('ERR_JWT_INVALID', 'the header marks a parameter critical that is not understood');
    }
  }
  if (typeof key === 'function') return key(jws.header, token).then((inspected) => checkSignature(jws, inspected, alg, policy));
  return checkSignature(jws, key, alg, policy);
}

function checkSignature(jws: ParsedJWS, key: InspectedKey, alg: JWSAlgorithm, policy: JWSVerifyPolicy): void | Promise<void> {
  const imported = importFor(key, alg, 'verify', policy.allowInsecureKeySizes, policy.algorithms);
  return imported instanceof Promise ? imported.then((ready) => checkWith(jws, ready, alg)) : checkWith(jws, imported, alg);
}

function checkWith(jws: ParsedJWS, { engine, key, signatureBytes }: Imported, alg: JWSAlgorithm): void | Promise<void> {
  const spec = ALGORITHMS[alg];
  // ECDSA signatures are R ‖ S of a fixed size (RFC 7518 §3.4), a DER signature is not one; RSA ones are as
  // long as the modulus. (The segment is canonical base64url: 4 characters per 3 bytes, unpadded.)
  if (signatureBytes !== undefined && Math.floor((jws.signature.length * 3) / 4) !== signatureBytes) throw badSignature();
  let valid: boolean | Promise<boolean>;
  try {
    valid = engine.verify(spec, key, jws.signature, jws.signingInput);
  } catch (error) {
    return cryptoFailure(alg)(error);
  }
  if (valid instanceof Promise) return settle(valid.catch(cryptoFailure(alg)));
  if (!valid) throw badSignature();
}

/** An asynchronous verdict (Web Crypto), in one step: a verdict of false is a bad signature. */
async function settle(valid: Promise<boolean>): Promise<void> {
  if (!(await valid)) throw badSignature();
}

const badSignature = () => new JWTError('ERR_JWT_SIGNATURE_INVALID', 'the signature does not verify with the key');

/** A key checked up front, or a way to find one from the (unverified) header. */
export type KeySource = InspectedKey | ((header: JWTHeader, token: string) => Promise<InspectedKey>);

/**
 * Turns `verify`'s key argument into a {@link KeySource}. A plain key is checked
 * now, so a key that can never work fails whatever the token; a key set or a
 * resolver is consulted per token, after the header has passed its checks.
 */
export function keySource(key: KeyInput | JWKS | KeyResolver): KeySource {
  if (typeof key === 'function') {
    return async (header, token) => {
      const found: unknown = await key(header, token);
      // A lookup that finds nothing for the token (an unknown kid) is the token's failure, as in a key
      // set, and must never fall through to an empty key (CVE-2025-65945). Anything else a resolver
      // returns for a token-chosen kid ("constructor" finds a function in a plain object) is a
      // JWTError too, never a TypeError.
      if (found === undefined || found === null) {
        throw new JWTError('ERR_JWKS_NO_MATCHING_KEY', 'the key resolver found no key for the token');
      }
      try {
        return inspectKey(isJWKS(found) ? selectKey(found, header) : (found as KeyInput));
      } catch (error) {
        if (error instanceof JWTError) throw error;
        throw new JWTError('ERR_JWT_KEY_INVALID', 'the key resolver returned something that is not a key', { cause: error });
      }
    };
  }
  if (isJWKS(key)) return async (header) => inspectKey(selectKey(key, header));
  return inspectKey(key);
}

const notAllowed = (message: string) => new JWTError('ERR_JWT_ALG_NOT_ALLOWED', message);

/** An engine call, sync (node:crypto) or async (Web Crypto), its platform errors as JWTErrors. */
function attempt<T>(alg: string, run: () => T | Promise<T>): T | Promise<T> {
  try {
    const result = run();
    return result instanceof Promise ? result.catch(cryptoFailure(alg)) : result;
  } catch (error) {
    return cryptoFailure(alg)(error);
  }
}
