/**
 * Type-level tests of the public API (vitest typecheck; nothing here runs).
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { describe, expectTypeOf, it } from 'vitest';
import { DURATION_UNITS } from '../helpers.js';
import {
  createRemoteJWKSet,
  decode,
  discoverJWKS,
  isJWTError,
  JWTError,
  sign,
  verify,
  type DecodedJWT,
  type Duration,
  type DurationUnit,
  generateSecret,
  type SignPayload,
  type JWK,
  type JWTClaimFailure,
  type JWKSCache,
  type JWKSCacheEntry,
  type JWKSFetch,
  type JWTErrorCode,
  type JWTHeader,
  type JWTPayload,
  type KeyInput,
  type RemoteJWKSet,
  type RemoteJWKSetOptions,
  type SignOptions,
  type VerifyOptions,
} from '../../src/index.js';

interface MyClaims {
  role: 'admin' | 'user';
  tenant: string;
}

declare const token: string;
declare const secret: string;
/** A Cloudflare KV namespace, as far as a key set's cache uses one. */
declare const kv: { get(key: string, type: 'json'): Promise<JWKSCacheEntry | null>; put(key: string, value: string): Promise<void> };

describe('verify', () => {
  it('types the payload as the given claims plus the registered ones', async () => {
    const { header, payload } = await verify<MyClaims>(token, secret);
    expectTypeOf(payload).toEqualTypeOf<MyClaims & JWTPayload>();
    expectTypeOf(payload.role).toEqualTypeOf<'admin' | 'user'>();
    expectTypeOf(payload.tenant).toEqualTypeOf<string>();
    expectTypeOf(payload.exp).toEqualTypeOf<number | undefined>();
    expectTypeOf(payload.iss).toEqualTypeOf<string | undefined>();
    expectTypeOf(payload.aud).toEqualTypeOf<string | string[] | undefined>();
    expectTypeOf(header).toEqualTypeOf<JWTHeader>();
    expectTypeOf(header.alg).toEqualTypeOf<string>();
  });

  it('defaults to JWTPayload: registered claims typed, others unknown', async () => {
    const result = await verify(token, secret);
    expectTypeOf(result).toEqualTypeOf<DecodedJWT<JWTPayload>>();
    expectTypeOf(result.payload.nbf).toEqualTypeOf<number | undefined>();
    expectTypeOf(result.payload.jti).toEqualTypeOf<string | undefined>();
    expectTypeOf(result.payload.anything).toEqualTypeOf<unknown>();
  });

  it('returns a Promise', () => {
    expectTypeOf(verify<MyClaims>(token, secret)).toEqualTypeOf<Promise<DecodedJWT<MyClaims>>>();
  });

  it('takes a resolver that sees the header and the token, sync or async', () => {
    void verify(token, (header, raw) => {
      expectTypeOf(header).toEqualTypeOf<JWTHeader>();
      expectTypeOf(raw).toEqualTypeOf<string>();
      return secret;
    });
    void verify(token, async (header) => ({ kty: 'oct', k: String(header.kid) }));
  });

  it('refuses unknown options and wrong option types', () => {
    // @ts-expect-error: a misspelt option
    void verify(token, secret, { audiance: 'api' });
    // @ts-expect-error: an algorithm webjwt does not know
    void verify(token, secret, { algorithms: ['XS256'] });
    // @ts-expect-error: clockTolerance is a duration, not a boolean
    void verify(token, secret, { clockTolerance: true });
    expectTypeOf<{ audience: string[]; maxTokenAge: '1h'; crit: string[] }>().toExtend<VerifyOptions>();
  });
});

