/**
 * verify's options given explicitly as their defaults (`undefined`, `false`):
 * each means what leaving it out means, never a check turned on or off by
 * accident; and the caller's mistakes, word for word (a table).
 */
import { describe, expect, it } from 'vitest';
import { sign, verify } from '../../src/index.js';
import { expectJWTError } from '../helpers.js';
import { failure } from './kit.js';

const SECRET = 'verify-options-secret-at-least-32-bytes';
const SHORT = 'short-secret';
const NOW = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('verify: options given as their defaults', () => {
  it('undefined options are left out', async () => {
    const token = await sign({ sub: 'u' }, SECRET, { currentDate: NOW, expiresIn: 10 });
    const undefinedOptions = {
      algorithms: undefined, crit: undefined, issuer: undefined, audience: undefined, subject: undefined, typ: undefined,
      maxTokenAge: undefined, clockTolerance: undefined, requiredClaims: undefined, maxTokenLength: undefined, schema: undefined,
    };
    const { payload } = await verify(token, SECRET, { ...undefinedOptions, currentDate: NOW });
    expect(payload.sub).toBe('u');
    // clockTolerance undefined is 0: a second past exp has expired.
    await expectJWTError(verify(token, SECRET, { ...undefinedOptions, currentDate: at(11) }), 'ERR_JWT_EXPIRED');
  });

  it('allowInsecureKeySizes: false refuses a short secret as the default does; true accepts it', async () => {
    const token = await sign({}, SHORT, { allowInsecureKeySizes: true });
    const refused = await failure(verify(token, SHORT));
    expect((await failure(verify(token, SHORT, { allowInsecureKeySizes: false }))).kind).toBe(refused.kind);
    expect(refused.kind).toBe('ERR_JWT_KEY_INVALID');
    await expect(verify(token, SHORT, { allowInsecureKeySizes: true })).resolves.toBeDefined();
  });

  it('allowFutureIssuedAt: false refuses an iat in the future; true accepts it', async () => {
    const token = await sign({}, SECRET, { currentDate: at(3600) });
    await expectJWTError(verify(token, SECRET, { currentDate: NOW, allowFutureIssuedAt: false }), 'ERR_JWT_CLAIM_INVALID');
    await expect(verify(token, SECRET, { currentDate: NOW, allowFutureIssuedAt: true })).resolves.toBeDefined();
  });
});

describe('verify: messages', () => {
  it.each<[string, 'TypeError' | 'RangeError', string, () => Promise<unknown>]>([
    ['no key', 'TypeError', '"key" expected a key or a key resolver, got undefined', () => verify('a.b.c', undefined as never)],
    ['a null key', 'TypeError', '"key" expected a key or a key resolver, got null', () => verify('a.b.c', null as never)],
    ['options not an object', 'TypeError', '"verify options" expected an object, got string', () => verify('a.b.c', SECRET, 'x' as never)],
    ['an unknown option', 'TypeError', 'verify options: unknown option "audiance"', () => verify('a.b.c', SECRET, { audiance: 'x' } as never)],
  ])('%s', async (_name, kind, message, attempt) => {
    const outcome = await failure(attempt);
    expect([outcome.kind, outcome.message]).toEqual([kind, message]);
  });

  it('algorithms: an empty array and an unknown name say which algorithms there are', async () => {
    const empty = await failure(verify('a.b.c', SECRET, { algorithms: [] }));
    expect(empty.kind).toBe('TypeError');
    expect(empty.message).toMatch(/^"algorithms" expected a non-empty array of HS256, HS384, HS512, RS256, .*EdDSA.*, got /);
    const unknown = await failure(verify('a.b.c', SECRET, { algorithms: ['HS256', 'XX1'] as never }));
    expect([unknown.kind, unknown.message]).toEqual(['RangeError', '"algorithms" expected a supported algorithm, got "XX1"']);
    const notArray = await failure(verify('a.b.c', SECRET, { algorithms: 'HS256' as never }));
    expect(notArray.message).toBe(empty.message.replace(/got .*$/, 'got string'));
  });
});
