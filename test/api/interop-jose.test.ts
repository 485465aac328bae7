/**
 * Interoperability with jose 6, for every algorithm and every key form, both
 * ways: tokens jose signs (SignJWT) verify in webjwt, tokens webjwt signs verify
 * in jose's jwtVerify. On jose's side keys are imported with importSPKI,
 * importPKCS8, importJWK and importX509; on webjwt's side they are given as PEM
 * (SPKI, PKCS#8, PKCS#1, SEC1, certificate), PEM bytes, JWK and CryptoKey.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decode, sign, verify, type JWK, type JWSAlgorithm, type KeyInput } from '../../src/index.js';
import { expectJWTError } from '../helpers.js';

type Family = 'oct' | 'rsa' | 'P-256' | 'P-384' | 'P-521' | 'ed25519';
const FAMILY: Record<JWSAlgorithm, Family> = {
  HS256: 'oct', HS384: 'oct', HS512: 'oct',
  RS256: 'rsa', RS384: 'rsa', RS512: 'rsa',
  PS256: 'rsa', PS384: 'rsa', PS512: 'rsa',
  ES256: 'P-256', ES384: 'P-384', ES512: 'P-521',
  EdDSA: 'ed25519', Ed25519: 'ed25519',
};
const ALGORITHMS = Object.keys(FAMILY) as JWSAlgorithm[];
const HASH = { 256: 'SHA-256', 384: 'SHA-384', 512: 'SHA-512' } as const;

interface Pair { privateKey: KeyObject; publicKey: KeyObject }
const pairs = {} as Record<Exclude<Family, 'oct'>, Pair>;
/** A random secret as text, long enough (86 bytes of UTF-8) for HS512. */
let secretText: string;
let secretBytes: Uint8Array;

beforeAll(() => {
  pairs.rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  for (const crv of ['P-256', 'P-384', 'P-521'] as const) pairs[crv] = generateKeyPairSync('ec', { namedCurve: crv });
  pairs.ed25519 = generateKeyPairSync('ed25519');
  secretText = randomBytes(64).toString('base64url');
  secretBytes = new TextEncoder().encode(secretText);
});

const pem = (key: KeyObject, type: 'spki' | 'pkcs8' | 'pkcs1' | 'sec1') =>
  key.export({ type, format: 'pem' } as never) as unknown as string;
const jwkOf = (key: KeyObject) => key.export({ format: 'jwk' }) as JWK;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const hmacKey = (alg: JWSAlgorithm) =>
  crypto.subtle.importKey('raw', secretBytes as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: HASH[alg.slice(2) as '256'] }, false, ['sign', 'verify']);

/** A key form as webjwt takes it: the key to sign with and the key to verify with. */
interface WebjwtForm { name: string; signWith: KeyInput; verifyWith: KeyInput }

/** Every form webjwt takes the keys of `alg` in. CryptoKeys come from jose's importers: jose's keys, used by webjwt. */
async function webjwtForms(alg: JWSAlgorithm): Promise<WebjwtForm[]> {
  const family = FAMILY[alg];
  if (family === 'oct') {
    const key = await hmacKey(alg);
    return [
      { name: 'string secret', signWith: secretText, verifyWith: secretText },
      { name: 'Uint8Array secret', signWith: secretBytes, verifyWith: new Uint8Array(secretBytes) },
      { name: 'oct JWK', signWith: { kty: 'oct', k: Buffer.from(secretBytes).toString('base64url') }, verifyWith: { kty: 'oct', k: Buffer.from(secretBytes).toString('base64url'), alg } },
      { name: 'HMAC CryptoKey', signWith: key, verifyWith: key },
    ];
  }
  const { privateKey, publicKey } = pairs[family];
  const forms: WebjwtForm[] = [
    { name: 'PEM PKCS#8 / SPKI', signWith: pem(privateKey, 'pkcs8'), verifyWith: pem(publicKey, 'spki') },
    { name: 'PEM bytes', signWith: Buffer.from(pem(privateKey, 'pkcs8')), verifyWith: new TextEncoder().encode(pem(publicKey, 'spki')) },
    { name: 'JWK', signWith: jwkOf(privateKey), verifyWith: jwkOf(publicKey) },
    { name: 'JWK naming its alg, kid and use', signWith: { ...jwkOf(privateKey), alg, kid: 'k1', use: 'sig' }, verifyWith: { ...jwkOf(publicKey), alg, kid: 'k1', use: 'sig' } },
    {
      name: 'CryptoKey (jose importPKCS8 / importSPKI)',
      signWith: await jose.importPKCS8(pem(privateKey, 'pkcs8'), alg),
      verifyWith: await jose.importSPKI(pem(publicKey, 'spki'), alg),
    },
    {
      name: 'CryptoKey (jose importJWK)',
      signWith: (await jose.importJWK(jwkOf(privateKey) as jose.JWK, alg)) as CryptoKey,
      verifyWith: (await jose.importJWK(jwkOf(publicKey) as jose.JWK, alg)) as CryptoKey,
    },
  ];
  if (family === 'rsa') forms.push({ name: 'PEM PKCS#1', signWith: pem(privateKey, 'pkcs1'), verifyWith: pem(publicKey, 'pkcs1') });
  if (family.startsWith('P-')) forms.push({ name: 'PEM SEC1 / SPKI', signWith: pem(privateKey, 'sec1'), verifyWith: pem(publicKey, 'spki') });
  forms.push({ name: 'private PEM to verify', signWith: pem(privateKey, 'pkcs8'), verifyWith: pem(privateKey, family.startsWith('P-') ? 'sec1' : 'pkcs8') });
  return forms;
}

