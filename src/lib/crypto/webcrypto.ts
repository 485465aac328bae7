/**
 * The Web Crypto engine: the only module that touches `crypto.subtle`.
 * Every runtime webjwt supports has it (Node.js 20+, Deno, Bun, browsers, workerd).
 */

import type { AlgorithmSpec } from '../algorithms.js';
import type { CryptoEngine, KeyMaterial } from './engine.js';

const subtle = () => globalThis.crypto.subtle;

export const webCryptoEngine: CryptoEngine = {
  importKey(spec: AlgorithmSpec, material: KeyMaterial, usage: KeyUsage): Promise<CryptoKey> {
    return subtle().importKey('raw', material.bytes, spec.webCrypto, false, [usage]);
  },

  async sign(spec: AlgorithmSpec, key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await subtle().sign(spec.webCrypto, key, data));
  },

  verify(
    spec: AlgorithmSpec,
    key: CryptoKey,
    signature: Uint8Array<ArrayBuffer>,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<boolean> {
    // For HMAC, subtle.verify compares in constant time.
    return subtle().verify(spec.webCrypto, key, signature, data);
  },
};
