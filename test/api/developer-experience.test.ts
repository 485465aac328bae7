/**
 * From `npm install` to a working API without surprises (issue 12): the keys
 * users really pass (Node KeyObjects, openssl's files, key objects with a
 * passphrase, URLs), errors that say where and why, and publishing a JWKS in
 * one call.
 */
import { createPrivateKey, createPublicKey, createSecretKey, generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import {
  decode,
  exportJWK,
  exportJWKS,
  exportPublicJWK,
  generateKeyPair,
  importPEM,
  sign,
  thumbprint,
  verify,
  type JWK,
  type KeyInput,
  type VerifyOptions,
} from '../../src/index.js';
import { b64u, expectJWTError, expectMistake, forgeHMAC, rejection } from '../helpers.js';

const SECRET = 'a-legitimate-secret-that-is-32+-bytes-long';
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const pem = (key: KeyObject) => key.export({ type: key.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }) as string;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const ed = generateKeyPairSync('ed25519');

describe('Node.js KeyObjects, as jsonwebtoken users have them', () => {
  it.each([
    ['a secret', createSecretKey(Buffer.from(SECRET)), createSecretKey(Buffer.from(SECRET)), 'HS256'],
    ['RSA', rsa.privateKey, rsa.publicKey, 'RS256'],
    ['P-256', p256.privateKey, p256.publicKey, 'ES256'],
    ['P-384', p384.privateKey, p384.publicKey, 'ES384'],
    ['Ed25519', ed.privateKey, ed.publicKey, 'EdDSA'],
  ] as const)('%s: sign with one, verify with the other; jose agrees', async (_, privateKey, publicKey, alg) => {
    const token = await sign({ sub: 'u' }, privateKey);
    expect(decode(token).header.alg).toBe(alg);
    await expect(verify(token, publicKey)).resolves.toMatchObject({ payload: { sub: 'u' } });
    await expect(jose.jwtVerify(token, publicKey)).resolves.toBeDefined();
    // A private KeyObject verifies with its public half, as PEM and JWK private keys do.
    await expect(verify(token, privateKey)).resolves.toBeDefined();
  });

  it('the same checks as any key: size, public/private, type, key material as a secret', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await expectJWTError(sign({}, small.privateKey), 'ERR_JWT_KEY_INVALID');
    await expect(sign({}, small.privateKey, { allowInsecureKeySizes: true })).resolves.toBeDefined();
    await expectJWTError(sign({}, rsa.publicKey), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(sign({}, createSecretKey(Buffer.from('short'))), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(sign({}, createSecretKey(Buffer.from(pem(rsa.publicKey)))), 'ERR_JWT_KEY_INVALID');
    for (const unsupported of [generateKeyPairSync('x25519'), generateKeyPairSync('ed448'), generateKeyPairSync('rsa-pss', { modulusLength: 2048 })]) {
      await expectJWTError(sign({}, unsupported.privateKey), 'ERR_JWT_KEY_INVALID');
    }
    // An HS256 token MACed with a public key's text never verifies with the KeyObject.
    const forged = forgeHMAC({ alg: 'HS256' }, {}, pem(rsa.publicKey));
    await expectJWTError(verify(forged, rsa.publicKey), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('an object that only claims to be a KeyObject is not a key', async () => {
    const fake = { type: 'public', [Symbol.toStringTag]: 'KeyObject' };
    await expectMistake(sign({}, fake as never));
  });
});

describe('the keys users pass, with errors that say what to do', () => {
  it('{ key, passphrase } is a TypeError that says how to decrypt the key', async () => {
    const error = await rejection(sign({}, { key: pem(rsa.privateKey), passphrase: 'x' } as never));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/not supported.*openssl/);
  });

  it('an encrypted PEM is ERR_JWT_KEY_INVALID with the openssl command, in PKCS#8 and legacy form', async () => {
    const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }) as string;
    const legacy = rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }) as string;
    expect(legacy).toContain('Proc-Type: 4,ENCRYPTED');
    for (const encrypted of [pkcs8, legacy]) {
      const error = await expectJWTError(sign({}, encrypted), 'ERR_JWT_KEY_INVALID');
      expect(error.message).toMatch(/encrypted.*openssl pkey/);
    }
  });

  it('a URL is not a secret: the error points to createRemoteJWKSet', async () => {
    for (const url of ['https://idp.example.com/.well-known/jwks.json', 'http://127.0.0.1:3000/jwks']) {
      const error = await expectJWTError(verify('a.b.c', url), 'ERR_JWT_KEY_INVALID');
      expect(error.message).toMatch(/createRemoteJWKSet/);
    }
  });

  it('openssl ecparam -genkey output: EC PARAMETERS then EC PRIVATE KEY', async () => {
    const sec1 = (key: KeyObject) => key.export({ type: 'sec1', format: 'pem' }) as string;
    const params = (oid: string) => `-----BEGIN EC PARAMETERS-----\n${Buffer.from(oid, 'hex').toString('base64')}\n-----END EC PARAMETERS-----\n`;
    const P256 = '06082a8648ce3d030107';
    const P384 = '06052b81040022';
    const token = await sign({}, params(P256) + sec1(p256.privateKey));
    await expect(verify(token, p256.publicKey)).resolves.toBeDefined();
    await expect(sign({}, params(P384) + sec1(p384.privateKey), { alg: 'ES384' })).resolves.toBeDefined();
    const mismatch = await expectJWTError(sign({}, params(P384) + sec1(p256.privateKey)), 'ERR_JWT_KEY_INVALID');
    expect(mismatch.message).toMatch(/another curve/);
    await expectJWTError(sign({}, sec1(p256.privateKey) + params(P256)), 'ERR_JWT_KEY_INVALID');
  });

  it('other multi-block PEM texts are refused, naming the blocks; a chain says to pass the leaf', async () => {
    const chain = fixture('ec-cert.pem') + fixture('rsa-cert.pem');
    const error = await expectJWTError(verify('a.b.c', chain), 'ERR_JWT_KEY_INVALID');
    expect(error.message).toMatch(/got 2 \(CERTIFICATE, CERTIFICATE\).*leaf certificate/);
    const keyAndCert = await expectJWTError(sign({}, fixture('ec-cert-key.pem') + fixture('ec-cert.pem')), 'ERR_JWT_KEY_INVALID');
    expect(keyAndCert.message).toMatch(/PRIVATE KEY, CERTIFICATE/);
    await expect(verify(await sign({}, fixture('ec-cert-key.pem')), fixture('ec-cert.pem'))).resolves.toBeDefined();
  });

  it('an EC key with explicit curve parameters says so, with the openssl fix', async () => {
    const explicit = generateKeyPairSync('ec', { namedCurve: 'P-256', paramEncoding: 'explicit' });
    for (const key of [pem(explicit.publicKey), pem(explicit.privateKey), explicit.privateKey.export({ type: 'sec1', format: 'pem' }) as string]) {
      const error = await expectJWTError(verify('a.b.c', key), 'ERR_JWT_KEY_INVALID');
      expect(error.message).toMatch(/explicit curve parameters.*param_enc named_curve/);
    }
  });

  it('a misconfigured key fails before the token is read: a 500, not a 401', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const signOnly = { ...(p256.publicKey.export({ format: 'jwk' }) as object), key_ops: ['sign'] };
    const { privateKey: privateCryptoKey } = await generateKeyPair('ES256');
    const misconfigured: [string, KeyInput, VerifyOptions?][] = [
      ['an empty string', ''],
      ['empty bytes', new Uint8Array(0)],
      ['an empty oct JWK', { kty: 'oct', k: '' }],
      ['a 16-byte secret', 'sixteen-byte-key'],
      ['a 42-byte secret for HS512 only', SECRET, { algorithms: ['HS512'] }],
      ['an RSA key of 1024 bits', pem(small.publicKey)],
      ['a JWK whose key_ops leave out verify', signOnly as KeyInput],
      ['a private CryptoKey', privateCryptoKey],
      ['a point that is not on the curve', { kty: 'EC', crv: 'P-256', x: Buffer.alloc(32, 1).toString('base64url'), y: Buffer.alloc(32, 2).toString('base64url') }],
    ];
    const tokens = [undefined, '', 'not a token', await sign({}, SECRET), await sign({}, pem(p256.privateKey)), await sign({}, pem(small.privateKey), { allowInsecureKeySizes: true })];
    for (const [name, key, options] of misconfigured) {
      for (const token of tokens) {
        await expect(verify(token as never, key, options), `${name}, ${String(token).slice(0, 12)}`).rejects.toMatchObject({ code: 'ERR_JWT_KEY_INVALID' });
      }
    }
    // Allowed to be small, the same RSA key is checked per token again: its own tokens verify.
    await expect(verify(tokens[5]!, pem(small.publicKey), { allowInsecureKeySizes: true })).resolves.toBeDefined();
  });

  it('an allow-list that leaves out the key\'s whole family is refused per token, as the token\'s algorithm', async () => {
    // The key itself works: nothing to refuse before the token (a missing one is the client's doing).
    const none = await expectJWTError(verify(undefined as never, pem(rsa.publicKey), { algorithms: ['HS256'] }), 'ERR_JWT_INVALID');
    expect(none.message).toBe('no token was given');
    const error = await expectJWTError(verify(await sign({}, pem(rsa.privateKey)), pem(rsa.publicKey), { algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    expect(error.message).toBe('the token algorithm is not in the allowed list');
  });

  it('exp: Infinity says "a finite number"', async () => {
    const error = await rejection(sign({ exp: Infinity }, SECRET));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/finite number/);
  });
});

describe('parse errors name the segment and the paste mistake, never the token', () => {
  const token = forgeHMAC({ alg: 'HS256' }, { sub: 'u' }, SECRET);
  const [h, p, s] = token.split('.') as [string, string, string];

  it.each([
    ['the header', `${h}=.${p}.${s}`, /header segment.*"=" padding/],
    ['the payload', `${h}.${p}+.${s}`, /payload segment.*standard base64/],
    ['the signature', `${h}.${p}.${s}!`, /signature segment is not canonical unpadded base64url$/],
    ['a Bearer prefix', `Bearer ${token}`, /header segment.*remove the "Bearer " prefix/],
    ['surrounding whitespace', ` ${token}\n`, /surrounding whitespace/],
    ['quotes', `"${token}"`, /wrapped in quotes/],
    ['whitespace inside', `${h}.${p.slice(0, 4)} ${p.slice(4)}.${s}`, /payload segment.*contains whitespace/],
    ['too few segments', `${h}.${p}`, /exactly three/],
    ['a Bearer prefix and too few segments', `Bearer ${h}`, /exactly three.*Bearer/],
  ])('%s', async (_, bad, message) => {
    const error = await expectJWTError(verify(bad, SECRET), 'ERR_JWT_INVALID');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(h);
    expect(error.message).not.toContain(s);
    await expectJWTError(() => decode(bad), 'ERR_JWT_INVALID');
  });
});

describe('publishing keys: exportPublicJWK and exportJWKS', () => {
  const forms: [string, KeyInput, string, boolean][] = [
    ['an RSA private PEM', pem(rsa.privateKey), 'RS256', true],
    ['an RSA private KeyObject', rsa.privateKey, 'RS256', true],
    ['an RSA public PEM', pem(rsa.publicKey), 'RS256', false],
    ['a P-256 private JWK', p256.privateKey.export({ format: 'jwk' }) as JWK, 'ES256', true],
    ['a P-384 public KeyObject', p384.publicKey, 'ES384', false],
    ['an Ed25519 private DER', new Uint8Array(ed.privateKey.export({ type: 'pkcs8', format: 'der' })), 'EdDSA', true],
    ['a certificate', fixture('ec-cert.pem'), 'ES256', false],
  ];

  it.each(forms)('%s: the public JWK, with alg, use and the thumbprint as kid', async (_, key, alg, isPrivate) => {
    const jwk = await exportPublicJWK(key);
    expect(jwk).toMatchObject({ alg, use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
    expect(jwk.kid).toBe(await thumbprint(jwk));
    expect(jwk.kid).toBe(await jose.calculateJwkThumbprint(jwk as jose.JWK));
    // A token signed with the private key verifies with the published key, in webjwt and jose.
    if (isPrivate) {
      const token = await sign({ sub: 'u' }, key, { kid: jwk.kid! });
      await expect(verify(token, { keys: [jwk] })).resolves.toBeDefined();
      await expect(jose.jwtVerify(token, jose.createLocalJWKSet({ keys: [jwk as jose.JWK] }))).resolves.toBeDefined();
    }
  });

  it('CryptoKeys: a private one must be extractable; alg and kid can be chosen', async () => {
    const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    expect(await exportPublicJWK(pair.privateKey, { kid: 'k1' })).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'k1', alg: 'ES256' });
    expect(await exportPublicJWK(pair.publicKey)).not.toHaveProperty('d');
    const locked = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
    await expectJWTError(exportPublicJWK(locked.privateKey), 'ERR_JWT_KEY_INVALID');
    expect((await exportPublicJWK(pem(rsa.privateKey), { alg: 'PS256' })).alg).toBe('PS256');
    await expectJWTError(exportPublicJWK(pem(rsa.privateKey), { alg: 'ES256' }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('secrets have no public form; bad options are caller mistakes', async () => {
    await expectJWTError(exportPublicJWK(SECRET), 'ERR_JWT_KEY_INVALID');
    await expectMistake(exportPublicJWK(pem(rsa.publicKey), { kdi: 'x' } as never));
    await expectMistake(exportPublicJWK(undefined as never));
    await expectMistake(exportJWKS([]));
  });

  it('exportJWKS: a set of public keys, each kid its thumbprint; the same key twice is refused', async () => {
    const jwks = await exportJWKS([pem(rsa.privateKey), p256.publicKey, ed.privateKey]);
    expect(jwks.keys.map((key) => key.alg)).toEqual(['RS256', 'ES256', 'EdDSA']);
    const token = await sign({}, ed.privateKey, { kid: jwks.keys[2]!.kid! });
    await expect(verify(token, jwks)).resolves.toBeDefined();
    await expectJWTError(exportJWKS([rsa.privateKey, rsa.publicKey]), 'ERR_JWT_KEY_INVALID');
  });

  it('exportJWK of a non-extractable private key says what to do instead', async () => {
    const error = await expectJWTError(exportJWK(await importPEM(pem(rsa.privateKey))), 'ERR_JWT_KEY_INVALID');
    expect(error.message).toMatch(/exportPublicJWK/);
  });
});

it('KeyObjects made from each other agree', async () => {
  const token = await sign({}, createPrivateKey(pem(p256.privateKey)));
  await expect(verify(token, createPublicKey(pem(p256.privateKey)))).resolves.toBeDefined();
  expect(b64u('x')).toBe('eA');
});
