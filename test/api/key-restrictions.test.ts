/**
 * The key decides what it may do (issue: "no key can be used for an algorithm
 * it was not made for"). Each rule has a passing and a failing case.
 */
import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  decode,
  exportJWK,
  exportPEM,
  generateKeyPair,
  importPEM,
  sign,
  verify,
  type JWK,
  type JWSAlgorithm,
} from '../../src/index.js';
import { b64u, expectJWTError } from '../helpers.js';

let rsa: { privateKey: KeyObject; publicKey: KeyObject };
let rsa1024: { privateKey: KeyObject; publicKey: KeyObject };
let p256: { privateKey: KeyObject; publicKey: KeyObject };
let p384: { privateKey: KeyObject; publicKey: KeyObject };
let ed: { privateKey: KeyObject; publicKey: KeyObject };
const jwk = (key: KeyObject, extra: Partial<JWK> = {}) => ({ ...(key.export({ format: 'jwk' }) as JWK), ...extra });
const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }) as string;
const SECRET = 'a-secret-that-is-at-least-32-bytes-long!';

beforeAll(() => {
  rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 });
  p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  ed = generateKeyPairSync('ed25519');
});

describe('sign picks the default algorithm from the key', () => {
  it.each([
    ['a secret', () => SECRET, 'HS256'],
    ['an RSA key', () => jwk(rsa.privateKey), 'RS256'],
    ['an RSA key whose JWK says PS384', () => jwk(rsa.privateKey, { alg: 'PS384' }), 'PS384'],
    ['a P-256 key', () => jwk(p256.privateKey), 'ES256'],
    ['a P-384 key', () => p384.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'ES384'],
    ['an Ed25519 key', () => jwk(ed.privateKey), 'EdDSA'],
  ])('%s', async (_, key, alg) => {
    expect(decode(await sign({}, key())).header.alg).toBe(alg);
  });

  it("puts a JWK's kid into the header unless the caller sets one", async () => {
    const key = jwk(p256.privateKey, { kid: 'key-1' });
    expect(decode(await sign({}, key)).header.kid).toBe('key-1');
    expect(decode(await sign({}, key, { kid: 'chosen' })).header.kid).toBe('chosen');
  });
});

