/**
 * The error contract: JWTError's shape and codes, isJWTError (also across
 * module instances and realms), messages that never carry the token or the
 * secret, and plain TypeErrors for the caller's own mistakes.
 */
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  decode,
  isJWTError,
  JWTError,
  sign,
  verify,
  type JWTErrorCode,
  type KeyInput,
  type SignOptions,
  type VerifyOptions,
  type JWTPayload,
} from '../../src/index.js';
import { expectJWTError, expectMistake, forgeHMAC, rejection } from '../helpers.js';
import { signer } from '../../src/lib/crypto/select.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;
/** Distinctive, so that any leak of it into a message is found. */
const SECRET = 'errors-test-SECRET-7f3a9c1e5b2d4f6a8c0e-DO-NOT-LEAK';
const OTHER_SECRET = 'errors-test-OTHER-SECRET-0a1b2c3d4e5f60718293-DO-NOT-LEAK';

const ALL_CODES: JWTErrorCode[] = [
  'ERR_JWT_INVALID',
  'ERR_JWT_ALG_NOT_ALLOWED',
  'ERR_JWT_ALG_UNSUPPORTED',
  'ERR_JWT_SIGNATURE_INVALID',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_NOT_YET_VALID',
  'ERR_JWT_CLAIM_INVALID',
  'ERR_JWT_KEY_INVALID',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_FETCH_FAILED',
  'ERR_JWKS_TIMEOUT',
];

const b64u = (value: string | object) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const forge = (header: object, claims: object, secret: string = SECRET) => forgeHMAC(header, claims, secret);

const signAt = (payload: object, options: SignOptions = {}, key: KeyInput = SECRET) =>
  sign(payload as JWTPayload, key, { currentDate: NOW, ...options });
const verifyAt = (token: string, options: VerifyOptions = {}, key: KeyInput = SECRET) =>
  verify(token, key, { currentDate: NOW, ...options });

// ---------------------------------------------------------------------------

describe('JWTError', () => {
  it('is an Error named JWTError with a code, and only the details given', () => {
    const error = new JWTError('ERR_JWT_INVALID', 'malformed');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(JWTError);
    expect(error.name).toBe('JWTError');
    expect(error.code).toBe('ERR_JWT_INVALID');
    expect(error.message).toBe('malformed');
    expect(String(error)).toBe('JWTError: malformed');
    for (const detail of ['claim', 'reason', 'expiredAt', 'payload', 'status', 'cause'] as const) expect(error[detail]).toBeUndefined();
    expect(error).not.toHaveProperty('cause');
    expect(error.stack).toContain('JWTError');
  });

  it('carries claim, reason, expiredAt, payload and cause when given', () => {
    const cause = new Error('low level');
    const expiredAt = new Date(0);
    const payload = { sub: 'x' };
    const error = new JWTError('ERR_JWT_CLAIM_INVALID', 'm', { claim: 'sub', reason: 'mismatch', expiredAt, payload, cause });
    expect(error).toMatchObject({ claim: 'sub', reason: 'mismatch', expiredAt, payload, cause });
  });

  it('is what every kind of refusal throws, with its code and details', async () => {
    const expired = await expectJWTError(verifyAt(await signAt({}, { expiresIn: new Date((now - 10) * 1000) })), 'ERR_JWT_EXPIRED');
    expect(expired.expiredAt).toEqual(new Date((now - 10) * 1000));
    expect(expired.claim).toBe('exp');

    const claim = await expectJWTError(verifyAt(await signAt({ role: 'x' }, { issuer: 'a' }), { issuer: 'b' }), 'ERR_JWT_CLAIM_INVALID');
    expect(claim).toMatchObject({ claim: 'iss', reason: 'mismatch', payload: { role: 'x', iss: 'a', iat: now } });

    await expectJWTError(verifyAt('a.b'), 'ERR_JWT_INVALID');
    await expectJWTError(verifyAt(forge({ alg: 'none' }, {})), 'ERR_JWT_ALG_NOT_ALLOWED');
    await expectJWTError(verifyAt(forge({ alg: 'HS256' }, {}, OTHER_SECRET)), 'ERR_JWT_SIGNATURE_INVALID');
    await expectJWTError(verifyAt(await signAt({}, { notBefore: 60 })), 'ERR_JWT_NOT_YET_VALID');
    await expectJWTError(verifyAt(await signAt({}), {}, 'short'), 'ERR_JWT_KEY_INVALID');
  });

  describe('crypto failures', () => {
    afterEach(() => vi.restoreAllMocks());

    it('a NotSupportedError from the platform is ERR_JWT_ALG_UNSUPPORTED, with the cause', async () => {
      const platform = new DOMException('not here', 'NotSupportedError');
      vi.spyOn(signer, 'sign').mockRejectedValue(platform);
      const error = await expectJWTError(signAt({}), 'ERR_JWT_ALG_UNSUPPORTED');
      expect(error.cause).toBe(platform);
    });

    it('any other platform failure is ERR_JWT_KEY_INVALID, with the cause', async () => {
      const token = await signAt({});
      const platform = new DOMException('bad key', 'InvalidAccessError');
      vi.spyOn(signer, 'verify').mockRejectedValue(platform);
      const error = await expectJWTError(verifyAt(token), 'ERR_JWT_KEY_INVALID');
      expect(error.cause).toBe(platform);
    });
  });
});

