/**
 * The smaller findings of the adversarial review (issue 11, finding 7) and the
 * three bugs that running jose's own test suite against webjwt found (finding 8).
 */
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, sign, verify, type JWK } from '../../src/index.js';
import { expectJWTError, expectMistake, forgeHMAC } from '../helpers.js';

const SECRET = 'a-legitimate-secret-that-is-32+-bytes-long';
const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;
const at = (seconds: number) => new Date((now + seconds) * 1000);

describe('ROCA (CVE-2017-15361) is checked for an RSA CryptoKey too', () => {
  const wycheproof = JSON.parse(readFileSync(new URL('../vectors/data/wycheproof/json_web_key_test.json', import.meta.url), 'utf8'));
  const roca = wycheproof.testGroups.find((g: { comment: string }) => g.comment === 'jws_rsa_roca_key').public.keys[0] as JWK;

  it('an extractable public CryptoKey with a ROCA modulus is refused', async () => {
    const key = await webcrypto.subtle.importKey('jwk', { kty: 'RSA', n: roca.n, e: roca.e } as never, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
    await expectJWTError(verify('eyJhbGciOiJSUzI1NiJ9.e30.AA', key), 'ERR_JWT_KEY_INVALID');
  });

  it('a sound RSA CryptoKey is checked once and accepted', async () => {
    const { privateKey, publicKey } = await webcrypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ['sign', 'verify'],
    );
    const token = await sign({}, privateKey);
    await expect(verify(token, publicKey)).resolves.toBeDefined();
    await expect(verify(token, publicKey)).resolves.toBeDefined();
  });
});

describe('sign checks the header and claims as they were serialised', () => {
  it('a header parameter named toJSON cannot rewrite "alg"', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expectMistake(sign({}, pem, { header: { toJSON: () => ({ alg: 'ES256', typ: 'JWT' }) } }));
  });

  it('nor add a "crit" or "b64" that sign refuses, nor drop "typ"', async () => {
    await expectMistake(sign({}, SECRET, { header: { toJSON: () => ({ alg: 'HS256', typ: 'JWT', crit: ['x'], x: 1 }) } }));
    await expectMistake(sign({}, SECRET, { header: { toJSON: () => ({ alg: 'HS256', typ: 'JWT', b64: false }) } }));
    await expectMistake(sign({}, SECRET, { header: { toJSON: () => ({ alg: 'HS256' }) } }));
  });

  it('a parameter value with a toJSON is fine when the header stays sound', async () => {
    const token = await sign({}, SECRET, { header: { x5t: { toJSON: () => 'thumb' } } });
    expect(decode(token).header).toEqual({ alg: 'HS256', typ: 'JWT', x5t: 'thumb' });
  });

  it('an "aud" array whose toJSON gives a number is refused', async () => {
    await expectMistake(sign({ aud: Object.assign(['api'], { toJSON: () => 5 }) } as never, SECRET));
    await expectMistake(sign({ exp: { toJSON: () => 'soon' } } as never, SECRET));
    await expectMistake(sign({ x: { toJSON: () => undefined }, iss: Object.assign(new String('me'), {}) } as never, SECRET));
  });

  it('header "typ" and "kid" are set through their options only', async () => {
    await expectMistake(sign({}, SECRET, { header: { kid: 'k' } }));
    await expectMistake(sign({}, SECRET, { header: { typ: 'at+jwt' } }));
    expect(decode(await sign({}, SECRET, { kid: 'k', typ: 'at+jwt' })).header).toEqual({ alg: 'HS256', typ: 'at+jwt', kid: 'k' });
  });
});

describe('NumericDates a Date cannot hold are invalid claims', () => {
  it.each([-1e300, 1e300, 8.64e12 + 1, -8.64e12 - 1])('exp: %d', async (exp) => {
    const error = await expectJWTError(verify(forgeHMAC({ alg: 'HS256' }, { exp }, SECRET), SECRET), 'ERR_JWT_CLAIM_INVALID');
    expect({ claim: error.claim, reason: error.reason }).toEqual({ claim: 'exp', reason: 'invalid' });
    await expectMistake(sign({ exp }, SECRET));
  });

  it('the limits themselves are dates', async () => {
    const error = await expectJWTError(verify(forgeHMAC({ alg: 'HS256' }, { exp: -8.64e12 }, SECRET), SECRET), 'ERR_JWT_EXPIRED');
    expect(error.expiredAt.getTime()).toBe(-8.64e15);
    await expect(verify(forgeHMAC({ alg: 'HS256' }, { exp: 8.64e12, nbf: -8.64e12 }, SECRET), SECRET)).resolves.toBeDefined();
  });
});

