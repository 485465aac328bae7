/**
 * The key decides what it may do: no key can be used for an algorithm it was
 * not made for, nor for an operation it does not allow. Each rule has a passing
 * and a failing case. Also: key sets (JWKS), signature form, platform errors,
 * and the key cache.
 */
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  decode,
  exportJWK,
  exportPEM,
  generateKeyPair,
  importJWK,
  importPEM,
  isJWTError,
  sign,
  verify,
  type JWK,
  type JWKS,
  type JWSAlgorithm,
  type KeyInput,
  type SignOptions,
} from '../../src/index.js';
import { b64u, expectJWTError, expectMistake, rejection } from '../helpers.js';
// The engine sign and verify use (node:crypto here, or Web Crypto in the web test project): its calls are counted and made to fail.
import { ALGORITHMS } from '../../src/lib/algorithms.js';
import { engineFor, signer } from '../../src/lib/crypto/select.js';

interface Pair { privateKey: KeyObject; publicKey: KeyObject }
let rsa: Pair;
let rsa1024: Pair;
let rsaE3: Pair;
let p256: Pair;
let p384: Pair;
let p521: Pair;
let ed: Pair;
const jwk = (key: KeyObject, extra: Partial<JWK> = {}): JWK => ({ ...(key.export({ format: 'jwk' }) as JWK), ...extra });
const pem = (key: KeyObject, type: 'spki' | 'pkcs8' | 'pkcs1' | 'sec1') =>
  key.export({ type, format: 'pem' } as never) as unknown as string;
const spki = (key: KeyObject) => pem(key, 'spki');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
/** 64 bytes of UTF-8: serves HS256, HS384 and HS512. */
const SECRET = 'a-secret-that-is-at-least-64-bytes-long-for-every-HMAC-algorithm!';
const HASH = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' } as const;
/** Asserts that `token` verifies with `key` (and these options). */
const accepts = (token: string, key: Parameters<typeof verify>[1], options?: Parameters<typeof verify>[2]) =>
  expect(verify(token, key, options)).resolves.toBeDefined();
const headerOf = async (key: KeyInput, options?: SignOptions) => decode(await sign({}, key, options)).header;

