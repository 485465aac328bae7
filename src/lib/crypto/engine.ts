/**
 * The crypto seam. Signing and verifying go through a {@link SigningEngine}:
 * Web Crypto everywhere, or node:crypto where a runtime has it and the build
 * allows it (select.ts). Key generation, export and digests are Web Crypto
 * only (webcrypto.ts): they return or read `CryptoKey`s, and are not hot.
 */

import { JWTError } from '../../errors.js';
import type { AlgorithmSpec } from '../algorithms.js';

export type Bytes = Uint8Array<ArrayBuffer>;

/** Key material ready to import: HMAC bytes, DER (SPKI or PKCS#8), or a JWK holding only key members. */
export type KeyMaterial =
  | { format: 'raw'; bytes: Bytes }
  | { format: 'spki' | 'pkcs8'; der: Bytes }
  | { format: 'jwk'; jwk: JsonWebKey };

/** A key as an engine holds it: a `CryptoKey` for Web Crypto, a `KeyObject` for node:crypto. */
export type EngineKey = object;

/** What the key checks need to know of an imported asymmetric key. */
export interface KeyDetails {
  /** The key's type as the engine names it, checked against the algorithm's. */
  type: 'secret' | 'public' | 'private';
  /** RSA: modulus size in bits, and the public exponent. */
  modulusLength?: number;
  publicExponent?: bigint;
}

/** A key imported for one algorithm and usage: the engine that holds it, and the length its signatures have. */
export interface Imported {
  engine: SigningEngine;
  key: EngineKey;
  /** Where signatures have one length: ECDSA R ‖ S, RSA the modulus's. */
  signatureBytes: number | undefined;
}

export interface SigningEngine {
  readonly name: string;
  /**
   * Imports key material for one algorithm: a public key for `verify`, a
   * private key or secret for `sign` (a private key for `verify` gives its
   * public half). Refuses material that is not of the algorithm's key type.
   */
  importKey(spec: AlgorithmSpec, material: KeyMaterial, usage: 'sign' | 'verify'): EngineKey | Promise<EngineKey>;
  /** A caller's `CryptoKey`, as this engine's key. */
  adopt(key: CryptoKey): EngineKey;
  details(key: EngineKey): KeyDetails;
  /**
   * Signs (or MACs) `data`: the ASCII signing input `header.payload` as a
   * string, or bytes. The signature comes as bytes, or as base64url text where
   * the engine makes that directly (node:crypto's HMAC digest: measured 20%
   * faster than bytes and an encoding).
   */
  sign(spec: AlgorithmSpec, key: EngineKey, data: string | Bytes): Bytes | string | Promise<Bytes | string>;
  /** Checks a signature, given as canonical base64url (the token's own segment), over `data`. */
  verify(spec: AlgorithmSpec, key: EngineKey, signature: string, data: string | Bytes): boolean | Promise<boolean>;
}

/**
 * Turns a platform crypto error into a JWTError (a raw DOMException or
 * node:crypto error never reaches the caller) and lets JWTErrors through.
 */
export function cryptoFailure(alg: string) {
  return (error: unknown): never => {
    if (error instanceof JWTError) throw error;
    if ((error as { name?: unknown })?.name === 'NotSupportedError') {
      throw new JWTError('ERR_JWT_ALG_UNSUPPORTED', `this runtime does not support ${alg}`, { cause: error });
    }
    throw new JWTError('ERR_JWT_KEY_INVALID', `the key cannot be used for ${alg}`, { cause: error });
  };
}
