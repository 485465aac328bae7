/**
 * createRemoteJWKSet against a real provider (test/jwks-provider.ts: node:http on
 * 127.0.0.1), counting its requests: caching, freshness and Cache-Control,
 * single flight, key rotation, random-kid floods, outages with stale-if-error,
 * and the order in which responses may replace the set. Time moves through the
 * test clock, never by sleeping.
 */
import { describe, expect, it } from 'vitest';
import { createRemoteJWKSet, verify, type JWKSCacheEntry } from '../../src/index.js';
import { expectJWTError } from '../helpers.js';
import { json, providerPerTest, signingKey, until } from '../jwks-provider.js';

const k1 = await signingKey('k1');
const k2 = await signingKey('k2');

const ctx = providerPerTest([k1.publicJwk]);

describe('caching', () => {
  it('cold start: the first verification fetches the set once', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    expect(keys.current()).toBeUndefined();
    const { payload } = await verify(await k1.token({ sub: 'alice' }), keys);
    expect(payload.sub).toBe('alice');
    expect(ctx.provider.jwksHits).toBe(1);
    expect(keys.current()).toMatchObject({ jwks: { keys: [{ kid: 'k1' }] }, fetchedAt: ctx.time.now });
  });

  it('cache hit: later verifications within maxAge make no request', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    const token = await k1.token();
    await verify(token, keys);
    ctx.time.advance(9 * 60);
    for (let i = 0; i < 5; i++) await verify(token, keys);
    expect(ctx.provider.jwksHits).toBe(1);
    ctx.time.advance(61); // past the default maxAge of 10 minutes
    await verify(token, keys);
    expect(ctx.provider.jwksHits).toBe(2);
  });

  it('100 concurrent verifications on a cold set make 1 request', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    const token = await k1.token();
    const results = await Promise.all(Array.from({ length: 100 }, () => verify(token, keys)));
    expect(results).toHaveLength(100);
    expect(ctx.provider.jwksHits).toBe(1);
  });

  it('100 concurrent verifications on a stale set make 1 request', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: 60 });
    const token = await k1.token();
    await verify(token, keys);
    ctx.time.advance(61);
    await Promise.all(Array.from({ length: 100 }, () => verify(token, keys)));
    expect(ctx.provider.jwksHits).toBe(2);
  });

  it('instances for the same URL and options share one cache; other options do not', async () => {
    const token = await k1.token();
    await verify(token, createRemoteJWKSet(ctx.provider.jwksURL));
    await verify(token, createRemoteJWKSet(new URL(ctx.provider.jwksURL)));
    await Promise.all([verify(token, createRemoteJWKSet(ctx.provider.jwksURL)), verify(token, createRemoteJWKSet(ctx.provider.jwksURL))]);
    expect(ctx.provider.jwksHits).toBe(1);
    await verify(token, createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: '5m' }));
    expect(ctx.provider.jwksHits).toBe(2);
  });

  it('reload() fetches whatever the cache says, once for concurrent callers, and current() shows the result', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    await keys.reload();
    expect(ctx.provider.jwksHits).toBe(1);
    ctx.provider.keys = [k1.publicJwk, k2.publicJwk];
    await Promise.all([keys.reload(), keys.reload(), keys.reload()]);
    expect(ctx.provider.jwksHits).toBe(2);
    expect(keys.current()!.jwks.keys.map((key) => key.kid)).toEqual(['k1', 'k2']);
    await verify(await k2.token(), keys);
    expect(ctx.provider.jwksHits).toBe(2);
  });

  it('current() is frozen: changing it cannot change the set in use', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    await keys.reload();
    const entry = keys.current()!;
    expect(() => entry.jwks.keys.push({ kty: 'EC' })).toThrow(TypeError);
    expect(() => Object.assign(entry.jwks.keys[0]!, { kid: 'k2' })).toThrow(TypeError);
  });
});

