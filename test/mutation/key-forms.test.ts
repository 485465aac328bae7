/**
 * What src/lib/keys.ts takes for which kind of key: a CryptoKey only when it
 * is one (the WebIDL brand check, or instanceof where the runtime has no
 * prototype getter to check with, as in workerd), bytes as text where they
 * are text, an Ed25519 key never judged by a rule for RSA, a JWK that has a
 * "key" member still a JWK, and an unsupported KeyObject's reason kept.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { sign, type JWK } from '../../src/index.js';
import { inspectKey, isCryptoKey } from '../../src/lib/keys.js';
import { failure } from './kit.js';

const SECRET = 'key-forms-test-secret-of-32-bytes-or-more';
const hmacKey = () => crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
/** An object that says it is a CryptoKey and is an instance of none. */
const impostor = () => ({ [Symbol.toStringTag]: 'CryptoKey', type: 'secret', algorithm: { name: 'HMAC', hash: { name: 'SHA-256' } }, usages: ['sign'] });

describe('isCryptoKey: a CryptoKey is one only if the platform made it', () => {
  it('takes a real CryptoKey, refuses (false) look-alikes: a toStringTag, or the prototype without the internal slots', async () => {
    expect(isCryptoKey(await hmacKey())).toBe(true);
    expect(isCryptoKey(impostor())).toBe(false);
    // It inherits CryptoKey's toStringTag and passes instanceof; only the brand check tells.
    const onPrototype = Object.create(CryptoKey.prototype, { algorithm: { value: impostor().algorithm }, type: { value: 'secret' }, usages: { value: ['sign'] } });
    expect(isCryptoKey(onPrototype)).toBe(false);
    expect((await failure(() => inspectKey(onPrototype))).kind).toBe('TypeError');
  });

  it('refuses a CryptoKey that calls itself something else, as a JWK that does is refused', async () => {
    const key = await hmacKey();
    Object.defineProperty(key, Symbol.toStringTag, { value: 'Other' });
    expect(isCryptoKey(key)).toBe(false);
    expect(isCryptoKey(await hmacKey())).toBe(true);
  });

  it('without a prototype getter to brand-check with (workerd), takes instances of CryptoKey, and nothing where there is no CryptoKey', async () => {
    const type = Object.getOwnPropertyDescriptor(CryptoKey.prototype, 'type')!;
    let fresh: typeof import('../../src/lib/keys.js');
    delete (CryptoKey.prototype as { type?: unknown }).type;
    try {
      vi.resetModules();
      fresh = await import('../../src/lib/keys.js'); // reads the getter (absent) as it loads
    } finally {
      Object.defineProperty(CryptoKey.prototype, 'type', type);
    }
    const real = await hmacKey();
    expect(fresh.isCryptoKey(real)).toBe(true);
    expect(fresh.inspectKey(real).cryptoKey).toBe(real);
    expect(fresh.isCryptoKey(impostor())).toBe(false);
    // No CryptoKey in this realm at all: nothing is one (and nothing throws).
    const global = Object.getOwnPropertyDescriptor(globalThis, 'CryptoKey')!;
    delete (globalThis as { CryptoKey?: unknown }).CryptoKey;
    let answer: unknown;
    try {
      answer = fresh.isCryptoKey(impostor());
    } finally {
      Object.defineProperty(globalThis, 'CryptoKey', global);
    }
    expect(answer).toBe(false);
  });
});

describe('other key forms', () => {
  it('reads bytes as text: a URL given as bytes is refused as a URL is', async () => {
    const url = 'https://idp.test/.well-known/jwks.json';
    const asText = await failure(() => inspectKey(url));
    const asBytes = await failure(() => inspectKey(new TextEncoder().encode(url)));
    expect(asBytes.kind).toBe('ERR_JWT_KEY_INVALID');
    expect(asBytes.message).toBe(asText.message);
  });

  it('never judges an Ed25519 key by the ROCA rule for RSA, whatever its 32 bytes look like', () => {
    // The public key 30 03 02 01 01 …: read as an RSA structure it is a modulus of 1, which has the ROCA fingerprint.
    const raw = new Uint8Array(32);
    raw.set([0x30, 0x03, 0x02, 0x01, 0x01]);
    const spki = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00, ...raw]);
    const key = inspectKey(spki);
    expect(key.kty).toBe('OKP');
    expect(key.algorithms).toContain('EdDSA');
    const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(spki).toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(inspectKey(pem).kty).toBe('OKP');
  });

  it('takes a JWK that has a "key" member besides its kty as a JWK', async () => {
    const k = Buffer.from(SECRET).toString('base64url');
    await expect(sign({}, { kty: 'oct', k, key: 'a note' } as JWK)).resolves.toMatch(/^ey/);
    expect((await failure(() => inspectKey({ key: 'a note' } as never))).kind).toBe('TypeError');
  });

  it('keeps the reason a KeyObject is not supported as the error cause', async () => {
    const dsa = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).publicKey;
    const { kind, error } = await failure(() => inspectKey(dsa));
    expect(kind).toBe('ERR_JWT_KEY_INVALID');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});
