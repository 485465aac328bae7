/**
 * What reaches the caller when the crypto engine fails, or a key reports what
 * it is not: a JWTError with a code (the platform's error as its cause),
 * never a raw platform error and never a verdict. src/lib/jws.ts turns an
 * engine's synchronous throw into one (node:crypto's verify is synchronous);
 * src/lib/import.ts refuses an HMAC CryptoKey that reports no bits at all.
 * And cryptoFailure (src/lib/crypto/engine.ts), the one place a platform
 * error becomes a JWTError: a JWTError passes unchanged, a NotSupportedError
 * means the runtime lacks the algorithm, anything else (an Error, a
 * DOMException of another name, a thrown null or string) means the key.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JWTError } from '../../src/errors.js';
import { sign, verify } from '../../src/index.js';
import { cryptoFailure } from '../../src/lib/crypto/engine.js';
import { signer } from '../../src/lib/crypto/select.js';
import { expectDistinctFailures, failure } from './kit.js';

const SECRET = 'crypto-failures-test-secret-of-32-bytes!';
const hmacKey = (bytes: number) =>
  crypto.subtle.importKey('raw', new Uint8Array(bytes).fill(7), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

afterEach(() => vi.restoreAllMocks());

describe('an engine whose verify throws at once', () => {
  it('gives ERR_JWT_KEY_INVALID with the engine error as cause, or ERR_JWT_ALG_UNSUPPORTED where the runtime lacks the algorithm', async () => {
    const token = await sign({ sub: 'u' }, SECRET);
    const engineError = new Error('the engine failed');
    vi.spyOn(signer, 'verify').mockImplementation(() => {
      throw engineError;
    });
    const failed = await failure(verify(token, SECRET));
    expect(failed.kind).toBe('ERR_JWT_KEY_INVALID');
    expect((failed.error as Error).cause).toBe(engineError);
    vi.spyOn(signer, 'verify').mockImplementation(() => {
      throw Object.assign(new Error('no such algorithm'), { name: 'NotSupportedError' });
    });
    expect((await failure(verify(token, SECRET))).kind).toBe('ERR_JWT_ALG_UNSUPPORTED');
    vi.restoreAllMocks();
    await expect(verify(token, SECRET)).resolves.toMatchObject({ payload: { sub: 'u' } });
  });
});

describe('an HMAC CryptoKey that reports a length of 0 bits', () => {
  it('is refused as an empty secret even with allowInsecureKeySizes, with a message of its own', async () => {
    // A real CryptoKey (it passes the brand check) with an own "algorithm" that reports no bits.
    const empty = await hmacKey(32);
    Object.defineProperty(empty, 'algorithm', { value: { name: 'HMAC', hash: { name: 'SHA-256' }, length: 0 } });
    const short = await hmacKey(16);
    await expectDistinctFailures([
      ['a CryptoKey of no bits', 'ERR_JWT_KEY_INVALID', () => sign({}, empty, { allowInsecureKeySizes: true })],
      ['a CryptoKey of 16 bytes', 'ERR_JWT_KEY_INVALID', () => sign({}, short)],
    ]);
    await expect(sign({}, short, { allowInsecureKeySizes: true })).resolves.toMatch(/^ey/);
  });
});

describe('cryptoFailure', () => {
  it('lets a JWTError through as it is', async () => {
    const original = new JWTError('ERR_JWT_SIGNATURE_INVALID', 'as thrown');
    expect((await failure(() => cryptoFailure('ES256')(original))).error).toBe(original);
  });

  it('a NotSupportedError: the runtime does not support the algorithm', async () => {
    const cause = new DOMException('Ed25519 is not supported', 'NotSupportedError');
    const outcome = await failure(() => cryptoFailure('EdDSA')(cause));
    expect([outcome.kind, outcome.message]).toEqual(['ERR_JWT_ALG_UNSUPPORTED', 'this runtime does not support EdDSA']);
    expect((outcome.error as Error).cause).toBe(cause);
  });

  it.each<[string, unknown]>([
    ['an Error', new Error('bad key')],
    ['a DataError', new DOMException('bad key', 'DataError')],
    ['an object named otherwise', { name: 'NotSupported' }],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'NotSupportedError'],
  ])('%s: the key cannot be used for the algorithm', async (_, cause) => {
    const outcome = await failure(() => cryptoFailure('RS256')(cause));
    expect([outcome.kind, outcome.message]).toEqual(['ERR_JWT_KEY_INVALID', 'the key cannot be used for RS256']);
    expect((outcome.error as Error).cause).toBe(cause);
  });
});