describe('Cache-Control', () => {
  const hitsAfter = async (keys: ReturnType<typeof createRemoteJWKSet>, seconds: number) => {
    ctx.time.advance(seconds);
    await verify(await k1.token(), keys);
    return ctx.provider.jwksHits;
  };

  it('a max-age shorter than maxAge wins', async () => {
    ctx.provider.headers = { 'cache-control': 'public, max-age=60' };
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: '10m' });
    expect(await hitsAfter(keys, 0)).toBe(1);
    expect(await hitsAfter(keys, 59)).toBe(1);
    expect(await hitsAfter(keys, 2)).toBe(2);
  });

  it('a max-age longer than maxAge wins', async () => {
    ctx.provider.headers = { 'cache-control': 'max-age=3600' };
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: '10m' });
    expect(await hitsAfter(keys, 0)).toBe(1);
    expect(await hitsAfter(keys, 30 * 60)).toBe(1);
    expect(await hitsAfter(keys, 31 * 60)).toBe(2);
  });

  it('Age counts against max-age', async () => {
    ctx.provider.headers = { 'cache-control': 'max-age=600', age: '540' };
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    expect(await hitsAfter(keys, 0)).toBe(1);
    expect(await hitsAfter(keys, 61)).toBe(2);
  });

  it('is bounded below by the cooldown and above by one day', async () => {
    ctx.provider.headers = { 'cache-control': 'max-age=5' };
    const short = createRemoteJWKSet(ctx.provider.jwksURL, { cooldown: '30s' });
    expect(await hitsAfter(short, 0)).toBe(1);
    expect(await hitsAfter(short, 20)).toBe(1);
    expect(await hitsAfter(short, 11)).toBe(2);

    ctx.provider.headers = { 'cache-control': 'max-age=31536000' };
    const long = createRemoteJWKSet(`${ctx.provider.jwksURL}?long`);
    ctx.provider.handler = (request, response) => json(response, 200, { keys: ctx.provider.keys }, ctx.provider.headers);
    await verify(await k1.token(), long);
    const before = ctx.provider.hits['/jwks?long'];
    ctx.time.advance(23 * 3600);
    await verify(await k1.token(), long);
    expect(ctx.provider.hits['/jwks?long']).toBe(before);
    ctx.time.advance(3601);
    await verify(await k1.token(), long);
    expect(ctx.provider.hits['/jwks?long']).toBe(before! + 1);
  });

  it.each(['no-store', 'no-cache', 'max-age=60, no-cache', 'max-age=soon'])('"%s" makes the set fresh only for the cooldown', async (value) => {
    ctx.provider.headers = { 'cache-control': value };
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { cooldown: 10 });
    expect(await hitsAfter(keys, 0)).toBe(1);
    expect(await hitsAfter(keys, 9)).toBe(1);
    expect(await hitsAfter(keys, 2)).toBe(2);
  });

  it('the fetched entry says until when it is fresh', async () => {
    ctx.provider.headers = { 'cache-control': 'max-age=120' };
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    await keys.reload();
    expect(keys.current()).toMatchObject({ fetchedAt: ctx.time.now, expiresAt: ctx.time.now + 120_000 });
  });
});

describe('key rotation', () => {
  it('the ctx.provider adds a key: a token with the new kid verifies after one refetch', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    await verify(await k1.token(), keys);
    ctx.provider.keys = [k1.publicJwk, k2.publicJwk];
    ctx.time.advance(31); // past the cooldown, well within maxAge
    const { payload } = await verify(await k2.token({ sub: 'new' }), keys);
    expect(payload.sub).toBe('new');
    expect(ctx.provider.jwksHits).toBe(2);
    await verify(await k1.token(), keys);
    expect(ctx.provider.jwksHits).toBe(2);
  });

  it('within the cooldown, an unknown kid is refused without a request', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    await verify(await k1.token(), keys);
    ctx.provider.keys = [k1.publicJwk, k2.publicJwk];
    ctx.time.advance(10);
    await expectJWTError(verify(await k2.token(), keys), 'ERR_JWKS_NO_MATCHING_KEY');
    expect(ctx.provider.jwksHits).toBe(1);
    ctx.time.advance(21);
    await verify(await k2.token(), keys);
    expect(ctx.provider.jwksHits).toBe(2);
  });

  it('the ctx.provider drops a key: its tokens are refused once the set is refreshed', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: '5m' });
    const old = await k1.token();
    await verify(old, keys);
    ctx.provider.keys = [k2.publicJwk];
    await verify(old, keys); // the cached set still has k1
    ctx.time.advance(5 * 60 + 1);
    await expectJWTError(verify(old, keys), 'ERR_JWKS_NO_MATCHING_KEY');
    expect(ctx.provider.jwksHits).toBe(2);
    await verify(await k2.token(), keys);
    expect(ctx.provider.jwksHits).toBe(2);
  });

  it('1,000 tokens with random kids make at most one request per cooldown', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { cooldown: '30s' });
    await verify(await k1.token(), keys);
    const forged = async () => {
      const kid = Math.random().toString(36).slice(2);
      return k1.token({ sub: 'x' }, { kid });
    };
    const tokens = await Promise.all(Array.from({ length: 1000 }, forged));
    const refuseAll = (batch: string[]) =>
      Promise.all(batch.map((token) => expectJWTError(verify(token, keys), 'ERR_JWKS_NO_MATCHING_KEY')));

    await refuseAll(tokens); // within the cooldown of the first fetch: no request
    expect(ctx.provider.jwksHits).toBe(1);
    ctx.time.advance(31);
    await refuseAll(tokens); // concurrently, after the cooldown: one request
    expect(ctx.provider.jwksHits).toBe(2);
    ctx.time.advance(31);
    for (const token of tokens.slice(0, 200)) await expectJWTError(verify(token, keys), 'ERR_JWKS_NO_MATCHING_KEY'); // one by one
    expect(ctx.provider.jwksHits).toBe(3);
    await verify(await k1.token(), keys);
    expect(ctx.provider.jwksHits).toBe(3);
  });
});

