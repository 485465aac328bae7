/**
 * createRemoteJWKSet's arguments (caller mistakes are TypeErrors and
 * RangeErrors, before any request), its `headers` and `fetch` options, and the
 * `cache` adapter: a JSON round trip, a second instance starting from the stored
 * set without fetching, and an adapter that fails or returns garbage.
 */
import { describe, expect, it } from 'vitest';
import { createRemoteJWKSet, verify, type JWKSCache, type JWKSCacheEntry, type JWKSFetch } from '../../src/index.js';
import { expectJWTError, expectMistake } from '../helpers.js';
import { providerPerTest, signingKey } from '../jwks-provider.js';

const k1 = await signingKey('k1');
const k2 = await signingKey('k2');

const ctx = providerPerTest([k1.publicJwk]);

describe('arguments', () => {
  it.each([
    ['a number', 42],
    ['not a URL', 'jwks.json'],
    ['ftp:', 'ftp://idp.test/jwks'],
    ['http: to a host that is not loopback', 'http://idp.test/jwks'],
    ['http: to a name that only looks loopback', 'http://127.0.0.1.idp.test/jwks'],
  ])('the URL: %s is a TypeError', (_, url) => {
    expect(() => createRemoteJWKSet(url as string)).toThrow(TypeError);
  });

  it('http: is allowed to loopback hosts, and anywhere with allowHttp', () => {
    for (const url of ['http://localhost:1/jwks', 'http://127.0.0.1:1/jwks', 'http://[::1]:1/jwks', 'https://idp.test/jwks']) {
      expect(typeof createRemoteJWKSet(url)).toBe('function');
    }
    expect(typeof createRemoteJWKSet('http://idp.test/jwks', { allowHttp: true })).toBe('function');
  });

  it.each([
    [{ maxage: '10m' }, 'TypeError'],
    [{ fetch: 'fetch' }, 'TypeError'],
    [{ cache: {} }, 'TypeError'],
    [{ cache: { get() {} } }, 'TypeError'],
    [{ headers: { authorization: 1 } }, 'TypeError'],
    [{ headers: [['a', 'b']] }, 'TypeError'],
    [{ allowHttp: 'yes' }, 'TypeError'],
    [{ maxAge: {} }, 'TypeError'],
    [{ maxAge: '10 fortnights' }, 'RangeError'],
    [{ cooldown: -1 }, 'RangeError'],
    [{ timeout: 0 }, 'RangeError'],
    [{ staleIfError: Number.NaN }, 'RangeError'],
  ] as const)('options %o: %s', async (options, kind) => {
    await expectMistake(() => createRemoteJWKSet(ctx.provider.jwksURL, options as never), kind);
  });

  it('options are read as durations like everywhere else', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { maxAge: '2 minutes', cooldown: 5, staleIfError: '0s', timeout: '1.5s' });
    await keys.reload();
    expect(keys.current()!.expiresAt).toBe(ctx.time.now + 120_000);
  });
});

describe('headers and fetch', () => {
  it('sends the extra headers, and asks for a JWK Set', async () => {
    let seen: Record<string, unknown> = {};
    ctx.provider.handler = (request, response) => {
      seen = request.headers;
      response.writeHead(200).end(JSON.stringify({ keys: ctx.provider.keys }));
    };
    await createRemoteJWKSet(ctx.provider.jwksURL, { headers: { Authorization: 'Bearer x', 'X-Tenant': 'a' } }).reload();
    expect(seen).toMatchObject({ authorization: 'Bearer x', 'x-tenant': 'a', accept: 'application/jwk-set+json, application/json' });
  });

  it('a custom fetch gets the URL, a GET that does not follow redirects, and the timeout signal', async () => {
    const calls: Parameters<JWKSFetch>[] = [];
    const custom: JWKSFetch = async (url, init) => {
      calls.push([url, init]);
      return fetch(url, init);
    };
    await verify(await k1.token(), createRemoteJWKSet(ctx.provider.jwksURL, { fetch: custom }));
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(ctx.provider.jwksURL);
    expect(calls[0]![1]).toMatchObject({ method: 'GET', redirect: 'manual' });
    expect(calls[0]![1].signal).toBeInstanceOf(AbortSignal);
  });
});