describe('sign', () => {
  it('returns a Promise<string>', () => {
    expectTypeOf(sign({ role: 'admin' }, secret)).toEqualTypeOf<Promise<string>>();
  });

  it('accepts the key forms', () => {
    expectTypeOf<string>().toExtend<KeyInput>();
    expectTypeOf<Uint8Array>().toExtend<KeyInput>();
    expectTypeOf<CryptoKey>().toExtend<KeyInput>();
    expectTypeOf<JWK>().toExtend<KeyInput>();
    expectTypeOf<number>().not.toExtend<KeyInput>();
  });

  it('SignOptions refuses unknown keys and wrong types', () => {
    // @ts-expect-error: a misspelt option
    const misspelt: SignOptions = { expiresin: '1h' };
    // @ts-expect-error: a jsonwebtoken option webjwt does not have
    void sign({}, secret, { algorithm: 'HS256' });
    // @ts-expect-error: an algorithm webjwt does not know
    void sign({}, secret, { alg: 'none' });
    // @ts-expect-error: issuedAt true means nothing
    void sign({}, secret, { issuedAt: true });
    const fine: SignOptions = { expiresIn: '15 minutes', notBefore: new Date(), issuedAt: false, audience: ['a', 'b'] };
    void misspelt;
    void fine;
  });

  it('refuses registered claims of the wrong type in the payload', () => {
    // @ts-expect-error: exp is a NumericDate
    void sign({ exp: 'soon' }, secret);
    // @ts-expect-error: iss is a string
    void sign({ iss: ['a'] }, secret);
    void sign({ exp: 1, iss: 'a', aud: ['x'], custom: { nested: true } }, secret);
  });

  it('names the claim and its type when a registered claim is mistyped', () => {
    expectTypeOf<SignPayload<{ exp: string }>>().toEqualTypeOf<{ exp: 'the "exp" claim must be a number (seconds since the epoch)' }>();
    expectTypeOf<SignPayload<{ aud: number }>>().toEqualTypeOf<{ aud: 'the "aud" claim must be a string or an array of strings' }>();
    expectTypeOf<SignPayload<{ sub: string; role: 'a' }>>().toEqualTypeOf<{ sub: string; role: 'a' }>();
  });

  it('refuses payloads that are not plain objects', () => {
    // @ts-expect-error: a Map is not a claims set
    void sign(new Map(), secret);
    // @ts-expect-error: nor an array
    void sign(['a'], secret);
    // @ts-expect-error: nor a Date
    void sign(new Date(), secret);
    expectTypeOf<SignPayload<Map<string, string>>>().toEqualTypeOf<'the payload must be a plain object'>();
    interface Declared { sub: string; n: number }
    const declared: Declared = { sub: 'u', n: 1 };
    void sign(declared, secret); // an interface is fine
  });

  it('takes Node.js KeyObjects', () => {
    expectTypeOf<KeyObject>().toExtend<KeyInput>();
    void sign({}, createSecretKey(Buffer.from(secret)));
    void verify(token, createSecretKey(Buffer.from(secret)));
  });

  it('checks the payload against explicit claims', () => {
    void sign<MyClaims>({ role: 'user', tenant: 't' }, secret);
    // @ts-expect-error: role is not one of the allowed values
    void sign<MyClaims>({ role: 'root', tenant: 't' }, secret);
  });
});

describe('Duration', () => {
  it('accepts a number, or a number and one unit, and refuses compound or unknown forms', () => {
    expectTypeOf<'15m'>().toExtend<Duration>();
    expectTypeOf<'1.5 hours'>().toExtend<Duration>();
    expectTypeOf<900>().toExtend<Duration>();
    expectTypeOf<'1h30m'>().not.toExtend<Duration>();
    expectTypeOf<'1 month'>().not.toExtend<Duration>();
    expectTypeOf<'3 ms'>().not.toExtend<Duration>();
    expectTypeOf<'soon'>().not.toExtend<Duration>();
    // @ts-expect-error: a compound duration
    void sign({}, secret, { expiresIn: '1h30m' });
  });

  it('lists exactly the units parseDuration knows (checked at run time in test/unit/time.test.ts)', () => {
    expectTypeOf<(typeof DURATION_UNITS)[number]>().toEqualTypeOf<DurationUnit>();
  });
});

