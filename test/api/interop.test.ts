/**
 * Interoperability with jose (v6): tokens jose signs verify with webjwt, and
 * tokens webjwt signs verify with jose, for HS256, HS384 and HS512, with a
 * non-ASCII UTF-8 secret and the registered claims.
 */
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { sign, verify, type JWK, type JWSAlgorithm, type KeyInput } from '../../src/index.js';
import { expectJWTError } from '../helpers.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;
const ALGS = ['HS256', 'HS384', 'HS512'] as const satisfies readonly JWSAlgorithm[];

/** Non-ASCII, and more than 64 bytes of UTF-8 in fewer than 64 characters: serves every algorithm. */
const SECRET = 'Schlüssel – clé – 秘密の鍵 – ключ – 🔐🗝️ – κλειδί – مفتاح';
const SECRET_BYTES = new TextEncoder().encode(SECRET);
const SECRET_JWK: JWK = { kty: 'oct', k: Buffer.from(SECRET_BYTES).toString('base64url') };
const OTHER_BYTES = new TextEncoder().encode(`${SECRET} (but another one)`);

const CLAIMS = {
  iss: 'https://issuer.example',
  aud: ['api', 'web'],
  sub: 'user-123',
  jti: 'token-1',
  iat: now - 10,
  nbf: now - 10,
  exp: now + 600,
};

/** A token as jose signs it, with every registered claim set through SignJWT's setters. */
function joseSign(alg: JWSAlgorithm, key: Uint8Array = SECRET_BYTES, extra: Record<string, unknown> = { role: 'admin', 'name 名前': 'Zoë' }) {
  return new SignJWT(extra)
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuer(CLAIMS.iss)
    .setAudience(CLAIMS.aud)
    .setSubject(CLAIMS.sub)
    .setJti(CLAIMS.jti)
    .setIssuedAt(CLAIMS.iat)
    .setNotBefore(CLAIMS.nbf)
    .setExpirationTime(CLAIMS.exp)
    .sign(key);
}

describe('jose signs, webjwt verifies', () => {
  const KEYS: [string, KeyInput][] = [
    ['the string secret', SECRET],
    ['the UTF-8 bytes', SECRET_BYTES],
    ['an oct JWK', SECRET_JWK],
  ];

  describe.each(ALGS)('%s', (alg) => {
    it.each(KEYS)('verifies with %s, checking issuer, audience, subject, typ and the allow-list', async (_, key) => {
      const token = await joseSign(alg);
      const { header, payload } = await verify(token, key, {
        currentDate: NOW,
        algorithms: [alg],
        issuer: CLAIMS.iss,
        audience: 'web',
        subject: CLAIMS.sub,
        typ: 'JWT',
        requiredClaims: ['jti', 'exp', 'nbf', 'iat'],
        maxTokenAge: '1m',
      });
      expect(header).toEqual({ alg, typ: 'JWT' });
      expect(payload).toEqual({ ...CLAIMS, role: 'admin', 'name 名前': 'Zoë' });
    });

    it('refuses it with another secret, another algorithm, after exp and before nbf', async () => {
      const token = await joseSign(alg);
      await expectJWTError(verify(token, OTHER_BYTES, { currentDate: NOW }), 'ERR_JWT_SIGNATURE_INVALID');
      await expectJWTError(
        verify(token, SECRET, { currentDate: NOW, algorithms: ALGS.filter((a) => a !== alg) }),
        'ERR_JWT_ALG_NOT_ALLOWED',
      );
      await expectJWTError(verify(token, SECRET, { currentDate: new Date(CLAIMS.exp * 1000) }), 'ERR_JWT_EXPIRED');
      await expectJWTError(verify(token, SECRET, { currentDate: new Date((CLAIMS.nbf - 1) * 1000) }), 'ERR_JWT_NOT_YET_VALID');
      await expectJWTError(verify(token, SECRET, { currentDate: NOW, audience: 'mobile' }), 'ERR_JWT_CLAIM_INVALID');
    });
  });

  it('a jose token with an empty payload and no typ verifies', async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).sign(SECRET_BYTES);
    await expect(verify(token, SECRET, { currentDate: NOW })).resolves.toEqual({ header: { alg: 'HS256' }, payload: {} });
  });
});

describe('webjwt signs, jose verifies', () => {
  const KEYS: [string, KeyInput][] = [
    ['a non-ASCII string secret', SECRET],
    ['its UTF-8 bytes', SECRET_BYTES],
    ['an oct JWK', SECRET_JWK],
  ];

  describe.each(ALGS)('%s', (alg) => {
    it.each(KEYS)('signed with %s, verified by jwtVerify with issuer, audience and typ', async (_, key) => {
      const token = await sign({ role: 'admin', 'name 名前': 'Zoë' }, key, {
        alg,
        currentDate: NOW,
        issuer: CLAIMS.iss,
        audience: CLAIMS.aud,
        subject: CLAIMS.sub,
        jwtId: CLAIMS.jti,
        issuedAt: CLAIMS.iat,
        notBefore: new Date(CLAIMS.nbf * 1000),
        expiresIn: '10m',
      });
      const { payload, protectedHeader } = await jwtVerify(token, SECRET_BYTES, {
        algorithms: [alg],
        issuer: CLAIMS.iss,
        audience: 'api',
        subject: CLAIMS.sub,
        typ: 'JWT',
        currentDate: NOW,
        maxTokenAge: '1m',
        requiredClaims: ['jti', 'iat', 'nbf', 'exp'],
      });
      expect(protectedHeader).toEqual({ alg, typ: 'JWT' });
      expect(payload).toEqual({ ...CLAIMS, role: 'admin', 'name 名前': 'Zoë' });
    });

    it('jose refuses it with another secret or a wrong audience', async () => {
      const token = await sign({}, SECRET, { alg, currentDate: NOW, audience: 'api' });
      await expect(jwtVerify(token, OTHER_BYTES, { currentDate: NOW })).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
      await expect(jwtVerify(token, SECRET_BYTES, { currentDate: NOW, audience: 'web' })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    });
  });

  it('the defaults (HS256, typ JWT, iat now) are what jose reads', async () => {
    const token = await sign({ sub: 'x' }, SECRET, { currentDate: NOW, kid: 'k1' });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
    const { payload } = await jwtVerify(token, SECRET_BYTES, { currentDate: NOW });
    expect(payload).toEqual({ sub: 'x', iat: now });
  });

  it('a token signed by webjwt and by jose over the same header and claims is the same token', async () => {
    for (const alg of ALGS) {
      const ours = await sign({ role: 'admin' }, SECRET, { alg, currentDate: NOW, issuedAt: now });
      const theirs = await new SignJWT({ role: 'admin', iat: now }).setProtectedHeader({ alg, typ: 'JWT' }).sign(SECRET_BYTES);
      expect(ours).toBe(theirs);
    }
  });
});