/** A key form as jose takes it: the key jose signs with and the key it verifies with. */
interface JoseForm { name: string; signWith: jose.CryptoKey | Uint8Array; verifyWith: jose.CryptoKey | Uint8Array }

async function joseForms(alg: JWSAlgorithm): Promise<JoseForm[]> {
  const family = FAMILY[alg];
  if (family === 'oct') {
    const fromJWK = await jose.importJWK({ kty: 'oct', k: Buffer.from(secretBytes).toString('base64url') }, alg);
    return [
      { name: 'Uint8Array', signWith: secretBytes, verifyWith: secretBytes },
      { name: 'importJWK', signWith: fromJWK, verifyWith: fromJWK },
      { name: 'CryptoKey', signWith: await hmacKey(alg), verifyWith: await hmacKey(alg) },
    ];
  }
  const { privateKey, publicKey } = pairs[family];
  return [
    { name: 'importPKCS8 / importSPKI', signWith: await jose.importPKCS8(pem(privateKey, 'pkcs8'), alg), verifyWith: await jose.importSPKI(pem(publicKey, 'spki'), alg) },
    {
      name: 'importJWK',
      signWith: (await jose.importJWK(jwkOf(privateKey) as jose.JWK, alg)) as jose.CryptoKey,
      verifyWith: (await jose.importJWK(jwkOf(publicKey) as jose.JWK, alg)) as jose.CryptoKey,
    },
  ];
}

/** A key of the same kind as `alg`'s, but another one: as webjwt and jose take it. */
async function otherKey(alg: JWSAlgorithm): Promise<{ webjwt: KeyInput; jose: jose.CryptoKey | Uint8Array }> {
  const family = FAMILY[alg];
  if (family === 'oct') {
    const secret = randomBytes(64);
    return { webjwt: secret, jose: secret };
  }
  const { publicKey } =
    family === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : family === 'ed25519' ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('ec', { namedCurve: family });
  return { webjwt: pem(publicKey, 'spki'), jose: await jose.importSPKI(pem(publicKey, 'spki'), alg) };
}

const CLAIMS = { sub: 'user-123', iss: 'https://issuer.example', aud: ['api', 'web'], role: 'admin', '名前': 'Zoë' };

const joseSign = (alg: JWSAlgorithm, key: jose.CryptoKey | Uint8Array, header: Record<string, unknown> = {}) =>
  new jose.SignJWT(CLAIMS).setProtectedHeader({ ...header, alg }).setIssuedAt().setExpirationTime('5m').setJti('jti-1').sign(key);

describe.each(ALGORITHMS)('%s', (alg) => {
  it('jose signs (with every jose key form), webjwt verifies with every key form', async () => {
    const forms = await webjwtForms(alg);
    for (const joseForm of await joseForms(alg)) {
      const token = await joseSign(alg, joseForm.signWith, { typ: 'JWT', kid: 'k1' });
      for (const form of forms) {
        const label = `jose ${joseForm.name} -> webjwt ${form.name}`;
        const { header, payload } = await verify(token, form.verifyWith, { issuer: CLAIMS.iss, audience: 'web', typ: 'JWT' });
        expect({ label, header }).toEqual({ label, header: { alg, typ: 'JWT', kid: 'k1' } });
        expect({ label, payload }).toEqual({ label, payload: { ...CLAIMS, iat: expect.any(Number), exp: expect.any(Number), jti: 'jti-1' } });
        await expect(verify(token, form.verifyWith, { algorithms: [alg] }), label).resolves.toBeDefined();
      }
    }
  });

  it('webjwt signs with every key form, jose verifies with every jose key form', async () => {
    const verifiers = await joseForms(alg);
    for (const form of await webjwtForms(alg)) {
      const token = await sign(CLAIMS, form.signWith, { alg, expiresIn: '5m', kid: 'k2' });
      for (const joseForm of verifiers) {
        const label = `webjwt ${form.name} -> jose ${joseForm.name}`;
        const { protectedHeader, payload } = await jose.jwtVerify(token, joseForm.verifyWith, {
          algorithms: [alg],
          issuer: CLAIMS.iss,
          audience: 'api',
          typ: 'JWT',
          requiredClaims: ['iat', 'exp'],
        });
        expect({ label, protectedHeader }).toEqual({ label, protectedHeader: { alg, typ: 'JWT', kid: 'k2' } });
        expect({ label, payload }).toEqual({ label, payload: { ...CLAIMS, iat: expect.any(Number), exp: expect.any(Number) } });
      }
    }
  });

  it('a token signed by one library does not verify in the other with another key', async () => {
    const [joseForm] = await joseForms(alg);
    const [form] = await webjwtForms(alg);
    const other = await otherKey(alg);
    await expectJWTError(verify(await joseSign(alg, joseForm!.signWith), other.webjwt), 'ERR_JWT_SIGNATURE_INVALID');
    await expect(jose.jwtVerify(await sign(CLAIMS, form!.signWith, { alg }), other.jose)).rejects.toBeInstanceOf(
      jose.errors.JWSSignatureVerificationFailed,
    );
  });
});

