/**
 * Each refusal of src/lib/keys.ts (what a key is, and whether it may be one)
 * says which rule refused the key. The codes and classes are asserted in
 * test/api; here, that each message names its rule.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, type JWK, type KeyInput } from '../../src/index.js';
import { failure } from './kit.js';

const SECRET = 'key-messages-test-secret-of-32-bytes-or-more';
const K = Buffer.from(SECRET).toString('base64url');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaJWK = rsa.privateKey.export({ format: 'jwk' }) as JWK;
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ecJWK = ec.privateKey.export({ format: 'jwk' }) as JWK;

describe('each refusal of a key names its rule', () => {
  it.each<[string, unknown, string]>([
    ['a secret with a lone surrogate', `${SECRET}\uD800`, 'lone surrogate'],
    ['an empty byte secret', new Uint8Array(0), 'the HMAC secret is empty'],
    ['a PEM public key in base64, as a secret', Buffer.from(rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string).toString('base64'), 'cannot be used as an HMAC secret'],
    ['a URL', 'https://idp.test/.well-known/jwks.json', 'createRemoteJWKSet'],
    ['a URL with surrounding whitespace', '  https://idp.test/.well-known/jwks.json\n', 'createRemoteJWKSet'],
    ['a DSA KeyObject', generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).privateKey, 'dsa KeyObject is not a supported key'],
    ['a JWK "k" that is not a string', { kty: 'oct', k: 5 }, 'the JWK "k" is not a string'],
    ['a JWK "k" that is not base64url', { kty: 'oct', k: `${K}!` }, 'the JWK "k" is not base64url'],
    ['key_ops that is not an array', { kty: 'oct', k: K, key_ops: 'sign' }, 'the JWK "key_ops" is not an array of strings'],
    ['key_ops with a number', { kty: 'oct', k: K, key_ops: [1] }, 'the JWK "key_ops" is not an array of strings'],
    ['key_ops with a repeat', { kty: 'oct', k: K, key_ops: ['sign', 'sign'] }, 'the JWK "key_ops" lists "sign" twice'],
    ['an unknown kty', { kty: 'XYZ', k: K }, 'the JWK "kty" is not oct, RSA, EC or OKP'],
    ['a JWK "kty" that is not a string', { kty: 5, k: K }, 'the JWK "kty" is not a string'],
    ['a JWK member that is a getter', Object.defineProperty({ kty: 'oct' }, 'k', { get: () => K, enumerable: true }), 'key: "k" expected a data property'],
    ['a multi-prime RSA JWK', { ...rsaJWK, oth: 'x' }, 'multi-prime keys are not supported'],
    ['an RSA JWK without n', { ...rsaJWK, n: undefined }, 'the RSA JWK has no "n"'],
    ['a JWK for encryption', { kty: 'oct', k: K, use: 'enc' }, 'the JWK "use" is not "sig"'],
    ['an unknown curve', { ...ecJWK, crv: 'P-999' }, 'the EC JWK curve is not supported'],
    ['an alg that does not fit', { kty: 'oct', k: K, alg: 'RS256' }, 'the JWK "alg" does not fit its key'],
  ])('%s', async (_, key, phrase) => {
    const { message } = await failure(sign({}, key as KeyInput));
    expect(message).toContain(phrase);
  });

  it('a value that is no kind of key', async () => {
    const { kind, message } = await failure(sign({}, 5 as never));
    expect(kind).toBe('TypeError');
    expect(message).toContain('"key" expected a string, Uint8Array, CryptoKey, KeyObject or JWK object');
  });

  it('a CryptoKey no JWS algorithm uses', async () => {
    const aes = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt']);
    expect((await failure(sign({}, aes as never))).message).toContain('a AES-GCM CryptoKey fits no JWS algorithm');
  });

  it('takes a secret that only contains a URL, or a URL followed by more', async () => {
    for (const secret of [`prefix-https://idp.test/${'x'.repeat(32)}`, `https://idp.test/path and more text ${'x'.repeat(20)}`]) {
      await expect(sign({}, secret)).resolves.toMatch(/^ey/);
    }
  });
});
