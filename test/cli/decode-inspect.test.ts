/** `webjwt decode` and `webjwt inspect`: looking at a token, never trusting it. */
import { describe, expect, it } from 'vitest';
import { AT, codeOf, expectRun, joseToken, nowSeconds, secretBytes, webjwt } from './helpers.js';

const claims = { sub: 'user-123', iss: 'https://auth.example.com', aud: 'api' };
const valid = await joseToken({ ...claims, exp: nowSeconds + 14 * 60 + 30 }, secretBytes, { alg: 'HS256', kid: 'k1' });
const expired = await joseToken({ ...claims, iat: nowSeconds - 4 * 3600, exp: nowSeconds - 3 * 3600 - 120 }, secretBytes);
const notYet = await joseToken({ ...claims, nbf: nowSeconds + 5 * 60, exp: nowSeconds + 3600 }, secretBytes);
const risky = await joseToken({ sub: 'u', password: 'hunter2', profile: { api_key: 'k' }, iat: nowSeconds + 600, exp: nowSeconds + 3 * 86400 }, secretBytes);
const forever = await joseToken({ sub: 'u' }, secretBytes);
const body = valid.split('.')[1];
const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
const mistyped = await joseToken({ sub: 'u', exp: '2030-01-01' as unknown as number }, secretBytes);

describe('webjwt decode', () => {
  it('prints {"header", "payload"} as JSON, from the argument or stdin, without verifying', async () => {
    for (const [args, input] of [[[valid], ''], [['-'], valid], [[], ` Bearer ${valid}\n`], [[valid, '--json'], '']] as const) {
      const run = expectRun(await webjwt(['decode', ...args], { input }), 0);
      expect(JSON.parse(run.stdout)).toEqual({
        header: { alg: 'HS256', kid: 'k1', typ: 'JWT' },
        payload: { ...claims, iat: nowSeconds - 60, exp: nowSeconds + 870 },
      });
    }
    expectRun(await webjwt(['decode', expired]), 0); // expired, and still decoded: nothing is checked
  });

  it('a malformed token: exit 1 with ERR_JWT_INVALID; strict like the library beyond whitespace and Bearer', async () => {
    for (const token of ['', 'abc', `${valid}.x`, `${valid.replace(/\./, '.=')}`, valid.replace(/^eyJ/, 'eyJ ')]) {
      const run = expectRun(await webjwt(['decode', token]), 1);
      expect(codeOf(run), token).toBe('ERR_JWT_INVALID');
      expect(run.stdout).toBe('');
    }
  });
});

describe('webjwt inspect', () => {
  it('header and payload with descriptions, times as dates and relative times, the state', async () => {
    const run = expectRun(await webjwt(['inspect', valid, ...AT, '--date', 'utc']), 0);
    expect(run.stdout).toMatch(/^Header\n {2}alg {2}"HS256" {2}Algorithm the token is signed with/);
    expect(run.stdout).toMatch(/^ {2}kid {2}"k1" +Key ID/m);
    expect(run.stdout).toMatch(/^ {2}iss {2}"https:\/\/auth.example.com" {2}Issuer: who made and signed the token/m);
    expect(run.stdout).toMatch(/^ {2}iat +2026-05-01 11:59:00 UTC {2}issued 1 min ago$/m);
    expect(run.stdout).toMatch(/^ {2}exp +2026-05-01 12:14:30 UTC {2}expires in 14 min$/m);
    expect(run.stdout).toMatch(/^State {2}valid: expires in 14 min \(signature not checked\)$/m);
    expect(run.stdout).not.toMatch(/Warnings/);
  });

  it('expired, not yet valid, unsigned and mistyped tokens each say so in one line', async () => {
    const states: [string, RegExp][] = [
      [expired, /^State {2}expired 3 h 2 min ago$/m],
      [notYet, /^State {2}not yet valid, for another 5 min$/m],
      [none, /^State {2}unsigned: alg "none"/m],
      [mistyped, /^State {2}invalid: "exp" has the wrong type/m],
    ];
    for (const [token, state] of states) expect(expectRun(await webjwt(['inspect', token, ...AT]), 0).stdout).toMatch(state);
  });

  it('warnings: alg none, no exp, a lifetime over a day, iat in the future, claims that look like secrets', async () => {
    const out = (await webjwt(['inspect', risky, ...AT])).stdout;
    expect(out).toMatch(/lives 2 d 23 h, more than a day/);
    expect(out).toMatch(/"iat" is 10 min in the future/);
    expect(out).toMatch(/claim "password" looks like a secret/);
    expect(out).toMatch(/claim "profile.api_key" looks like a secret/);
    expect((await webjwt(['inspect', forever, ...AT])).stdout).toMatch(/no "exp": the token never expires/);
    expect((await webjwt(['inspect', none, ...AT])).stdout).toMatch(/alg is "none"/);
  });

  it('--date local uses the time zone, with its offset', async () => {
    const run = expectRun(await webjwt(['inspect', valid, ...AT, '--date', 'local'], { env: { TZ: 'Asia/Kolkata' } }), 0);
    expect(run.stdout).toMatch(/^ {2}exp +2026-05-01 17:44:30 \+05:30 {2}expires in 14 min$/m);
  });

  it('--json: the same facts as JSON', async () => {
    const facts = JSON.parse(expectRun(await webjwt(['inspect', risky, ...AT, '--json']), 0).stdout);
    expect(facts).toMatchObject({ header: { alg: 'HS256' }, payload: { sub: 'u' }, state: 'invalid' });
    expect(facts.times).toEqual([
      { claim: 'iat', value: nowSeconds + 600, date: '2026-05-01T12:10:00.000Z', relative: 'issued 10 min in the future' },
      { claim: 'exp', value: nowSeconds + 3 * 86400, date: '2026-05-04T12:00:00.000Z', relative: 'expires in 3 d' },
    ]);
    expect(facts.warnings.map((w: { code: string }) => w.code).sort()).toEqual(['iat-future', 'long-lifetime', 'secret-claim', 'secret-claim']);
  });

  it('a malformed token: exit 1 with ERR_JWT_INVALID; a bad --date or --at: exit 2', async () => {
    expect(codeOf(expectRun(await webjwt(['inspect', 'x.y.z']), 1))).toBe('ERR_JWT_INVALID');
    expect(expectRun(await webjwt(['inspect', valid, '--date', 'mars']), 2).stderr).toMatch(/--date expected utc or local/);
    expect(expectRun(await webjwt(['inspect', valid, '--at', 'yesterday']), 2).stderr).toMatch(/--at expected a date/);
  });
});