describe('generateSecret', () => {
  it('returns bytes Web Crypto takes under the DOM lib', () => {
    expectTypeOf(generateSecret()).toEqualTypeOf<Uint8Array<ArrayBuffer>>();
    void crypto.subtle.importKey('raw', generateSecret('HS512'), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
  });
});

describe('decode', () => {
  it('is generic like verify, and synchronous', () => {
    const { header, payload } = decode<MyClaims>(token);
    expectTypeOf(payload).toEqualTypeOf<MyClaims & JWTPayload>();
    expectTypeOf(payload.iat).toEqualTypeOf<number | undefined>();
    expectTypeOf(header).toEqualTypeOf<JWTHeader>();
    expectTypeOf(decode(token)).toEqualTypeOf<DecodedJWT<JWTPayload>>();
  });
});

describe('isJWTError', () => {
  it('narrows to JWTError, and its code to the code asked for', () => {
    const error: unknown = new Error();
    if (isJWTError(error, 'ERR_JWT_EXPIRED')) {
      expectTypeOf(error).toExtend<JWTError>();
      expectTypeOf(error.code).toEqualTypeOf<'ERR_JWT_EXPIRED'>();
      expectTypeOf(error.expiredAt).toEqualTypeOf<Date>();
      expectTypeOf(error.claim).toEqualTypeOf<'exp' | 'iat'>();
      expectTypeOf(error.payload).toEqualTypeOf<JWTPayload>();
    }
    if (isJWTError(error, 'ERR_JWT_NOT_YET_VALID')) {
      expectTypeOf(error.notBefore).toEqualTypeOf<Date>();
    }
    if (isJWTError(error, 'ERR_JWT_CLAIM_INVALID')) {
      expectTypeOf(error.claim).toEqualTypeOf<string>();
      expectTypeOf(error.reason).toEqualTypeOf<JWTClaimFailure>();
    }
    if (isJWTError(error, 'ERR_JWT_SIGNATURE_INVALID')) {
      expectTypeOf(error.expiredAt).toEqualTypeOf<Date | undefined>();
    }
    if (isJWTError(error)) {
      expectTypeOf(error.code).toEqualTypeOf<JWTErrorCode>();
      expectTypeOf(error.claim).toEqualTypeOf<string | undefined>();
      // The union narrows on its code like any discriminated union.
      if (error.code === 'ERR_JWT_EXPIRED') expectTypeOf(error.expiredAt).toEqualTypeOf<Date>();
      switch (error.code) {
        case 'ERR_JWT_CLAIM_INVALID':
          expectTypeOf(error.reason).toEqualTypeOf<JWTClaimFailure>();
          break;
        case 'ERR_JWT_NOT_YET_VALID':
          expectTypeOf(error.notBefore).toEqualTypeOf<Date>();
          break;
      }
    }
    if (error instanceof JWTError && error.code === 'ERR_JWT_EXPIRED') {
      expectTypeOf(error.expiredAt).toEqualTypeOf<Date>();
    }
    // @ts-expect-error: not a code
    isJWTError(error, 'ERR_NOT_A_CODE');
  });
});

describe('remote key sets', () => {
  it('a RemoteJWKSet is a key for verify, with reload() and current()', () => {
    const keys = createRemoteJWKSet('https://idp.test/jwks');
    expectTypeOf(keys).toEqualTypeOf<RemoteJWKSet>();
    expectTypeOf(keys.reload()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(keys.current()).toEqualTypeOf<JWKSCacheEntry | undefined>();
    void verify(token, keys, { issuer: 'https://idp.test/' });
    expectTypeOf(discoverJWKS(new URL('https://idp.test/'))).toEqualTypeOf<Promise<RemoteJWKSet>>();
  });

  it('the global fetch is a JWKSFetch; a KV-style adapter (null on a miss) is a JWKSCache', () => {
    expectTypeOf(globalThis.fetch).toExtend<JWKSFetch>();
    const cache: JWKSCache = { get: () => kv.get('jwks', 'json'), set: (entry) => kv.put('jwks', JSON.stringify(entry)) };
    expectTypeOf({ cache, fetch, maxAge: '10m' as const, cooldown: 30, staleIfError: 0 }).toExtend<RemoteJWKSetOptions>();
  });

  it('refuses unknown options and wrong option types', () => {
    // @ts-expect-error: a misspelt option
    createRemoteJWKSet('https://idp.test/jwks', { maxage: '10m' });
    // @ts-expect-error: headers are strings
    createRemoteJWKSet('https://idp.test/jwks', { headers: { 'x-n': 1 } });
    // @ts-expect-error: a cache needs set()
    createRemoteJWKSet('https://idp.test/jwks', { cache: { get: () => undefined } });
  });
});
