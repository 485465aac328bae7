/**
 * Durations, NumericDates and the claims rules at their edges: the bounds of
 * the duration syntax, the range of a NumericDate, and every claims failure
 * with its own message.
 */
import { describe, expect, it } from 'vitest';
import { validateClaims, type ClaimPolicy } from '../../src/lib/claims.js';
import { isNumericDate, parseDuration, toNumericDate } from '../../src/lib/time.js';
import type { JWTPayload } from '../../src/index.js';
import { expectDistinctFailures, failure } from './kit.js';

describe('parseDuration at the bounds of its syntax', () => {
  it('takes up to 15 digits and up to 9 decimals', () => {
    expect(parseDuration('d', '123456789012345s')).toBe(123456789012345);
    expect(parseDuration('d', '1.25h')).toBe(4500);
    expect(parseDuration('d', '1.123456789s')).toBeCloseTo(1.123456789, 9);
  });

  it.each(['1234567890123456s', '1.1234567890s', '.5h', '1.h', '1..5h', '15\tm', '15_m', '1,5h'])('refuses %j', (input) => {
    expect(() => parseDuration('d', input)).toThrow(RangeError);
  });

  it('quotes at most 30 characters of a refused duration', async () => {
    const { kind, message } = await failure(() => parseDuration('expiresIn', `${'9'.repeat(20)}${'x'.repeat(100)}`));
    expect(kind).toBe('RangeError');
    expect(message).toContain('expiresIn');
    expect(message).toContain(`${'9'.repeat(20)}${'x'.repeat(10)}`);
    expect(message).not.toContain('x'.repeat(11));
  });

  it('names the option in every refusal', async () => {
    for (const value of [-1, 'soon', null]) expect((await failure(() => parseDuration('clockTolerance', value))).message).toContain('clockTolerance');
  });
});

describe('NumericDate range', () => {
  it('is the range of a Date, both ends included', () => {
    expect(isNumericDate(8.64e12)).toBe(true);
    expect(isNumericDate(-8.64e12)).toBe(true);
    expect(isNumericDate(8.64e12 + 1)).toBe(false);
    expect(isNumericDate(-8.64e12 - 1)).toBe(false);
    expect(isNumericDate(-1e300)).toBe(false);
  });

  it('rounds down to the second, before the epoch too', () => {
    expect(toNumericDate(new Date(-1500))).toBe(-2);
    expect(toNumericDate(new Date(999))).toBe(0);
  });
});

describe('claims', () => {
  const NOW = 1_700_000_000;
  const policy = (fields: Partial<ClaimPolicy> = {}): ClaimPolicy => ({
    now: NOW, clockTolerance: 0, issuer: undefined, audience: undefined, subject: undefined, typ: undefined,
    maxTokenAge: undefined, requiredClaims: undefined, allowFutureIssuedAt: false, ...fields,
  });
  const check = (payload: JWTPayload, fields: Partial<ClaimPolicy> = {}, header: object = { alg: 'HS256', typ: 'JWT' }) =>
    () => validateClaims(payload, header as never, policy(fields));

  it('gives each failure its code and a message of its own', async () => {
    await expectDistinctFailures([
      ['mistyped exp', 'ERR_JWT_CLAIM_INVALID', check({ exp: '1' as never })],
      ['mistyped iss', 'ERR_JWT_CLAIM_INVALID', check({ iss: 1 as never })],
      ['missing required claim', 'ERR_JWT_CLAIM_INVALID', check({}, { requiredClaims: ['jti'] })],
      ['missing sub', 'ERR_JWT_CLAIM_INVALID', check({}, { subject: 'a' })],
      ['expired', 'ERR_JWT_EXPIRED', check({ exp: NOW })],
      ['not yet valid', 'ERR_JWT_NOT_YET_VALID', check({ nbf: NOW + 1 })],
      ['iat in the future', 'ERR_JWT_CLAIM_INVALID', check({ iat: NOW + 1 })],
      ['too old', 'ERR_JWT_EXPIRED', check({ iat: NOW - 11 }, { maxTokenAge: 10 })],
      ['issuer mismatch', 'ERR_JWT_CLAIM_INVALID', check({ iss: 'a' }, { issuer: ['b'] })],
      ['subject mismatch', 'ERR_JWT_CLAIM_INVALID', check({ sub: 'a' }, { subject: 'b' })],
      ['audience mismatch', 'ERR_JWT_CLAIM_INVALID', check({ aud: 'a' }, { audience: ['b'] })],
      ['typ missing', 'ERR_JWT_CLAIM_INVALID', check({}, { typ: 'JWT' }, { alg: 'HS256' })],
      ['typ mismatch', 'ERR_JWT_CLAIM_INVALID', check({}, { typ: 'at+jwt' })],
    ]);
  });

  it('names the claim that failed in the message', async () => {
    expect((await failure(check({ jti: 1 as never }))).message).toContain('jti');
    expect((await failure(check({}, { requiredClaims: ['scope'] }))).message).toContain('scope');
  });

  it('reports expiry by maxTokenAge on iat, at iat + maxTokenAge', async () => {
    const { error } = await failure(check({ iat: NOW - 11 }, { maxTokenAge: 10 }));
    expect(error).toMatchObject({ code: 'ERR_JWT_EXPIRED', claim: 'iat', expiredAt: new Date((NOW - 1) * 1000) });
    const exp = await failure(check({ exp: NOW - 5 }));
    expect(exp.error).toMatchObject({ claim: 'exp', expiredAt: new Date((NOW - 5) * 1000) });
  });
});
