/**
 * The public verbs end to end: every sign option and what it puts in the
 * token, every key form, and every verify option with a passing and a failing
 * case. Time is always `currentDate`; nothing sleeps.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  decode,
  sign,
  verify,
  type JWK,
  type JWSAlgorithm,
  type JWTErrorCode,
  type KeyInput,
  type KeyResolver,
  type SignOptions,
  type VerifyOptions,
  type JWTPayload,
  type Duration,
} from '../../src/index.js';
import { expectJWTError, expectMistake, forgeHMAC } from '../helpers.js';

// ---------------------------------------------------------------------------
// Fixtures and helpers

const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;
/** `now` plus `seconds`, as a Date. */
const at = (seconds: number) => new Date((now + seconds) * 1000);

const ALGS = ['HS256', 'HS384', 'HS512'] as const satisfies readonly JWSAlgorithm[];
type HMACAlgorithm = (typeof ALGS)[number];
const MIN_BYTES: Record<HMACAlgorithm, number> = { HS256: 32, HS384: 48, HS512: 64 };
const NODE_HASH = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const;
const WEB_HASH: Record<HMACAlgorithm, string> = { HS256: 'SHA-256', HS384: 'SHA-384', HS512: 'SHA-512' };

/** 67 bytes: long enough for every algorithm. */
const SECRET = `sign-verify-secret:${'0123456789abcdef'.repeat(3)}`;
const OTHER_SECRET = `another-secret-entirely:${'fedcba9876543210'.repeat(3)}`;

const utf8 = (text: string) => new TextEncoder().encode(text);
const b64u = (value: string | object | Uint8Array) =>
  Buffer.from(
    typeof value === 'string' ? value : value instanceof Uint8Array ? value : JSON.stringify(value),
  ).toString('base64url');
const octJWK = (secret: string | Uint8Array, members: Partial<JWK> = {}): JWK => ({
  kty: 'oct',
  k: b64u(typeof secret === 'string' ? utf8(secret) : secret),
  ...members,
});

const forge = (header: object, claims: object | string, secret: string | Uint8Array = SECRET, alg: HMACAlgorithm = 'HS256') =>
  forgeHMAC(header, claims, secret, NODE_HASH[alg]);

const signAt = (payload: object, key: KeyInput = SECRET, options: SignOptions = {}) =>
  sign(payload as JWTPayload, key, { currentDate: NOW, ...options });
const verifyAt = (token: string, key: KeyInput | KeyResolver = SECRET, options: VerifyOptions = {}) =>
  verify(token, key, { currentDate: NOW, ...options });
const claimsOf = (token: string) => decode(token).payload;
const headerOf = (token: string) => decode(token).header;

/** Signs with `sign` and checks the result both by decoding and by verifying. */
async function signedClaims(payload: object, options: SignOptions, key: KeyInput = SECRET) {
  const token = await signAt(payload, key, options);
  return claimsOf(token);
}

// ---------------------------------------------------------------------------

describe('the good path', () => {
  it('signs { alg: HS256, typ: JWT } with iat = now, and verify returns the same header and claims', async () => {
    const token = await signAt({ sub: 'user-123', role: 'admin', nested: { list: [1, 'two', null] } });
    const expectedHeader = { alg: 'HS256', typ: 'JWT' };
    const expectedClaims = { sub: 'user-123', role: 'admin', nested: { list: [1, 'two', null] }, iat: now };
    expect(decode(token)).toEqual({ header: expectedHeader, payload: expectedClaims });
    await expect(verifyAt(token)).resolves.toEqual({ header: expectedHeader, payload: expectedClaims });
  });

  it('produces exactly the HMAC-SHA-256 of the signing input, in canonical base64url', async () => {
    const token = await signAt({ a: 1 });
    const [header, payload, signature] = token.split('.');
    expect(signature).toBe(createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url'));
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signAt({ a: 1 }, OTHER_SECRET);
    await expectJWTError(verifyAt(token), 'ERR_JWT_SIGNATURE_INVALID');
  });

  it('uses the system clock when no currentDate is given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await sign({}, SECRET, { expiresIn: '1h' });
    const after = Math.floor(Date.now() / 1000);
    const { iat, exp } = claimsOf(token);
    expect(iat).toBeGreaterThanOrEqual(before);
    expect(iat).toBeLessThanOrEqual(after);
    expect(exp).toBe(iat! + 3600);
    await expect(verify(token, SECRET)).resolves.toBeDefined();
  });
});

// ---------------------------------------------------------------------------

describe('sign: the header', () => {
  it.each(ALGS)('alg %s is used for the header and the MAC', async (alg) => {
    const token = await signAt({ a: 1 }, SECRET, { alg });
    expect(headerOf(token)).toEqual({ alg, typ: 'JWT' });
    const [header, payload, signature] = token.split('.');
    expect(signature).toBe(createHmac(NODE_HASH[alg], SECRET).update(`${header}.${payload}`).digest('base64url'));
    await expect(verifyAt(token, SECRET, { algorithms: [alg] })).resolves.toBeDefined();
  });

  it('kid and typ set their header parameters', async () => {
    const token = await signAt({}, SECRET, { kid: 'key-2026', typ: 'at+jwt' });
    expect(headerOf(token)).toEqual({ alg: 'HS256', typ: 'at+jwt', kid: 'key-2026' });
  });

  it('header adds protected parameters, and verify returns them', async () => {
    const extra = { x5t: 'thumb', 'urn:example:flag': true, nested: { a: [1, 2] } };
    const token = await signAt({}, SECRET, { header: extra, kid: 'k1' });
    const expected = { alg: 'HS256', typ: 'JWT', kid: 'k1', ...extra };
    expect(headerOf(token)).toEqual(expected);
    await expect(verifyAt(token)).resolves.toMatchObject({ header: expected });
  });

  it.each([
    ['alg', 'HS512'],
    ['alg', 'none'],
    ['crit', ['urn:example:flag']],
    ['b64', false],
    ['b64', true],
  ])('header may not set %j (%j): TypeError', async (name, value) => {
    await expectMistake(signAt({}, SECRET, { header: { [name]: value, 'urn:example:flag': 1 } }));
  });

  it('header may not override typ, nor a kid the option (or the JWK) sets', async () => {
    await expectMistake(signAt({}, SECRET, { header: { typ: 'other' } }));
    await expectMistake(signAt({}, SECRET, { kid: 'a', header: { kid: 'b' } }));
  });

  it.each([[[]], ['x'], [null], [1], [new Map()]])('header %j that is not a plain object: TypeError', async (header) => {
    await expectMistake(signAt({}, SECRET, { header } as never));
  });
});