describe('the key decides the algorithm family', () => {
  it('a public RSA key never verifies an HS256 token MACed with its PEM, DER or JWK text', async () => {
    const der = rsa.publicKey.export({ type: 'spki', format: 'der' });
    for (const text of [spki(rsa.publicKey), JSON.stringify(jwk(rsa.publicKey)), der]) {
      const input = `${b64u({ alg: 'HS256' })}.${b64u({})}`;
      const token = `${input}.${createHmac('sha256', text).update(input).digest('base64url')}`;
      await expectJWTError(verify(token, spki(rsa.publicKey)), 'ERR_JWT_ALG_NOT_ALLOWED');
      await expectJWTError(verify(token, jwk(rsa.publicKey)), 'ERR_JWT_ALG_NOT_ALLOWED');
      await expectJWTError(verify(token, der), 'ERR_JWT_ALG_NOT_ALLOWED'); // DER bytes are read as the key they are
    }
  });

  it('a secret never verifies an asymmetric token', async () => {
    const token = await sign({}, jwk(rsa.privateKey));
    await expect(verify(token, spki(rsa.publicKey))).resolves.toBeDefined();
    await expectJWTError(verify(token, SECRET), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(token, { kty: 'oct', k: b64u(SECRET) }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('an ES256 token never verifies with a P-384 key, nor an ES384 token with a P-256 key', async () => {
    const es256 = await sign({}, jwk(p256.privateKey));
    const es384 = await sign({}, jwk(p384.privateKey));
    await expect(verify(es256, spki(p256.publicKey))).resolves.toBeDefined();
    await expectJWTError(verify(es256, spki(p384.publicKey)), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(es384, jwk(p256.publicKey)), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(sign({}, jwk(p256.privateKey), { alg: 'ES384' }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it("a JWK's alg restricts an RSA key to RS256 or PS256", async () => {
    const ps = await sign({}, jwk(rsa.privateKey), { alg: 'PS256' });
    await expect(verify(ps, jwk(rsa.publicKey))).resolves.toBeDefined();
    await expectJWTError(verify(ps, jwk(rsa.publicKey, { alg: 'RS256' })), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verify(ps, jwk(rsa.publicKey), { algorithms: ['RS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('an EdDSA key serves EdDSA and Ed25519, nothing else', async () => {
    const token = await sign({}, jwk(ed.privateKey), { alg: 'Ed25519' });
    await expect(verify(token, spki(ed.publicKey), { algorithms: ['EdDSA'] })).resolves.toBeDefined();
    await expectJWTError(verify(token, spki(ed.publicKey), { algorithms: ['ES256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(sign({}, jwk(ed.privateKey), { alg: 'ES256' }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });
});

describe('keys that cannot be used', () => {
  it('a JWK for encryption, or whose key_ops exclude the operation', async () => {
    const token = await sign({}, jwk(p256.privateKey));
    await expectJWTError(verify(token, jwk(p256.publicKey, { use: 'enc' })), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, jwk(p256.publicKey, { key_ops: ['sign'] })), 'ERR_JWT_KEY_INVALID');
    await expect(verify(token, jwk(p256.publicKey, { use: 'sig', key_ops: ['verify'] }))).resolves.toBeDefined();
  });

  it('a public key given to sign', async () => {
    for (const key of [spki(rsa.publicKey), jwk(p256.publicKey), (await generateKeyPair('EdDSA')).publicKey]) {
      await expectJWTError(sign({}, key), 'ERR_JWT_KEY_INVALID');
    }
  });

  it('an RSA key under 2048 bits, unless allowInsecureKeySizes', async () => {
    const token = await sign({}, jwk(rsa1024.privateKey), { allowInsecureKeySizes: true });
    await expectJWTError(sign({}, jwk(rsa1024.privateKey)), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, spki(rsa1024.publicKey)), 'ERR_JWT_KEY_INVALID');
    await expect(verify(token, spki(rsa1024.publicKey), { allowInsecureKeySizes: true })).resolves.toBeDefined();
  });

  it('an unsupported curve or key type', async () => {
    const x25519 = generateKeyPairSync('x25519').publicKey;
    const secp256k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey;
    for (const key of [spki(x25519), spki(secp256k1), jwk(x25519), jwk(secp256k1)]) {
      await expectJWTError(verify('e30.e30.', key), 'ERR_JWT_KEY_INVALID');
    }
  });

  it('a private key given to verify uses its public half', async () => {
    const token = await sign({}, jwk(rsa.privateKey));
    await expect(verify(token, jwk(rsa.privateKey))).resolves.toBeDefined();
    await expect(verify(token, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)).resolves.toBeDefined();
  });
});

describe('DER keys (the bytes of a .der file)', () => {
  it.each([
    ['SPKI and PKCS#8', 'spki', 'pkcs8'],
    ['PKCS#1', 'pkcs1', 'pkcs1'],
  ] as const)('RSA %s', async (_, publicType, privateType) => {
    const token = await sign({}, rsa.privateKey.export({ type: privateType, format: 'der' }));
    await expect(verify(token, rsa.publicKey.export({ type: publicType, format: 'der' }))).resolves.toBeDefined();
  });

  it('EC SEC1 and Ed25519 PKCS#8', async () => {
    const es = await sign({}, p256.privateKey.export({ type: 'sec1', format: 'der' }));
    await expect(verify(es, p256.publicKey.export({ type: 'spki', format: 'der' }))).resolves.toBeDefined();
    const eddsa = await sign({}, ed.privateKey.export({ type: 'pkcs8', format: 'der' }));
    await expect(verify(eddsa, ed.publicKey.export({ type: 'spki', format: 'der' }))).resolves.toBeDefined();
  });

  it('random secrets are not mistaken for DER, even when they start like DER', async () => {
    for (let i = 0; i < 50; i++) {
      const secret = crypto.getRandomValues(new Uint8Array(32));
      secret.set([0x30, 30]); // a SEQUENCE of exactly the right length
      expect(decode(await sign({}, secret)).header.alg).toBe('HS256');
    }
  });
});

describe('signatures in the wrong form', () => {
  it('a DER-encoded ECDSA signature (valid DER, valid signature) is refused', async () => {
    const { createSign } = await import('node:crypto');
    const input = `${b64u({ alg: 'ES256' })}.${b64u({})}`;
    const der = createSign('sha256').update(input).sign(p256.privateKey);
    const p1363 = createSign('sha256').update(input).sign({ key: p256.privateKey, dsaEncoding: 'ieee-p1363' });
    await expect(verify(`${input}.${p1363.toString('base64url')}`, spki(p256.publicKey))).resolves.toBeDefined();
    await expectJWTError(verify(`${input}.${der.toString('base64url')}`, spki(p256.publicKey)), 'ERR_JWT_SIGNATURE_INVALID');
  });
});

describe('a JWKS as the key', () => {

  it('picks the key by kid, or the only one that fits', async () => {
    const a = jwk(p256.privateKey, { kid: 'a' });
    const set = { keys: [jwk(p256.publicKey, { kid: 'a' }), jwk(p384.publicKey, { kid: 'b' }), jwk(rsa.publicKey, { kid: 'c' })] };
    await expect(verify(await sign({}, a), set)).resolves.toBeDefined();
    await expect(verify(await sign({}, jwk(rsa.privateKey)), set)).resolves.toBeDefined(); // no kid: the one RSA key
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey), { kid: 'b' }), set), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(await sign({}, jwk(p256.privateKey), { kid: 'zz' }), set), 'ERR_JWT_KEY_INVALID');
  });

  it('refuses ambiguous, duplicate and mixed sets', async () => {
    const t = await sign({}, jwk(p256.privateKey));
    await expectJWTError(verify(t, { keys: [jwk(p256.publicKey), jwk(p256.publicKey)] }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(t, { keys: [jwk(p256.publicKey, { kid: 'x' }), jwk(p384.publicKey, { kid: 'x' })] }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(t, { keys: [jwk(p256.publicKey), { kty: 'oct', k: b64u(SECRET) }] }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(t, { keys: 'nope' } as never), 'ERR_JWT_KEY_INVALID');
  });
});

describe('platform errors become JWTErrors', () => {
  it('an algorithm the runtime lacks is ERR_JWT_ALG_UNSUPPORTED, never a DOMException', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' }); // a fresh key: nothing cached
    const spy = vi
      .spyOn(crypto.subtle, 'importKey')
      .mockRejectedValue(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    try {
      await expectJWTError(sign({}, jwk(privateKey)), 'ERR_JWT_ALG_UNSUPPORTED');
    } finally {
      spy.mockRestore();
    }
    await expect(sign({}, jwk(privateKey))).resolves.toBeDefined(); // the failure was not cached
  });

  it('a PEM passed on every call is imported once', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = spki(publicKey);
    const token = await sign({}, jwk(privateKey));
    const spy = vi.spyOn(crypto.subtle, 'importKey');
    try {
      for (let i = 0; i < 5; i++) await verify(token, pem);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('key helpers round-trip', () => {
  it.each(['RS256', 'PS256', 'ES256', 'ES384', 'ES512', 'EdDSA'] as JWSAlgorithm[])('%s: generate, export, import', async (alg) => {
    const pair = await generateKeyPair(alg as never, { extractable: true });
    const token = await sign({}, pair.privateKey, { alg });
    const pem = await exportPEM(pair.publicKey);
    await expect(verify(token, pem)).resolves.toBeDefined();
    await expect(verify(token, await exportJWK(pair.publicKey))).resolves.toBeDefined();
    await expect(verify(token, await importPEM(pem, alg))).resolves.toBeDefined();
    await expect(verify(await sign({}, await exportPEM(pair.privateKey), { alg }), pair.publicKey)).resolves.toBeDefined();
  });
});
