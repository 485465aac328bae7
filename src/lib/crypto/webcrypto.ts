/**
 * The Web Crypto engine: the only module that touches `crypto.subtle`. Every
 * runtime webjwt supports has it (Node.js 20+, Deno, Bun, browsers, workerd).
 */

import { MIN_RSA_BITS, type AlgorithmSpec } from '../algorithms.js';
import { decodeBase64url } from '../base64url.js';
import { encodeUTF8 } from '../utf8.js';
import type { Bytes, KeyMaterial, SigningEngine } from './engine.js';

const subtle = () => globalThis.crypto.subtle;
const bytesOf = (data: string | Bytes) => (typeof data === 'string' ? encodeUTF8(data) : data);

/** Imports for Web Crypto: a secret serves both operations, a private key signs, a public key verifies. */
export function importCryptoKey(spec: AlgorithmSpec, material: KeyMaterial, usages: KeyUsage[], extractable = false): Promise<CryptoKey> {
  if (material.format === 'jwk') return subtle().importKey('jwk', material.jwk, spec.importParams, extractable, usages);
  const data = material.format === 'raw' ? material.bytes : material.der;
  return subtle().importKey(material.format, data, spec.importParams, extractable, usages);
}

export const webCryptoEngine: SigningEngine = {
  name: 'webcrypto',

  async importKey(spec, material, usage) {
    if (usage === 'verify' && material.format === 'pkcs8') {
      // Verify with the public half of a private key: Web Crypto gives it only through an export.
      const { d, p, q, dp, dq, qi, key_ops, ext, ...publicJWK } = await exportJWK(await importCryptoKey(spec, material, ['sign'], true));
      material = { format: 'jwk', jwk: publicJWK };
    }
    return importCryptoKey(spec, material, spec.kty === 'oct' ? ['sign', 'verify'] : [usage]);
  },

  adopt: (key) => key,

  details(key) {
    const { modulusLength, publicExponent } = (key as CryptoKey).algorithm as Partial<RsaHashedKeyAlgorithm>;
    return {
      type: (key as CryptoKey).type,
      ...(modulusLength ? { modulusLength, publicExponent: publicExponent!.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n) } : {}),
    };
  },

  async sign(spec, key, data) {
    return new Uint8Array(await subtle().sign(spec.signParams, key as CryptoKey, bytesOf(data)));
  },

  verify(spec, key, signature, data) {
    // For HMAC, subtle.verify compares in constant time.
    return subtle().verify(spec.signParams, key as CryptoKey, decodeBase64url(signature, true)!, bytesOf(data));
  },
};

export function generateKey(spec: AlgorithmSpec, extractable: boolean): Promise<CryptoKeyPair | CryptoKey> {
  const params =
    spec.kty === 'RSA'
      ? Object.assign(Object.create(null) as RsaHashedKeyGenParams, spec.importParams, { modulusLength: MIN_RSA_BITS, publicExponent: new Uint8Array([1, 0, 1]) })
      : spec.importParams;
  return subtle().generateKey(params, extractable, ['sign', 'verify']) as Promise<CryptoKeyPair | CryptoKey>;
}

export function exportJWK(key: CryptoKey): Promise<JsonWebKey> {
  return subtle().exportKey('jwk', key);
}

export async function exportDER(key: CryptoKey, format: 'spki' | 'pkcs8'): Promise<Bytes> {
  return new Uint8Array(await subtle().exportKey(format, key));
}

export async function digest(hash: 'SHA-256' | 'SHA-384' | 'SHA-512', data: Bytes): Promise<Bytes> {
  return new Uint8Array(await subtle().digest(hash, data));
}

export function randomBytes(length: number): Bytes {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
