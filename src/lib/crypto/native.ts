/**
 * The node:crypto engine, for runtimes that have it (Node.js, Bun). It is
 * reached through `process.getBuiltinModule`, never a static import, so no
 * bundler and no browser ever sees `node:crypto`. It works synchronously: Web
 * Crypto in Node hands every call to a thread pool and back (measured on Node
 * 20: HMAC through `createHmac` is about 7× faster than `crypto.subtle`).
 */

import type { AlgorithmSpec } from '../algorithms.js';
import { decodeBase64url } from '../base64url.js';
import type { Bytes, EngineKey, KeyDetails, SigningEngine } from './engine.js';

/** The parts of node:crypto this engine uses (the package's types do not depend on @types/node). */
interface NodeCrypto {
  createHmac(hash: string, key: NodeKey): { update(data: string | Bytes): { digest(encoding: 'base64url'): string } };
  sign(hash: string | null, data: Bytes, key: NodeKey | SignKey): Bytes;
  verify(hash: string | null, data: Bytes, key: NodeKey | SignKey, signature: Bytes): boolean;
  createSecretKey(key: Bytes): NodeKey;
  createPublicKey(key: NodeKey | { key: Bytes | JsonWebKey; format: 'der' | 'jwk'; type?: 'spki' }): NodeKey;
  createPrivateKey(key: { key: Bytes | JsonWebKey; format: 'der' | 'jwk'; type?: 'pkcs8' }): NodeKey;
  KeyObject: { from(key: CryptoKey): NodeKey };
  constants: { RSA_PKCS1_PSS_PADDING: number };
}

interface NodeKey {
  type: 'secret' | 'public' | 'private';
  asymmetricKeyType?: string;
  asymmetricKeyDetails?: { modulusLength?: number; publicExponent?: bigint; namedCurve?: string };
}

type SignKey = { key: NodeKey; padding?: number; saltLength?: number; dsaEncoding?: 'ieee-p1363' };

/** node:crypto's names for the key types and curves of the algorithm table. */
const KEY_TYPES: Readonly<Record<string, string>> = { RSA: 'rsa', EC: 'ec', OKP: 'ed25519' };
const CURVES: Readonly<Record<string, string>> = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
/** node:crypto's names of the hashes; EdDSA has none (null): its hash is part of the algorithm. */
const HASHES: Readonly<Record<string, string>> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** The node:crypto engine, or `undefined` where the runtime has no node:crypto to offer. */
export function nativeEngine(): SigningEngine | undefined {
  const global = globalThis as { process?: { getBuiltinModule?(id: string): unknown }; navigator?: { userAgent?: string } };
  // workerd's node:crypto (nodejs_compat) is a partial shim: its Web Crypto is the engine there.
  if (global.navigator?.userAgent === 'Cloudflare-Workers') return undefined;
  let crypto: NodeCrypto | undefined;
  try {
    crypto = global.process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
  if (typeof crypto?.createHmac !== 'function' || typeof crypto.KeyObject?.from !== 'function') return undefined;
  const node = crypto;

  const hashOf = (spec: AlgorithmSpec) => (spec.hash ? HASHES[spec.hash]! : null);
  const options = (spec: AlgorithmSpec, key: NodeKey): NodeKey | SignKey => {
    const { name, saltLength } = spec.signParams as { name: string; saltLength?: number };
    if (name === 'RSA-PSS') return { key, padding: node.constants.RSA_PKCS1_PSS_PADDING, saltLength: saltLength! };
    if (name === 'ECDSA') return { key, dsaEncoding: 'ieee-p1363' }; // R ‖ S, as JWS wants (RFC 7518 §3.4)
    return key;
  };
  const adopted = new WeakMap<CryptoKey, NodeKey>();
  const encoder = new TextEncoder();
  const bytesOf = (data: string | Bytes) => (typeof data === 'string' ? encoder.encode(data) : data);

  return {
    name: 'node:crypto',

    importKey(spec, material, usage) {
      let key: NodeKey;
      if (material.format === 'raw') key = node.createSecretKey(material.bytes);
      else if (material.format === 'jwk') {
        key = usage === 'sign' ? node.createPrivateKey({ key: material.jwk, format: 'jwk' }) : node.createPublicKey({ key: material.jwk, format: 'jwk' });
      } else if (material.format === 'spki') key = node.createPublicKey({ key: material.der, format: 'der', type: 'spki' });
      else key = node.createPrivateKey({ key: material.der, format: 'der', type: 'pkcs8' });
      // Web Crypto refuses material of another key type than the algorithm's; so does this engine.
      const expected = spec.kty === 'oct' ? undefined : KEY_TYPES[spec.kty];
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (key.asymmetricKeyType !== expected || (spec.kty === 'EC' && curve !== CURVES[spec.crv!])) {
        throw new Error(`the key is not a ${spec.crv ?? spec.kty} key`);
      }
      return usage === 'verify' && key.type === 'private' ? node.createPublicKey(key) : key;
    },

    adopt(cryptoKey) {
      let key = adopted.get(cryptoKey);
      if (!key) adopted.set(cryptoKey, (key = node.KeyObject.from(cryptoKey)));
      return key;
    },

    details(key): KeyDetails {
      const { type, asymmetricKeyDetails: details } = key as NodeKey;
      return details?.modulusLength ? { type, modulusLength: details.modulusLength, publicExponent: details.publicExponent! } : { type };
    },

    sign(spec, key, data) {
      if (spec.kty === 'oct') return node.createHmac(hashOf(spec)!, key as NodeKey).update(data).digest('base64url');
      return node.sign(hashOf(spec), bytesOf(data), options(spec, key as NodeKey));
    },

    verify(spec, key, signature, data) {
      if (spec.kty === 'oct') return sameText(node.createHmac(hashOf(spec)!, key as NodeKey).update(data).digest('base64url'), signature);
      return node.verify(hashOf(spec), bytesOf(data), options(spec, key as NodeKey), decodeBase64url(signature, true)!);
    },
  } satisfies SigningEngine & { importKey(spec: AlgorithmSpec, ...rest: never[]): EngineKey };
}

/**
 * Whether two MACs in canonical base64url are equal, in time that does not
 * depend on where they differ (a comparison that stops early would let an
 * attacker find a valid MAC byte by byte). Canonical base64url is one text per
 * byte string, so equal texts are equal MACs. Lengths are public: the hash's.
 */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
