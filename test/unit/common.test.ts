/** src/common: what the CLI and the inspector both say about a token, and how they read key text. */
import { describe, expect, it } from 'vitest';
import { tokenFacts } from '../../src/common/facts.js';
import { decodeBase64, readKeyText } from '../../src/common/key-text.js';
import { formatDate, relativeTime, spanText } from '../../src/common/time.js';
import { decode, sign, verify } from '../../src/index.js';
import { expectJWTError, forgeHMAC } from '../helpers.js';

const NOW = new Date('2026-05-01T12:00:00Z');
const now = NOW.getTime() / 1000;
const secret = 'common.test secret of 32 bytes or more';

describe('times for people', () => {
  it('spanText: at most two units, rounded down', () => {
    const table: [number, string][] = [
      [0, '0 s'], [59.9, '59 s'], [60, '1 min'], [899, '14 min'], [3599, '59 min'], [3600, '1 h'], [3660, '1 h 1 min'],
      [11_520, '3 h 12 min'], [86_399, '23 h 59 min'], [86_400, '1 d'], [190_800, '2 d 5 h'], [-90, '1 min'],
    ];
    for (const [seconds, text] of table) expect(spanText(seconds), String(seconds)).toBe(text);
  });

  it('relativeTime: phrases for each claim, past and future', () => {
    expect(relativeTime('exp', now + 840, now)).toBe('expires in 14 min');
    expect(relativeTime('exp', now - 3 * 3600, now)).toBe('expired 3 h ago');
    expect(relativeTime('nbf', now + 300, now)).toBe('not valid for another 5 min');
    expect(relativeTime('nbf', now - 300, now)).toBe('valid since 5 min ago');
    expect(relativeTime('iat', now - 60, now)).toBe('issued 1 min ago');
    expect(relativeTime('iat', now + 60, now)).toBe('issued 1 min in the future');
    expect(relativeTime('auth_time', now - 7200, now)).toBe('authenticated 2 h ago');
  });

  it('formatDate: UTC, and out-of-range dates', () => {
    expect(formatDate(NOW, 'utc')).toBe('2026-05-01 12:00:00 UTC');
    expect(formatDate(new Date(0), 'utc')).toBe('1970-01-01 00:00:00 UTC');
    expect(formatDate(new Date(1e20), 'utc')).toBe('(out of range)');
    expect(formatDate(NOW, 'local')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
  });
});

describe('tokenFacts', () => {
  const facts = async (claims: Record<string, unknown>, at = NOW) =>
    tokenFacts(decode(await sign(claims, secret, { currentDate: NOW, issuedAt: false })), at);

  it('the same boundaries as verify: expired at exp, valid again at nbf', async () => {
    const token = await sign({ exp: now, nbf: now - 60 }, secret, { issuedAt: false });
    expect(tokenFacts(decode(token), NOW).state).toBe('expired');
    await expectJWTError(verify(token, secret, { currentDate: NOW }), 'ERR_JWT_EXPIRED');
    expect(tokenFacts(decode(token), new Date((now - 1) * 1000)).state).toBe('valid');
    await verify(token, secret, { currentDate: new Date((now - 1) * 1000) });
    const notYet = await sign({ nbf: now + 1 }, secret, { issuedAt: false });
    expect(tokenFacts(decode(notYet), NOW).state).toBe('not yet valid');
    await expectJWTError(verify(notYet, secret, { currentDate: NOW }), 'ERR_JWT_NOT_YET_VALID');
    expect(tokenFacts(decode(notYet), new Date((now + 1) * 1000)).state).toBe('valid');
  });

  it('states and summaries', async () => {
    expect(await facts({ exp: now + 840 })).toMatchObject({ state: 'valid', summary: 'valid: expires in 14 min (signature not checked)' });
    expect(await facts({})).toMatchObject({ state: 'valid', summary: 'valid: never expires (signature not checked)' });
    expect(await facts({ exp: now - 7200 })).toMatchObject({ state: 'expired', summary: 'expired 2 h ago' });
    expect(await facts({ nbf: now + 300 })).toMatchObject({ state: 'not yet valid', summary: 'not yet valid, for another 5 min' });
    expect(await facts({ iat: now + 300 })).toMatchObject({ state: 'invalid', summary: 'invalid: issued 5 min in the future' });
    const unsigned = decode(await sign({ sub: 'x' }, secret));
    expect(tokenFacts({ ...unsigned, header: { alg: 'none' } }, NOW).state).toBe('unsigned');
    const mistyped = decode(forgeHMAC({ alg: 'HS256' }, { aud: [1] }, secret)); // decode reads it; verify would refuse it
    expect(tokenFacts(mistyped, NOW).summary).toBe('invalid: "aud" has the wrong type, so verify refuses it');
  });

  it('times in reading order, with dates', async () => {
    const { times } = await facts({ exp: now + 60, nbf: now - 60, iat: now - 60, auth_time: now - 120 });
    expect(times.map((t) => t.claim)).toEqual(['iat', 'auth_time', 'nbf', 'exp']);
    expect(times[3]).toEqual({ claim: 'exp', value: now + 60, date: new Date((now + 60) * 1000), relative: 'expires in 1 min' });
  });

  it('warnings, each with its code', async () => {
    const codes = async (claims: Record<string, unknown>) => (await facts(claims)).warnings.map((w) => w.code);
    expect(await codes({ exp: now + 60 })).toEqual([]);
    expect(await codes({})).toEqual(['no-exp']);
    expect(await codes({ iat: now - 60, exp: now + 2 * 86400 })).toEqual(['long-lifetime']);
    expect(await codes({ nbf: now, iat: now - 3 * 86400, exp: now + 3600 })).toEqual([]); // lifetime counts from nbf
    expect(await codes({ iat: now + 60, exp: now + 120 })).toEqual(['iat-future']);
    expect(await codes({ exp: now + 60, user: { Password: 'x', items: [{ 'client-secret': 'y' }] }, passport: 'z' }))
      .toEqual(['secret-claim', 'secret-claim']);
    const decoded = decode(await sign({ exp: now + 60 }, secret, { issuedAt: false }));
    expect(tokenFacts({ ...decoded, header: { alg: 'HS256', jku: 'https://x.test' } }, NOW).warnings.map((w) => w.code)).toEqual(['key-in-header']);
    const mistyped = decode(forgeHMAC({ alg: 'HS256' }, { exp: '1' }, secret));
    expect(tokenFacts(mistyped, NOW).warnings.map((w) => w.message)).toEqual(['"exp" is not a number of seconds a date can hold: verify refuses the token']);
  });

  it('a time claim is what verify takes: a number a date can hold, not any finite number', async () => {
    for (const [claims, claim] of [[{ exp: 1e13 }, 'exp'], [{ nbf: -8.64e12 - 1 }, 'nbf'], [{ iat: 8.64e12 + 1 }, 'iat']] as const) {
      const token = forgeHMAC({ alg: 'HS256' }, claims, secret);
      await expectJWTError(verify(token, secret, { currentDate: NOW }), 'ERR_JWT_CLAIM_INVALID');
      const facts = tokenFacts(decode(token), NOW);
      expect(facts.state).toBe('invalid');
      expect(facts.summary).toBe(`invalid: "${claim}" has the wrong type, so verify refuses it`);
      expect(facts.times).toEqual([]);
      expect(facts.warnings.map((w) => w.code)).toContain('mistyped-claim');
    }
    // The largest a date holds is still a time, as verify takes it.
    const edge = forgeHMAC({ alg: 'HS256' }, { exp: 8.64e12 }, secret);
    await expect(verify(edge, secret, { currentDate: NOW })).resolves.toBeDefined();
    expect(tokenFacts(decode(edge), NOW).state).toBe('valid');
  });
});

describe('key text', () => {
  it('readKeyText: PEM, JWK, JWKS, broken JSON, anything else', () => {
    expect(readKeyText(' \n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n').kind).toBe('pem');
    expect(readKeyText('{"kty":"oct","k":"AA"}')).toEqual({ kind: 'jwk', jwk: { kty: 'oct', k: 'AA' } });
    expect(readKeyText('\uFEFF{"keys":[]}')).toEqual({ kind: 'jwks', jwks: { keys: [] } });
    expect(readKeyText('{"keys":').kind).toBe('bad-json');
    expect(readKeyText('my secret').kind).toBe('other');
    expect(readKeyText('[{"kty":"oct"}]').kind).toBe('other');
  });

  it('decodeBase64: both alphabets, padded or not, whitespace ignored; undefined for anything else', () => {
    expect(decodeBase64('+/8=')).toEqual(new Uint8Array([251, 255]));
    expect(decodeBase64('-_8')).toEqual(new Uint8Array([251, 255]));
    expect(decodeBase64('aGVs\nbG8=')).toEqual(new TextEncoder().encode('hello'));
    expect(decodeBase64('')).toEqual(new Uint8Array([]));
    for (const bad of ['a', 'ab*c', 'abc===', '=abc']) expect(decodeBase64(bad), bad).toBeUndefined();
  });
});