// ---------------------------------------------------------------------------

describe('isJWTError', () => {
  it.each(ALL_CODES)('recognises a JWTError with code %s, with and without the code', (code) => {
    const error = new JWTError(code, 'm');
    expect(isJWTError(error)).toBe(true);
    expect(isJWTError(error, code)).toBe(true);
    for (const other of ALL_CODES.filter((c) => c !== code)) expect(isJWTError(error, other)).toBe(false);
  });

  it.each([
    ['an Error', new Error('ERR_JWT_INVALID')],
    ['a TypeError', new TypeError('x')],
    ['an Error with a code', Object.assign(new Error('x'), { code: 'ERR_JWT_INVALID', name: 'JWTError' })],
    ['a look-alike object', { name: 'JWTError', code: 'ERR_JWT_INVALID', message: 'x' }],
    ['a brand that is not true', { [Symbol.for('webjwt.JWTError')]: 'yes', code: 'ERR_JWT_INVALID' }],
    ['a code string', 'ERR_JWT_INVALID'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
  ])('is false for %s', (_, value) => {
    expect(isJWTError(value)).toBe(false);
    expect(isJWTError(value, 'ERR_JWT_INVALID')).toBe(false);
  });

  it('recognises the errors of another instance of the module, both ways', async () => {
    vi.resetModules();
    const other = (await import('../../src/index.js')) as typeof import('../../src/index.js');
    expect(other.JWTError).not.toBe(JWTError); // really a second copy

    const foreign = new other.JWTError('ERR_JWT_EXPIRED', 'm');
    expect(foreign).not.toBeInstanceOf(JWTError);
    expect(isJWTError(foreign)).toBe(true);
    expect(isJWTError(foreign, 'ERR_JWT_EXPIRED')).toBe(true);
    expect(isJWTError(foreign, 'ERR_JWT_INVALID')).toBe(false);
    expect(other.isJWTError(new JWTError('ERR_JWT_INVALID', 'm'), 'ERR_JWT_INVALID')).toBe(true);

    const thrown = await rejection(other.verify('not-a-token', SECRET));
    expect(isJWTError(thrown, 'ERR_JWT_INVALID')).toBe(true);
  });

  it('recognises an error branded in another realm', () => {
    const foreign = runInNewContext(`
      const e = new Error('from another realm');
      Object.defineProperty(e, Symbol.for('webjwt.JWTError'), { value: true });
      e.code = 'ERR_JWT_SIGNATURE_INVALID';
      e;
    `) as unknown;
    expect(foreign).not.toBeInstanceOf(Error); // another realm's Error
    expect(isJWTError(foreign)).toBe(true);
    expect(isJWTError(foreign, 'ERR_JWT_SIGNATURE_INVALID')).toBe(true);
    expect(isJWTError(foreign, 'ERR_JWT_EXPIRED')).toBe(false);
  });
});

// ---------------------------------------------------------------------------

describe('messages never contain the token, its segments, the key or the secret', () => {
  /** Every string that must not appear: the secrets, the token and its (long enough) segments. */
  function assertClean(error: unknown, token?: string) {
    expect(error).toBeInstanceOf(Error);
    const texts = [(error as Error).message, String(error), (error as Error).stack ?? ''];
    const secrets = [SECRET, OTHER_SECRET, Buffer.from(SECRET).toString('base64url')];
    const forbidden = [...secrets, ...(token ? [token, ...token.split('.').filter((part) => part.length >= 8)] : [])];
    for (const text of texts) for (const value of forbidden) expect(text).not.toContain(value);
  }

  const valid = () => signAt({ sub: 'user', data: 'urn:example:claim-value' }, { expiresIn: '1h', issuer: 'iss', audience: 'aud' });
  const cases: [string, () => Promise<{ token?: string; attempt: Promise<unknown> }>][] = [
    ['a wrong signature', async () => {
      const token = await valid();
      return { token, attempt: verifyAt(token, {}, OTHER_SECRET) };
    }],
    ['an expired token', async () => {
      const token = await valid();
      return { token, attempt: verify(token, SECRET, { currentDate: new Date((now + 7200) * 1000) }) };
    }],
    ['a token not yet valid', async () => {
      const token = await signAt({ d: 'urn:example:claim-value' }, { notBefore: '1h' });
      return { token, attempt: verifyAt(token) };
    }],
    ['an issuer mismatch', async () => {
      const token = await valid();
      return { token, attempt: verifyAt(token, { issuer: 'https://other-issuer' }) };
    }],
    ['an audience mismatch', async () => {
      const token = await valid();
      return { token, attempt: verifyAt(token, { audience: 'other' }) };
    }],
    ['a typ mismatch', async () => {
      const token = await valid();
      return { token, attempt: verifyAt(token, { typ: 'at+jwt' }) };
    }],
    ['a missing required claim', async () => {
      const token = await valid();
      return { token, attempt: verifyAt(token, { requiredClaims: ['jti'] }) };
    }],
    ['an algorithm outside the allow-list', async () => {
      const token = await valid();
      return { token, attempt: verifyAt(token, { algorithms: ['HS512'] }) };
    }],
    ['an unknown alg', async () => {
      const token = forge({ alg: 'XS999' }, { a: 'urn:example:claim-value' });
      return { token, attempt: verifyAt(token) };
    }],
    ['a critical header not understood', async () => {
      const token = forge({ alg: 'HS256', crit: ['urn:example:bound'], 'urn:example:bound': 1 }, {});
      return { token, attempt: verifyAt(token) };
    }],
    ['a mistyped claim', async () => {
      const token = forge({ alg: 'HS256' }, { exp: 'urn:example:claim-value' });
      return { token, attempt: verifyAt(token) };
    }],
    ['a malformed token', async () => {
      const token = `${SECRET}.${SECRET}.${SECRET}`;
      return { token, attempt: verifyAt(token) };
    }],
    ['a token with too many segments', async () => {
      const token = `${await valid()}.ZXh0cmEtc2VnbWVudA`;
      return { token, attempt: verifyAt(token) };
    }],
    ['a payload that is not JSON', async () => {
      const token = `${b64u({ alg: 'HS256' })}.${b64u('urn:example:claim-value not json')}.c2lnbmF0dXJlLWJ5dGVz`;
      return { token, attempt: verifyAt(token) };
    }],
    ['decode of a malformed token', async () => {
      const token = `${b64u({ alg: 'HS256', x: 'urn:example:claim-value' })}.${b64u('[1,2,3]')}.c2lnbmF0dXJlLWJ5dGVz`;
      return { token, attempt: Promise.resolve().then(() => decode(token)) };
    }],
    ['a short secret for verify', async () => {
      const token = await valid();
      return { token, attempt: verifyAt(token, {}, SECRET.slice(0, 31)) };
    }],
    ['a short secret for sign', async () => ({ attempt: signAt({}, {}, SECRET.slice(0, 31)) })],
    ['a PEM as the secret', async () => {
      const pem = `-----BEGIN PUBLIC KEY-----\n${SECRET}\n-----END PUBLIC KEY-----\n`;
      return { attempt: signAt({}, { alg: 'HS256' }, pem) };
    }],
    ['JWK text as the secret', async () => ({ attempt: signAt({}, {}, JSON.stringify({ kty: 'oct', k: SECRET })) })],
    ['a JWK with a bad k', async () => ({ attempt: signAt({}, {}, { kty: 'oct', k: `${SECRET}!` }) })],
    ['a JWK whose alg does not fit', async () => {
      const token = await valid();
      return { token, attempt: verifyAt(token, {}, { kty: 'oct', k: b64u(SECRET), alg: 'HS512' }) };
    }],
    ['a resolver that finds nothing', async () => {
      const token = await valid();
      return { token, attempt: verify(token, () => undefined as never, { currentDate: NOW }) };
    }],
    ['a claim conflict in sign (TypeError)', async () => ({ attempt: signAt({ iss: SECRET }, { issuer: SECRET }) })],
    ['a mistyped payload claim in sign (TypeError)', async () => ({ attempt: signAt({ exp: SECRET }) })],
    ['the secret passed as the options (TypeError)', async () => ({ attempt: sign({}, SECRET, SECRET as never) })],
    ['the secret passed as the token (JWTError)', async () => ({ attempt: verify(SECRET, SECRET) })],
    ['a token passed as the key (JWTError or TypeError)', async () => {
      const token = await valid();
      return { token, attempt: verify(token, [token] as never) };
    }],
  ];

  it.each(cases)('%s', async (_, make) => {
    const { token, attempt } = await make();
    assertClean(await rejection(attempt), token);
  });
});

// ---------------------------------------------------------------------------

describe("the caller's mistakes are TypeErrors, not JWTErrors", () => {
  const NOT_STRINGS = [42, {}, ['a.b.c'], Buffer.from('a.b.c'), new String('a.b.c'), true];

  it.each(NOT_STRINGS.map((value) => [value]))('a token %j that is not a string: verify and decode', async (token) => {
    await expectMistake(verify(token as never, SECRET));
    await expectMistake(() => decode(token as never));
  });

  // `verify(req.headers.authorization?.slice(7), key)` without the header: the client's doing, a 401.
  it.each([undefined, null, ''])('a missing token (%j) is ERR_JWT_INVALID, "no token was given"', async (token) => {
    const error = await expectJWTError(verify(token as never, SECRET), 'ERR_JWT_INVALID');
    expect(error.message).toBe('no token was given');
    await expectJWTError(() => decode(token as never), 'ERR_JWT_INVALID');
  });

  it('a missing token with a key that can never work is still the server\'s problem', async () => {
    await expectJWTError(verify(undefined as never, ''), 'ERR_JWT_KEY_INVALID');
    await expectMistake(verify(undefined as never, SECRET, { audiance: 'x' } as never));
  });

  it.each([undefined, null])('a missing key (%j): sign and verify', async (key) => {
    const token = await signAt({});
    await expectMistake(sign({}, key as never));
    await expectMistake(verify(token, key as never));
  });

  it.each([[null], [undefined], ['claims'], [42], [true], [['a']], [new Date()], [new Map()], [new (class Claims {})()]])(
    'a payload %j that is not a plain object',
    async (payload) => {
      await expectMistake(sign(payload as never, SECRET));
    },
  );

  it('a plain object from another realm or with a null prototype is a payload', async () => {
    const foreign = runInNewContext('({ sub: "x" })') as object;
    const bare = Object.assign(Object.create(null) as object, { sub: 'y' });
    await expect(verifyAt(await signAt(foreign))).resolves.toMatchObject({ payload: { sub: 'x' } });
    await expect(verifyAt(await signAt(bare))).resolves.toMatchObject({ payload: { sub: 'y' } });
  });

  it.each([[null], ['options'], [42], [true], [['alg']], [new Map()]])('options %j that are not an object', async (options) => {
    const token = await signAt({});
    await expectMistake(sign({}, SECRET, options as never));
    await expectMistake(verify(token, SECRET, options as never));
  });

  it.each(['expiresin', 'audiance', 'algorithm', 'expiresAt', 'secret', 'noTimestamp', 'algorithms', 'clockTolerance'])(
    'an unknown sign option %j',
    async (name) => {
      await expectMistake(sign({}, SECRET, { [name]: undefined } as never));
      await expectMistake(sign({}, SECRET, { [name]: 'x' } as never));
    },
  );

  it.each(['audiance', 'algorithm', 'alg', 'maxAge', 'ignoreExpiration', 'clockTimestamp', 'expiresIn', 'complete'])(
    'an unknown verify option %j',
    async (name) => {
      const token = await signAt({});
      await expectMistake(verify(token, SECRET, { [name]: undefined } as never));
      await expectMistake(verify(token, SECRET, { [name]: 'x' } as never));
    },
  );

  it('options are checked before the token or the key: a mistake is reported even for a bad token', async () => {
    await expectMistake(verify('garbage', SECRET, { audiance: 'x' } as never));
    await expectMistake(verify('garbage', 'short', { audiance: 'x' } as never));
  });

  it('a known option set to undefined is as if absent', async () => {
    const token = await sign({}, SECRET, { currentDate: NOW, expiresIn: undefined, audience: undefined });
    await expect(verify(token, SECRET, { currentDate: NOW, audience: undefined, algorithms: undefined })).resolves.toBeDefined();
  });
});