describe('certificates (test/fixtures, made with OpenSSL)', () => {
  it.each([
    ['ec-cert', ['ES256']],
    ['rsa-cert', ['RS256', 'PS384', 'RS512']],
    ['ed25519-cert', ['EdDSA', 'Ed25519']],
  ] as const)('%s: jose signs, webjwt verifies with the certificate; webjwt signs, jose verifies with importX509', async (name, algs) => {
    const cert = fixture(`${name}.pem`);
    const privatePEM = fixture(`${name}-key.pem`);
    for (const alg of algs) {
      const joseToken = await joseSign(alg, await jose.importPKCS8(privatePEM, alg));
      await expect(verify(joseToken, cert, { algorithms: [alg] }), alg).resolves.toBeDefined();
      await expect(verify(joseToken, Buffer.from(cert)), alg).resolves.toBeDefined();
      const ours = await sign(CLAIMS, privatePEM, { alg });
      await expect(jose.jwtVerify(ours, await jose.importX509(cert, alg), { algorithms: [alg] }), alg).resolves.toBeDefined();
    }
  });
});

describe('EdDSA and Ed25519 across the two libraries', () => {
  it("jose's Ed25519 token verifies in webjwt given an EdDSA key or allow-list", async () => {
    const { privateKey, publicKey } = pairs.ed25519;
    const token = await joseSign('Ed25519', await jose.importPKCS8(pem(privateKey, 'pkcs8'), 'Ed25519'));
    expect(decode(token).header.alg).toBe('Ed25519');
    await expect(verify(token, { ...jwkOf(publicKey), alg: 'EdDSA' })).resolves.toBeDefined();
    await expect(verify(token, pem(publicKey, 'spki'), { algorithms: ['EdDSA'] })).resolves.toBeDefined();
    await expect(verify(token, await jose.importSPKI(pem(publicKey, 'spki'), 'EdDSA'), { algorithms: ['EdDSA'] })).resolves.toBeDefined();
    await expect(verify(token, { keys: [{ ...jwkOf(publicKey), alg: 'EdDSA', kid: 'ed' }] })).resolves.toBeDefined();
    // and the reverse: jose's EdDSA token where only Ed25519 is named
    const eddsa = await joseSign('EdDSA', await jose.importPKCS8(pem(privateKey, 'pkcs8'), 'EdDSA'));
    await expect(verify(eddsa, { ...jwkOf(publicKey), alg: 'Ed25519' })).resolves.toBeDefined();
    await expect(verify(eddsa, pem(publicKey, 'spki'), { algorithms: ['Ed25519'] })).resolves.toBeDefined();
  });

  it("webjwt's Ed25519 token verifies in jose, and an EdDSA-only allow-list in jose still refuses it", async () => {
    const { privateKey, publicKey } = pairs.ed25519;
    const token = await sign(CLAIMS, { ...jwkOf(privateKey), alg: 'Ed25519' });
    expect(decode(token).header.alg).toBe('Ed25519');
    const { protectedHeader } = await jose.jwtVerify(token, await jose.importSPKI(pem(publicKey, 'spki'), 'Ed25519'), { algorithms: ['Ed25519'] });
    expect(protectedHeader.alg).toBe('Ed25519');
    await expect(jose.jwtVerify(token, publicKey)).resolves.toBeDefined();
    // jose treats the two names as different algorithms in its allow-list: that is jose's choice, recorded here
    await expect(jose.jwtVerify(token, publicKey, { algorithms: ['EdDSA'] })).rejects.toBeInstanceOf(jose.errors.JOSEAlgNotAllowed);
  });
});

describe('keys exported by one library, used by the other', () => {
  it.each(ALGORITHMS.filter((alg) => FAMILY[alg] !== 'oct'))('%s: jose.exportJWK / exportSPKI / exportPKCS8 keys work in webjwt', async (alg) => {
    const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true });
    const token = await sign(CLAIMS, await jose.exportPKCS8(privateKey), { alg });
    await expect(jose.jwtVerify(token, publicKey)).resolves.toBeDefined();
    await expect(verify(token, await jose.exportJWK(publicKey) as JWK, { algorithms: [alg] })).resolves.toBeDefined();
    await expect(verify(token, await jose.exportSPKI(publicKey))).resolves.toBeDefined();
    await expect(verify(await joseSign(alg, privateKey), publicKey)).resolves.toBeDefined();
    await expect(sign(CLAIMS, await jose.exportJWK(privateKey) as JWK, { alg }).then((t) => jose.jwtVerify(t, publicKey))).resolves.toBeDefined();
  });
});
