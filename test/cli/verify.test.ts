/** `webjwt verify`: as strict as the library, with its error codes and the values involved. */
import { describe, expect, it } from 'vitest';
import { AT, SECRET, codeOf, expectRun, joseToken, nowSeconds, secretBytes, webjwt } from './helpers.js';

const claims = { sub: 'user-123', role: 'admin', iss: 'https://auth.example.com', aud: 'api' };
const valid = await joseToken({ ...claims, exp: nowSeconds + 15 * 60 }, secretBytes);
const expired = await joseToken({ ...claims, iat: nowSeconds - 4 * 3600, exp: nowSeconds - 3 * 3600 }, secretBytes);
const notYet = await joseToken({ ...claims, nbf: nowSeconds + 5 * 60, exp: nowSeconds + 3600 }, secretBytes);
const [head, body, signature] = valid.split('.');
const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, role: 'superuser', exp: nowSeconds + 900 })).toString('base64url')}.${signature}`;
const withSecret = ['--secret', SECRET, ...AT];

describe('webjwt verify', () => {
  it('a valid token: exit 0, the payload as JSON on stdout', async () => {
    const run = expectRun(await webjwt(['verify', valid, ...withSecret, '--iss', claims.iss, '--aud', 'api', '--sub', 'user-123', '--typ', 'JWT']), 0);
    expect(JSON.parse(run.stdout)).toEqual({ ...claims, iat: nowSeconds - 60, exp: nowSeconds + 900 });
  });

  it('a tampered token: ERR_JWT_SIGNATURE_INVALID, nothing on stdout', async () => {
    const run = expectRun(await webjwt(['verify', tampered, ...withSecret]), 1);
    expect(codeOf(run)).toBe('ERR_JWT_SIGNATURE_INVALID');
    expect(run.stderr).toMatch(/^ {2}token: alg HS256$/m);
    expect(run.stdout).toBe('');
  });

  it('an expired token: ERR_JWT_EXPIRED, when it expired and how long ago', async () => {
    const run = expectRun(await webjwt(['verify', expired, ...withSecret]), 1);
    expect(codeOf(run)).toBe('ERR_JWT_EXPIRED');
    expect(run.stderr).toMatch(/^ {2}expired at 2026-05-01 09:00:00 \+00:00, 3 h ago$/m);
    const utc = expectRun(await webjwt(['verify', expired, ...withSecret, '--date', 'utc']), 1);
    expect(utc.stderr).toMatch(/^ {2}expired at 2026-05-01 09:00:00 UTC, 3 h ago$/m);
  });

  it('no leeway unless asked for: expired by one second is expired; --clock-tolerance lets it through', async () => {
    const justExpired = await joseToken({ ...claims, exp: nowSeconds - 1 }, secretBytes);
    expect(codeOf(expectRun(await webjwt(['verify', justExpired, ...withSecret]), 1))).toBe('ERR_JWT_EXPIRED');
    expectRun(await webjwt(['verify', justExpired, ...withSecret, '--clock-tolerance', '30s']), 0);
    expectRun(await webjwt(['verify', justExpired, ...withSecret, '--clock-tolerance', '30']), 0);
  });

  it('--at: the same token judged at another time', async () => {
    expectRun(await webjwt(['verify', expired, '--secret', SECRET, '--at', '2026-05-01T08:00:00Z']), 0);
    expectRun(await webjwt(['verify', expired, '--secret', SECRET, '--at', `@${nowSeconds - 4 * 3600}`]), 0);
  });

  it('a token not valid yet: ERR_JWT_NOT_YET_VALID with nbf and how long to wait', async () => {
    const run = expectRun(await webjwt(['verify', notYet, ...withSecret]), 1);
    expect(codeOf(run)).toBe('ERR_JWT_NOT_YET_VALID');
    expect(run.stderr).toMatch(/^ {2}nbf: 2026-05-01 12:05:00 \+00:00 \(not valid for another 5 min\)$/m);
  });

  it('a wrong audience: ERR_JWT_CLAIM_INVALID with the claim, the token\'s value and the expected one', async () => {
    const run = expectRun(await webjwt(['verify', valid, ...withSecret, '--aud', 'billing', '--aud', 'admin']), 1);
    expect(codeOf(run)).toBe('ERR_JWT_CLAIM_INVALID');
    expect(run.stderr).toMatch(/^ {2}claim: aud \(mismatch\)\n {2}token: "api"\n {2}expected: \["billing","admin"\]$/m);
  });

  it('a wrong issuer, subject and typ; a missing required claim; --max-age', async () => {
    const cases: [string[], RegExp][] = [
      [['--iss', 'https://evil.example'], /claim: iss \(mismatch\)\n {2}token: "https:\/\/auth.example.com"\n {2}expected: "https:\/\/evil.example"/],
      [['--sub', 'user-999'], /claim: sub \(mismatch\)/],
      [['--typ', 'at+jwt'], /claim: typ \(mismatch\)\n {2}token: "JWT"\n {2}expected: "at\+jwt"/],
      [['--require', 'jti'], /claim: jti \(missing\)/],
    ];
    for (const [options, details] of cases) {
      const run = expectRun(await webjwt(['verify', valid, ...withSecret, ...options]), 1);
      expect(codeOf(run), options.join(' ')).toBe('ERR_JWT_CLAIM_INVALID');
      expect(run.stderr, options.join(' ')).toMatch(details);
    }
    const old = expectRun(await webjwt(['verify', valid, ...withSecret, '--max-age', '30s']), 1);
    expect(codeOf(old)).toBe('ERR_JWT_EXPIRED');
    expectRun(await webjwt(['verify', valid, ...withSecret, '--max-age', '1h']), 0);
  });

  it('a malformed token: ERR_JWT_INVALID', async () => {
    for (const token of [`${head}.${body}`, `${head}.${body}.${signature}=`, 'not a token', `${head}.${body}.${signature}.x`]) {
      expect(codeOf(expectRun(await webjwt(['verify', token, ...withSecret]), 1)), token).toBe('ERR_JWT_INVALID');
    }
  });

  it('alg none never verifies, and --alg limits the algorithms', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
    expect(codeOf(expectRun(await webjwt(['verify', none, ...withSecret]), 1))).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    // A secret long enough for all three: the HS256 token is refused for its algorithm.
    const long = 'x'.repeat(64);
    const limited = expectRun(await webjwt(['verify', await joseToken({ exp: nowSeconds + 60 }, new TextEncoder().encode(long)), '--secret', long, ...AT, '--alg', 'HS384', '--alg', 'HS512']), 1, [long]);
    expect(codeOf(limited)).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    expect(limited.stderr).toMatch(/^ {2}allowed: HS384, HS512$/m);
    // A secret too short for every algorithm allowed can never work: the key's failure, whatever the token.
    expect(codeOf(expectRun(await webjwt(['verify', valid, ...withSecret, '--alg', 'HS384', '--alg', 'HS512']), 1))).toBe('ERR_JWT_KEY_INVALID');
    expectRun(await webjwt(['verify', valid, ...withSecret, '--alg', 'HS256']), 0);
  });

  it('the token from stdin: with -, or no argument; whitespace and "Bearer " tolerated', async () => {
    for (const [args, input] of [[['-'], valid], [[], `${valid}\n`], [[], `  Bearer ${valid}  \n`]] as const) {
      const run = expectRun(await webjwt(['verify', ...args, ...withSecret], { input }), 0);
      expect(JSON.parse(run.stdout).sub).toBe('user-123');
    }
    expectRun(await webjwt(['verify', `Bearer ${valid}`, ...withSecret]), 0);
  });

  it('a short secret is refused as the library refuses it, unless --allow-insecure-key-sizes', async () => {
    const short = 'short secret';
    const token = await joseToken({ exp: nowSeconds + 60 }, new TextEncoder().encode(short));
    expect(codeOf(expectRun(await webjwt(['verify', token, '--secret', short, ...AT]), 1, [short]))).toBe('ERR_JWT_KEY_INVALID');
    expectRun(await webjwt(['verify', token, '--secret', short, ...AT, '--allow-insecure-key-sizes']), 0, [short]);
  });

  it('without --at, the clock decides', async () => {
    const fresh = await joseToken({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 }, secretBytes);
    expectRun(await webjwt(['verify', fresh, '--secret', SECRET]), 0);
  });
});
