/**
 * The Web Crypto engine: the only module that touches `crypto.subtle`. Every
 * runtime webjwt supports has it (Node.js 20+, Deno, Bun, browsers, workerd).
 */

import { MIN_RSA_BITS, type AlgorithmSpec } from '../algorithms.js';
import type { Bytes, CryptoEngine, KeyMaterial } from './engine.js';

const subtle = () => globalThis.crypto.subtle;

export const webCryptoEngine: CryptoEngine = {
  importKey(spec: AlgorithmSpec, material: KeyMaterial, usages: KeyUsage[], extractable = false) {
    if (material.format === 'jwk') return subtle().importKey('jwk', material.jwk, spec.importParams, extractable, usages);
    const data = material.format === 'raw' ? material.bytes : material.der;
    return subtle().importKey(material.format, data, spec.importParams, extractable, usages);
  },

  async sign(spec, key, data) {
    return new Uint8Array(await subtle().sign(spec.signParams, key, data));
  },

  verify(spec, key, signature, data) {
    // For HMAC, subtle.verify compares in constant time.
    return subtle().verify(spec.signParams, key, signature, data);
  },

  generateKey(spec, extractable) {
    const params =
      spec.kty === 'RSA'
        ? { ...spec.importParams, modulusLength: MIN_RSA_BITS, publicExponent: new Uint8Array([1, 0, 1]) }
        : spec.importParams;
    return subtle().generateKey(params, extractable, ['sign', 'verify']) as Promise<CryptoKeyPair | CryptoKey>;
  },

  exportJWK(key) {
    return subtle().exportKey('jwk', key);
  },

  async exportDER(key, format) {
    return new Uint8Array(await subtle().exportKey(format, key));
  },

  async digest(hash, data) {
    return new Uint8Array(await subtle().digest(hash, data));
  },

  randomBytes(length): Bytes {
    return globalThis.crypto.getRandomValues(new Uint8Array(length));
  },
};