describe('the cache adapter', () => {
  /** An adapter over a string, as KV would hold it. */
  interface Store {
    text: string | undefined;
    writes: number;
    adapter: JWKSCache;
  }
  const jsonStore = (): Store => {
    const store: Store = {
      text: undefined as string | undefined,
      writes: 0,
      adapter: {
        get: async () => (store.text === undefined ? null : (JSON.parse(store.text) as JWKSCacheEntry)),
        set: async (entry: JWKSCacheEntry) => {
          store.writes += 1;
          store.text = JSON.stringify(entry);
        },
      },
    };
    return store;
  };

  it('round trip: a second instance (another isolate) starts from the stored set without fetching', async () => {
    const store = jsonStore();
    const token = await k1.token();
    await verify(token, createRemoteJWKSet(ctx.provider.jwksURL, { cache: store.adapter }));
    expect(ctx.provider.jwksHits).toBe(1);
    expect(store.writes).toBe(1);
    expect(JSON.parse(store.text!)).toEqual({ jwks: { keys: [k1.publicJwk] }, fetchedAt: ctx.time.now, expiresAt: ctx.time.now + 600_000 });

    // Other options, so no memory is shared: as in a fresh isolate, only the store is.
    const second = createRemoteJWKSet(ctx.provider.jwksURL, { cache: store.adapter, headers: { 'x-isolate': '2' } });
    ctx.time.advance(60);
    await verify(token, second);
    expect(ctx.provider.jwksHits).toBe(1);
    expect(second.current()).toEqual(JSON.parse(store.text!));

    ctx.time.advance(10 * 60); // the stored set is stale now: the second instance fetches and stores
    await verify(token, second);
    expect(ctx.provider.jwksHits).toBe(2);
    expect(store.writes).toBe(2);
  });

  it('a kid the set lacks looks in the store first: another isolate may have fetched the rotated set', async () => {
    const store = jsonStore();
    const first = createRemoteJWKSet(ctx.provider.jwksURL, { cache: store.adapter });
    await verify(await k1.token(), first);
    ctx.time.advance(40);
    store.text = JSON.stringify({ jwks: { keys: [k1.publicJwk, k2.publicJwk] }, fetchedAt: ctx.time.now, expiresAt: ctx.time.now + 600_000 });
    await verify(await k2.token(), first);
    expect(ctx.provider.jwksHits).toBe(1);
  });

  it('an adapter that throws, or returns something that is not an entry, is ignored', async () => {
    const broken: JWKSCache = { get: () => { throw new Error('kv down'); }, set: () => Promise.reject(new Error('kv down')) };
    const token = await k1.token();
    await verify(token, createRemoteJWKSet(ctx.provider.jwksURL, { cache: broken }));
    for (const garbage of ['x', { jwks: { keys: [k1.publicJwk] } }, { jwks: 'x', fetchedAt: ctx.time.now }, { jwks: { keys: [k1.publicJwk] }, fetchedAt: 'now' }, { jwks: { keys: [k1.publicJwk] }, fetchedAt: ctx.time.now, expiresAt: 'later' }]) {
      const keys = createRemoteJWKSet(`${ctx.provider.jwksURL}?${Math.random()}`, { cache: { get: () => garbage as never, set: () => {} } });
      ctx.provider.handler = (request, response) => response.writeHead(200).end(JSON.stringify({ keys: ctx.provider.keys }));
      await verify(token, keys);
      expect(keys.current()!.fetchedAt).toBe(ctx.time.now);
    }
  });

  it('a stored entry stays fresh at most a day, and never lends a secret or a private key', async () => {
    const stored: JWKSCacheEntry = {
      jwks: { keys: [k1.publicJwk, { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA', kid: 'hs' }, { ...k2.privateJwk }] },
      fetchedAt: ctx.time.now,
      expiresAt: ctx.time.now + 365 * 86_400_000,
    };
    const keys = createRemoteJWKSet(ctx.provider.jwksURL, { cache: { get: () => stored, set: () => {} } });
    await verify(await k1.token(), keys);
    expect(keys.current()!.jwks.keys).toEqual([k1.publicJwk]);
    ctx.time.advance(86_400 - 1);
    await verify(await k1.token(), keys);
    expect(ctx.provider.jwksHits).toBe(0);
    ctx.time.advance(2);
    await verify(await k1.token(), keys);
    expect(ctx.provider.jwksHits).toBe(1);
    await expectJWTError(verify(await k2.token({}, { kid: 'k2' }), keys), 'ERR_JWKS_NO_MATCHING_KEY');
  });
});
