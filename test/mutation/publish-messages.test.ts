/**
 * Publishing keys (src/publish.ts) and their thumbprints (src/thumbprint.ts):
 * each caller mistake and refused key word for word (a table), the cause an
 * unreadable CryptoKey keeps, and the thumbprint URI of every hash.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportJWKS, exportPublicJWK, generateKeyPair, thumbprint, thumbprintURI, type JWK } from '../../src/index.js';
import { failure } from './kit.js';

const EC = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const EC_JWK = EC.publicKey.export({ format: 'jwk' }) as JWK;

describe('publishing keys: messages', () => {
  it.each<[string, 'TypeError' | 'RangeError' | 'ERR_JWT_KEY_INVALID', string, () => unknown]>([
    ['exportPublicJWK: no key', 'TypeError', '"key" expected a key, got undefined', () => exportPublicJWK(undefined as never)],
    ['exportPublicJWK: a null key', 'TypeError', '"key" expected a key, got null', () => exportPublicJWK(null as never)],
    ['exportPublicJWK: options', 'TypeError', '"exportPublicJWK options" expected an object, got string', () => exportPublicJWK(EC_JWK, 'x' as never)],
    ['exportPublicJWK: a secret', 'ERR_JWT_KEY_INVALID', 'a secret (HMAC) key has no public key to publish', () => exportPublicJWK('a-secret-of-at-least-thirty-two-bytes')],
    ['exportPublicJWK: unknown alg', 'RangeError', '"alg" expected a supported algorithm, got "XX1"', () => exportPublicJWK(EC_JWK, { alg: 'XX1' as never })],
    ['exportPublicJWK: kid', 'TypeError', '"kid" expected a string, got number', () => exportPublicJWK(EC_JWK, { kid: 5 as never })],
    ['exportPublicJWK: allowInsecureKeySizes', 'TypeError', '"allowInsecureKeySizes" expected a boolean, got string', () => exportPublicJWK(EC_JWK, { allowInsecureKeySizes: 'x' as never })],
    ['exportJWKS: not an array', 'TypeError', '"keys" expected a non-empty array of keys, got string', () => exportJWKS('x' as never)],
    ['exportJWKS: empty', 'TypeError', '"keys" expected a non-empty array of keys, got an array', () => exportJWKS([])],
    ['exportJWKS: options', 'TypeError', '"exportJWKS options" expected an object, got string', () => exportJWKS([EC_JWK], 'x' as never)],
    ['exportJWKS: the same key twice', 'ERR_JWT_KEY_INVALID', 'the same key is listed twice', () => exportJWKS([EC_JWK, EC.privateKey])],
    ['thumbprint: not an object', 'TypeError', '"jwk" expected a JWK object, got string', () => thumbprint('x' as never)],
    ['thumbprint: unknown hash', 'RangeError', '"hash" expected sha256, sha384 or sha512, got md5', () => thumbprint(EC_JWK, 'md5' as never)],
    ['thumbprint: an accessor', 'TypeError', 'jwk: "kty" expected a data property, got an accessor', () => thumbprint({ get kty() { return 'EC'; } } as never)],
    ['thumbprint: unknown kty', 'ERR_JWT_KEY_INVALID', 'the JWK "kty" is not oct, RSA, EC or OKP', () => thumbprint({ kty: 'XX' } as never)],
    ['thumbprint: a member missing', 'ERR_JWT_KEY_INVALID', 'the EC JWK lacks a required member, or one is not a string', () => thumbprint({ kty: 'EC', crv: 'P-256', x: EC_JWK.x! } as JWK)],
  ])('%s', async (_name, kind, message, attempt) => {
    const outcome = await failure(attempt);
    expect([outcome.kind, outcome.message]).toEqual([kind, message]);
  });

  it('a private CryptoKey that is not extractable: ERR_JWT_KEY_INVALID, with the runtime\'s error as its cause', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const outcome = await failure(exportPublicJWK(privateKey));
    expect([outcome.kind, outcome.message]).toEqual(['ERR_JWT_KEY_INVALID', 'the CryptoKey is not extractable, so its public key cannot be read']);
    expect((outcome.error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('thumbprint URIs', () => {
  it.each([['sha256', 'sha-256'], ['sha384', 'sha-384'], ['sha512', 'sha-512']] as const)('%s: urn:ietf:params:oauth:jwk-thumbprint:%s:<thumbprint>', async (hash, name) => {
    const value = await thumbprint(EC_JWK, hash);
    expect(Buffer.from(value, 'base64url')).toHaveLength({ sha256: 32, sha384: 48, sha512: 64 }[hash]);
    expect(await thumbprintURI(EC_JWK, hash)).toBe(`urn:ietf:params:oauth:jwk-thumbprint:${name}:${value}`);
  });

  it('exportJWKS takes alg and allowInsecureKeySizes', async () => {
    const { keys } = await exportJWKS([EC_JWK], { alg: 'ES256', allowInsecureKeySizes: false });
    expect(keys).toEqual([{ ...EC_JWK, alg: 'ES256', use: 'sig', kid: await thumbprint(EC_JWK) }]);
  });

  it('the public JWK of a private key is published with its thumbprint as kid, for sign', async () => {
    const published = await exportPublicJWK(EC.privateKey);
    expect(published).toEqual({ ...EC_JWK, alg: 'ES256', use: 'sig', kid: await thumbprint(EC_JWK) });
  });
});
