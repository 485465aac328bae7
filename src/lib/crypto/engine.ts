/**
 * The crypto seam. `sign` and `verify` reach cryptography only through this
 * interface, so a second engine (a runtime's faster native crypto) or new key
 * formats plug in here without touching the public verbs.
 */

import type { AlgorithmSpec } from '../algorithms.js';
import { webCryptoEngine } from './webcrypto.js';

/** Key bytes ready to import: the raw secret of an HMAC key. */
export interface KeyMaterial {
  format: 'raw';
  bytes: Uint8Array<ArrayBuffer>;
}

export interface CryptoEngine {
  /** Imports key material for one algorithm and one usage. */
  importKey(spec: AlgorithmSpec, material: KeyMaterial, usage: KeyUsage): Promise<CryptoKey>;
  /** Signs (or MACs) `data`. */
  sign(spec: AlgorithmSpec, key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
  /** Checks `signature` over `data`. */
  verify(
    spec: AlgorithmSpec,
    key: CryptoKey,
    signature: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<boolean>;
}

/** The engine in use. Web Crypto everywhere, for now. */
export const engine: CryptoEngine = webCryptoEngine;