describe('secrets', () => {
  it('a string with a lone surrogate is refused: it would collide with other strings', async () => {
    for (const secret of ['\uD800'.repeat(40), `${SECRET}\uDC00`, `\uDBFF${SECRET}`]) {
      await expectJWTError(sign({}, secret), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verify(forgeHMAC({ alg: 'HS256' }, {}, Buffer.from(secret)), secret), 'ERR_JWT_KEY_INVALID');
    }
    await expect(sign({}, `${SECRET}\uD83D\uDE00`)).resolves.toBeDefined(); // a well-formed pair is fine
  });

  it('an object pretending to be a CryptoKey, or a JWK carrying that tag, is a TypeError', async () => {
    const token = forgeHMAC({ alg: 'HS256' }, {}, SECRET);
    const fake = { type: 'secret', extractable: false, algorithm: { name: 'HMAC', hash: { name: 'SHA-256' }, length: 256 }, usages: ['verify'], [Symbol.toStringTag]: 'CryptoKey' };
    await expectMistake(verify(token, fake as never));
    const jwk = { kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), [Symbol.toStringTag]: 'CryptoKey' };
    await expectMistake(verify(token, jwk as never));
    await expectMistake(sign({}, jwk as never));
  });
});

describe('jose\'s own tests: "typ" compares as RFC 7515 §4.1.9 says', () => {
  const withTyp = (typ: string) => forgeHMAC({ alg: 'HS256', typ }, {}, SECRET);

  it.each([
    ['JWT', 'JWT'],
    ['JWT', 'jwt'],
    ['JWT', 'application/jwt'],
    ['application/JWT', 'jwt'],
    ['at+jwt', 'application/at+jwt'],
    ['text/plain', 'TEXT/PLAIN'],
  ])('%s matches %s', async (typ, expected) => {
    await expect(verify(withTyp(typ), SECRET, { typ: expected })).resolves.toBeDefined();
  });

  it.each([
    ['application/text/plain', 'text/plain'],
    ['text/plain', 'application/text/plain'],
    ['application/jwt', 'application/application/jwt'],
    ['jwt', 'at+jwt'],
  ])('%s does not match %s', async (typ, expected) => {
    const error = await expectJWTError(verify(withTyp(typ), SECRET, { typ: expected }), 'ERR_JWT_CLAIM_INVALID');
    expect({ claim: error.claim, reason: error.reason }).toEqual({ claim: 'typ', reason: 'mismatch' });
  });
});

