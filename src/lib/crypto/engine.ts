/**
 * The crypto seam. Everything webjwt does with cryptography goes through this
 * interface, so a second engine (a runtime's faster native crypto) plugs in
 * here without touching the public verbs or the key logic.
 */

import { JWTError } from '../../errors.js';
import type { AlgorithmSpec } from '../algorithms.js';
import { webCryptoEngine } from './webcrypto.js';

/** Key material ready to import: HMAC bytes, DER (SPKI or PKCS#8), or a JWK holding only key members. */
export type KeyMaterial =
  | { format: 'raw'; bytes: Uint8Array<ArrayBuffer> }
  | { format: 'spki' | 'pkcs8'; der: Uint8Array<ArrayBuffer> }
  | { format: 'jwk'; jwk: JsonWebKey };

export type Bytes = Uint8Array<ArrayBuffer>;

export interface CryptoEngine {
  /** Imports key material for one algorithm and the given usages. */
  importKey(spec: AlgorithmSpec, material: KeyMaterial, usages: KeyUsage[], extractable?: boolean): Promise<CryptoKey>;
  /** Signs (or MACs) `data`. */
  sign(spec: AlgorithmSpec, key: CryptoKey, data: Bytes): Promise<Bytes>;
  /** Checks `signature` over `data`. */
  verify(spec: AlgorithmSpec, key: CryptoKey, signature: Bytes, data: Bytes): Promise<boolean>;
  /** A new key pair (or, for HMAC, a secret key). */
  generateKey(spec: AlgorithmSpec, extractable: boolean): Promise<CryptoKeyPair | CryptoKey>;
  exportJWK(key: CryptoKey): Promise<JsonWebKey>;
  exportDER(key: CryptoKey, format: 'spki' | 'pkcs8'): Promise<Bytes>;
  digest(hash: 'SHA-256' | 'SHA-384' | 'SHA-512', data: Bytes): Promise<Bytes>;
  randomBytes(length: number): Bytes;
}

/** The engine in use. Web Crypto everywhere, for now. */
export const engine: CryptoEngine = webCryptoEngine;

/**
 * A `.catch` handler that turns a platform crypto error into a JWTError (a
 * raw DOMException never reaches the caller) and lets JWTErrors through.
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