describe('provider outage', () => {
  const down = () => {
    ctx.provider.handler = (request, response) => json(response, 503, { error: 'down' });
  };
  const up = () => {
    ctx.provider.handler = undefined;
  };

  it('tokens keep verifying within staleIfError, with one request per cooldown, and the set recovers', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: '10m', cooldown: '30s', staleIfError: '1h' });
    const token = await k1.token();
    await verify(token, keys);
    down();
    ctx.time.advance(10 * 60 + 1);
    for (let i = 0; i < 50; i++) await verify(token, keys);
    expect(ctx.provider.jwksHits).toBe(2); // one failed refresh
    await Promise.all(Array.from({ length: 50 }, () => verify(token, keys)));
    expect(ctx.provider.jwksHits).toBe(2);
    for (let minute = 0; minute < 10; minute++) {
      ctx.time.advance(31);
      await Promise.all(Array.from({ length: 20 }, () => verify(token, keys)));
    }
    expect(ctx.provider.jwksHits).toBe(12); // one per cooldown, not one per token

    up();
    ctx.provider.keys = [k1.publicJwk, k2.publicJwk];
    ctx.time.advance(31);
    await verify(await k2.token(), keys);
    expect(ctx.provider.jwksHits).toBe(13);
    expect(keys.current()!.fetchedAt).toBe(ctx.time.now);
    ctx.time.advance(60);
    await verify(token, keys);
    expect(ctx.provider.jwksHits).toBe(13); // fresh again
  });

  it('past staleIfError, a failed refresh fails the verification with the fetch error', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: '10m', staleIfError: '1h' });
    const token = await k1.token();
    await verify(token, keys);
    down();
    ctx.time.advance(10 * 60 + 3600 - 1);
    await verify(token, keys);
    ctx.time.advance(2);
    await expectJWTError(verify(token, keys), 'ERR_JWKS_FETCH_FAILED', { status: 503 });
    const hits = ctx.provider.jwksHits;
    await expectJWTError(verify(token, keys), 'ERR_JWKS_FETCH_FAILED', { status: 503 }); // within the cooldown: no request
    expect(ctx.provider.jwksHits).toBe(hits);
  });

  it('staleIfError 0: a stale set is not used when the refresh fails', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: '1m', staleIfError: 0 });
    const token = await k1.token();
    await verify(token, keys);
    down();
    ctx.time.advance(61);
    await expectJWTError(verify(token, keys), 'ERR_JWKS_FETCH_FAILED', { status: 503 });
    up();
    ctx.time.advance(31);
    await verify(token, keys);
  });

  it('a failing ctx.provider with no set gets one request per cooldown', async () => {
    down();
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { cooldown: '30s' });
    const token = await k1.token();
    await Promise.all(Array.from({ length: 20 }, () => expectJWTError(verify(token, keys), 'ERR_JWKS_FETCH_FAILED', { status: 503 })));
    for (let i = 0; i < 20; i++) await expectJWTError(verify(token, keys), 'ERR_JWKS_FETCH_FAILED');
    expect(ctx.provider.jwksHits).toBe(1);
    ctx.time.advance(31);
    up();
    await verify(token, keys);
    expect(ctx.provider.jwksHits).toBe(2);
  });

  it('reload() rejects when the fetch fails, and the set in use stays', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    await keys.reload();
    const before = keys.current();
    down();
    await expectJWTError(keys.reload(), 'ERR_JWKS_FETCH_FAILED', { status: 503 });
    expect(keys.current()).toBe(before);
    await verify(await k1.token(), keys);
  });
});

describe('order of responses', () => {
  it('a response to an older request never replaces a newer set', async () => {
    // The set's cache adapter hands it a set fetched after a slow request was sent:
    // when that request's (older) response arrives, it must not replace it.
    let stored: JWKSCacheEntry | undefined;
    const cache = { get: () => stored, set: () => {} };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    ctx.provider.handler = async (request, response) => {
      await held;
      json(response, 200, { keys: [k1.publicJwk] });
    };
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { cache });
    const token = await k1.token();
    const slow = verify(token, keys); // its request is answered only on release()
    await until(() => ctx.provider.jwksHits === 1);

    ctx.time.advance(1);
    stored = { jwks: { keys: [k1.publicJwk, k2.publicJwk] }, fetchedAt: ctx.time.now, expiresAt: ctx.time.now + 600_000 };
    await verify(await k2.token(), keys); // takes the newer stored set
    release();
    await slow;
    expect(keys.current()!.jwks.keys.map((key) => key.kid)).toEqual(['k1', 'k2']);
  });
});
