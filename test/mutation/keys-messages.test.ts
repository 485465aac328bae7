/**
 * The key helpers of src/keys.ts (and decode's options): each caller mistake
 * and each refused key, word for word (a table); importPEM of text that is
 * long enough to be a secret but is no PEM; the cause an export failure keeps.
 */
import { describe, expect, it } from 'vitest';
import {
  decode,
  exportJWK,
  exportPEM,
  generateKeyPair,
  generateSecret,
  importJWK,
  importPEM,
  toPublicJWK,
  type JWK,
} from '../../src/index.js';
import { failure } from './kit.js';

const EC_JWK: JWK = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tvTx67W8oYqXgeM7BfYjPkuNCqYI' };
const TEXT = 'this is a long text, no PEM at all, but long enough to be an HMAC secret';

describe('key helpers: messages', () => {
  it.each<[string, 'TypeError' | 'RangeError' | 'ERR_JWT_KEY_INVALID', string, () => unknown]>([
    ['generateKeyPair: unknown alg', 'RangeError', '"alg" expected a supported algorithm, got "XX1"', () => generateKeyPair('XX1' as never)],
    ['generateKeyPair: HS256', 'RangeError', '"alg" expected an asymmetric algorithm, got "HS256": use generateSecret', () => generateKeyPair('HS256' as never)],
    ['generateKeyPair: options', 'TypeError', '"generateKeyPair options" expected an object, got string', () => generateKeyPair('ES256', 'x' as never)],
    ['generateKeyPair: extractable', 'TypeError', '"extractable" expected a boolean, got string', () => generateKeyPair('ES256', { extractable: 'yes' as never })],
    ['generateSecret: unknown alg', 'RangeError', '"alg" expected a supported algorithm, got "XX1"', () => generateSecret('XX1' as never)],
    ['generateSecret: ES256', 'RangeError', '"alg" expected HS256, HS384 or HS512, got "ES256": use generateKeyPair', () => generateSecret('ES256' as never)],
    ['importJWK: not an object', 'TypeError', '"jwk" expected a JWK object, got string', () => importJWK('x' as never)],
    ['importJWK: options', 'TypeError', '"importJWK options" expected an object, got string', () => importJWK(EC_JWK, undefined, 'x' as never)],
    ['importJWK: unknown alg', 'RangeError', '"alg" expected a supported algorithm, got "XX1"', () => importJWK(EC_JWK, 'XX1' as never)],
    ['importJWK: extractable', 'TypeError', '"extractable" expected a boolean, got number', () => importJWK(EC_JWK, undefined, { extractable: 1 as never })],
    ['importJWK: allowInsecureKeySizes', 'TypeError', '"allowInsecureKeySizes" expected a boolean, got number', () => importJWK(EC_JWK, undefined, { allowInsecureKeySizes: 1 as never })],
    ['importPEM: not a string', 'TypeError', '"pem" expected a string, got number', () => importPEM(5 as never)],
    ['importPEM: not PEM', 'ERR_JWT_KEY_INVALID', 'the text is not a PEM key', () => importPEM(TEXT)],
    ['importPEM: options', 'TypeError', '"importPEM options" expected an object, got string', () => importPEM('-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----', undefined, 'x' as never)],
    ['exportJWK: not a CryptoKey', 'TypeError', '"key" expected a CryptoKey, got string', () => exportJWK('x' as never)],
    ['exportPEM: not a CryptoKey', 'TypeError', '"key" expected a CryptoKey, got string', () => exportPEM('x' as never)],
    ['toPublicJWK: not an object', 'TypeError', '"jwk" expected a JWK object, got string', () => toPublicJWK('x' as never)],
    ['toPublicJWK: an accessor', 'TypeError', 'jwk: "kty" expected a data property, got an accessor', () => toPublicJWK({ get kty() { return 'EC'; } } as never)],
    ['toPublicJWK: unknown kty', 'ERR_JWT_KEY_INVALID', 'the JWK "kty" is not oct, RSA, EC or OKP', () => toPublicJWK({ kty: 'XX' } as never)],
    ['toPublicJWK: oct', 'ERR_JWT_KEY_INVALID', 'a secret (oct) key has no public form', () => toPublicJWK({ kty: 'oct', k: 'AAAA' })],
    ['decode: options', 'TypeError', '"decode options" expected an object, got string', () => decode('a.b.c', 'x' as never)],
  ])('%s', async (_name, kind, message, attempt) => {
    const outcome = await failure(attempt);
    expect([outcome.kind, outcome.message]).toEqual([kind, message]);
  });

  it('exportPEM of an extractable secret: it has no PEM form (not an export failure)', async () => {
    const secret = await importJWK({ kty: 'oct', k: Buffer.alloc(32, 1).toString('base64url') }, 'HS256', { extractable: true });
    const outcome = await failure(exportPEM(secret));
    expect([outcome.kind, outcome.message]).toEqual(['ERR_JWT_KEY_INVALID', 'a secret key has no PEM form']);
  });

  it('an export that fails keeps the runtime\'s error as its cause', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    for (const attempt of [exportJWK(privateKey), exportPEM(privateKey)]) {
      const outcome = await failure(attempt);
      expect(outcome.kind).toBe('ERR_JWT_KEY_INVALID');
      expect((outcome.error as Error).cause).toBeInstanceOf(Error);
    }
  });
});
