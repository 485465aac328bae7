/**
 * Cache-Control and Age as a remote key set reads them (RFC 9111), and the
 * bounds on freshness: never under the cooldown, never over a day when the
 * response sets it.
 */
import { describe, expect, it } from 'vitest';
import { freshnessLifetime, responseFreshness } from '../../src/lib/jwks/freshness.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('responseFreshness', () => {
  it.each([
    [{}, undefined],
    [{ 'cache-control': 'public' }, undefined],
    [{ 'cache-control': 'max-age=300' }, 300],
    [{ 'cache-control': 'public, max-age=300, must-revalidate' }, 300],
    [{ 'cache-control': 'Max-Age=300' }, 300],
    [{ 'cache-control': 'max-age="300"' }, 300],
    [{ 'cache-control': 'max-age=300, max-age=10' }, 300], // the first occurrence (RFC 9111 §4.2.1)
    [{ 'cache-control': 's-maxage=60' }, undefined], // for shared caches only
    [{ 'cache-control': 'max-age=300', age: '100' }, 200],
    [{ 'cache-control': 'max-age=300', age: '400' }, 0],
    [{ 'cache-control': 'max-age=300', age: 'old' }, 300],
    [{ 'cache-control': 'max-age=-1' }, 0], // invalid: stale
    [{ 'cache-control': 'max-age=1e3' }, 0],
    [{ 'cache-control': 'max-age' }, 0],
    [{ 'cache-control': 'no-store' }, 0],
    [{ 'cache-control': 'no-cache' }, 0],
    [{ 'cache-control': 'max-age=300, no-cache' }, 0], // the most restrictive wins
    [{ 'cache-control': 'no-cache="set-cookie", max-age=300' }, 0], // qualified no-cache, read as no-cache: the safe side
  ])('%o: %s', (values, seconds) => {
    expect(responseFreshness(headers(values))).toBe(seconds);
  });
});

describe('freshnessLifetime', () => {
  const policy = { maxAge: 600_000, cooldown: 30_000 };
  it.each([
    [{}, 600_000],
    [{ 'cache-control': 'max-age=60' }, 60_000],
    [{ 'cache-control': 'max-age=3600' }, 3_600_000],
    [{ 'cache-control': 'max-age=5' }, 30_000],
    [{ 'cache-control': 'no-store' }, 30_000],
    [{ 'cache-control': 'max-age=31536000' }, 86_400_000],
  ])('%o: %i ms', (values, lifetime) => {
    expect(freshnessLifetime(headers(values), policy)).toBe(lifetime);
  });

  it('maxAge is the default, itself never under the cooldown', () => {
    expect(freshnessLifetime(headers({}), { maxAge: 1000, cooldown: 30_000 })).toBe(30_000);
    expect(freshnessLifetime(headers({}), { maxAge: 7 * 86_400_000, cooldown: 30_000 })).toBe(7 * 86_400_000);
  });
});