describe('every time boundary, at -1, 0 and +1 second, with and without tolerance', () => {
  const token = (claims: object) => forgeHMAC({ alg: 'HS256' }, claims, SECRET);
  const outcome = (claims: object, offset: number, options: object = {}) =>
    verify(token(claims), SECRET, { currentDate: at(offset), ...options }).then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );

  it.each([0, 30])('exp (tolerance %d): "MUST be before" exp, so expired at exp + tolerance', async (tolerance) => {
    const claims = { exp: now };
    expect(await outcome(claims, tolerance - 1, { clockTolerance: tolerance })).toBe('ok');
    expect(await outcome(claims, tolerance, { clockTolerance: tolerance })).toBe('ERR_JWT_EXPIRED');
    expect(await outcome(claims, tolerance + 1, { clockTolerance: tolerance })).toBe('ERR_JWT_EXPIRED');
  });

  it.each([0, 30])('nbf (tolerance %d): valid from nbf - tolerance on', async (tolerance) => {
    const claims = { nbf: now };
    expect(await outcome(claims, -tolerance - 1, { clockTolerance: tolerance })).toBe('ERR_JWT_NOT_YET_VALID');
    expect(await outcome(claims, -tolerance, { clockTolerance: tolerance })).toBe('ok');
    expect(await outcome(claims, -tolerance + 1, { clockTolerance: tolerance })).toBe('ok');
  });

  it.each([0, 30])('iat in the future (tolerance %d): refused only beyond now + tolerance', async (tolerance) => {
    const claims = { iat: now };
    expect(await outcome(claims, -tolerance - 1, { clockTolerance: tolerance })).toBe('ERR_JWT_CLAIM_INVALID');
    expect(await outcome(claims, -tolerance, { clockTolerance: tolerance })).toBe('ok');
    expect(await outcome(claims, -tolerance + 1, { clockTolerance: tolerance })).toBe('ok');
  });

  it.each([0, 30])('maxTokenAge 60 (tolerance %d): refused when older than the limit, not at it', async (tolerance) => {
    const claims = { iat: now };
    const options = { maxTokenAge: 60, clockTolerance: tolerance };
    expect(await outcome(claims, 60 + tolerance - 1, options)).toBe('ok');
    expect(await outcome(claims, 60 + tolerance, options)).toBe('ok');
    expect(await outcome(claims, 60 + tolerance + 1, options)).toBe('ERR_JWT_EXPIRED');
  });

  it('maxTokenAge 0 accepts a token issued this very second', async () => {
    expect(await outcome({ iat: now }, 0, { maxTokenAge: 0 })).toBe('ok');
    expect(await outcome({ iat: now }, 1, { maxTokenAge: 0 })).toBe('ERR_JWT_EXPIRED');
  });

  it('the errors carry the boundary as a Date', async () => {
    const expired = await expectJWTError(verify(token({ exp: now }), SECRET, { currentDate: at(5) }), 'ERR_JWT_EXPIRED');
    expect(expired.expiredAt).toEqual(at(0));
    const early = await expectJWTError(verify(token({ nbf: now }), SECRET, { currentDate: at(-5) }), 'ERR_JWT_NOT_YET_VALID');
    expect(early.notBefore).toEqual(at(0));
    const old = await expectJWTError(verify(token({ iat: now }), SECRET, { currentDate: at(100), maxTokenAge: 60 }), 'ERR_JWT_EXPIRED');
    expect({ claim: old.claim, expiredAt: old.expiredAt }).toEqual({ claim: 'iat', expiredAt: at(60) });
  });
});

describe('jose\'s own tests: JWK "key_ops" (RFC 7517 §4.3: values MUST NOT repeat)', () => {
  const k = Buffer.from(SECRET).toString('base64url');

  it.each([
    ['a repeated value', ['sign', 'sign']],
    ['a hole', ['sign', , 'verify']], // eslint-disable-line no-sparse-arrays
    ['a null', ['sign', null]],
    ['a number', ['sign', 1]],
    ['not an array', 'sign'],
  ])('%s is refused', async (_, key_ops) => {
    await expectJWTError(sign({}, { kty: 'oct', k, key_ops } as never), 'ERR_JWT_KEY_INVALID');
  });

  it('distinct values are accepted, and restrict the key', async () => {
    const token = await sign({}, { kty: 'oct', k, key_ops: ['sign', 'verify'] });
    await expectJWTError(verify(token, { kty: 'oct', k, key_ops: ['sign'] }), 'ERR_JWT_KEY_INVALID');
    await expect(verify(token, { kty: 'oct', k, key_ops: ['verify'] })).resolves.toBeDefined();
  });
});

describe('RSA signatures are exactly as long as the modulus', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;

  it.each(['RS256', 'PS256'] as const)('%s: a signature with its leading zero byte left out is refused (OpenSSL would accept it)', async (alg) => {
    let token: string | undefined;
    for (let i = 0; i < 5000 && !token; i++) {
      const candidate = await sign({ i }, privateKey, { alg });
      if (Buffer.from(candidate.split('.')[2]!, 'base64url')[0] === 0) token = candidate;
    }
    expect(token).toBeDefined(); // a leading zero byte comes once in 256 signatures
    const [head, body, signature] = token!.split('.');
    const stripped = `${head}.${body}.${Buffer.from(signature!, 'base64url').subarray(1).toString('base64url')}`;
    await expect(verify(token!, pem)).resolves.toBeDefined();
    await expectJWTError(verify(stripped, pem), 'ERR_JWT_SIGNATURE_INVALID');
  });
});

describe('headers are remembered only as copies', () => {
  it('a long header is parsed every time, and a returned header changed by the caller never reaches the next call', async () => {
    const token = await sign({}, SECRET, { header: { x: 'y'.repeat(2000) } });
    expect(decode(token).header.x).toHaveLength(2000);
    const first = decode(await sign({}, SECRET));
    first.header.alg = 'none';
    (first.header as Record<string, unknown>).extra = 1;
    expect(decode(await sign({}, SECRET)).header).toEqual({ alg: 'HS256', typ: 'JWT' });
  });
});
