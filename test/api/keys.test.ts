/**
 * The key helpers, each with its good path and every way it fails:
 * generateKeyPair, generateSecret, importJWK, importPEM, exportJWK, exportPEM,
 * toPublicJWK, thumbprint, thumbprintURI. Also the PEM forms sign and verify
 * take (SPKI, PKCS#8, PKCS#1, SEC1, X.509 certificates from test/fixtures).
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decode,
  exportJWK,
  exportPEM,
  generateKeyPair,
  generateSecret,
  importJWK,
  importPEM,
  sign,
  thumbprint,
  thumbprintURI,
  toPublicJWK,
  verify,
  type JWK,
  type JWSAlgorithm,
} from '../../src/index.js';
import { expectJWTError, expectMistake } from '../helpers.js';

type Asymmetric = Exclude<JWSAlgorithm, 'HS256' | 'HS384' | 'HS512'>;
interface Pair { privateKey: KeyObject; publicKey: KeyObject }

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const pem = (key: KeyObject, type: 'spki' | 'pkcs8' | 'pkcs1' | 'sec1') =>
  key.export({ type, format: 'pem' } as never) as unknown as string;
const jwkOf = (key: KeyObject, extra: Partial<JWK> = {}): JWK => ({ ...(key.export({ format: 'jwk' }) as JWK), ...extra });
const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** Resolves when `token` verifies with `key`. */
const verifies = (token: string, key: Parameters<typeof verify>[1]) => expect(verify(token, key)).resolves.toBeDefined();

let rsa: Pair;
let rsa1024: Pair;
let p256: Pair;
let p384: Pair;
let p521: Pair;
let ed: Pair;

beforeAll(() => {
  rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
  p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' });
  ed = generateKeyPairSync('ed25519');
});