beforeAll(() => {
  rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
  rsaE3 = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 3 });
  p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' });
  ed = generateKeyPairSync('ed25519');
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sign picks the default algorithm from the key', () => {
  it.each([
    ['a string secret', () => SECRET, 'HS256'],
    ['a Uint8Array secret', () => new TextEncoder().encode(SECRET), 'HS256'],
    ['an oct JWK whose alg is HS512', () => ({ kty: 'oct', k: b64u(SECRET), alg: 'HS512' }), 'HS512'],
    ['an HMAC SHA-384 CryptoKey', () => crypto.subtle.importKey('raw', new TextEncoder().encode(SECRET), { name: 'HMAC', hash: 'SHA-384' }, false, ['sign']), 'HS384'],
    ['an RSA JWK', () => jwk(rsa.privateKey), 'RS256'],
    ['an RSA PKCS#1 PEM', () => pem(rsa.privateKey, 'pkcs1'), 'RS256'],
    ['an RSA JWK whose alg is PS384', () => jwk(rsa.privateKey, { alg: 'PS384' }), 'PS384'],
    ['an RSA-PSS SHA-512 CryptoKey', () => importPEM(pem(rsa.privateKey, 'pkcs8'), 'PS512'), 'PS512'],
    ['a P-256 JWK', () => jwk(p256.privateKey), 'ES256'],
    ['a P-384 PKCS#8 PEM', () => pem(p384.privateKey, 'pkcs8'), 'ES384'],
    ['a P-521 SEC1 PEM', () => pem(p521.privateKey, 'sec1'), 'ES512'],
    ['an Ed25519 JWK', () => jwk(ed.privateKey), 'EdDSA'],
    ['an Ed25519 JWK whose alg is Ed25519', () => jwk(ed.privateKey, { alg: 'Ed25519' }), 'Ed25519'],
    ['an Ed25519 CryptoKey', async () => (await generateKeyPair('Ed25519')).privateKey, 'EdDSA'],
    ["a certificate's private key", () => fixture('ec-cert-key.pem'), 'ES256'],
  ] as [string, () => KeyInput | Promise<KeyInput>, JWSAlgorithm][])('%s: %s', async (_, key, alg) => {
    const token = await sign({}, await key());
    expect(decode(token).header.alg).toBe(alg);
  });

  it('an alg the key cannot serve is refused, whether asked for or named by the JWK', async () => {
    await expectJWTError(sign({}, jwk(p256.privateKey), { alg: 'ES384' }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(sign({}, jwk(rsa.privateKey), { alg: 'HS256' }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(sign({}, SECRET, { alg: 'RS256' }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(sign({}, jwk(rsa.privateKey, { alg: 'PS256' }), { alg: 'RS256' }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(sign({}, jwk(rsa.privateKey, { alg: 'ES256' })), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(sign({}, jwk(ed.privateKey, { alg: 'HS256' })), 'ERR_JWT_KEY_INVALID');
    expect((await headerOf(jwk(rsa.privateKey), { alg: 'PS512' })).alg).toBe('PS512');
  });

  it("puts a JWK's kid into the header unless the caller sets one", async () => {
    const key = jwk(p256.privateKey, { kid: 'key-1' });
    expect((await headerOf(key)).kid).toBe('key-1');
    expect((await headerOf(key, { kid: 'chosen' })).kid).toBe('chosen');
    expect(await headerOf(jwk(p256.privateKey))).not.toHaveProperty('kid');
    expect((await headerOf({ kty: 'oct', k: b64u(SECRET), kid: 'hmac' })).kid).toBe('hmac');
    // the same key material under two kids: each token gets its own
    expect((await headerOf(jwk(p256.privateKey, { kid: 'key-2' }))).kid).toBe('key-2');
  });
});

describe('verify without an allow-list accepts only what the key can serve', () => {
  it.each([
    ['an RSA key', () => [jwk(rsa.privateKey), spki(rsa.publicKey)], ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']],
    ['a P-384 key', () => [jwk(p384.privateKey), jwk(p384.publicKey)], ['ES384']],
    ['an Ed25519 key', () => [jwk(ed.privateKey), spki(ed.publicKey)], ['EdDSA', 'Ed25519']],
    ['a secret', () => [SECRET, SECRET], ['HS256', 'HS384', 'HS512']],
  ] as [string, () => [KeyInput, KeyInput], JWSAlgorithm[]][])('%s: %j', async (_, keys, algs) => {
    const [privateKey, publicKey] = keys();
    for (const alg of algs) await accepts(await sign({}, privateKey, { alg }), publicKey);
    const others: [JWSAlgorithm, KeyInput][] = [
      ['HS256', SECRET],
      ['RS256', jwk(rsa.privateKey)],
      ['ES256', jwk(p256.privateKey)],
      ['ES512', jwk(p521.privateKey)],
      ['EdDSA', jwk(ed.privateKey)],
    ];
    for (const [alg, key] of others.filter(([alg]) => !algs.includes(alg))) {
      await expectJWTError(verify(await sign({}, key, { alg }), publicKey), 'ERR_JWT_ALG_NOT_ALLOWED');
    }
  });

  it('an allow-list narrows it further, never widens it', async () => {
    const ps = await sign({}, jwk(rsa.privateKey), { alg: 'PS256' });
    await accepts(ps, spki(rsa.publicKey), { algorithms: ['PS256', 'ES256'] });
    await expectJWTError(verify(ps, spki(rsa.publicKey), { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    const es = await sign({}, jwk(p256.privateKey));
    await expectJWTError(verify(es, spki(rsa.publicKey), { algorithms: ['ES256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });
});

describe('the key decides the algorithm family', () => {
  it('a public RSA key never verifies an HS256 token MACed with its PEM, DER or JWK text, even with HS256 allowed', async () => {
    const der = rsa.publicKey.export({ type: 'spki', format: 'der' });
    await accepts(await sign({}, jwk(rsa.privateKey)), spki(rsa.publicKey), { algorithms: ['RS256', 'HS256'] });
    for (const text of [spki(rsa.publicKey), pem(rsa.publicKey, 'pkcs1'), JSON.stringify(jwk(rsa.publicKey)), der]) {
      const input = `${b64u({ alg: 'HS256' })}.${b64u({})}`;
      const token = `${input}.${createHmac('sha256', text).update(input).digest('base64url')}`;
      for (const key of [spki(rsa.publicKey), jwk(rsa.publicKey), der, pem(rsa.publicKey, 'pkcs1')]) {
        await expectJWTError(verify(token, key), 'ERR_JWT_ALG_NOT_ALLOWED');
        await expectJWTError(verify(token, key, { algorithms: ['HS256', 'RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
      }
      // the PEM text is read as the public key it is; the JWK JSON text is refused as a secret outright
      if (typeof text === 'string') await expectJWTError(verify(token, text), text.startsWith('{') ? 'ERR_JWT_KEY_INVALID' : 'ERR_JWT_ALG_NOT_ALLOWED');
    }
  });

  it('a secret never verifies an asymmetric token', async () => {
    const token = await sign({}, jwk(rsa.privateKey));
    await accepts(token, spki(rsa.publicKey));
    await accepts(await sign({}, SECRET), SECRET);
    await expectJWTError(verify(token, SECRET), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(token, SECRET, { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(token, { kty: 'oct', k: b64u(SECRET) }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(await sign({}, jwk(ed.privateKey)), new TextEncoder().encode(SECRET)), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('an ES256 token never verifies with a P-384 key, nor an ES384 token with a P-256 key', async () => {
    const es256 = await sign({}, jwk(p256.privateKey));
    const es384 = await sign({}, jwk(p384.privateKey));
    await accepts(es256, spki(p256.publicKey));
    await accepts(es384, spki(p384.publicKey));
    await expectJWTError(verify(es256, spki(p384.publicKey)), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(es256, jwk(p384.publicKey), { algorithms: ['ES256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(es384, jwk(p256.publicKey)), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(es384, jwk(p521.publicKey)), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(sign({}, jwk(p256.privateKey), { alg: 'ES384' }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it("a JWK's alg restricts an RSA key to RS256 or PS256", async () => {
    const ps = await sign({}, jwk(rsa.privateKey), { alg: 'PS256' });
    const rs = await sign({}, jwk(rsa.privateKey), { alg: 'RS256' });
    await accepts(ps, jwk(rsa.publicKey));
    await accepts(ps, jwk(rsa.publicKey, { alg: 'PS256' }));
    await accepts(rs, jwk(rsa.publicKey, { alg: 'RS256' }));
    await expectJWTError(verify(ps, jwk(rsa.publicKey, { alg: 'RS256' })), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(rs, jwk(rsa.publicKey, { alg: 'PS256' })), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(rs, jwk(rsa.publicKey, { alg: 'RS384' })), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('a CryptoKey serves only the algorithm it was imported for', async () => {
    const pss = await importPEM(spki(rsa.publicKey), 'PS256');
    await accepts(await sign({}, jwk(rsa.privateKey), { alg: 'PS256' }), pss);
    await expectJWTError(verify(await sign({}, jwk(rsa.privateKey), { alg: 'RS256' }), pss), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(await sign({}, jwk(rsa.privateKey), { alg: 'PS384' }), pss), 'ERR_JWT_ALG_NOT_ALLOWED');
  });
});

describe('EdDSA and Ed25519 are one algorithm', () => {
  it('in allow-lists', async () => {
    const eddsa = await sign({}, jwk(ed.privateKey), { alg: 'EdDSA' });
    const ed25519 = await sign({}, jwk(ed.privateKey), { alg: 'Ed25519' });
    expect([decode(eddsa).header.alg, decode(ed25519).header.alg]).toEqual(['EdDSA', 'Ed25519']);
    for (const token of [eddsa, ed25519]) {
      await accepts(token, spki(ed.publicKey), { algorithms: ['EdDSA'] });
      await accepts(token, spki(ed.publicKey), { algorithms: ['Ed25519'] });
      await expectJWTError(verify(token, spki(ed.publicKey), { algorithms: ['ES256', 'RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    }
  });

  it("in a JWK's alg, and in a CryptoKey imported for either name", async () => {
    const eddsa = await sign({}, jwk(ed.privateKey, { alg: 'EdDSA' }));
    const ed25519 = await sign({}, jwk(ed.privateKey, { alg: 'Ed25519' }));
    expect([decode(eddsa).header.alg, decode(ed25519).header.alg]).toEqual(['EdDSA', 'Ed25519']);
    for (const token of [eddsa, ed25519]) {
      await accepts(token, jwk(ed.publicKey, { alg: 'EdDSA' }));
      await accepts(token, jwk(ed.publicKey, { alg: 'Ed25519' }));
      await accepts(token, await importJWK(jwk(ed.publicKey), 'Ed25519'));
      await accepts(token, await importPEM(spki(ed.publicKey), 'EdDSA'));
    }
    await expectJWTError(sign({}, jwk(ed.privateKey), { alg: 'ES256' }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(eddsa, jwk(p256.publicKey, { alg: 'EdDSA' })), 'ERR_JWT_KEY_INVALID');
  });

  it('in a key set', async () => {
    const set = (alg: string): JWKS => ({ keys: [jwk(ed.publicKey, { kid: 'ed', alg }), jwk(p256.publicKey, { kid: 'ec' })] });
    for (const token of [await sign({}, jwk(ed.privateKey), { alg: 'EdDSA' }), await sign({}, jwk(ed.privateKey), { alg: 'Ed25519' })]) {
      await accepts(token, set('EdDSA'));
      await accepts(token, set('Ed25519'));
      await expectJWTError(verify(token, set('ES256')), 'ERR_JWKS_NO_MATCHING_KEY');
    }
  });
});

describe('keys that may not be used for the operation', () => {
  it('a JWK for encryption, or whose key_ops exclude the operation', async () => {
    const token = await sign({}, jwk(p256.privateKey));
    await accepts(token, jwk(p256.publicKey, { use: 'sig', key_ops: ['verify'] }));
    await expectJWTError(verify(token, jwk(p256.publicKey, { use: 'enc' })), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, jwk(p256.publicKey, { key_ops: ['sign'] })), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, jwk(p256.publicKey, { key_ops: [] })), 'ERR_JWT_KEY_INVALID');
    await expect(sign({}, jwk(p256.privateKey, { key_ops: ['sign'] }))).resolves.toBeDefined();
    await expectJWTError(sign({}, jwk(p256.privateKey, { key_ops: ['verify'] })), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(sign({}, jwk(p256.privateKey, { use: 'enc' })), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(sign({}, { kty: 'oct', k: b64u(SECRET), key_ops: ['verify'] }), 'ERR_JWT_KEY_INVALID');
  });

  it('a public key given to sign', async () => {
    await expect(sign({}, pem(rsa.privateKey, 'pkcs8'))).resolves.toBeDefined();
    for (const key of [spki(rsa.publicKey), pem(rsa.publicKey, 'pkcs1'), jwk(p256.publicKey), fixture('ed25519-cert.pem'), (await generateKeyPair('EdDSA')).publicKey]) {
      await expectJWTError(sign({}, key), 'ERR_JWT_KEY_INVALID');
    }
  });

  it('a private key given to verify uses its public half', async () => {
    for (const [token, key] of [
      [await sign({}, jwk(rsa.privateKey)), jwk(rsa.privateKey)],
      [await sign({}, jwk(rsa.privateKey)), pem(rsa.privateKey, 'pkcs8')],
      [await sign({}, jwk(rsa.privateKey), { alg: 'PS384' }), pem(rsa.privateKey, 'pkcs1')],
      [await sign({}, jwk(p256.privateKey)), pem(p256.privateKey, 'sec1')],
      [await sign({}, jwk(p521.privateKey)), jwk(p521.privateKey)],
      [await sign({}, jwk(ed.privateKey)), pem(ed.privateKey, 'pkcs8')],
      [await sign({}, fixture('rsa-cert-key.pem')), fixture('rsa-cert-key.pem')],
    ] as [string, KeyInput][]) {
      await accepts(token, key);
    }
    await expectJWTError(verify(await sign({}, jwk(p384.privateKey)), pem(p256.privateKey, 'sec1')), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey)), pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey, 'sec1')), 'ERR_JWT_SIGNATURE_INVALID');
  });

  it('a private CryptoKey cannot give up its public half: refused as ERR_JWT_KEY_INVALID', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    await expectJWTError(verify(await sign({}, privateKey), privateKey), 'ERR_JWT_KEY_INVALID');
  });
});

describe('keys too weak or malformed to use', () => {
  it('an RSA key under 2048 bits, unless allowInsecureKeySizes', async () => {
    const token = await sign({}, jwk(rsa1024.privateKey), { allowInsecureKeySizes: true });
    await expectJWTError(sign({}, jwk(rsa1024.privateKey)), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(sign({}, pem(rsa1024.privateKey, 'pkcs1')), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, spki(rsa1024.publicKey)), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, jwk(rsa1024.publicKey)), 'ERR_JWT_KEY_INVALID');
    await accepts(token, spki(rsa1024.publicKey), { allowInsecureKeySizes: true });
    await accepts(token, jwk(rsa1024.publicKey), { allowInsecureKeySizes: true });
  });

  it('an RSA public exponent under 3 or even; e = 3 is accepted', async () => {
    await accepts(await sign({}, jwk(rsaE3.privateKey)), jwk(rsaE3.publicKey));
    expect(jwk(rsaE3.publicKey).e).toBe('Aw');
    const token = await sign({}, jwk(rsa.privateKey));
    for (const e of ['AQ', 'Ag', 'AQAC', 'AAAB']) {
      await expectJWTError(verify(token, jwk(rsa.publicKey, { e })), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verify(token, jwk(rsa.publicKey, { e }), { allowInsecureKeySizes: true }), 'ERR_JWT_KEY_INVALID');
    }
  });

  it('an empty secret, always; a short one unless allowInsecureKeySizes', async () => {
    for (const empty of ['', new Uint8Array(0), { kty: 'oct', k: '' }] as KeyInput[]) {
      await expectJWTError(sign({}, empty), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(sign({}, empty, { allowInsecureKeySizes: true }), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verify(await sign({}, SECRET), empty, { allowInsecureKeySizes: true }), 'ERR_JWT_KEY_INVALID');
    }
    // An empty secret is the key's failure before any algorithm is matched against it: also for another family's
    // algorithm, asked by the caller or named by the token a resolver's empty answer was looked up for.
    const empty = { message: 'the HMAC secret is empty' };
    await expectJWTError(sign({}, '', { alg: 'ES256' }), 'ERR_JWT_KEY_INVALID', empty);
    await expectJWTError(verify(`${b64u({ alg: 'ES256' })}.e30.AA`, () => ''), 'ERR_JWT_KEY_INVALID', empty);
    for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
      const size = Number(alg.slice(2)) / 8;
      const exact = new Uint8Array(size).fill(7);
      const short = exact.subarray(1);
      await accepts(await sign({}, exact, { alg }), exact);
      await expectJWTError(sign({}, short, { alg }), 'ERR_JWT_KEY_INVALID');
      const token = await sign({}, short, { alg, allowInsecureKeySizes: true });
      // Too short for every algorithm allowed: the server's key, whatever the token. One byte short of
      // HS384 or HS512 still serves HS256: then the token chose an algorithm the key cannot serve.
      await expectJWTError(verify(token, short), alg === 'HS256' ? 'ERR_JWT_KEY_INVALID' : 'ERR_JWT_ALG_NOT_ALLOWED');
      await expectJWTError(verify(token, short, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verify(undefined as never, short, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID');
      await accepts(token, short, { allowInsecureKeySizes: true });
    }
  });

  it('an unsupported curve or key type', async () => {
    await accepts(await sign({}, jwk(p256.privateKey)), jwk(p256.publicKey));
    const x25519 = generateKeyPairSync('x25519').publicKey;
    const secp256k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey;
    const ed448 = generateKeyPairSync('ed448').publicKey;
    for (const key of [spki(x25519), spki(secp256k1), spki(ed448), jwk(x25519), jwk(secp256k1), jwk(ed448)]) {
      await expectJWTError(verify('e30.e30.', key), 'ERR_JWT_KEY_INVALID');
    }
  });

  it('a malformed JWK', async () => {
    const token = await sign({}, jwk(p256.privateKey));
    const { x, y } = jwk(p256.publicKey);
    await accepts(token, { kty: 'EC', crv: 'P-256', x, y });
    for (const bad of [
      { kty: 'EC', crv: 'P-256', x },
      { kty: 'EC', crv: 'P-256', x, y: x },
      { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' },
      { kty: 'EC', crv: 'P-256', x, y, kid: 7 },
      { kty: 'EC', crv: 'P-256', x, y, key_ops: 'verify' },
      { kty: 'ec', crv: 'P-256', x, y },
    ]) {
      await expectJWTError(verify(token, bad as JWK), 'ERR_JWT_KEY_INVALID');
    }
  });
});

describe('DER keys (the bytes of a .der file)', () => {
  it.each([
    ['SPKI and PKCS#8', 'spki', 'pkcs8'],
    ['PKCS#1', 'pkcs1', 'pkcs1'],
  ] as const)('RSA %s', async (_, publicType, privateType) => {
    const token = await sign({}, rsa.privateKey.export({ type: privateType, format: 'der' }));
    await accepts(token, rsa.publicKey.export({ type: publicType, format: 'der' }));
  });

  it('EC SEC1 and Ed25519 PKCS#8', async () => {
    const es = await sign({}, p256.privateKey.export({ type: 'sec1', format: 'der' }));
    await accepts(es, p256.publicKey.export({ type: 'spki', format: 'der' }));
    const eddsa = await sign({}, ed.privateKey.export({ type: 'pkcs8', format: 'der' }));
    await accepts(eddsa, ed.publicKey.export({ type: 'spki', format: 'der' }));
  });

  it.each(['ec-cert', 'rsa-cert', 'ed25519-cert'])('the DER of the %s certificate', async (name) => {
    const der = Buffer.from(fixture(`${name}.pem`).replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const token = await sign({}, fixture(`${name}-key.pem`));
    await accepts(token, der);
    await expectJWTError(sign({}, der), 'ERR_JWT_KEY_INVALID'); // a certificate holds a public key
  });

  it('random secrets are not mistaken for DER, even when they start like DER', async () => {
    for (let i = 0; i < 500; i++) {
      const secret = crypto.getRandomValues(new Uint8Array(32));
      secret.set([0x30, 30]); // a SEQUENCE of exactly the right length
      expect(decode(await sign({}, secret)).header.alg).toBe('HS256');
    }
  });
});

describe('signatures in the wrong form', () => {
  it.each([
    ['ES256', 'sha256', () => p256],
    ['ES384', 'sha384', () => p384],
    ['ES512', 'sha512', () => p521],
  ] as const)('%s: a DER-encoded ECDSA signature (valid DER, valid signature) is refused', async (alg, hash, pair) => {
    const { privateKey, publicKey } = pair();
    const input = `${b64u({ alg })}.${b64u({})}`;
    const der = createSign(hash).update(input).sign(privateKey);
    const p1363 = createSign(hash).update(input).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
    expect(createSign(hash).update(input).sign(privateKey)[0]).toBe(0x30); // node's default is DER
    await accepts(`${input}.${p1363.toString('base64url')}`, spki(publicKey));
    await expectJWTError(verify(`${input}.${der.toString('base64url')}`, spki(publicKey)), 'ERR_JWT_SIGNATURE_INVALID');
  });
});

describe('a JWKS as the key', () => {
  const set = (): JWKS => ({
    keys: [jwk(p256.publicKey, { kid: 'a' }), jwk(p384.publicKey, { kid: 'b' }), jwk(rsa.publicKey, { kid: 'c' }), jwk(ed.publicKey, { kid: 'd', use: 'sig' })],
  });

  it('picks the key by kid', async () => {
    for (const [kid, key] of [['a', p256], ['b', p384], ['c', rsa], ['d', ed]] as const) {
      const { header } = await verify(await sign({}, jwk(key.privateKey, { kid })), set());
      expect(header.kid).toBe(kid);
    }
  });

  it('without a kid, picks the one key that fits the algorithm, and only if there is one', async () => {
    await accepts(await sign({}, jwk(rsa.privateKey)), set());
    await accepts(await sign({}, jwk(rsa.privateKey), { alg: 'PS512' }), set());
    await accepts(await sign({}, jwk(p384.privateKey)), set());
    const two: JWKS = { keys: [jwk(p256.publicKey, { kid: 'x' }), jwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey, { kid: 'y' })] };
    // Two keys fit a token without a kid: the token did not name one, which any client can do (401, not 500)...
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey)), two), 'ERR_JWKS_NO_MATCHING_KEY');
    await accepts(await sign({}, jwk(p256.privateKey, { kid: 'x' })), two);
    // ...unless a key has no kid to be named by: then the set cannot tell them apart, the server's problem.
    const unnamed: JWKS = { keys: [jwk(p256.publicKey, { kid: 'x' }), jwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)] };
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey)), unnamed), 'ERR_JWT_KEY_INVALID');
    await accepts(await sign({}, jwk(p256.privateKey, { kid: 'x' })), unnamed);
  });

  it('no key that matches: unknown kid, a kid on a key of another type or curve, use "enc", an alg that differs', async () => {
    const none = 'ERR_JWKS_NO_MATCHING_KEY';
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey), { kid: 'zz' }), set()), none);
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey), { kid: 'b' }), set()), none);
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey), { kid: 'c' }), set()), none);
    await expectJWTError(verify(await sign({}, jwk(p521.privateKey)), set()), none);
    await expectJWTError(verify(await sign({}, SECRET), set()), none);
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey)), { keys: [jwk(p256.publicKey, { use: 'enc' })] }), none);
    await expectJWTError(verify(await sign({}, jwk(rsa.privateKey)), { keys: [jwk(rsa.publicKey, { alg: 'PS256' })] }), none);
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey)), { keys: [] }), none);
  });

  it('the right key by kid still has to verify the signature', async () => {
    const forged = await sign({}, jwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey), { kid: 'a' });
    await expectJWTError(verify(forged, set()), 'ERR_JWT_SIGNATURE_INVALID');
  });

  it('refuses a set with duplicate kids, even when the kid would pick one', async () => {
    const t = await sign({}, jwk(p256.privateKey, { kid: 'x' }));
    await accepts(t, { keys: [jwk(p256.publicKey, { kid: 'x' }), jwk(p384.publicKey, { kid: 'y' })] });
    await expectJWTError(verify(t, { keys: [jwk(p256.publicKey, { kid: 'x' }), jwk(p384.publicKey, { kid: 'x' })] }), 'ERR_JWT_KEY_INVALID');
  });

  it('refuses a set mixing public keys with private keys or secrets', async () => {
    const t = await sign({}, jwk(p256.privateKey, { kid: 'pub' }));
    await expectJWTError(verify(t, { keys: [jwk(p256.publicKey, { kid: 'pub' }), { kty: 'oct', k: b64u(SECRET), kid: 's' }] }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(t, { keys: [jwk(p256.publicKey, { kid: 'pub' }), jwk(p384.privateKey, { kid: 'priv' })] }), 'ERR_JWT_KEY_INVALID');
    // a set of secrets alone is consistent
    const hs = await sign({}, SECRET, { kid: 's' });
    await accepts(hs, { keys: [{ kty: 'oct', k: b64u(SECRET), kid: 's' }, { kty: 'oct', k: b64u(`${SECRET}2`), kid: 't' }] });
  });

  it('refuses what is not a set of JWKs', async () => {
    const t = await sign({}, jwk(p256.privateKey));
    for (const keys of ['nope', [null], [1], { 0: jwk(p256.publicKey) }]) {
      await expectJWTError(verify(t, { keys } as never), 'ERR_JWT_KEY_INVALID');
    }
  });

  it('a resolver may return a set, and the same rules apply', async () => {
    const t = await sign({}, jwk(p384.privateKey, { kid: 'b' }));
    await accepts(t, () => set());
    await accepts(t, async () => set());
    await expectJWTError(verify(t, () => ({ keys: [jwk(p384.publicKey, { kid: 'b' }), jwk(p256.publicKey, { kid: 'b' })] })), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(t, () => ({ keys: [] })), 'ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('platform errors become JWTErrors', () => {
  const notSupported = () => new DOMException('Unrecognized algorithm name', 'NotSupportedError');

  /** Asserts `code`, with the DOMException as its cause: never the DOMException itself. */
  async function expectWrapped(attempt: Promise<unknown>, code: 'ERR_JWT_ALG_UNSUPPORTED' | 'ERR_JWT_KEY_INVALID', cause: DOMException) {
    const error = await rejection(attempt);
    expect(error).not.toBeInstanceOf(DOMException);
    expect(isJWTError(error, code), String(error)).toBe(true);
    expect((error as Error).cause).toBe(cause);
  }

  it('an algorithm the runtime lacks, when signing: ERR_JWT_ALG_UNSUPPORTED, and the failure is not cached', async () => {
    const key = jwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey); // fresh: nothing cached
    const failure = notSupported();
    const spy = vi.spyOn(signer, 'importKey').mockRejectedValue(failure);
    await expectWrapped(sign({}, key), 'ERR_JWT_ALG_UNSUPPORTED', failure);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    await expect(sign({}, key)).resolves.toBeDefined();
  });

  it('an algorithm the runtime lacks, when verifying: ERR_JWT_ALG_UNSUPPORTED', async () => {
    const pair = generateKeyPairSync('ed25519');
    const token = await sign({}, jwk(pair.privateKey));
    const failure = notSupported();
    const spy = vi.spyOn(signer, 'importKey').mockRejectedValue(failure);
    // Before the token is read, as for any key that cannot work here: no token is blamed for the runtime.
    await expectWrapped(verify(undefined as never, spki(pair.publicKey)), 'ERR_JWT_ALG_UNSUPPORTED', failure);
    await expectWrapped(verify(token, spki(pair.publicKey)), 'ERR_JWT_ALG_UNSUPPORTED', failure);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    await accepts(token, spki(pair.publicKey));
  });

  it.each([true, false])(
    'NotSupportedError from sign or verify itself: ERR_JWT_ALG_UNSUPPORTED; any other platform error: ERR_JWT_KEY_INVALID (extractable CryptoKeys: %s)',
    async (extractable) => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable });
      const token = await sign({}, privateKey);
      // The engine each key is used through: the build's, or Web Crypto for a non-extractable CryptoKey
      // (a public CryptoKey is always extractable).
      const signing = engineFor(ALGORITHMS.ES256, privateKey);
      const verifying = engineFor(ALGORITHMS.ES256, publicKey);
      const failure = notSupported();
      vi.spyOn(signing, 'sign').mockRejectedValueOnce(failure);
      await expectWrapped(sign({}, privateKey), 'ERR_JWT_ALG_UNSUPPORTED', failure);
      vi.spyOn(verifying, 'verify').mockRejectedValueOnce(failure);
      await expectWrapped(verify(token, publicKey), 'ERR_JWT_ALG_UNSUPPORTED', failure);
      const other = new DOMException('boom', 'OperationError');
      vi.spyOn(verifying, 'verify').mockRejectedValueOnce(other);
      await expectWrapped(verify(token, publicKey), 'ERR_JWT_KEY_INVALID', other);
    },
  );

  it('a platform error importing key material: ERR_JWT_KEY_INVALID', async () => {
    const token = await sign({}, jwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey));
    const data = new DOMException('bad key data', 'DataError');
    vi.spyOn(signer, 'importKey').mockRejectedValueOnce(data);
    await expectWrapped(verify(token, jwk(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)), 'ERR_JWT_KEY_INVALID', data);
  });
});

describe('the key cache', () => {
  const countImports = () => vi.spyOn(signer, 'importKey');

  it('the same PEM string passed on every call is imported once', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' }); // fresh
    const token = await sign({}, jwk(privateKey));
    const spy = countImports();
    for (let i = 0; i < 5; i++) await verify(token, spki(publicKey));
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('the same private PEM string, signing, is imported once', async () => {
    const privatePEM = pem(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey, 'sec1');
    const spy = countImports();
    for (let i = 0; i < 5; i++) await sign({ i }, privatePEM);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a secret in a fresh Uint8Array each call is imported once, and different bytes are a different key', async () => {
    const secret = `fresh-array-secret-${Math.random()}-padding-to-32-bytes`;
    const token = await sign({}, secret);
    const spy = countImports();
    for (let i = 0; i < 5; i++) await verify(token, new TextEncoder().encode(secret));
    expect(spy).toHaveBeenCalledTimes(1);
    await expectJWTError(verify(token, new TextEncoder().encode(`${secret}!`)), 'ERR_JWT_SIGNATURE_INVALID');
  });

  it('equal JWK objects (fresh copies each call) are imported once, whatever their kid', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const token = await sign({}, jwk(privateKey));
    const spy = countImports();
    for (let i = 0; i < 5; i++) await verify(token, jwk(publicKey, { kid: `k${i}` }));
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('once per algorithm: a key that serves RS256 and PS256 is imported for each', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rs = await sign({}, jwk(pair.privateKey), { alg: 'RS256' });
    const ps = await sign({}, jwk(pair.privateKey), { alg: 'PS256' });
    const spy = countImports();
    for (let i = 0; i < 3; i++) {
      await verify(rs, spki(pair.publicKey));
      await verify(ps, spki(pair.publicKey));
    }
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('a cached key is still checked: a wrong algorithm or option fails the same every time', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const token = await sign({}, jwk(pair.privateKey), { allowInsecureKeySizes: true });
    for (let i = 0; i < 3; i++) {
      await accepts(token, spki(pair.publicKey), { allowInsecureKeySizes: true });
      await expectJWTError(verify(token, spki(pair.publicKey)), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verify(token, spki(pair.publicKey), { algorithms: ['PS256'] }), 'ERR_JWT_KEY_INVALID'); // the key, first
      await expectJWTError(verify(token, spki(pair.publicKey), { algorithms: ['PS256'], allowInsecureKeySizes: true }), 'ERR_JWT_ALG_NOT_ALLOWED');
    }
  });
});

describe('key helpers round-trip', () => {
  it.each(['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const)('%s: generate, export, import', async (alg) => {
    const pair = await generateKeyPair(alg, { extractable: true });
    const token = await sign({}, pair.privateKey, { alg });
    const publicPEM = await exportPEM(pair.publicKey);
    await accepts(token, publicPEM);
    await accepts(token, await exportJWK(pair.publicKey));
    await accepts(token, await importPEM(publicPEM, alg));
    await accepts(await sign({}, await exportPEM(pair.privateKey), { alg }), pair.publicKey);
    await accepts(await sign({}, await exportJWK(pair.privateKey), { alg }), pair.publicKey);
  });

  it('an HMAC secret through importJWK and exportJWK', async () => {
    const k = b64u(SECRET);
    for (const alg of Object.keys(HASH) as (keyof typeof HASH)[]) {
      const key = await importJWK({ kty: 'oct', k }, alg, { extractable: true });
      expect(key.algorithm).toMatchObject({ name: 'HMAC', hash: { name: HASH[alg] } });
      await accepts(await sign({}, key), SECRET, { algorithms: [alg] });
      expect((await exportJWK(key)).k).toBe(k);
    }
  });
});

describe('a JWKS with keys of types webjwt does not know', () => {
  it('ignores them (RFC 7517 §5) instead of refusing the set', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await sign({}, { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: 'ec' });
    const set = { keys: [{ kty: 'AKP', alg: 'ML-DSA-44', pub: 'AAAA', kid: 'pq' }, { ...(publicKey.export({ format: 'jwk' }) as JWK), kid: 'ec' }] };
    await expect(verify(token, set)).resolves.toBeDefined();
    await expectJWTError(verify(token, { keys: [{ kty: 'AKP', pub: 'AAAA', kid: 'ec' }] }), 'ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('findings of the security review', () => {
  it('a ROCA key with a padded or standard-base64 "n" is refused, not let through', async () => {
    const wycheproof = JSON.parse(readFileSync(new URL('../vectors/data/wycheproof/json_web_key_test.json', import.meta.url), 'utf8'));
    const roca = wycheproof.testGroups.find((g: { comment: string }) => g.comment === 'jws_rsa_roca_key').public.keys[0] as JWK;
    const n = Buffer.from(roca.n as string, 'base64url');
    for (const spelling of [`${n.toString('base64url')}=`, n.toString('base64')]) {
      await expectJWTError(verify('e30.e30.AA', { ...roca, n: spelling }), 'ERR_JWT_KEY_INVALID');
    }
  });

  it('generateKeyPair turns a missing algorithm into ERR_JWT_ALG_UNSUPPORTED', async () => {
    const spy = vi.spyOn(crypto.subtle, 'generateKey').mockRejectedValue(new DOMException('no', 'NotSupportedError'));
    try {
      await expectJWTError(generateKeyPair('EdDSA'), 'ERR_JWT_ALG_UNSUPPORTED');
    } finally {
      spy.mockRestore();
    }
  });

  it('objects that are no key at all are TypeErrors, and an empty secret fails whatever the token', async () => {
    for (const key of [new ArrayBuffer(32), new Date(), new Map()]) await expectMistake(verify('e30.e30.AA', key as never));
    await expectJWTError(verify('not a token', ''), 'ERR_JWT_KEY_INVALID');
  });
});
