/**
 * src/lib/crypto/engine.ts: cryptoFailure, the one place a platform crypto
 * error becomes a JWTError. A JWTError passes unchanged; a NotSupportedError
 * means the runtime lacks the algorithm; anything else (an Error, a
 * DOMException of another name, a thrown null or string) means the key.
 */
import { describe, expect, it } from 'vitest';
import { JWTError } from '../../src/errors.js';
import { cryptoFailure } from '../../src/lib/crypto/engine.js';
import { failure } from './kit.js';

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
