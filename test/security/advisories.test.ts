/**
 * One test per advisory in the peers' security history (see the table of
 * advisories this project tracks): each proves webjwt is not affected. The
 * tokens are built by hand with node:crypto, as an attacker would build them.
 */
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decode, sign, verify, type JWTErrorCode, isJWTError } from '../../src/index.js';
import { b64u, expectJWTError, forgeHMAC } from '../helpers.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;
const SECRET = 'a-legitimate-secret-that-is-32+-bytes-long';

const forge = (header: object, claims: object | string, secret: string | Buffer) => forgeHMAC(header, claims, secret);

const claims = { sub: 'admin', iat: now - 10, exp: now + 600 };

const refused = (attempt: Promise<unknown>, code: JWTErrorCode) => expectJWTError(attempt, code);

// An RSA public key, as an attacker would copy it from a JWKS endpoint.
const RSA_SPKI_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u
+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyeh
kd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ
0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdg
cKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbc
mwIDAQAB
-----END PUBLIC KEY-----
`;
const RSA_JWK = {
  kty: 'RSA',
  n: 'u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0_IzW7yWR7QkrmBL7jTKEn5u-qKhbwKfBstIs-bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW_VDL5AaWTg0nLVkjRo9z-40RQzuVaE8AkAFmxZzow3x-VJYKdjykkJ0iT9wCS0DRTXu269V264Vf_3jvredZiKRkgwlL9xNAwxXFg0x_XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC-9aGVd-Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmw',
  e: 'AQAB',
};

describe('jsonwebtoken 2015, CVE-2022-23540: alg "none" and verification without an allow-list', () => {
  it.each(['none', 'None', 'NONE', 'nOnE'])('refuses alg %j with and without an allow-list', async (alg) => {
    const token = `${b64u({ alg, typ: 'JWT' })}.${b64u(claims)}.`;
    await refused(verify(token, SECRET, { currentDate: NOW }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await refused(verify(token, SECRET, { currentDate: NOW, algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await refused(verify(token, () => SECRET, { currentDate: NOW }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('takes the allowed algorithms from the key, never from the token', async () => {
    const token = forge({ alg: 'HS256' }, claims, SECRET);
    await refused(verify(token, { kty: 'oct', alg: 'HS512', k: b64u('x'.repeat(64)) }, { currentDate: NOW }), 'ERR_JWT_ALG_NOT_ALLOWED');
    await refused(verify(forge({ alg: 'HS384' }, claims, SECRET), SECRET, { currentDate: NOW, algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    // An allow-list the secret is too short for (HS384: 48 bytes) is the server's mistake, whatever the token.
    await refused(verify(token, SECRET, { currentDate: NOW, algorithms: ['HS384'] }), 'ERR_JWT_KEY_INVALID');
    await expect(verify(token, SECRET, { currentDate: NOW })).resolves.toBeDefined();
  });
});

describe('CVE-2022-23541, CVE-2023-48223, CVE-2026-34950, GHSA-ww5h-9m49-7xx4, CVE-2026-22817: a public key PEM as the HMAC secret', () => {
  const flavours = {
    'SPKI PEM': RSA_SPKI_PEM,
    'without the final newline': RSA_SPKI_PEM.trimEnd(),
    'with leading whitespace': `\n\t  ${RSA_SPKI_PEM}`,
    'with leading junk': `junk${RSA_SPKI_PEM}`,
    'CRLF line ends': RSA_SPKI_PEM.replace(/\n/g, '\r\n'),
    'an SPKI body under the PKCS#1 label': RSA_SPKI_PEM.replace(/PUBLIC KEY/g, 'RSA PUBLIC KEY'),
    certificate: RSA_SPKI_PEM.replace(/PUBLIC KEY/g, 'CERTIFICATE'),
  };
  // A PEM is parsed as the key it is: an RSA key serves RS/PS only (ERR_JWT_ALG_NOT_ALLOWED); a
  // PEM whose body does not match its label is not a valid key (ERR_JWT_KEY_INVALID).
  // Either way it is never an HMAC secret.
  it.each(Object.entries(flavours))('%s: never an HMAC secret, as a string or as bytes', async (name, pem) => {
    const mislabelled = name === 'certificate' || name.includes('label');
    const code = mislabelled ? 'ERR_JWT_KEY_INVALID' : 'ERR_JWT_ALG_NOT_ALLOWED';
    const token = forge({ alg: 'HS256', typ: 'JWT' }, claims, pem);
    await refused(verify(token, pem, { currentDate: NOW }), code);
    await refused(verify(token, new TextEncoder().encode(pem), { currentDate: NOW }), code);
    await refused(verify(token, () => pem, { currentDate: NOW }), code);
    await refused(verify(token, pem, { currentDate: NOW, algorithms: ['HS256'] }), code);
    await refused(sign({}, pem, { alg: 'HS256' }), code);
  });
});

describe('GHSA-g3jj-5cmm-3hxx: a public JWK or JWKS as JSON text used as the HMAC secret', () => {
  const texts = {
    'JWK JSON': JSON.stringify(RSA_JWK),
    'pretty-printed JWK': JSON.stringify(RSA_JWK, null, 2),
    'JWKS JSON': JSON.stringify({ keys: [RSA_JWK] }),
  };
  it.each(Object.entries(texts))('%s is never an HMAC secret', async (_, text) => {
    const token = forge({ alg: 'HS256' }, claims, text);
    await refused(verify(token, text, { currentDate: NOW }), 'ERR_JWT_KEY_INVALID');
    await refused(verify(token, Buffer.from(text), { currentDate: NOW }), 'ERR_JWT_KEY_INVALID');
  });

  it('a public RSA JWK object never verifies an HS256 token', async () => {
    const token = forge({ alg: 'HS256' }, claims, JSON.stringify(RSA_JWK));
    const error = await verify(token, RSA_JWK, { currentDate: NOW }).catch((e: unknown) => e);
    expect(isJWTError(error)).toBe(true);
  });
});

describe('CVE-2025-65945, CVE-2026-44351, GHSA-8wpc-h4q6-8fxv: a key lookup that returns "" or nothing', () => {
  const token = forge({ alg: 'HS256', kid: '../../dev/null' }, claims, '');
  it.each([
    ['an empty string', ''],
    ['empty bytes', new Uint8Array(0)],
    ['an empty JWK', { kty: 'oct', k: '' }],
  ])('%s is refused, even with allowInsecureKeySizes', async (_, key) => {
    await refused(verify(token, key, { currentDate: NOW }), 'ERR_JWT_KEY_INVALID');
    await refused(verify(token, key, { currentDate: NOW, allowInsecureKeySizes: true }), 'ERR_JWT_KEY_INVALID');
    await refused(verify(token, () => key, { currentDate: NOW, allowInsecureKeySizes: true }), 'ERR_JWT_KEY_INVALID');
  });

  it.each([undefined, null])('a resolver that finds nothing (%j) is refused, never an empty key', async (nothing) => {
    await refused(verify(token, () => nothing as unknown as string, { currentDate: NOW }), 'ERR_JWKS_NO_MATCHING_KEY');
    await refused(verify(token, async () => nothing as unknown as string, { currentDate: NOW }), 'ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('CVE-2025-30144: iss as an array passing a string check', () => {
  it.each([
    ['iss', { iss: ['evil', 'good'] }, { issuer: 'good' }],
    ['iss', { iss: ['good'] }, { issuer: 'good' }],
    ['sub', { sub: ['evil', 'good'] }, { subject: 'good' }],
    ['jti', { jti: ['x'] }, {}],
  ])('%s must be a string', async (claim, extra, options) => {
    const error = await verify(forge({ alg: 'HS256' }, { ...claims, ...extra }, SECRET), SECRET, {
      currentDate: NOW,
      ...options,
    }).catch((e: unknown) => e);
    expect(isJWTError(error, 'ERR_JWT_CLAIM_INVALID') && [error.claim, error.reason]).toEqual([claim, 'invalid']);
  });
});

describe('CVE-2026-35042: an unknown crit extension', () => {
  it('is refused unless the caller says it understands it', async () => {
    const token = forge({ alg: 'HS256', crit: ['exp-ext'], 'exp-ext': 1 }, claims, SECRET);
    await refused(verify(token, SECRET, { currentDate: NOW }), 'ERR_JWT_INVALID');
    await refused(verify(token, SECRET, { currentDate: NOW, crit: ['other'] }), 'ERR_JWT_INVALID');
    await expect(verify(token, SECRET, { currentDate: NOW, crit: ['exp-ext'] })).resolves.toBeDefined();
  });
});

describe('CVE-2026-35039: a verified-token cache returning another user\'s claims', () => {
  it('keeps no verified-token cache: two tokens with the same jti yield their own claims', async () => {
    const a = await sign({ sub: 'alice' }, SECRET, { jwtId: 'same', currentDate: NOW });
    const b = await sign({ sub: 'bob' }, SECRET, { jwtId: 'same', currentDate: NOW });
    expect((await verify(a, SECRET, { currentDate: NOW })).payload.sub).toBe('alice');
    expect((await verify(b, SECRET, { currentDate: NOW })).payload.sub).toBe('bob');
  });

  it('the key cache keys on the whole secret: a secret sharing a prefix is a different key', async () => {
    const token = await sign({}, SECRET, { currentDate: NOW });
    await expect(verify(token, SECRET, { currentDate: NOW })).resolves.toBeDefined();
    await refused(verify(token, `${SECRET}!`, { currentDate: NOW }), 'ERR_JWT_SIGNATURE_INVALID');
    await refused(verify(token, SECRET.slice(0, -1) + 'X', { currentDate: NOW }), 'ERR_JWT_SIGNATURE_INVALID');
  });
});

describe('CVE-2026-35040/35041: RegExp options with /g state, ReDoS', () => {
  it('takes no RegExp anywhere: matching is exact string comparison', async () => {
    const token = await sign({}, SECRET, { issuer: 'https://good.example', audience: 'api', currentDate: NOW });
    for (const options of [{ issuer: /good/g }, { audience: /api/g }, { subject: /x/ }]) {
      await expect(verify(token, SECRET, { currentDate: NOW, ...(options as object) })).rejects.toThrow(TypeError);
    }
  });
});

describe('CVE-2025-62610: a token for another audience', () => {
  it.each([
    ['no aud', {}, 'missing'],
    ['another aud', { aud: 'other-api' }, 'mismatch'],
    ['an empty aud list', { aud: [] }, 'mismatch'],
  ])('%s is refused when an audience is expected', async (_, extra, reason) => {
    const token = forge({ alg: 'HS256' }, { ...claims, ...extra }, SECRET);
    const error = await verify(token, SECRET, { currentDate: NOW, audience: 'api' }).catch((e: unknown) => e);
    expect(isJWTError(error, 'ERR_JWT_CLAIM_INVALID') && [error.claim, error.reason]).toEqual(['aud', reason]);
  });
});

describe('CVE-2026-22818: a JWK without alg falls back to the header alg', () => {
  it('an oct JWK without alg serves HMAC only; an RS256 header never reaches it', async () => {
    const jwk = { kty: 'oct', k: b64u(SECRET) };
    const token = forge({ alg: 'RS256' }, claims, SECRET);
    await refused(verify(token, jwk, { currentDate: NOW }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });
});

describe('CVE-2026-44459: exp 0, exp as a string, exp 1e999', () => {
  it('exp: 0 is an expired token, not a missing one', async () => {
    await refused(verify(forge({ alg: 'HS256' }, { exp: 0 }, SECRET), SECRET, { currentDate: NOW }), 'ERR_JWT_EXPIRED');
  });

  it.each([
    ['"exp" as a string', `{"exp":"${now + 600}"}`],
    ['"exp" of 1e999 (Infinity)', '{"exp":1e999}'],
    ['"nbf" of -1e999', '{"nbf":-1e999}'],
    ['"iat" as null', '{"iat":null}'],
  ])('%s is refused as invalid', async (_, json) => {
    const input = `${b64u({ alg: 'HS256' })}.${b64u(json)}`;
    const token = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
    const error = await verify(token, SECRET, { currentDate: NOW }).catch((e: unknown) => e);
    expect(isJWTError(error, 'ERR_JWT_CLAIM_INVALID') && error.reason).toBe('invalid');
  });
});

describe('CVE-2022-36083, CVE-2024-28176: unbounded attacker-controlled work', () => {
  it('JWE (five segments, zip, p2c) is refused as malformed before any work', () => {
    const jwe = `${b64u({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', zip: 'DEF', p2c: 1e9 })}.a.b.c.d`;
    expect(() => decode(jwe)).toThrowError(expect.objectContaining({ code: 'ERR_JWT_INVALID' }) as Error);
  });

  it('deeply nested JSON is parsed without recursion', async () => {
    const token = forge({ alg: 'HS256' }, `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, SECRET);
    await expect(verify(token, SECRET, { currentDate: NOW, maxTokenLength: 200_000 })).resolves.toBeDefined();
  });
});

describe('CVE-2018-0114: an embedded jwk, jku, x5u or x5c header is never trusted', () => {
  const attacker = 'the-attackers-own-secret-of-32+-bytes!!';
  it.each([
    ['jwk', { jwk: { kty: 'oct', k: b64u(attacker) } }],
    ['jku', { jku: 'https://attacker.example/jwks.json' }],
    ['x5u', { x5u: 'https://attacker.example/cert.pem' }],
    ['x5c', { x5c: ['MIIB'] }],
  ])('a token signed with a key named by %s is refused', async (_, header) => {
    const token = forge({ alg: 'HS256', ...header }, claims, attacker);
    await refused(verify(token, SECRET, { currentDate: NOW }), 'ERR_JWT_SIGNATURE_INVALID');
  });
});

describe('public-key material in any other wrapping is never an HMAC secret either (fail closed)', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
  const spkiDER = rsa.export({ type: 'spki', format: 'der' });
  const forms: [string, string | Uint8Array][] = [
    ['SPKI DER with a trailing newline', Buffer.concat([spkiDER, Buffer.from('\n')])],
    ['secp256k1 SPKI DER (an unsupported curve)', generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ type: 'spki', format: 'der' })],
    ['RSA-PSS SPKI DER (an unsupported OID)', generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' })],
    ['bare base64 SPKI, as identity providers publish it', spkiDER.toString('base64')],
    ['JWKS bytes behind a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ keys: [RSA_JWK] }))])],
    ['a JSON array of JWKs', JSON.stringify([RSA_JWK])],
    ['an SSH public key', `ssh-rsa ${spkiDER.toString('base64')} user@host`],
  ];
  it.each(forms)('%s', async (_, key) => {
    const token = forge({ alg: 'HS256' }, claims, Buffer.from(key));
    await refused(verify(token, key, { currentDate: NOW }), 'ERR_JWT_KEY_INVALID');
  });

  it('random secrets, even ones that start like base64 DER, stay secrets', async () => {
    for (let i = 0; i < 200; i++) {
      const secret = `MI${randomBytes(48).toString('base64')}`;
      await expect(verify(await sign({}, secret, { currentDate: NOW }), secret, { currentDate: NOW })).resolves.toBeDefined();
    }
  });
});