const ASYMMETRIC: [Asymmetric, object][] = [
  ['RS256', { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } }],
  ['RS384', { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-384' } }],
  ['RS512', { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-512' } }],
  ['PS256', { name: 'RSA-PSS', hash: { name: 'SHA-256' } }],
  ['PS384', { name: 'RSA-PSS', hash: { name: 'SHA-384' } }],
  ['PS512', { name: 'RSA-PSS', hash: { name: 'SHA-512' } }],
  ['ES256', { name: 'ECDSA', namedCurve: 'P-256' }],
  ['ES384', { name: 'ECDSA', namedCurve: 'P-384' }],
  ['ES512', { name: 'ECDSA', namedCurve: 'P-521' }],
  ['EdDSA', { name: 'Ed25519' }],
  ['Ed25519', { name: 'Ed25519' }],
];

describe('generateKeyPair', () => {
  it.each(ASYMMETRIC)('%s: a private and a public CryptoKey for the algorithm, that sign and verify', async (alg, algorithm) => {
    const { privateKey, publicKey } = await generateKeyPair(alg);
    expect(privateKey).toMatchObject({ type: 'private', extractable: false, algorithm, usages: ['sign'] });
    expect(publicKey).toMatchObject({ type: 'public', extractable: true, algorithm, usages: ['verify'] });
    const token = await sign({ sub: alg }, privateKey, { alg });
    expect(decode(token).header.alg).toBe(alg);
    expect((await verify(token, publicKey, { algorithms: [alg] })).payload.sub).toBe(alg);
  });

  it('makes non-extractable private keys by default, extractable on request', async () => {
    const pair = await generateKeyPair('ES256');
    await expectJWTError(exportJWK(pair.privateKey), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(exportPEM(pair.privateKey), 'ERR_JWT_KEY_INVALID');
    const extractable = await generateKeyPair('ES256', { extractable: true });
    expect(extractable.privateKey.extractable).toBe(true);
    expect(await exportJWK(extractable.privateKey)).toMatchObject({ kty: 'EC', crv: 'P-256', d: expect.any(String) });
  });

  it('makes 2048-bit RSA keys with e = 65537', async () => {
    const { publicKey } = await generateKeyPair('PS512', { extractable: true });
    const jwk = await exportJWK(publicKey);
    expect(Buffer.from(jwk.n as string, 'base64url')).toHaveLength(256);
    expect(jwk.e).toBe('AQAB');
  });

  it('two calls make two different keys', async () => {
    const a = await exportJWK((await generateKeyPair('EdDSA')).publicKey);
    const b = await exportJWK((await generateKeyPair('EdDSA')).publicKey);
    expect(a.x).not.toBe(b.x);
  });

  it.each(['HS256', 'HS384', 'HS512'])('refuses %s with a RangeError: use generateSecret', async (alg) => {
    await expectMistake(generateKeyPair(alg as never), 'RangeError');
  });

  it('refuses unknown algorithms with a RangeError, and wrong types and options with a TypeError', async () => {
    for (const alg of ['XS256', 'none', 'es256', 'RSA-OAEP', '']) await expectMistake(generateKeyPair(alg as never), 'RangeError');
    for (const alg of [undefined, 42, null, {}]) await expectMistake(generateKeyPair(alg as never), 'TypeError');
    await expectMistake(generateKeyPair('ES256', { extractable: 'yes' as never }), 'TypeError');
    await expectMistake(generateKeyPair('ES256', { extractible: true } as never), 'TypeError');
    await expectMistake(generateKeyPair('ES256', 'extractable' as never), 'TypeError');
  });
});

describe('generateSecret', () => {
  it.each([
    ['HS256', 32],
    ['HS384', 48],
    ['HS512', 64],
  ] as const)('%s: %d random bytes, different each time, that sign and verify', async (alg, length) => {
    const a = generateSecret(alg);
    const b = generateSecret(alg);
    expect(a).toBeInstanceOf(Uint8Array);
    expect([a.length, b.length]).toEqual([length, length]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    const token = await sign({}, a, { alg });
    await expect(verify(token, a, { algorithms: [alg] })).resolves.toBeDefined();
    await expectJWTError(verify(token, b), 'ERR_JWT_SIGNATURE_INVALID');
  });

  it('defaults to HS256', () => {
    expect(generateSecret()).toHaveLength(32);
  });

  it('refuses asymmetric and unknown algorithms with a RangeError, other types with a TypeError', () => {
    for (const alg of ['RS256', 'ES256', 'EdDSA', 'HS1', 'hs256']) expect(() => generateSecret(alg as never)).toThrow(RangeError);
    for (const alg of [256, null, {}]) expect(() => generateSecret(alg as never)).toThrow(TypeError);
  });
});

describe('importJWK', () => {
  it.each([
    ['an RSA key: RS256', () => jwkOf(rsa.publicKey), { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } }],
    ['an RSA key whose alg is PS384', () => jwkOf(rsa.publicKey, { alg: 'PS384' }), { name: 'RSA-PSS', hash: { name: 'SHA-384' } }],
    ['a P-256 key: ES256', () => jwkOf(p256.publicKey), { name: 'ECDSA', namedCurve: 'P-256' }],
    ['a P-384 key: ES384', () => jwkOf(p384.privateKey), { name: 'ECDSA', namedCurve: 'P-384' }],
    ['a P-521 key: ES512', () => jwkOf(p521.publicKey), { name: 'ECDSA', namedCurve: 'P-521' }],
    ['an Ed25519 key', () => jwkOf(ed.publicKey), { name: 'Ed25519' }],
    ['an oct key: HS256', () => ({ kty: 'oct', k: b64u(generateSecret('HS512')) }), { name: 'HMAC', hash: { name: 'SHA-256' } }],
    ['an oct key whose alg is HS512', () => ({ kty: 'oct', k: b64u(generateSecret('HS512')), alg: 'HS512' }), { name: 'HMAC', hash: { name: 'SHA-512' } }],
  ])('imports %s by default', async (_, jwk, algorithm) => {
    expect((await importJWK(jwk())).algorithm).toMatchObject(algorithm);
  });

  it('imports for the algorithm asked', async () => {
    expect((await importJWK(jwkOf(rsa.publicKey), 'PS512')).algorithm).toMatchObject({ name: 'RSA-PSS', hash: { name: 'SHA-512' } });
    expect((await importJWK(jwkOf(rsa.privateKey), 'RS384')).algorithm).toMatchObject({ hash: { name: 'SHA-384' } });
    expect((await importJWK({ kty: 'oct', k: b64u(generateSecret('HS384')) }, 'HS384')).algorithm).toMatchObject({ hash: { name: 'SHA-384' } });
    expect((await importJWK(jwkOf(ed.publicKey, { alg: 'EdDSA' }), 'Ed25519')).algorithm).toEqual({ name: 'Ed25519' });
  });

  it('public keys verify and are extractable; private keys and secrets are not unless asked', async () => {
    const publicKey = await importJWK(jwkOf(p256.publicKey));
    expect(publicKey).toMatchObject({ type: 'public', extractable: true, usages: ['verify'] });
    const privateKey = await importJWK(jwkOf(p256.privateKey));
    expect(privateKey).toMatchObject({ type: 'private', extractable: false, usages: ['sign'] });
    const secret = await importJWK({ kty: 'oct', k: b64u(generateSecret()) });
    expect(secret.type).toBe('secret');
    expect(secret.extractable).toBe(false);
    expect([...secret.usages].sort()).toEqual(['sign', 'verify']);
    expect((await importJWK(jwkOf(p256.privateKey), 'ES256', { extractable: true })).extractable).toBe(true);
    expect((await importJWK(jwkOf(p256.publicKey), 'ES256', { extractable: false })).extractable).toBe(false);
    await verifies(await sign({}, privateKey), publicKey);
  });

  it('round-trips through exportJWK', async () => {
    for (const jwk of [jwkOf(rsa.privateKey), jwkOf(p521.privateKey), jwkOf(ed.privateKey), jwkOf(ed.publicKey)]) {
      const { alg, ...exported } = await exportJWK(await importJWK(jwk, undefined, { extractable: true }));
      expect(exported).toEqual(jwk);
      expect([undefined, 'RS256', 'Ed25519', 'EdDSA']).toContain(alg); // Web Crypto may name the algorithm it imported for
    }
  });

  it('refuses what is not a JWK object with a TypeError, an unknown algorithm with a RangeError', async () => {
    for (const value of ['{"kty":"oct","k":"AAAA"}', null, undefined, 42, [jwkOf(p256.publicKey)], new Uint8Array(32)]) {
      await expectMistake(importJWK(value as never), 'TypeError');
    }
    await expectMistake(importJWK(jwkOf(p256.publicKey), 'XS256' as never), 'RangeError');
    await expectMistake(importJWK(jwkOf(p256.publicKey), 42 as never), 'TypeError');
    await expectMistake(importJWK(jwkOf(p256.publicKey), 'ES256', { extractible: true } as never), 'TypeError');
    await expectMistake(importJWK(jwkOf(p256.publicKey), 'ES256', { extractable: 1 as never }), 'TypeError');
    await expectMistake(importJWK(jwkOf(p256.publicKey), 'ES256', { allowInsecureKeySizes: 'yes' as never }), 'TypeError');
  });

  it('refuses an algorithm the key cannot serve with ERR_JWT_ALG_NOT_ALLOWED', async () => {
    await expectJWTError(importJWK(jwkOf(rsa.publicKey), 'ES256'), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(importJWK(jwkOf(p256.publicKey), 'ES384'), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(importJWK(jwkOf(ed.publicKey), 'HS256'), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(importJWK({ kty: 'oct', k: b64u(generateSecret()) }, 'RS256'), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(importJWK(jwkOf(rsa.publicKey, { alg: 'PS256' }), 'RS256'), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it.each([
    ['an unknown kty', { kty: 'XYZ' }],
    ['no kty', { n: 'AQAB', e: 'AQAB' }],
    ['an RSA key without e', { kty: 'RSA', n: 'AQAB' }],
    ['an EC key without y', { kty: 'EC', crv: 'P-256', x: 'AAAA' }],
    ['an EC key with points off the curve', { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }],
    ['an EC key on an unsupported curve', { kty: 'EC', crv: 'secp256k1', x: 'AAAA', y: 'AAAA' }],
    ['an OKP key on X25519', { kty: 'OKP', crv: 'X25519', x: 'AAAA' }],
    ['a member that is not a string', { kty: 'OKP', crv: 'Ed25519', x: 42 }],
    ['an oct key whose k is not base64url', { kty: 'oct', k: '!!!' }],
    ['an empty oct key', { kty: 'oct', k: '' }],
    ['an alg that does not fit the key', { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', alg: 'ES256' }],
    ['use "enc"', { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', use: 'enc' }],
    ['key_ops without verify', { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', key_ops: ['sign'] }],
    ['key_ops that is not an array', { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', key_ops: 'verify' }],
  ])('refuses %s with ERR_JWT_KEY_INVALID', async (_, jwk) => {
    await expectJWTError(importJWK(jwk as JWK), 'ERR_JWT_KEY_INVALID');
  });

  it('refuses a 1024-bit RSA key unless allowInsecureKeySizes', async () => {
    await expectJWTError(importJWK(jwkOf(rsa1024.publicKey)), 'ERR_JWT_KEY_INVALID');
    const key = await importJWK(jwkOf(rsa1024.publicKey), 'RS256', { allowInsecureKeySizes: true });
    expect((key.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(1024);
  });

  it('imports HMAC secrets shorter than the hash: the size rule is for sign and verify', async () => {
    await expect(importJWK({ kty: 'oct', k: b64u(new Uint8Array(16).fill(1)) }, 'HS256', { allowInsecureKeySizes: true })).resolves.toBeDefined();
    await expectJWTError(importJWK({ kty: 'oct', k: b64u(new Uint8Array(16).fill(1)) }, 'HS256'), 'ERR_JWT_KEY_INVALID');
  });
});

/** Every PEM form of a key: label, the private-key text, the public-key text, the algorithm, the key type. */
const PEM_FORMS: [string, () => string, () => string, JWSAlgorithm][] = [
  ['RSA PKCS#8 / SPKI', () => pem(rsa.privateKey, 'pkcs8'), () => pem(rsa.publicKey, 'spki'), 'RS256'],
  ['RSA PKCS#1 (RSA PRIVATE KEY / RSA PUBLIC KEY)', () => pem(rsa.privateKey, 'pkcs1'), () => pem(rsa.publicKey, 'pkcs1'), 'PS256'],
  ['P-256 SEC1 (EC PRIVATE KEY) / SPKI', () => pem(p256.privateKey, 'sec1'), () => pem(p256.publicKey, 'spki'), 'ES256'],
  ['P-384 PKCS#8 / SPKI', () => pem(p384.privateKey, 'pkcs8'), () => pem(p384.publicKey, 'spki'), 'ES384'],
  ['P-521 SEC1 / SPKI', () => pem(p521.privateKey, 'sec1'), () => pem(p521.publicKey, 'spki'), 'ES512'],
  ['Ed25519 PKCS#8 / SPKI', () => pem(ed.privateKey, 'pkcs8'), () => pem(ed.publicKey, 'spki'), 'EdDSA'],
  ['P-256 certificate', () => fixture('ec-cert-key.pem'), () => fixture('ec-cert.pem'), 'ES256'],
  ['RSA certificate', () => fixture('rsa-cert-key.pem'), () => fixture('rsa-cert.pem'), 'RS256'],
  ['Ed25519 certificate', () => fixture('ed25519-cert-key.pem'), () => fixture('ed25519-cert.pem'), 'EdDSA'],
];

describe('importPEM', () => {
  it.each(PEM_FORMS)('%s: both halves import, and sign and verify', async (_, privatePEM, publicPEM, alg) => {
    const privateKey = await importPEM(privatePEM(), alg);
    const publicKey = await importPEM(publicPEM(), alg);
    expect(privateKey).toMatchObject({ type: 'private', extractable: false, usages: ['sign'] });
    expect(publicKey).toMatchObject({ type: 'public', extractable: true, usages: ['verify'] });
    const token = await sign({}, privateKey, { alg });
    await verifies(token, publicKey);
    await verifies(token, publicPEM()); // the PEM text itself, as sign and verify take it
    await verifies(await sign({}, privatePEM(), { alg }), publicKey);
  });

  it.each([
    ['rsa-cert', 'RS256'],
    ['ec-cert', 'ES256'],
    ['ed25519-cert', 'EdDSA'],
  ])('the %s.pem certificate: a token its private key signs verifies with the certificate PEM, string or bytes', async (name, alg) => {
    const token = await sign({ sub: name }, fixture(`${name}-key.pem`));
    expect(decode(token).header.alg).toBe(alg);
    expect((await verify(token, fixture(`${name}.pem`))).payload.sub).toBe(name);
    await verifies(token, Buffer.from(fixture(`${name}.pem`)));
    const publicKey = await importPEM(fixture(`${name}.pem`));
    expect(await exportPEM(publicKey)).toBe(createPublicKey(fixture(`${name}.pem`)).export({ type: 'spki', format: 'pem' }));
    await expectJWTError(verify(token, pem(p256.publicKey, 'spki'), { algorithms: ['ES256', 'RS256', 'EdDSA'] }), [
      'ERR_JWT_SIGNATURE_INVALID',
      'ERR_JWT_ALG_NOT_ALLOWED',
    ]);
  });

  it('picks the default algorithm from the key', async () => {
    expect((await importPEM(pem(rsa.publicKey, 'pkcs1'))).algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    expect((await importPEM(pem(p521.privateKey, 'sec1'))).algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-521' });
    expect((await importPEM(fixture('ed25519-cert.pem'))).algorithm).toEqual({ name: 'Ed25519' });
  });

  it('importPEM / exportPEM round trip: SPKI and PKCS#8 come back as node:crypto writes them', async () => {
    for (const { privateKey, publicKey } of [rsa, p256, p384, p521, ed]) {
      expect(await exportPEM(await importPEM(pem(publicKey, 'spki')))).toBe(pem(publicKey, 'spki'));
      expect(await exportPEM(await importPEM(pem(privateKey, 'pkcs8'), undefined, { extractable: true }))).toBe(pem(privateKey, 'pkcs8'));
    }
    // PKCS#1 and SEC1 come back as SPKI and PKCS#8
    expect(await exportPEM(await importPEM(pem(rsa.publicKey, 'pkcs1')))).toBe(pem(rsa.publicKey, 'spki'));
    expect(await exportPEM(await importPEM(pem(rsa.privateKey, 'pkcs1'), 'RS256', { extractable: true }))).toBe(pem(rsa.privateKey, 'pkcs8'));
    expect(await exportPEM(await importPEM(pem(p256.privateKey, 'sec1'), 'ES256', { extractable: true }))).toBe(pem(p256.privateKey, 'pkcs8'));
  });

  it('refuses an algorithm the key cannot serve, a too small RSA key, and bad arguments', async () => {
    await expectJWTError(importPEM(pem(p256.publicKey, 'spki'), 'HS256'), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(importPEM(pem(p256.publicKey, 'spki'), 'ES512'), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(importPEM(fixture('rsa-cert.pem'), 'EdDSA'), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(importPEM(pem(rsa1024.publicKey, 'spki')), 'ERR_JWT_KEY_INVALID');
    expect((await importPEM(pem(rsa1024.publicKey, 'spki'), 'RS256', { allowInsecureKeySizes: true })).type).toBe('public');
    await expectMistake(importPEM(pem(p256.publicKey, 'spki'), 'ES257' as never), 'RangeError');
    await expectMistake(importPEM(pem(p256.publicKey, 'spki'), 'ES256', { extractible: true } as never), 'TypeError');
    // importPEM takes text; sign and verify also take the bytes of a PEM file
    for (const value of [42, null, undefined, Buffer.from(pem(p256.publicKey, 'spki')), { pem: '' }]) {
      await expectMistake(importPEM(value as never), 'TypeError');
    }
  });
});

describe('PEM that is not a usable key is ERR_JWT_KEY_INVALID, in importPEM, sign and verify', () => {
  /** Refused by importPEM, by sign and verify as text, and as the bytes of a file: never taken for an HMAC secret. */
  async function expectRefused(text: string, alg: JWSAlgorithm = 'RS256'): Promise<void> {
    const token = `${Buffer.from(JSON.stringify({ alg })).toString('base64url')}.e30.AAAA`; // alg fits the key, if it had one
    await expectJWTError(importPEM(text), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(sign({}, text), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(sign({}, Buffer.from(text)), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, text), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, new TextEncoder().encode(text)), 'ERR_JWT_KEY_INVALID');
  }

  it('text that is not PEM at all (importPEM only: elsewhere it is a secret)', async () => {
    await expectJWTError(importPEM('not a pem'), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(importPEM(''), 'ERR_JWT_KEY_INVALID');
  });

  it('two blocks: two certificates, a key and its certificate, two keys', async () => {
    await expectRefused(fixture('ec-cert.pem') + fixture('rsa-cert.pem'));
    await expectRefused(fixture('ec-cert-key.pem') + fixture('ec-cert.pem'));
    await expectRefused(pem(p256.publicKey, 'spki') + pem(p256.publicKey, 'spki'));
  });

  it('a truncated body', async () => {
    const text = pem(rsa.publicKey, 'spki');
    const lines = text.trim().split('\n');
    await expectRefused([...lines.slice(0, 3), lines.at(-1)].join('\n')); // whole lines cut: still base64
    await expectRefused(text.replace(/\n[^\n]*\n-----END/, '\n-----END')); // the last line cut
    await expectRefused(text.replace(/.\n-----END/, '\n-----END')); // one character cut: not base64
    await expectRefused('-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n'); // nothing left
  });

  it('a garbled body', async () => {
    const text = pem(p256.publicKey, 'spki');
    await expectRefused(text.replace(/\n(.)/, (_, c: string) => `\n${c === '*' ? '%' : '*'}`)); // not base64
    await expectRefused(text.replace('\n', '\nMIIB')); // bytes added at the start: the DER no longer adds up
    const der = p256.publicKey.export({ type: 'spki', format: 'der' });
    der[der.length - 10] ^= 0xff; // a point that is not on the curve
    await expectRefused(`-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`, 'ES256');
    await expectRefused(`-----BEGIN PUBLIC KEY-----\n${Buffer.from('just some text, base64ed').toString('base64')}\n-----END PUBLIC KEY-----`);
  });

  it('a body under the wrong label', async () => {
    await expectRefused(pem(rsa.privateKey, 'pkcs8').replace(/PRIVATE KEY/g, 'PUBLIC KEY'));
    await expectRefused(pem(rsa.publicKey, 'spki').replace(/PUBLIC KEY/g, 'RSA PUBLIC KEY'));
    await expectRefused(fixture('ec-cert.pem').replace(/CERTIFICATE/g, 'PUBLIC KEY'));
  });

  it('an ENCRYPTED PRIVATE KEY, and a legacy encrypted PKCS#1 key', async () => {
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }) as string;
    expect(encrypted).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    await expectRefused(encrypted);
    const legacy = p256.privateKey.export({ type: 'sec1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'secret' }) as string;
    expect(legacy).toContain('Proc-Type: 4,ENCRYPTED');
    await expectRefused(legacy);
  });

  it.each([
    ['DSA', () => generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 })],
    ['X25519', () => generateKeyPairSync('x25519')],
    ['Ed448', () => generateKeyPairSync('ed448')],
    ['secp256k1', () => generateKeyPairSync('ec', { namedCurve: 'secp256k1' })],
  ])('a %s key, public or private', async (_, make) => {
    const { privateKey, publicKey } = make();
    await expectRefused(pem(publicKey, 'spki'));
    await expectRefused(pem(privateKey, 'pkcs8'));
  });
});

describe('a Buffer of PEM text works like the string', () => {
  it.each(PEM_FORMS)('%s', async (_, privatePEM, publicPEM, alg) => {
    const fromBuffer = await sign({ n: 1 }, Buffer.from(privatePEM()), { alg, issuedAt: false });
    const fromString = await sign({ n: 1 }, privatePEM(), { alg, issuedAt: false });
    expect(decode(fromBuffer)).toEqual(decode(fromString));
    await verifies(fromBuffer, Buffer.from(publicPEM()));
    await verifies(fromString, new Uint8Array(Buffer.from(publicPEM())));
    await verifies(fromBuffer, publicPEM());
  });
});

describe('exportJWK', () => {
  it('exports public keys, private keys and secrets without ext and key_ops', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    const publicJWK = await exportJWK(publicKey);
    expect(Object.keys(publicJWK).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(Object.keys(await exportJWK(privateKey)).sort()).toEqual(['crv', 'd', 'kty', 'x', 'y']);
    const secret = generateSecret('HS384');
    const secretKey = await importJWK({ kty: 'oct', k: b64u(secret) }, 'HS384', { extractable: true });
    expect(await exportJWK(secretKey)).toEqual({ kty: 'oct', k: b64u(secret), alg: 'HS384' });
    const token = await sign({}, privateKey);
    await verifies(token, publicJWK);
  });

  it('exports what node:crypto made, member for member', async () => {
    for (const { publicKey } of [rsa, p256, ed]) {
      expect(await exportJWK(await importPEM(pem(publicKey, 'spki')))).toMatchObject(jwkOf(publicKey));
    }
  });

  it('refuses a non-extractable key with ERR_JWT_KEY_INVALID, what is not a CryptoKey with a TypeError', async () => {
    await expectJWTError(exportJWK((await generateKeyPair('EdDSA')).privateKey), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(exportJWK(await importJWK({ kty: 'oct', k: b64u(generateSecret()) })), 'ERR_JWT_KEY_INVALID');
    for (const value of [{}, jwkOf(p256.publicKey), pem(p256.publicKey, 'spki'), null, undefined]) {
      await expectMistake(exportJWK(value as never), 'TypeError');
    }
  });
});

describe('exportPEM', () => {
  it('exports a public key as SPKI and a private key as PKCS#8', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const spki = await exportPEM(publicKey);
    const pkcs8 = await exportPEM(privateKey);
    expect(spki).toMatch(/^-----BEGIN PUBLIC KEY-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END PUBLIC KEY-----\n$/);
    expect(pkcs8).toMatch(/^-----BEGIN PRIVATE KEY-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END PRIVATE KEY-----\n$/);
    await verifies(await sign({}, pkcs8), spki);
    expect(await exportJWK(publicKey)).toMatchObject(createPublicKey(spki).export({ format: 'jwk' }));
  });

  it('refuses a secret, a non-extractable key, and what is not a CryptoKey', async () => {
    const secret = await importJWK({ kty: 'oct', k: b64u(generateSecret()) }, 'HS256', { extractable: true });
    await expectJWTError(exportPEM(secret), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(exportPEM((await generateKeyPair('ES256')).privateKey), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(exportPEM(await importPEM(pem(p256.publicKey, 'spki'), 'ES256', { extractable: false })), 'ERR_JWT_KEY_INVALID');
    for (const value of [{}, jwkOf(p256.publicKey), pem(p256.publicKey, 'spki'), new Uint8Array(4)]) {
      await expectMistake(exportPEM(value as never), 'TypeError');
    }
  });
});

describe('toPublicJWK', () => {
  it('drops d, p, q, dp, dq, qi (and oth) of an RSA key, keeps kid, alg and use', async () => {
    const jwk = jwkOf(rsa.privateKey, { kid: 'k', alg: 'PS256', use: 'sig' });
    const pub = toPublicJWK({ ...jwk, oth: [] });
    expect(pub).toEqual({ kty: 'RSA', n: jwk.n, e: jwk.e, kid: 'k', alg: 'PS256', use: 'sig' });
    expect(Object.keys(toPublicJWK(jwk)).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(jwk.d).toEqual(expect.any(String)); // the input is left alone
    await verifies(await sign({}, jwk), pub);
  });

  it('drops d of EC and OKP keys, and ext', () => {
    expect(toPublicJWK({ ...jwkOf(p384.privateKey), ext: true })).toEqual(jwkOf(p384.publicKey));
    expect(toPublicJWK(jwkOf(ed.privateKey))).toEqual(jwkOf(ed.publicKey));
  });

  it('keeps only "verify" of key_ops', () => {
    expect(toPublicJWK(jwkOf(p256.privateKey, { key_ops: ['sign', 'verify'] })).key_ops).toEqual(['verify']);
    expect(toPublicJWK(jwkOf(p256.privateKey, { key_ops: ['sign'] })).key_ops).toEqual([]);
    expect(toPublicJWK(jwkOf(p256.privateKey)).key_ops).toBeUndefined();
  });

  it('returns a copy of a public JWK', () => {
    const jwk = jwkOf(ed.publicKey, { kid: 'x' });
    const copy = toPublicJWK(jwk);
    expect(copy).toEqual(jwk);
    expect(copy).not.toBe(jwk);
  });

  it('refuses a secret and an unknown kty with ERR_JWT_KEY_INVALID, a non-object with a TypeError', async () => {
    await expectJWTError(() => toPublicJWK({ kty: 'oct', k: 'AAAA' }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => toPublicJWK({ kty: 'XYZ' }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => toPublicJWK({} as JWK), 'ERR_JWT_KEY_INVALID');
    for (const value of [null, undefined, 'a JWK', [jwkOf(ed.privateKey)]]) await expectMistake(() => toPublicJWK(value as never), 'TypeError');
  });
});

describe('thumbprint / thumbprintURI', () => {
  /** RFC 7638 §3.1 and RFC 9278 §3. */
  const RFC7638_KEY: JWK = {
    kty: 'RSA',
    n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
    e: 'AQAB',
    alg: 'RS256',
    kid: '2011-04-29',
  };

  it('matches the RFC 7638 and RFC 9278 examples, and RFC 8037 A.3', async () => {
    expect(await thumbprint(RFC7638_KEY)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(await thumbprintURI(RFC7638_KEY)).toBe('urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(await thumbprint({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })).toBe(
      'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
    );
  });

  it.each([
    ['sha256', 43, 'sha-256'],
    ['sha384', 64, 'sha-384'],
    ['sha512', 86, 'sha-512'],
  ] as const)('%s: %d characters, the same as jose computes, the same for a private key as its public key', async (hash, length, name) => {
    for (const { privateKey, publicKey } of [rsa, p256, p521, ed]) {
      const value = await thumbprint(jwkOf(publicKey), hash);
      expect(value).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
      expect(await thumbprint(jwkOf(privateKey, { kid: 'x', use: 'sig' }), hash)).toBe(value);
      expect(value).toBe(await jose.calculateJwkThumbprint(jwkOf(publicKey) as jose.JWK, hash));
      expect(await thumbprintURI(jwkOf(privateKey), hash)).toBe(`urn:ietf:params:oauth:jwk-thumbprint:${name}:${value}`);
    }
  });

  it('differs between keys and between hashes; an oct key has one too', async () => {
    expect(await thumbprint(jwkOf(p256.publicKey))).not.toBe(await thumbprint(jwkOf(p384.publicKey)));
    expect((await thumbprint(RFC7638_KEY, 'sha512')).startsWith(await thumbprint(RFC7638_KEY))).toBe(false);
    const oct = { kty: 'oct', k: b64u(generateSecret()) };
    expect(await thumbprint(oct)).toBe(await jose.calculateJwkThumbprint(oct));
  });

  it.each([
    ['an RSA key without n', { kty: 'RSA', e: 'AQAB' }],
    ['an RSA key whose e is a number', { kty: 'RSA', n: 'AQAB', e: 65537 }],
    ['an EC key without y', { kty: 'EC', crv: 'P-256', x: 'AAAA' }],
    ['an EC key without crv', { kty: 'EC', x: 'AAAA', y: 'AAAA' }],
    ['an OKP key without x', { kty: 'OKP', crv: 'Ed25519', d: 'AAAA' }],
    ['an oct key without k', { kty: 'oct' }],
    ['an unknown kty', { kty: 'nope', x: 'AAAA' }],
    ['no kty', { crv: 'Ed25519', x: 'AAAA' }],
  ])('refuses %s with ERR_JWT_KEY_INVALID', async (_, jwk) => {
    await expectJWTError(thumbprint(jwk as JWK), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(thumbprintURI(jwk as JWK), 'ERR_JWT_KEY_INVALID');
  });

  it('refuses an unknown hash with a RangeError, a non-object with a TypeError', async () => {
    for (const hash of ['md5', 'SHA-256', 'sha-256', 'sha1', 'toString', 'constructor', '__proto__']) {
      await expectMistake(thumbprint(RFC7638_KEY, hash as never), 'RangeError');
      await expectMistake(thumbprintURI(RFC7638_KEY, hash as never), 'RangeError');
    }
    for (const value of [null, 'jwk', 42, [RFC7638_KEY]]) await expectMistake(thumbprint(value as never), 'TypeError');
  });
});
