/**
 * The JWS layer (RFC 7515): signing and verifying a compact JWS over an
 * opaque payload. JWT semantics (claims) live in claims.ts; this module
 * decides which algorithm may be used with which key.
 */

import { JWTError } from '../errors.js';
import type { JWKS, JWSAlgorithm, JWTHeader, KeyInput, KeyResolver } from '../types.js';
import { ALGORITHMS, allows, isAlgorithm } from './algorithms.js';
import { encodeBase64url } from './base64url.js';
import type { ParsedJWS } from './compact.js';
import { cryptoFailure, engine } from './crypto/engine.js';
import { isJWKS, selectKey } from './jwks/select.js';
import { importFor, inspectKey, type InspectedKey } from './keys.js';
import { encodeUTF8 } from './utf8.js';

export interface JWSVerifyPolicy {
  /** The caller's allow-list; the key narrows it further. */
  algorithms?: readonly JWSAlgorithm[];
  /** Header parameters the caller understands (RFC 7515 §4.1.11). */
  crit?: readonly string[];
  allowInsecureKeySizes?: boolean;
}

/** Signs `signingInput` (`header.payload`) and returns the complete compact JWS. */
export async function signJWS(
  signingInput: string,
  alg: JWSAlgorithm,
  key: InspectedKey,
  allowInsecureKeySizes?: boolean,
): Promise<string> {
  const cryptoKey = await importFor(key, alg, 'sign', allowInsecureKeySizes);
  const signature = await engine.sign(ALGORITHMS[alg], cryptoKey, encodeUTF8(signingInput)).catch(cryptoFailure(alg));
  return `${signingInput}.${encodeBase64url(signature)}`;
}

/**
 * Verifies a parsed compact JWS. In order: `alg` against the allow-list, `crit`
 * against what the caller understands, the key (resolved only after both),
 * then the signature. Throws a {@link JWTError}; returns nothing.
 */
export async function verifyJWS(
  jws: ParsedJWS,
  token: string,
  key: KeySource,
  policy: JWSVerifyPolicy,
): Promise<void> {
  const { alg, crit } = jws.header;
  if (alg.toLowerCase() === 'none') {
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
  const inspected = typeof key === 'function' ? await key(jws.header, token) : key;
  const cryptoKey = await importFor(inspected, alg, 'verify', policy.allowInsecureKeySizes);
  const spec = ALGORITHMS[alg];
  // ECDSA signatures are R ‖ S of a fixed size (RFC 7518 §3.4); a DER signature is not one.
  const valid =
    (spec.signatureBytes === undefined || jws.signature.length === spec.signatureBytes) &&
    (await engine.verify(spec, cryptoKey, jws.signature, encodeUTF8(jws.signingInput)).catch(cryptoFailure(alg)));
  if (!valid) throw new JWTError('ERR_JWT_SIGNATURE_INVALID', 'the signature does not verify with the key');
}

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
      const found = await key(header, token);
      // A lookup that finds nothing must never fall through to an empty key (CVE-2025-65945).
      if (found === undefined || found === null) throw new JWTError('ERR_JWT_KEY_INVALID', 'the key resolver returned no key');
      return inspectKey(isJWKS(found) ? selectKey(found, header) : found);
    };
  }
  if (isJWKS(key)) return async (header) => inspectKey(selectKey(key, header));
  return inspectKey(key);
}

const notAllowed = (message: string) => new JWTError('ERR_JWT_ALG_NOT_ALLOWED', message);
