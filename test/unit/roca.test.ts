/**
 * The ROCA fingerprint (CVE-2017-15361). The vulnerable key is Wycheproof's
 * (json_web_key_test.json, group jws_rsa_roca_key); sound keys are made here.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isJWTError, verify, type JWK } from '../../src/index.js';
import { hasROCAFingerprint, rsaModulusOfDER } from '../../src/lib/roca.js';

const wycheproof = JSON.parse(
  readFileSync(new URL('../vectors/data/wycheproof/json_web_key_test.json', import.meta.url), 'utf8'),
) as { testGroups: { comment: string; public?: { keys: JWK[] } }[] };
const rocaJWK = wycheproof.testGroups.find((g) => g.comment === 'jws_rsa_roca_key')!.public!.keys[0]!;
const rocaModulus = Buffer.from(rocaJWK.n as string, 'base64url');

describe('ROCA fingerprint', () => {
  it('flags the vulnerable modulus', () => {
    expect(hasROCAFingerprint(rocaModulus)).toBe(true);
  });

  it('does not flag freshly generated moduli', { timeout: 60_000 }, () => {
    for (let i = 0; i < 5; i++) {
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const n = Buffer.from(publicKey.export({ format: 'jwk' }).n!, 'base64url');
      expect(hasROCAFingerprint(n)).toBe(false);
    }
  });

  it('reads the modulus out of SPKI and PKCS#8 DER', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const n = Buffer.from(publicKey.export({ format: 'jwk' }).n!, 'base64url');
    const strip = (bytes: Uint8Array) => Buffer.from(bytes[0] === 0 ? bytes.subarray(1) : bytes);
    expect(strip(rsaModulusOfDER(publicKey.export({ type: 'spki', format: 'der' }), 'spki')!)).toEqual(n);
    expect(strip(rsaModulusOfDER(privateKey.export({ type: 'pkcs8', format: 'der' }), 'pkcs8')!)).toEqual(n);
    expect(rsaModulusOfDER(new Uint8Array([0x30, 0x00]), 'spki')).toBeUndefined();
  });

  it.each([
    ['a JWK', () => rocaJWK],
    ['an SPKI PEM', () => createPublicKey({ key: rocaJWK as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' })],
    ['a PKCS#1 PEM', () => createPublicKey({ key: rocaJWK as never, format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' })],
  ])('refuses the vulnerable key given as %s', async (_, key) => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.e30.' + 'A'.repeat(342);
    const error = await verify(token, key() as string).catch((e: unknown) => e);
    expect(isJWTError(error, 'ERR_JWT_KEY_INVALID')).toBe(true);
  });
});
