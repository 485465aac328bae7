/**
 * The algorithm table: every JWS algorithm webjwt knows, in one place
 * (RFC 7518 §3.1). Code looks algorithms up here instead of switching on names.
 */

import type { JWSAlgorithm } from '../types.js';

export interface AlgorithmSpec {
  /** The JWK key type that serves it (RFC 7518 §6). */
  kty: 'oct';
  /** Web Crypto parameters for importKey/sign/verify. */
  webCrypto: { name: 'HMAC'; hash: 'SHA-256' | 'SHA-384' | 'SHA-512' };
  /** The smallest secure key, in bytes: the hash output size (RFC 7518 §3.2). */
  minKeyBytes: number;
}

const hmac = (bits: 256 | 384 | 512): AlgorithmSpec => ({
  kty: 'oct',
  webCrypto: { name: 'HMAC', hash: `SHA-${bits}` },
  minKeyBytes: bits / 8,
});

export const ALGORITHMS: Readonly<Record<JWSAlgorithm, AlgorithmSpec>> = /* @__PURE__ */ Object.freeze({
  HS256: hmac(256),
  HS384: hmac(384),
  HS512: hmac(512),
});

export const ALGORITHM_NAMES = /* @__PURE__ */ Object.keys(ALGORITHMS) as JWSAlgorithm[];

/** Whether `name` is an algorithm of the table (exact, case-sensitive: RFC 7515 §4.1.1). */
export function isAlgorithm(name: unknown): name is JWSAlgorithm {
  return typeof name === 'string' && Object.hasOwn(ALGORITHMS, name);
}
