/**
 * Interoperability with jose (panva/jose 6) for every asymmetric algorithm and
 * every key form: what jose signs, webjwt verifies, and the reverse. Keys are
 * made with node:crypto, as OpenSSL or an identity provider would hand them over.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { importJWK, importPEM, sign, verify, type JWK, type JWSAlgorithm, type KeyInput } from '../../src/index.js';

type Asymmetric = Exclude<JWSAlgorithm, 'HS256' | 'HS384' | 'HS512'>;

const FAMILY: Record<Asymmetric, ['rsa' | 'ec' | 'ed25519', string?]> = {
  RS256: ['rsa'], RS384: ['rsa'], RS512: ['rsa'],
  PS256: ['rsa'], PS384: ['rsa'], PS512: ['rsa'],
  ES256: ['ec', 'P-256'], ES384: ['ec', 'P-384'], ES512: ['ec', 'P-521'],
  EdDSA: ['ed25519'], Ed25519: ['ed25519'],
};
const ALGORITHMS = Object.keys(FAMILY) as Asymmetric[];

interface Pair { privateKey: KeyObject; publicKey: KeyObject }
const pairs = new Map<string, Pair>();
const pairFor = (alg: Asymmetric): Pair => pairs.get(FAMILY[alg].join(':'))!;

beforeAll(() => {
  for (const [type, namedCurve] of Object.values(FAMILY)) {
    const id = [type, namedCurve].filter(Boolean).join(':');
    if (pairs.has(id)) continue;
    pairs.set(
      id,
      type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : type === 'ec'
          ? generateKeyPairSync('ec', { namedCurve: namedCurve! })
          : generateKeyPairSync('ed25519'),
    );
  }
});

/** Every form webjwt takes a private (signing) and public (verifying) key in, for this algorithm. */
async function keyForms(alg: Asymmetric): Promise<[string, KeyInput, KeyInput][]> {
  const { privateKey, publicKey } = pairFor(alg);
  const pem = (key: KeyObject, type: 'pkcs8' | 'spki' | 'pkcs1' | 'sec1') =>
    key.export({ type, format: 'pem' } as never) as unknown as string;
  const forms: [string, KeyInput, KeyInput][] = [
    ['PEM (PKCS#8 / SPKI)', pem(privateKey, 'pkcs8'), pem(publicKey, 'spki')],
    ['JWK', privateKey.export({ format: 'jwk' }) as JWK, publicKey.export({ format: 'jwk' }) as JWK],
    ['CryptoKey', await importPEM(pem(privateKey, 'pkcs8'), alg), await importPEM(pem(publicKey, 'spki'), alg)],
    ['PEM bytes', Buffer.from(pem(privateKey, 'pkcs8')), Buffer.from(pem(publicKey, 'spki'))],
  ];
  if (FAMILY[alg][0] === 'rsa') forms.push(['PEM (PKCS#1)', pem(privateKey, 'pkcs1'), pem(publicKey, 'pkcs1')]);
  if (FAMILY[alg][0] === 'ec') forms.push(['PEM (SEC1 / SPKI)', pem(privateKey, 'sec1'), pem(publicKey, 'spki')]);
  return forms;
}

const CLAIMS = { sub: 'user-123', iss: 'https://issuer.example', aud: 'api' };

describe.each(ALGORITHMS)('%s', (alg) => {
  it('jose signs, webjwt verifies with every key form', async () => {
    const { privateKey } = pairFor(alg);
    const token = await new jose.SignJWT(CLAIMS).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime('5m').sign(privateKey);
    for (const [form, , publicKey] of await keyForms(alg)) {
      const { payload, header } = await verify(token, publicKey, { issuer: CLAIMS.iss, audience: 'api' });
      expect([form, header.alg, payload.sub]).toEqual([form, alg, 'user-123']);
    }
  });

  it('webjwt signs with every key form, jose verifies', async () => {
    const { publicKey } = pairFor(alg);
    for (const [form, privateKey] of await keyForms(alg)) {
      const token = await sign(CLAIMS, privateKey, { alg, expiresIn: '5m' });
      const { payload, protectedHeader } = await jose.jwtVerify(token, publicKey, { issuer: CLAIMS.iss, audience: 'api', algorithms: [alg] });
      expect([form, protectedHeader.alg, payload.sub]).toEqual([form, alg, 'user-123']);
    }
  });

  it('a key jose exports as JWK works in webjwt, and one webjwt imports works in jose', async () => {
    const { privateKey, publicKey } = pairFor(alg);
    const joseJWK = await jose.exportJWK(publicKey);
    const token = await new jose.SignJWT({}).setProtectedHeader({ alg }).sign(privateKey);
    await expect(verify(token, joseJWK as JWK, { algorithms: [alg] })).resolves.toBeDefined();
    const ours = await importJWK(privateKey.export({ format: 'jwk' }) as JWK, alg);
    await expect(jose.jwtVerify(await sign({}, ours, { alg }), publicKey)).resolves.toBeDefined();
  });
});

describe('EdDSA and Ed25519 are one algorithm', () => {
  it('an Ed25519 token verifies where EdDSA is allowed, and the reverse, in both libraries', async () => {
    const { privateKey, publicKey } = pairFor('EdDSA');
    const edToken = await new jose.SignJWT({}).setProtectedHeader({ alg: 'Ed25519' }).sign(privateKey);
    const eddsaToken = await new jose.SignJWT({}).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey);
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await expect(verify(edToken, pem, { algorithms: ['EdDSA'] })).resolves.toBeDefined();
    await expect(verify(eddsaToken, pem, { algorithms: ['Ed25519'] })).resolves.toBeDefined();
    const jwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), alg: 'Ed25519' };
    await expect(verify(eddsaToken, jwk)).resolves.toBeDefined();
    const ours = await sign({}, privateKey.export({ format: 'jwk' }) as JWK, { alg: 'Ed25519' });
    await expect(jose.jwtVerify(ours, publicKey)).resolves.toBeDefined();
  });
});
