/** The key helpers: each with its good path and the ways it fails. */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
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
} from '../../src/index.js';
import { expectJWTError, expectMistake } from '../helpers.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('generateKeyPair', () => {
  it('makes non-extractable keys by default, extractable on request', async () => {
    const pair = await generateKeyPair('ES256');
    expect([pair.privateKey.type, pair.publicKey.type, pair.privateKey.extractable]).toEqual(['private', 'public', false]);
    await expectJWTError(exportJWK(pair.privateKey), 'ERR_JWT_KEY_INVALID');
    expect((await generateKeyPair('ES256', { extractable: true })).privateKey.extractable).toBe(true);
  });

  it('makes 2048-bit RSA keys', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    expect(Buffer.from((await exportJWK(publicKey)).n as string, 'base64url')).toHaveLength(256);
  });

  it('refuses HMAC and unknown algorithms, and bad options', async () => {
    await expectMistake(generateKeyPair('HS256' as never), 'RangeError');
    await expectMistake(generateKeyPair('XS256' as never), 'RangeError');
    await expectMistake(generateKeyPair('ES256', { extractable: 'yes' as never }), 'TypeError');
    await expectMistake(generateKeyPair('ES256', { extractible: true } as never), 'TypeError');
  });
});

describe('generateSecret', () => {
  it.each([
    ['HS256', 32],
    ['HS384', 48],
    ['HS512', 64],
  ] as const)('%s: %d random bytes', (alg, length) => {
    const a = generateSecret(alg);
    expect(a).toHaveLength(length);
    expect(Buffer.from(a).equals(Buffer.from(generateSecret(alg)))).toBe(false);
  });

  it('defaults to HS256 and refuses asymmetric algorithms', () => {
    expect(generateSecret()).toHaveLength(32);
    expect(() => generateSecret('RS256' as never)).toThrow(RangeError);
  });
});

describe('importJWK / importPEM / exportJWK / exportPEM', () => {
  it('round-trip every PEM form, certificates included', async () => {
    for (const [cert, key] of [['ec-cert.pem', 'ec-cert-key.pem'], ['rsa-cert.pem', 'rsa-cert-key.pem'], ['ed25519-cert.pem', 'ed25519-cert-key.pem']]) {
      const token = await sign({ sub: cert }, fixture(key));
      await expect(verify(token, fixture(cert))).resolves.toBeDefined();
      const publicKey = await importPEM(fixture(cert));
      expect([publicKey.type, publicKey.extractable]).toEqual(['public', true]);
      await expect(verify(token, publicKey)).resolves.toBeDefined();
      expect(await exportPEM(publicKey)).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    }
  });

  it('imports private keys non-extractable unless asked', async () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const key = await importPEM(pem);
    expect([key.type, key.extractable]).toEqual(['private', false]);
    const extractable = await importPEM(pem, 'ES384', { extractable: true });
    expect(await exportPEM(extractable)).toBe(pem);
  });

  it('imports a JWK for the algorithm asked, refusing one it does not fit', async () => {
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as JWK;
    expect((await importJWK(jwk)).algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5' });
    expect((await importJWK(jwk, 'PS384')).algorithm).toMatchObject({ name: 'RSA-PSS', hash: { name: 'SHA-384' } });
    await expectJWTError(importJWK(jwk, 'ES256'), 'ERR_JWT_ALG_NOT_ALLOWED');
    expect(await exportJWK(await importJWK(jwk))).toMatchObject({ kty: 'RSA', n: jwk.n, e: jwk.e });
  });

  it('refuses what is not a key', async () => {
    await expectJWTError(importPEM('not a pem'), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(importPEM('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(importPEM(`${fixture('ec-cert.pem')}${fixture('rsa-cert.pem')}`), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(importPEM('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----'), 'ERR_JWT_KEY_INVALID');
    const dsa = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await expectJWTError(importPEM(dsa), 'ERR_JWT_KEY_INVALID');
    await expectMistake(importPEM(42 as never));
    await expectMistake(importJWK('{}' as never));
    await expectJWTError(importJWK({ kty: 'RSA', n: 'AQAB' }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(importJWK({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }), 'ERR_JWT_KEY_INVALID');
  });

  it('exportPEM refuses a secret, exportJWK refuses a non-key', async () => {
    const secret = await importJWK({ kty: 'oct', k: Buffer.from(generateSecret()).toString('base64url') }, 'HS256', { extractable: true });
    await expectJWTError(exportPEM(secret), 'ERR_JWT_KEY_INVALID');
    expect(await exportJWK(secret)).toMatchObject({ kty: 'oct' });
    await expectMistake(exportJWK({} as never));
  });
});

describe('toPublicJWK', () => {
  it('drops every private member and every key_op but verify', () => {
    const jwk = { ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK), kid: 'k', key_ops: ['sign', 'verify'] };
    const pub = toPublicJWK(jwk);
    expect(Object.keys(pub).sort()).toEqual(['e', 'key_ops', 'kid', 'kty', 'n']);
    expect(pub.key_ops).toEqual(['verify']);
  });

  it('refuses a secret and what is not a JWK', () => {
    expect(() => toPublicJWK({ kty: 'oct', k: 'AAAA' })).toThrowError(expect.objectContaining({ code: 'ERR_JWT_KEY_INVALID' }) as Error);
    expect(() => toPublicJWK({ kty: 'XYZ' })).toThrowError(expect.objectContaining({ code: 'ERR_JWT_KEY_INVALID' }) as Error);
    expect(() => toPublicJWK(null as never)).toThrow(TypeError);
  });
});

describe('thumbprint / thumbprintURI', () => {
  const ed = generateKeyPairSync('ed25519');
  it('is the same for a private JWK and its public JWK, in every hash', async () => {
    for (const [hash, length] of [['sha256', 43], ['sha384', 64], ['sha512', 86]] as const) {
      const a = await thumbprint(ed.privateKey.export({ format: 'jwk' }) as JWK, hash);
      expect(a).toBe(await thumbprint(ed.publicKey.export({ format: 'jwk' }) as JWK, hash));
      expect(a).toHaveLength(length);
    }
    expect(await thumbprintURI(ed.publicKey.export({ format: 'jwk' }) as JWK, 'sha384')).toMatch(
      /^urn:ietf:params:oauth:jwk-thumbprint:sha-384:[A-Za-z0-9_-]{64}$/,
    );
  });

  it('refuses a JWK without its required members, and unknown hashes', async () => {
    await expectJWTError(thumbprint({ kty: 'EC', crv: 'P-256', x: 'AA' }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(thumbprint({ kty: 'RSA', n: 'AA', e: 1 as never }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(thumbprint({ kty: 'nope' }), 'ERR_JWT_KEY_INVALID');
    await expectMistake(thumbprint({ kty: 'oct', k: 'AA' }, 'md5' as never), 'RangeError');
    await expectMistake(thumbprintURI({ kty: 'oct', k: 'AA' }, 'md5' as never), 'RangeError');
  });
});