describe('sign never produces a token that decode or verify refuses', () => {
  /** 'verified' if sign's token verifies, 'TypeError' if sign refused the input as a caller mistake. */
  async function outcome(payload: object, options: SignOptions): Promise<unknown> {
    return signAt(payload, SECRET, options).then(
      async (token) => {
        await verifyAt(token);
        return 'verified';
      },
      (error: unknown) => (error instanceof TypeError ? 'TypeError' : error),
    );
  }

  it.each([
    ['a header kid that is not a string', {}, { header: { kid: 5 } }],
    ['a header cty that is not a string', {}, { header: { cty: { type: 'JWT' } } }],
    ['a header that serializes to a non-object (toJSON)', {}, { header: { toJSON: () => 1 } }],
    ['a payload that serializes to a non-object (toJSON)', { toJSON: () => 'claims' }, {}],
  ])('%s', async (_, payload, options) => {
    expect(['verified', 'TypeError']).toContain(await outcome(payload, options as SignOptions));
  });

  it('an own "__proto__" header parameter (as JSON.parse makes) is kept or refused, never silently dropped', async () => {
    const header = JSON.parse('{"__proto__":{"x":1},"y":2}') as Record<string, unknown>;
    const result = await signAt({}, SECRET, { header }).then(
      (token) => Object.hasOwn(headerOf(token), '__proto__'),
      (error: unknown) => (error instanceof TypeError ? 'TypeError' : error),
    );
    expect([true, 'TypeError']).toContain(result);
  });

  it('an own "__proto__" payload claim is kept', async () => {
    const payload = JSON.parse('{"__proto__":{"admin":true},"y":2}') as object;
    const { payload: verified } = await verifyAt(await signAt(payload));
    expect(Object.hasOwn(verified, '__proto__')).toBe(true);
    expect(verified.admin).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------

describe('sign: claims from options', () => {
  it('issuer, subject, jwtId and audience (string or array) set iss, sub, jti, aud', async () => {
    expect(await signedClaims({ x: 1 }, { issuer: 'https://iss', subject: 'u-1', jwtId: 'id-1', audience: 'api' })).toEqual({
      x: 1,
      iss: 'https://iss',
      sub: 'u-1',
      jti: 'id-1',
      aud: 'api',
      iat: now,
    });
    expect((await signedClaims({}, { audience: ['a', 'b'] })).aud).toEqual(['a', 'b']);
  });

  const DURATIONS: [Duration, number][] = [
    [0, 0],
    [900, 900],
    [1.5, 1], // whole seconds: floored
    ['30s', 30],
    ['30 seconds', 30],
    ['1 sec', 1],
    ['15m', 900],
    ['15 minutes', 900],
    ['1 minute', 60],
    ['1 min', 60],
    ['2h', 7200],
    ['2 hours', 7200],
    ['2 hrs', 7200],
    ['1.5h', 5400],
    ['7d', 604800],
    ['7 days', 604800],
    ['1 day', 86400],
    ['1w', 604800],
    ['2 weeks', 1209600],
    ['1y', 31557600],
    ['1 year', 31557600],
    ['0.5s', 0],
  ];

  it.each(DURATIONS)('expiresIn %j sets exp = now + %d', async (duration, seconds) => {
    expect((await signedClaims({}, { expiresIn: duration })).exp).toBe(now + seconds);
  });

  it.each(DURATIONS)('notBefore %j sets nbf = now + %d', async (duration, seconds) => {
    expect((await signedClaims({}, { notBefore: duration })).nbf).toBe(now + seconds);
  });

  it('durations count from a fractional currentDate and are floored to whole seconds', async () => {
    const token = await sign({}, SECRET, { currentDate: new Date(NOW.getTime() + 700), expiresIn: 10, notBefore: '1s' });
    expect(claimsOf(token)).toEqual({ iat: now, exp: now + 10, nbf: now + 1 });
  });

  it('a Date is absolute (floored to seconds), whatever currentDate says', async () => {
    const exp = new Date('2030-06-01T12:00:00.999Z');
    const nbf = new Date('2029-01-01T00:00:00Z');
    const claims = await signedClaims({}, { expiresIn: exp, notBefore: nbf });
    expect(claims.exp).toBe(Math.floor(exp.getTime() / 1000));
    expect(claims.nbf).toBe(nbf.getTime() / 1000);
  });

  it('a notBefore in the future makes the token not yet valid until then', async () => {
    const token = await signAt({}, SECRET, { notBefore: '15m', expiresIn: '1h' });
    await expectJWTError(verifyAt(token), 'ERR_JWT_NOT_YET_VALID', { claim: 'nbf' });
    await expect(verify(token, SECRET, { currentDate: at(900) })).resolves.toBeDefined();
    await expectJWTError(verify(token, SECRET, { currentDate: at(3600) }), 'ERR_JWT_EXPIRED');
  });

  it.each([
    ['', 'RangeError'],
    ['15', 'RangeError'],
    ['-1h', 'RangeError'],
    ['15 fortnights', 'RangeError'],
    [' 15m', 'RangeError'],
    ['15m ', 'RangeError'],
    ['1e3s', 'RangeError'],
    ['Infinity s', 'RangeError'],
    [-1, 'RangeError'],
    [Number.NaN, 'RangeError'],
    [Number.POSITIVE_INFINITY, 'RangeError'],
    [new Date(Number.NaN), 'RangeError'],
    [null, 'TypeError'],
    [true, 'TypeError'],
    [{}, 'TypeError'],
    [['15m'], 'TypeError'],
  ] as const)('expiresIn and notBefore refuse %j: %s', async (value, kind) => {
    await expectMistake(signAt({}, SECRET, { expiresIn: value } as never), kind);
    await expectMistake(signAt({}, SECRET, { notBefore: value } as never), kind);
  });
});

// ---------------------------------------------------------------------------

describe('sign: issuedAt', () => {
  it('defaults to currentDate, floored', async () => {
    const token = await sign({}, SECRET, { currentDate: new Date(NOW.getTime() + 999) });
    expect(claimsOf(token)).toEqual({ iat: now });
  });

  it('false omits iat', async () => {
    expect(await signedClaims({ a: 1 }, { issuedAt: false })).toEqual({ a: 1 });
  });

  it.each([0, 1000, now - 60])('a number %d is absolute seconds since the epoch', async (seconds) => {
    expect((await signedClaims({}, { issuedAt: seconds })).iat).toBe(seconds);
  });

  it('a Date is absolute, floored to seconds', async () => {
    expect((await signedClaims({}, { issuedAt: new Date('2025-12-31T23:59:00.500Z') })).iat).toBe(now - 60);
  });

  it("keeps the payload's iat when issuedAt is not given or is false", async () => {
    expect((await signedClaims({ iat: now - 5 }, {})).iat).toBe(now - 5);
    expect((await signedClaims({ iat: now - 5 }, { issuedAt: false })).iat).toBe(now - 5);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 'now', true, null, new Date(Number.NaN)])(
    'refuses %j',
    async (issuedAt) => {
      await expectMistake(signAt({}, SECRET, { issuedAt } as never), 'TypeError or RangeError');
    },
  );
});

// ---------------------------------------------------------------------------

describe('sign: payload and option conflicts, mistyped claims', () => {
  it.each([
    ['expiresIn', 'exp', '1h', now + 3600],
    ['notBefore', 'nbf', 0, now],
    ['issuedAt', 'iat', now, now],
    ['issuer', 'iss', 'a', 'a'],
    ['subject', 'sub', 'a', 'a'],
    ['audience', 'aud', 'a', 'a'],
    ['jwtId', 'jti', 'a', 'a'],
  ])('option %s with a payload %s (even an equal one): TypeError', async (option, claim, optionValue, claimValue) => {
    await expectMistake(signAt({ [claim]: claimValue }, SECRET, { [option]: optionValue }));
  });

  it.each([
    ['exp', '1767225600'],
    ['exp', null],
    ['exp', Number.POSITIVE_INFINITY],
    ['exp', Number.NaN],
    ['nbf', true],
    ['nbf', [1]],
    ['iat', '0'],
    ['iat', null],
    ['iss', 1],
    ['iss', ['a']],
    ['sub', null],
    ['sub', {}],
    ['jti', 7],
    ['aud', 1],
    ['aud', [1]],
    ['aud', ['a', null]],
    ['aud', { 0: 'a' }],
  ])('a payload %s of %j: TypeError', async (claim, value) => {
    await expectMistake(signAt({ [claim]: value }, SECRET));
  });

  it('registered claims of the right type pass through', async () => {
    const payload = { iss: 'i', sub: 's', aud: ['a'], exp: now + 1, nbf: now, iat: now, jti: 'j' };
    expect(await signedClaims(payload, {})).toEqual(payload);
  });

  it.each([
    [{ issuer: 1 }, 'TypeError'],
    [{ subject: [] }, 'TypeError'],
    [{ jwtId: 1 }, 'TypeError'],
    [{ audience: 1 }, 'TypeError'],
    [{ audience: [1] }, 'TypeError'],
    [{ audience: [] }, 'TypeError or RangeError'],
    [{ kid: 1 }, 'TypeError'],
    [{ typ: null }, 'TypeError'],
    [{ alg: 'XS256' }, 'RangeError'],
    [{ alg: 'none' }, 'RangeError'],
    [{ alg: 'hs256' }, 'RangeError'],
    [{ alg: 256 }, 'TypeError'],
    [{ currentDate: 'now' }, 'TypeError'],
    [{ currentDate: Date.UTC(2026, 0, 1) }, 'TypeError'],
    [{ currentDate: new Date(Number.NaN) }, 'RangeError'],
    [{ allowInsecureKeySizes: 'yes' }, 'TypeError'],
  ] as const)('option %j: %s', async (options, kind) => {
    await expectMistake(signAt({}, SECRET, options as never), kind);
  });
});

// ---------------------------------------------------------------------------

describe('key forms', () => {
  it('a non-ASCII string secret is its UTF-8 bytes: string, Uint8Array and JWK are interchangeable', async () => {
    const secret = 'clé secrète 秘密のキー 🔑 пароль'; // 29 UTF-16 units, more bytes
    const bytes = utf8(secret);
    expect(bytes.length).toBeGreaterThanOrEqual(32);
    const token = await signAt({ a: 1 }, secret);
    const [header, payload, signature] = token.split('.');
    expect(signature).toBe(createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${header}.${payload}`).digest('base64url'));
    for (const key of [secret, bytes, Buffer.from(bytes), octJWK(bytes)]) {
      await expect(verifyAt(token, key)).resolves.toBeDefined();
      await expect(verifyAt(await signAt({ a: 1 }, key), secret)).resolves.toBeDefined();
    }
  });

  it('measures a string secret in UTF-8 bytes, not characters', async () => {
    await expect(signAt({}, 'é'.repeat(16))).resolves.toBeTypeOf('string'); // 16 characters, 32 bytes
    await expectJWTError(signAt({}, `${'é'.repeat(15)}a`), 'ERR_JWT_KEY_INVALID'); // 31 bytes
  });

  it('a Uint8Array view uses only its own bytes', async () => {
    const buffer = new Uint8Array(96).fill(7);
    buffer.set(utf8(SECRET.slice(0, 32)), 32);
    const view = buffer.subarray(32, 64);
    const token = await signAt({ a: 1 }, view);
    await expect(verifyAt(token, SECRET.slice(0, 32))).resolves.toBeDefined();
  });

  it.each([[42], [true], [[1, 2, 3]], [Symbol('k')]])('a key %s that is no key: TypeError', async (key) => {
    await expectMistake(signAt({}, key as never));
    await expectMistake(verifyAt(await signAt({}), key as never));
  });

  it('a function is no key for sign (for verify it is a resolver)', async () => {
    await expectMistake(signAt({}, (() => SECRET) as never));
  });

  describe('HMAC CryptoKey', () => {
    const importHMAC = (hash: string, bytes: number, usages: KeyUsage[] = ['sign', 'verify']) =>
      crypto.subtle.importKey(
        'raw',
        utf8(SECRET).slice(0, bytes),
        { name: 'HMAC', hash },
        false,
        usages,
      );

    it.each(ALGS)('its hash decides the default algorithm: %s', async (alg) => {
      const key = await importHMAC(WEB_HASH[alg], 64);
      const token = await signAt({ a: 1 }, key);
      expect(headerOf(token).alg).toBe(alg);
      await expect(verifyAt(token, key)).resolves.toBeDefined();
      await expect(verifyAt(token, utf8(SECRET).slice(0, 64))).resolves.toBeDefined();
    });

    it('serves no algorithm but its own hash', async () => {
      const key384 = await importHMAC('SHA-384', 64);
      await expectJWTError(signAt({}, key384, { alg: 'HS256' }), 'ERR_JWT_ALG_NOT_ALLOWED');
      const token = await signAt({}, utf8(SECRET).slice(0, 64), { alg: 'HS256' });
      await expectJWTError(verifyAt(token, key384), 'ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('a generated key of the default length works', async () => {
      const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, false, ['sign', 'verify']);
      await expect(verifyAt(await signAt({}, key), key)).resolves.toMatchObject({ header: { alg: 'HS512' } });
    });

    it('its usages are respected', async () => {
      const signOnly = await importHMAC('SHA-256', 32, ['sign']);
      const verifyOnly = await importHMAC('SHA-256', 32, ['verify']);
      const token = await signAt({}, signOnly);
      await expectJWTError(verifyAt(token, signOnly), 'ERR_JWT_KEY_INVALID');
      await expect(verifyAt(token, verifyOnly)).resolves.toBeDefined();
      await expectJWTError(signAt({}, verifyOnly), 'ERR_JWT_KEY_INVALID');
    });

    it('a short one is refused unless allowInsecureKeySizes', async () => {
      const short = await importHMAC('SHA-256', 16);
      await expectJWTError(signAt({}, short), 'ERR_JWT_KEY_INVALID');
      const token = await signAt({}, short, { allowInsecureKeySizes: true });
      await expectJWTError(verifyAt(token, short), 'ERR_JWT_KEY_INVALID');
      await expect(verifyAt(token, short, { allowInsecureKeySizes: true })).resolves.toBeDefined();
    });

    it('an HMAC key with a hash no JWS algorithm uses, or an encryption key, is refused', async () => {
      const sha1 = await importHMAC('SHA-1', 64);
      const aes = await crypto.subtle.importKey('raw', new Uint8Array(32), 'AES-GCM', false, ['encrypt']);
      const token = await signAt({});
      for (const key of [sha1, aes]) {
        await expectJWTError(signAt({}, key), 'ERR_JWT_KEY_INVALID');
        await expectJWTError(verifyAt(token, key), 'ERR_JWT_KEY_INVALID');
      }
    });

    it('a signature key of another type cannot serve HMAC: ERR_JWT_ALG_NOT_ALLOWED', async () => {
      const { publicKey, privateKey } = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      await expectJWTError(verifyAt(await signAt({}), publicKey), 'ERR_JWT_ALG_NOT_ALLOWED');
      await expectJWTError(signAt({}, privateKey, { alg: 'HS256' }), 'ERR_JWT_ALG_NOT_ALLOWED');
    });
  });

  describe('oct JWK', () => {
    it('without alg, serves every HMAC algorithm and defaults to HS256', async () => {
      const jwk = octJWK(SECRET);
      expect(headerOf(await signAt({}, jwk)).alg).toBe('HS256');
      for (const alg of ALGS) await expect(verifyAt(await signAt({}, SECRET, { alg }), jwk)).resolves.toBeDefined();
    });

    it.each(ALGS)('alg %s decides the default and is the only algorithm it serves', async (alg) => {
      const jwk = octJWK(SECRET, { alg });
      const token = await signAt({}, jwk);
      expect(headerOf(token).alg).toBe(alg);
      await expect(verifyAt(token, SECRET)).resolves.toBeDefined();
      for (const other of ALGS.filter((name) => name !== alg)) {
        await expectJWTError(signAt({}, jwk, { alg: other }), 'ERR_JWT_ALG_NOT_ALLOWED');
        await expectJWTError(verifyAt(await signAt({}, SECRET, { alg: other }), jwk), 'ERR_JWT_ALG_NOT_ALLOWED');
      }
    });

    it('its kid goes into the header unless the kid option is set', async () => {
      const jwk = octJWK(SECRET, { kid: 'jwk-kid' });
      expect(headerOf(await signAt({}, jwk)).kid).toBe('jwk-kid');
      expect(headerOf(await signAt({}, jwk, { kid: 'option-kid' })).kid).toBe('option-kid');
    });

    it('use "sig" is accepted, any other use refused', async () => {
      const token = await signAt({});
      await expect(verifyAt(token, octJWK(SECRET, { use: 'sig' }))).resolves.toBeDefined();
      await expectJWTError(signAt({}, octJWK(SECRET, { use: 'enc' })), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verifyAt(token, octJWK(SECRET, { use: 'enc' })), 'ERR_JWT_KEY_INVALID');
    });

    it('key_ops limits what the key does', async () => {
      const token = await signAt({});
      const signOnly = octJWK(SECRET, { key_ops: ['sign'] });
      const verifyOnly = octJWK(SECRET, { key_ops: ['verify'] });
      const none = octJWK(SECRET, { key_ops: [] });
      await expect(signAt({}, signOnly)).resolves.toBe(token);
      await expectJWTError(verifyAt(token, signOnly), 'ERR_JWT_KEY_INVALID');
      await expect(verifyAt(token, verifyOnly)).resolves.toBeDefined();
      await expectJWTError(signAt({}, verifyOnly), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(signAt({}, none), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verifyAt(token, none), 'ERR_JWT_KEY_INVALID');
      await expect(verifyAt(token, octJWK(SECRET, { key_ops: ['sign', 'verify'] }))).resolves.toBeDefined();
    });

    it.each([
      ['an unknown kty', { kty: 'foo', k: b64u(SECRET) }],
      ['no kty', { k: b64u(SECRET) }],
      ['no k', { kty: 'oct' }],
      ['k not base64url', { kty: 'oct', k: `${b64u(SECRET)}!` }],
      ['k padded', { kty: 'oct', k: `${b64u(SECRET.slice(0, 32))}=` }],
      ['k not a string', { kty: 'oct', k: 1 }],
      ['alg RS256', octJWK(SECRET, { alg: 'RS256' })],
      ['alg none', octJWK(SECRET, { alg: 'none' })],
      ['kid not a string', octJWK(SECRET, { kid: 5 as never })],
      ['key_ops a string', octJWK(SECRET, { key_ops: 'sign' as never })],
    ])('%s: ERR_JWT_KEY_INVALID', async (_, jwk) => {
      const token = await signAt({});
      await expectJWTError(signAt({}, jwk as JWK), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verifyAt(token, jwk as JWK), 'ERR_JWT_KEY_INVALID');
    });

    it('a JWK k and a string secret equal to that k text are different secrets (no cache confusion)', async () => {
      const jwk = octJWK(SECRET);
      const tokenFromJWK = await signAt({}, jwk);
      const tokenFromText = await signAt({}, jwk.k!);
      expect(tokenFromText).not.toBe(tokenFromJWK);
      await expectJWTError(verifyAt(tokenFromText, jwk), 'ERR_JWT_SIGNATURE_INVALID');
      await expectJWTError(verifyAt(tokenFromJWK, jwk.k!), 'ERR_JWT_SIGNATURE_INVALID');
    });
  });
});

// ---------------------------------------------------------------------------

describe('secret size', () => {
  const secretOf = (bytes: number) => 'z'.repeat(bytes);

  it.each(ALGS)('%s: a secret one byte short of the hash size is refused unless allowInsecureKeySizes', async (alg) => {
    const short = secretOf(MIN_BYTES[alg] - 1);
    await expectJWTError(signAt({}, short, { alg }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(signAt({}, utf8(short), { alg }), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(signAt({}, octJWK(short), { alg }), 'ERR_JWT_KEY_INVALID');
    const token = forge({ alg, typ: 'JWT' }, { iat: now }, short, alg);
    // Too short for every algorithm the caller allows: the server's key. One byte short of HS384 or HS512
    // still serves HS256, so by default the token chose an algorithm the key cannot serve.
    const byDefault = alg === 'HS256' ? 'ERR_JWT_KEY_INVALID' : 'ERR_JWT_ALG_NOT_ALLOWED';
    await expectJWTError(verifyAt(token, short), byDefault);
    await expectJWTError(verifyAt(token, short, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID');
    // A wrong signature does not get past the size check either.
    await expectJWTError(verifyAt(forge({ alg }, {}, OTHER_SECRET, alg), short), byDefault);
    await expectJWTError(verifyAt(forge({ alg }, {}, OTHER_SECRET, alg), short, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID');

    await expect(signAt({}, short, { alg, allowInsecureKeySizes: true })).resolves.toBe(token);
    await expect(verifyAt(token, short, { allowInsecureKeySizes: true })).resolves.toBeDefined();
  });

  it.each(ALGS)('%s: a secret of exactly the hash size is accepted', async (alg) => {
    const exact = secretOf(MIN_BYTES[alg]);
    await expect(verifyAt(await signAt({}, exact, { alg }), exact)).resolves.toBeDefined();
  });

  it('the size depends on the algorithm: 32 bytes serve HS256 but not HS384 or HS512', async () => {
    const secret = secretOf(32);
    await expectJWTError(signAt({}, secret, { alg: 'HS384' }), 'ERR_JWT_KEY_INVALID');
    // A token that picks HS512 against a secret that serves HS256 is the token's doing (anyone can send
    // one): never the server error a key that cannot work at all is.
    for (const alg of ['HS384', 'HS512'] as const) {
      const error = await expectJWTError(verifyAt(forge({ alg }, {}, secret, alg), secret), 'ERR_JWT_ALG_NOT_ALLOWED');
      expect(error.message).toBe(
        `the HMAC secret is too short for ${alg}: expected at least ${MIN_BYTES[alg]} bytes, got 32 (RFC 7518 §3.2; see the allowInsecureKeySizes option)`,
      );
      await expectJWTError(verifyAt(forge({ alg }, {}, secret, alg), secret, { algorithms: ['HS256', alg] }), 'ERR_JWT_ALG_NOT_ALLOWED');
      await expectJWTError(verifyAt(forge({ alg }, {}, secret, alg), secret, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID');
      // The same through a resolver, whose key is found per token.
      await expectJWTError(verifyAt(forge({ alg }, {}, secret, alg), () => secret), 'ERR_JWT_ALG_NOT_ALLOWED');
      await expectJWTError(verifyAt(forge({ alg }, {}, secret, alg), () => secret, { algorithms: [alg] }), 'ERR_JWT_KEY_INVALID');
    }
    await expect(verifyAt(forge({ alg: 'HS256' }, {}, secret, 'HS256'), secret)).resolves.toBeDefined();
  });

  it.each([
    ['an empty string', ''],
    ['an empty Uint8Array', new Uint8Array(0)],
    ['an oct JWK with an empty k', { kty: 'oct', k: '' }],
  ])('%s is refused, even with allowInsecureKeySizes', async (_, key) => {
    const token = forge({ alg: 'HS256' }, {}, '');
    for (const allowInsecureKeySizes of [false, true]) {
      await expectJWTError(signAt({}, key, { allowInsecureKeySizes }), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verifyAt(token, key, { allowInsecureKeySizes }), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verifyAt(token, () => key, { allowInsecureKeySizes }), 'ERR_JWT_KEY_INVALID');
    }
  });
});

describe('PEM and JWK text are never HMAC secrets', () => {
  const PEM = [
    '-----BEGIN PUBLIC KEY-----',
    'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV7',
    '6e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMohYjlrQ==',
    '-----END PUBLIC KEY-----',
  ].join('\n');
  const EC_JWK = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };
  const PEM_TEXTS = {
    'a PEM public key': PEM,
    'a PEM with text before it': `my key:\n${PEM}`,
    'a PEM with a mislabelled body': PEM.replace(/PUBLIC KEY/g, 'EC PRIVATE KEY'),
  };
  const JWK_TEXTS = {
    'a JWK as JSON': JSON.stringify(EC_JWK),
    'a pretty-printed oct JWK with leading whitespace': `\n  ${JSON.stringify({ k: b64u(SECRET), kty: 'oct' }, null, 2)}`,
    'a JWK Set as JSON': JSON.stringify({ keys: [EC_JWK] }),
  };
  /** Refused, as a string, as bytes and through a resolver, for sign (as HS256) and for verify of a token MACed with the text. */
  async function expectRefused(text: string, codes: JWTErrorCode[]) {
    const token = forge({ alg: 'HS256', typ: 'JWT' }, { iat: now }, text);
    for (const key of [text, utf8(text)]) {
      for (const allowInsecureKeySizes of [false, true]) {
        await expectJWTError(signAt({}, key, { alg: 'HS256', allowInsecureKeySizes }), codes);
        await expectJWTError(verifyAt(token, key, { allowInsecureKeySizes }), codes);
        await expectJWTError(verifyAt(token, async () => key, { allowInsecureKeySizes }), codes);
      }
    }
  }

  // A PEM is an asymmetric key (or a malformed one): it cannot serve HS256 either way.
  it.each(Object.entries(PEM_TEXTS))('%s: refused (KEY_INVALID or ALG_NOT_ALLOWED)', async (_, text) => {
    await expectRefused(text, ['ERR_JWT_KEY_INVALID', 'ERR_JWT_ALG_NOT_ALLOWED']);
  });

  it.each(Object.entries(JWK_TEXTS))('%s: ERR_JWT_KEY_INVALID', async (_, text) => {
    await expectRefused(text, ['ERR_JWT_KEY_INVALID']);
  });

  it('an oct JWK whose k decodes to PEM or JWK text: ERR_JWT_KEY_INVALID', async () => {
    for (const text of Object.values({ ...PEM_TEXTS, ...JWK_TEXTS })) {
      const token = forge({ alg: 'HS256', typ: 'JWT' }, { iat: now }, text);
      await expectJWTError(signAt({}, octJWK(text)), 'ERR_JWT_KEY_INVALID');
      await expectJWTError(verifyAt(token, octJWK(text)), 'ERR_JWT_KEY_INVALID');
    }
  });

  it('a secret that merely mentions braces or dashes is fine', async () => {
    const secret = '{not json} ----- BEGIN? no: "kty" is only a word here, long enough';
    await expect(verifyAt(await signAt({}, secret), secret)).resolves.toBeDefined();
  });
});

// ---------------------------------------------------------------------------

describe('key caches stay correct', () => {
  it('a Uint8Array mutated between calls is read again', async () => {
    const bytes = new Uint8Array(32).fill(1);
    const first = await signAt({ a: 1 }, bytes);
    await expect(verifyAt(first, bytes)).resolves.toBeDefined();

    bytes.fill(2);
    const second = await signAt({ a: 1 }, bytes);
    expect(second).not.toBe(first);
    expect(second).toBe(await signAt({ a: 1 }, new Uint8Array(32).fill(2)));
    await expectJWTError(verifyAt(first, bytes), 'ERR_JWT_SIGNATURE_INVALID');
    await expect(verifyAt(second, bytes)).resolves.toBeDefined();

    bytes.fill(1); // back again
    await expect(verifyAt(first, bytes)).resolves.toBeDefined();
    await expectJWTError(verifyAt(second, bytes), 'ERR_JWT_SIGNATURE_INVALID');
  });

  it('a Uint8Array mutated into a PEM after use is refused', async () => {
    const pem = utf8('-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n');
    const bytes = new Uint8Array(pem.length).fill(65);
    const token = await signAt({}, bytes);
    bytes.set(pem);
    await expectJWTError(verifyAt(token, bytes), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(signAt({}, bytes), 'ERR_JWT_KEY_INVALID');
  });

  it('a JWK object mutated between calls is read again', async () => {
    const jwk = octJWK(SECRET);
    const first = await signAt({}, jwk);
    jwk.k = b64u(OTHER_SECRET);
    await expectJWTError(verifyAt(first, jwk), 'ERR_JWT_SIGNATURE_INVALID');
    jwk.alg = 'HS512';
    expect(headerOf(await signAt({}, jwk)).alg).toBe('HS512');
  });

  it('string secrets stay correct after many distinct secrets have been used', async () => {
    const secrets = Array.from({ length: 150 }, (_, i) => `secret-number-${i}-${'x'.repeat(32)}`);
    const tokens = await Promise.all(secrets.map((secret) => signAt({ i: secrets.indexOf(secret) }, secret)));
    for (const [i, token] of tokens.entries()) {
      await expect(verifyAt(token, secrets[i])).resolves.toMatchObject({ payload: { i } });
      await expectJWTError(verifyAt(token, secrets[(i + 1) % secrets.length]), 'ERR_JWT_SIGNATURE_INVALID');
    }
  });
});

// ---------------------------------------------------------------------------

describe('verify: algorithms', () => {
  it('passes when the token alg is listed, fails when not', async () => {
    const token = await signAt({}, SECRET, { alg: 'HS384' });
    await expect(verifyAt(token, SECRET, { algorithms: ['HS384'] })).resolves.toBeDefined();
    await expect(verifyAt(token, SECRET, { algorithms: ['HS256', 'HS384'] })).resolves.toBeDefined();
    await expectJWTError(verifyAt(token, SECRET, { algorithms: ['HS256', 'HS512'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('a listed algorithm the key cannot serve: ERR_JWT_ALG_NOT_ALLOWED', async () => {
    const token = await signAt({}, SECRET, { alg: 'HS256' });
    await expectJWTError(verifyAt(token, octJWK(SECRET, { alg: 'HS512' }), { algorithms: ['HS256', 'HS512'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    const key512 = await crypto.subtle.importKey('raw', utf8(SECRET), { name: 'HMAC', hash: 'SHA-512' }, false, ['verify']);
    await expectJWTError(verifyAt(token, key512, { algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('is checked before the signature: a forged token with an unlisted alg is ALG_NOT_ALLOWED', async () => {
    const token = forge({ alg: 'HS512' }, {}, OTHER_SECRET, 'HS512');
    await expectJWTError(verifyAt(token, SECRET, { algorithms: ['HS256'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
  });

  it.each([
    [['XS256'], 'RangeError'],
    [['none'], 'RangeError'],
    [['hs256'], 'RangeError'],
    [['HS256', 'HS1'], 'RangeError'],
    [[256], 'TypeError'],
    ['HS256', 'TypeError'],
    [[], 'TypeError or RangeError'],
    [null, 'TypeError'],
  ] as const)('algorithms %j: %s', async (algorithms, kind) => {
    await expectMistake(verifyAt(await signAt({}), SECRET, { algorithms } as never), kind);
  });
});

describe('verify: issuer, audience, subject', () => {
  const claims = { iss: 'https://issuer', aud: ['api', 'web'], sub: 'user-1' };
  let token: string;
  const verifyWith = async (options: VerifyOptions) => verifyAt((token ??= await signAt(claims)), SECRET, options);

  it.each<VerifyOptions>([
    { issuer: 'https://issuer' },
    { issuer: ['https://other', 'https://issuer'] },
    { audience: 'api' },
    { audience: 'web' },
    { audience: ['nope', 'web'] },
    { subject: 'user-1' },
    { issuer: 'https://issuer', audience: 'api', subject: 'user-1' },
  ])('passes with %j', async (options) => {
    await expect(verifyWith(options)).resolves.toMatchObject({ payload: claims });
  });

  it.each<[VerifyOptions, string]>([
    [{ issuer: 'https://other' }, 'iss'],
    [{ issuer: 'HTTPS://ISSUER' }, 'iss'],
    [{ issuer: ['a', 'b'] }, 'iss'],
    [{ audience: 'API' }, 'aud'],
    [{ audience: ['x', 'y'] }, 'aud'],
    [{ subject: 'user-2' }, 'sub'],
    [{ subject: 'user-1', issuer: 'https://other' }, 'iss'],
  ])('%j: ERR_JWT_CLAIM_INVALID mismatch on %s', async (options, claim) => {
    await expectJWTError(verifyWith(options), 'ERR_JWT_CLAIM_INVALID', { claim, reason: 'mismatch', payload: { ...claims, iat: now } });
  });

  it('a string aud matches an expected audience list', async () => {
    const single = await signAt({ aud: 'web' });
    await expect(verifyAt(single, SECRET, { audience: ['api', 'web'] })).resolves.toBeDefined();
    await expectJWTError(verifyAt(single, SECRET, { audience: 'api' }), 'ERR_JWT_CLAIM_INVALID', { claim: 'aud' });
  });

  it.each([
    [{ issuer: 'x' }, 'iss'],
    [{ audience: 'x' }, 'aud'],
    [{ subject: 'x' }, 'sub'],
  ])('an expected value implies presence: %j without %s is missing', async (options, claim) => {
    await expectJWTError(verifyAt(await signAt({ other: 1 }), SECRET, options), 'ERR_JWT_CLAIM_INVALID', { claim, reason: 'missing' });
  });

  it.each([
    [{ issuer: 1 }, 'TypeError'],
    [{ issuer: [] }, 'TypeError or RangeError'],
    [{ audience: [1] }, 'TypeError'],
    [{ audience: {} }, 'TypeError'],
    [{ subject: ['user-1'] }, 'TypeError'],
    [{ typ: 1 }, 'TypeError'],
  ] as const)('option %j: %s', async (options, kind) => {
    await expectMistake(verifyWith(options as never), kind);
  });
});

describe('verify: registered claims must have their types', () => {
  it.each([
    ['exp', `{"exp":"${now + 60}"}`],
    ['exp', '{"exp":null}'],
    ['exp', '{"exp":1e400}'],
    ['exp', '{"exp":[1]}'],
    ['nbf', '{"nbf":"0"}'],
    ['nbf', '{"nbf":true}'],
    ['iat', '{"iat":{}}'],
    ['iat', '{"iat":-1e999}'],
    ['iss', '{"iss":1}'],
    ['iss', '{"iss":["https://issuer"]}'],
    ['sub', '{"sub":null}'],
    ['jti', '{"jti":7}'],
    ['aud', '{"aud":1}'],
    ['aud', '{"aud":["api",1]}'],
    ['aud', '{"aud":{"0":"api"}}'],
  ])('%s in %s: ERR_JWT_CLAIM_INVALID invalid', async (claim, json) => {
    const token = forge({ alg: 'HS256', typ: 'JWT' }, json);
    await expectJWTError(verifyAt(token), 'ERR_JWT_CLAIM_INVALID', { claim, reason: 'invalid' });
  });

  it('a mistyped iss is invalid even when the issuer check would match its element', async () => {
    const token = forge({ alg: 'HS256' }, { iss: ['https://issuer'] });
    await expectJWTError(verifyAt(token, SECRET, { issuer: 'https://issuer' }), 'ERR_JWT_CLAIM_INVALID', { claim: 'iss', reason: 'invalid' });
  });
});

describe('verify: time', () => {
  const tokenWith = (claims: object) => signAt(claims, SECRET, { issuedAt: false });

  it('exp == now is expired; exp == now + 1 is not', async () => {
    const error = await expectJWTError(verifyAt(await tokenWith({ exp: now })), 'ERR_JWT_EXPIRED', { claim: 'exp' });
    expect(error.expiredAt).toEqual(new Date(now * 1000));
    await expect(verifyAt(await tokenWith({ exp: now + 1 }))).resolves.toBeDefined();
  });

  it('now is not rounded: 999 ms before exp is valid, exp itself is not', async () => {
    const token = await tokenWith({ exp: now + 1 });
    await expect(verify(token, SECRET, { currentDate: new Date(NOW.getTime() + 999) })).resolves.toBeDefined();
    await expectJWTError(verify(token, SECRET, { currentDate: at(1) }), 'ERR_JWT_EXPIRED');
  });

  it('clockTolerance extends exp: expired when now >= exp + tolerance', async () => {
    const token = await tokenWith({ exp: now - 5 });
    await expectJWTError(verifyAt(token, SECRET, { clockTolerance: 5 }), 'ERR_JWT_EXPIRED');
    await expect(verifyAt(token, SECRET, { clockTolerance: 6 })).resolves.toBeDefined();
    await expect(verifyAt(token, SECRET, { clockTolerance: '1m' })).resolves.toBeDefined();
  });

  it('nbf == now is valid; nbf == now + 1 is not yet; tolerance allows it', async () => {
    await expect(verifyAt(await tokenWith({ nbf: now }))).resolves.toBeDefined();
    const token = await tokenWith({ nbf: now + 1 });
    await expectJWTError(verifyAt(token), 'ERR_JWT_NOT_YET_VALID', { claim: 'nbf' });
    await expect(verifyAt(token, SECRET, { clockTolerance: 1 })).resolves.toBeDefined();
    await expectJWTError(verifyAt(await tokenWith({ nbf: now + 2 }), SECRET, { clockTolerance: 1 }), 'ERR_JWT_NOT_YET_VALID');
  });

  it('an iat in the future is refused by default, with tolerance and allowFutureIssuedAt as the outs', async () => {
    await expect(verifyAt(await tokenWith({ iat: now }))).resolves.toBeDefined();
    const token = await tokenWith({ iat: now + 1 });
    await expectJWTError(verifyAt(token), 'ERR_JWT_CLAIM_INVALID', { claim: 'iat', reason: 'future' });
    await expect(verifyAt(token, SECRET, { clockTolerance: 1 })).resolves.toBeDefined();
    await expect(verifyAt(token, SECRET, { allowFutureIssuedAt: true })).resolves.toBeDefined();
    await expectJWTError(verifyAt(token, SECRET, { allowFutureIssuedAt: false }), 'ERR_JWT_CLAIM_INVALID', { reason: 'future' });
  });

  it('a token signed now with expiresIn verifies until it expires', async () => {
    const token = await signAt({}, SECRET, { expiresIn: '15 minutes' });
    await expect(verify(token, SECRET, { currentDate: at(899) })).resolves.toBeDefined();
    await expectJWTError(verify(token, SECRET, { currentDate: at(900) }), 'ERR_JWT_EXPIRED');
  });

  describe('maxTokenAge', () => {
    it('accepts a younger token and refuses an older one with ERR_JWT_EXPIRED at iat + maxTokenAge', async () => {
      const token = await signAt({}, SECRET, { issuedAt: now - 61 });
      await expect(verifyAt(token, SECRET, { maxTokenAge: 62 })).resolves.toBeDefined();
      await expect(verifyAt(token, SECRET, { maxTokenAge: '2m' })).resolves.toBeDefined();
      const error = await expectJWTError(verifyAt(token, SECRET, { maxTokenAge: '1m' }), 'ERR_JWT_EXPIRED', { claim: 'iat' });
      expect(error.expiredAt).toEqual(at(-1));
      await expectJWTError(verifyAt(token, SECRET, { maxTokenAge: 60 }), 'ERR_JWT_EXPIRED');
    });

    it('counts clockTolerance', async () => {
      const token = await signAt({}, SECRET, { issuedAt: now - 61 });
      await expect(verifyAt(token, SECRET, { maxTokenAge: 60, clockTolerance: 5 })).resolves.toBeDefined();
    });

    it('requires iat', async () => {
      const token = await signAt({}, SECRET, { issuedAt: false, expiresIn: '1h' });
      await expect(verifyAt(token)).resolves.toBeDefined();
      await expectJWTError(verifyAt(token, SECRET, { maxTokenAge: '1h' }), 'ERR_JWT_CLAIM_INVALID', { claim: 'iat', reason: 'missing' });
    });
  });

  it.each([
    [{ clockTolerance: -1 }, 'RangeError'],
    [{ clockTolerance: 'a while' }, 'RangeError'],
    [{ clockTolerance: Number.NaN }, 'RangeError'],
    [{ clockTolerance: null }, 'TypeError'],
    [{ maxTokenAge: -5 }, 'RangeError'],
    [{ maxTokenAge: '1 fortnight' }, 'RangeError'],
    [{ maxTokenAge: false }, 'TypeError'],
    [{ currentDate: 'now' }, 'TypeError'],
    [{ currentDate: Date.UTC(2026, 0, 1) }, 'TypeError'],
    [{ currentDate: new Date(Number.NaN) }, 'RangeError'],
    [{ allowFutureIssuedAt: 1 }, 'TypeError'],
    [{ allowInsecureKeySizes: 'true' }, 'TypeError'],
  ] as const)('option %j: %s', async (options, kind) => {
    await expectMistake(verifyAt(await signAt({}), SECRET, options as never), kind);
  });
});

describe('verify: typ', () => {
  const tokenOfType = (typ: string) => signAt({}, SECRET, { typ });

  it.each([
    ['JWT', 'JWT'],
    ['JWT', 'jwt'],
    ['jwt', 'JWT'],
    ['JWT', 'application/jwt'],
    ['application/JWT', 'JWT'],
    ['at+jwt', 'application/at+JWT'],
    ['APPLICATION/AT+JWT', 'at+jwt'],
  ])('header typ %j matches the expected %j', async (typ, expected) => {
    await expect(verifyAt(await tokenOfType(typ), SECRET, { typ: expected })).resolves.toBeDefined();
  });

  it.each([
    ['JWT', 'at+jwt'],
    ['at+jwt', 'JWT'],
    ['application/jwt', 'text/jwt'],
    ['JWT ', 'JWT'],
    ['xapplication/jwt', 'jwt'],
  ])('header typ %j does not match %j: ERR_JWT_CLAIM_INVALID mismatch', async (typ, expected) => {
    await expectJWTError(verifyAt(await tokenOfType(typ), SECRET, { typ: expected }), 'ERR_JWT_CLAIM_INVALID', {
      claim: 'typ',
      reason: 'mismatch',
    });
  });

  it('a token without typ is missing it when a typ is expected, and fine when not', async () => {
    const token = forge({ alg: 'HS256' }, { iat: now });
    await expect(verifyAt(token)).resolves.toBeDefined();
    await expectJWTError(verifyAt(token, SECRET, { typ: 'JWT' }), 'ERR_JWT_CLAIM_INVALID', { claim: 'typ', reason: 'missing' });
  });
});

describe('verify: requiredClaims', () => {
  it('passes when each is present, fails on the first missing one', async () => {
    const token = await signAt({ role: 'admin', zero: 0, empty: '' }, SECRET, { jwtId: 'j', expiresIn: 60 });
    await expect(verifyAt(token, SECRET, { requiredClaims: ['jti', 'exp', 'iat', 'role', 'zero', 'empty'] })).resolves.toBeDefined();
    await expect(verifyAt(token, SECRET, { requiredClaims: [] })).resolves.toBeDefined();
    await expectJWTError(verifyAt(token, SECRET, { requiredClaims: ['jti', 'nbf'] }), 'ERR_JWT_CLAIM_INVALID', {
      claim: 'nbf',
      reason: 'missing',
    });
    await expectJWTError(verifyAt(token, SECRET, { requiredClaims: ['tenant'] }), 'ERR_JWT_CLAIM_INVALID', { claim: 'tenant', reason: 'missing' });
  });

  it('a null claim counts as missing', async () => {
    const token = await signAt({ tenant: null });
    await expectJWTError(verifyAt(token, SECRET, { requiredClaims: ['tenant'] }), 'ERR_JWT_CLAIM_INVALID', { claim: 'tenant', reason: 'missing' });
  });

  it('does not find inherited properties', async () => {
    const token = await signAt({});
    await expectJWTError(verifyAt(token, SECRET, { requiredClaims: ['toString'] }), 'ERR_JWT_CLAIM_INVALID', { claim: 'toString' });
  });

  it.each([['jti'], [['jti', 1]], [{}]])('requiredClaims %j: TypeError', async (requiredClaims) => {
    await expectMistake(verifyAt(await signAt({}), SECRET, { requiredClaims } as never));
  });
});

describe('verify: crit', () => {
  const header = { alg: 'HS256', typ: 'JWT', crit: ['urn:example:bound'], 'urn:example:bound': 'tls' };
  const token = forge(header, { iat: now });

  it('refuses a critical parameter the caller does not understand', async () => {
    await expectJWTError(verifyAt(token), 'ERR_JWT_INVALID');
    await expectJWTError(verifyAt(token, SECRET, { crit: ['urn:example:other'] }), 'ERR_JWT_INVALID');
    await expectJWTError(verifyAt(token, SECRET, { crit: [] }), 'ERR_JWT_INVALID');
  });

  it('accepts it when the caller lists it, and returns the header', async () => {
    await expect(verifyAt(token, SECRET, { crit: ['urn:example:other', 'urn:example:bound'] })).resolves.toEqual({
      header,
      payload: { iat: now },
    });
  });

  it('checks crit before the key is resolved or the signature checked', async () => {
    const resolver = vi.fn(() => SECRET);
    await expectJWTError(verifyAt(forge(header, {}, OTHER_SECRET), resolver), 'ERR_JWT_INVALID');
    expect(resolver).not.toHaveBeenCalled();
  });

  it.each([
    ['a registered name', { alg: 'HS256', crit: ['kid'], kid: 'k' }],
    ['an absent parameter', { alg: 'HS256', crit: ['urn:example:bound'] }],
    ['an empty list', { alg: 'HS256', crit: [] }],
    ['not a list', { alg: 'HS256', crit: 'urn:example:bound', 'urn:example:bound': 1 }],
    ['a duplicate', { alg: 'HS256', crit: ['urn:example:bound', 'urn:example:bound'], 'urn:example:bound': 1 }],
  ])('a malformed crit (%s) is refused even when understood', async (_, bad) => {
    await expectJWTError(verifyAt(forge(bad, {}), SECRET, { crit: ['urn:example:bound', 'kid'] }), 'ERR_JWT_INVALID');
  });

  it('crit option must be an array of strings', async () => {
    await expectMistake(verifyAt(token, SECRET, { crit: 'urn:example:bound' } as never));
  });
});

// ---------------------------------------------------------------------------

describe('verify: key resolver', () => {
  const keys: Record<string, string> = { one: SECRET, two: OTHER_SECRET };

  it('a sync resolver receives the header and the token, and picks the key', async () => {
    const token = await signAt({ a: 1 }, OTHER_SECRET, { kid: 'two' });
    const resolver = vi.fn((header: { kid?: string }) => keys[header.kid!]!);
    await expect(verifyAt(token, resolver)).resolves.toMatchObject({ payload: { a: 1 } });
    expect(resolver).toHaveBeenCalledTimes(1);
    expect(resolver).toHaveBeenCalledWith({ alg: 'HS256', typ: 'JWT', kid: 'two' }, token);
  });

  it('an async resolver works the same, including for failures', async () => {
    const token = await signAt({}, SECRET, { kid: 'one' });
    await expect(verifyAt(token, async (header) => keys[header.kid!]!)).resolves.toBeDefined();
    await expectJWTError(verifyAt(token, async () => OTHER_SECRET), 'ERR_JWT_SIGNATURE_INVALID');
  });

  it('may return any key form', async () => {
    const token = await signAt({}, SECRET, { alg: 'HS512' });
    for (const key of [SECRET, utf8(SECRET), octJWK(SECRET)]) await expect(verifyAt(token, () => key)).resolves.toBeDefined();
  });

  it.each([undefined, null])('returning %j is ERR_JWKS_NO_MATCHING_KEY (the token\'s kid is unknown), sync or async', async (nothing) => {
    const token = await signAt({});
    await expectJWTError(verifyAt(token, () => nothing as never), 'ERR_JWKS_NO_MATCHING_KEY');
    await expectJWTError(verifyAt(token, async () => nothing as never), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  it('an error it throws (or rejects with) propagates as is', async () => {
    const token = await signAt({});
    const failure = new Error('kid not found');
    await expect(verifyAt(token, () => { throw failure; })).rejects.toBe(failure);
    await expect(verifyAt(token, () => Promise.reject(failure))).rejects.toBe(failure);
  });

  it('the key it returns is still held to the allow-list and the key checks', async () => {
    const token = await signAt({});
    await expectJWTError(verifyAt(token, () => octJWK(SECRET, { alg: 'HS512' })), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verifyAt(token, () => 'short'), 'ERR_JWT_KEY_INVALID');
    await expect(verifyAt(forge({ alg: 'HS256' }, {}, 'short'), () => 'short', { allowInsecureKeySizes: true })).resolves.toBeDefined();
  });

  it('is not called for a malformed token or an algorithm outside the allow-list', async () => {
    const resolver = vi.fn(() => SECRET);
    await expectJWTError(verifyAt('not.a.jwt', resolver), 'ERR_JWT_INVALID');
    await expectJWTError(verifyAt(await signAt({}), resolver, { algorithms: ['HS384'] }), 'ERR_JWT_ALG_NOT_ALLOWED');
    expect(resolver).not.toHaveBeenCalled();
  });

  it('claims are checked after the resolved key verifies the signature', async () => {
    const expired = await signAt({}, SECRET, { expiresIn: new Date(0) });
    await expectJWTError(verifyAt(expired, () => OTHER_SECRET), 'ERR_JWT_SIGNATURE_INVALID');
    await expectJWTError(verifyAt(expired, () => SECRET), 'ERR_JWT_EXPIRED');
  });
});
