/**
 * A remote key set's decisions at their boundaries (freshness, cooldown,
 * staleIfError: the instant each one ends), with a cache adapter (when it is
 * read, when its entry is taken, when it is written), and discovery's memory.
 * The provider is a custom `fetch` for https://idp.test/ (never resolved);
 * time is the test clock.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createRemoteJWKSet,
  discoverJWKS,
  sign,
  verify,
  type JWK,
  type JWKSCache,
  type JWKSCacheEntry,
  type JWKSFetch,
  type RemoteJWKSetOptions,
} from '../../src/index.js';
import { expectJWTError } from '../helpers.js';
import { useTestClock, type TestClock } from '../jwks-provider.js';

const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwkOf = (key: KeyObject, kid?: string): JWK => ({ ...(key.export({ format: 'jwk' }) as JWK), ...(kid ? { kid } : {}) });
const k1 = pair();
const k2 = pair();
const token = (key: typeof k1, kid?: string) => sign({ sub: 'user' }, key.privateKey, kid ? { kid } : {});
const SECOND = 1000;

let time: TestClock;
beforeEach(() => (time = useTestClock()));
afterEach(() => time.restore());

let serial = 0;
/**
 * An identity provider behind a custom fetch: the documents it serves by path
 * (a status to fail with, a function to throw), and the requests it got.
 */
function idp() {
  const base = `https://idp.test/remote/${++serial}`;
  const documents: Record<string, unknown> = {};
  const requests: string[] = [];
  const headers: Record<string, string>[] = [];
  const fetch: JWKSFetch = async (url, init) => {
    const path = url.startsWith(base) ? url.slice(base.length) : url;
    requests.push(path);
    headers.push(init.headers);
    const document = documents[path];
    if (typeof document === 'function') return document();
    if (typeof document === 'number') return new Response('{}', { status: document });
    if (document === undefined) return new Response('{}', { status: 404 });
    return new Response(JSON.stringify(document), { status: 200 });
  };
  return { base, documents, requests, headers, fetch, serve: (keys: JWK[]) => (documents['/jwks'] = { keys }) };
}

/** A cache adapter whose stored entry the test sets, counting reads and writes. */
function adapter(stored?: JWKSCacheEntry) {
  const cache = { stored, gets: 0, sets: [] as JWKSCacheEntry[] };
  const api: JWKSCache = {
    get: async () => {
      cache.gets++;
      return cache.stored;
    },
    set: async (entry) => void cache.sets.push(entry),
  };
  return Object.assign(cache, { api });
}

function remote(provider: ReturnType<typeof idp>, options: RemoteJWKSetOptions = {}) {
  return createRemoteJWKSet(`${provider.base}/jwks`, { fetch: provider.fetch, ...options });
}

/** A remote set with a cache adapter, loaded once from a provider that serves k1 as "a". */
async function loadedWithCache(options: RemoteJWKSetOptions = {}) {
  const provider = idp();
  provider.serve([jwkOf(k1.publicKey, 'a')]);
  const cache = adapter();
  const keys = remote(provider, { cache: cache.api, ...options });
  await keys.reload();
  return { provider, cache, keys };
}

describe('each boundary at its instant', () => {
  it('a set is stale at exactly its expiry, not a millisecond before', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    const keys = remote(provider, { maxAge: '60s' });
    const t = await token(k1, 'a');
    await verify(t, keys);
    time.advance(60 - 0.001);
    await verify(t, keys);
    expect(provider.requests).toHaveLength(1);
    time.advance(0.001);
    await verify(t, keys);
    expect(provider.requests).toHaveLength(2);
  });

  it('an unknown kid refetches at exactly the end of the cooldown, not before', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    const keys = remote(provider, { cooldown: '30s' });
    await keys.reload();
    provider.serve([jwkOf(k1.publicKey, 'a'), jwkOf(k2.publicKey, 'b')]);
    const t = await token(k2, 'b');
    time.advance(30 - 0.001);
    await expectJWTError(verify(t, keys), 'ERR_JWKS_NO_MATCHING_KEY');
    expect(provider.requests).toHaveLength(1);
    time.advance(0.001);
    await verify(t, keys);
    expect(provider.requests).toHaveLength(2);
  });

  it('a stale set serves until exactly staleIfError past its expiry', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    const keys = remote(provider, { maxAge: '60s', cooldown: '1s', staleIfError: '60s' });
    const t = await token(k1, 'a');
    await verify(t, keys);
    provider.documents['/jwks'] = 500;
    time.advance(120 - 0.001);
    await verify(t, keys); // the refresh failed: the stale set still serves
    time.advance(0.001); // cooling down from that failed fetch: no new request
    await expectJWTError(verify(t, keys), 'ERR_JWKS_FETCH_FAILED', { status: 500 });
    expect(provider.requests).toHaveLength(2);
  });

  it('a stored entry that expired before it was fetched, dated ahead of this clock, is no usable copy', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    const jwks = { keys: [jwkOf(k1.publicKey, 'a')] };
    const cache = adapter({ jwks, fetchedAt: time.now + 100 * SECOND, expiresAt: time.now + 40 * SECOND });
    const keys = remote(provider, { cache: cache.api, staleIfError: 0 });
    const t = await token(k1, 'a');
    await verify(t, keys); // the stored entry, fresh until +40 s
    time.advance(45);
    const error = await expectJWTError(verify(t, keys), 'ERR_JWKS_FETCH_FAILED');
    expect(error.message).not.toBe('');
    expect(provider.requests).toHaveLength(1); // fetched, but older than the stored entry: not taken
  });
});

describe('the cache adapter', () => {
  it('is not read for an unknown kid while the cooldown runs', async () => {
    const { provider, cache, keys } = await loadedWithCache();
    cache.stored = { jwks: { keys: [jwkOf(k2.publicKey, 'b')] }, fetchedAt: time.now + 1, expiresAt: time.now + 600 * SECOND };
    const reads = cache.gets;
    await expectJWTError(verify(await token(k2, 'b'), keys), 'ERR_JWKS_NO_MATCHING_KEY');
    expect(cache.gets).toBe(reads);
    expect(provider.requests).toHaveLength(1);
  });

  it('reload fetches whatever the adapter holds', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    const cache = adapter({ jwks: { keys: [jwkOf(k2.publicKey, 'b')] }, fetchedAt: time.now, expiresAt: time.now + 600 * SECOND });
    const keys = remote(provider, { cache: cache.api });
    await keys.reload();
    expect(provider.requests).toHaveLength(1);
    expect(keys.current()!.jwks.keys).toEqual([jwkOf(k1.publicKey, 'a')]);
  });

  it('an unknown kid after the cooldown fetches when the adapter has nothing newer', async () => {
    const { provider, cache, keys } = await loadedWithCache();
    provider.serve([jwkOf(k2.publicKey, 'b')]);
    time.advance(31);
    await verify(await token(k2, 'b'), keys);
    expect(provider.requests).toHaveLength(2);
  });

  it('an unknown kid takes a newer stored set without fetching, even one past its freshness', async () => {
    const { provider, cache, keys } = await loadedWithCache();
    time.advance(31);
    cache.stored = { jwks: { keys: [jwkOf(k2.publicKey, 'b')] }, fetchedAt: time.now - 10 * SECOND, expiresAt: time.now - 5 * SECOND };
    await verify(await token(k2, 'b'), keys);
    expect(provider.requests).toHaveLength(1);
  });

  it('a stale set takes a stored set only if it is fresh; otherwise it fetches', async () => {
    const { provider, cache, keys } = await loadedWithCache({ maxAge: '60s' });
    time.advance(61);
    cache.stored = { jwks: { keys: [jwkOf(k1.publicKey, 'a')] }, fetchedAt: time.now - 30 * SECOND, expiresAt: time.now - 1 };
    await verify(await token(k1, 'a'), keys);
    expect(provider.requests).toHaveLength(2);
  });

  it('a stale set that takes a fresh stored set still refetches for a kid that set lacks', async () => {
    const { provider, cache, keys } = await loadedWithCache({ maxAge: '60s' });
    time.advance(61);
    cache.stored = { jwks: { keys: [jwkOf(k1.publicKey, 'a')] }, fetchedAt: time.now - 1, expiresAt: time.now + 60 * SECOND };
    provider.serve([jwkOf(k2.publicKey, 'b')]);
    await verify(await token(k2, 'b'), keys);
    expect(provider.requests).toHaveLength(2);
  });

  it('is written once for concurrent verifications, by the one that fetched', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    const cache = adapter();
    const keys = remote(provider, { cache: cache.api });
    const t = await token(k1, 'a');
    await Promise.all([verify(t, keys), verify(t, keys), verify(t, keys)]);
    expect(provider.requests).toHaveLength(1);
    expect(cache.sets).toHaveLength(1);
  });

  it('an older stored entry, or one of the same time, never replaces the set in memory', async () => {
    const { provider, cache, keys } = await loadedWithCache({ maxAge: '60s', cooldown: '60s' });
    const current = keys.current()!;
    time.advance(61);
    for (const fetchedAt of [current.fetchedAt - 1, current.fetchedAt]) {
      cache.stored = { jwks: { keys: [jwkOf(k2.publicKey, 'b')] }, fetchedAt, expiresAt: time.now + 600 * SECOND };
      await verify(await token(k1, 'a'), keys).catch(() => {});
      expect(keys.current()!.jwks).toEqual(current.jwks);
    }
  });

  it('an adapter with nothing stored never empties the set in memory', async () => {
    const { provider, cache, keys } = await loadedWithCache();
    time.advance(31);
    provider.documents['/jwks'] = 500;
    await expectJWTError(verify(await token(k2, 'b'), keys), 'ERR_JWKS_NO_MATCHING_KEY');
    expect(keys.current()!.jwks.keys).toEqual([jwkOf(k1.publicKey, 'a')]);
  });

  it('a stored entry without expiresAt is fresh for the longer of maxAge and cooldown', async () => {
    const provider = idp();
    const cache = adapter({ jwks: { keys: [jwkOf(k1.publicKey, 'a')] }, fetchedAt: time.now });
    const keys = remote(provider, { cache: cache.api, maxAge: '10s', cooldown: '60s' });
    await verify(await token(k1, 'a'), keys);
    expect(keys.current()).toMatchObject({ fetchedAt: time.now, expiresAt: time.now + 60 * SECOND });
    expect(provider.requests).toHaveLength(0);
  });
});

describe('what the set answers', () => {
  it('its resolver rejects a token whose kid it lacks, never resolving to nothing', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    const keys = remote(provider);
    await expect(keys({ alg: 'ES256', kid: 'b' }, '')).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    await expect(keys({ alg: 'ES256', kid: 'a' }, '')).resolves.toMatchObject({ kid: 'a' });
    time.advance(31); // a refetch for the unknown kid, which still finds nothing
    const error = await expectJWTError(keys({ alg: 'ES256', kid: 'b' }, ''), 'ERR_JWKS_NO_MATCHING_KEY');
    expect(error.message).not.toBe('');
    expect(provider.requests).toHaveLength(2);
  });

  it('a fetch made for a stale set is the only one for that token, even without a cooldown', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    await expectJWTError(verify(await token(k2, 'b'), remote(provider, { cooldown: 0 })), 'ERR_JWKS_NO_MATCHING_KEY');
    expect(provider.requests).toHaveLength(1);
  });

  it('a set whose keys have no kid to tell them apart is the server\'s problem, not a missing key', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey), jwkOf(k2.publicKey)]);
    await expectJWTError(verify(await token(k1), remote(provider)), 'ERR_JWT_KEY_INVALID');
  });

  it('a token without a kid, which several named keys fit, is the token\'s failure', async () => {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a'), jwkOf(k2.publicKey, 'b')]);
    await expectJWTError(verify(await token(k1), remote(provider)), 'ERR_JWKS_NO_MATCHING_KEY');
    await expect(verify(await token(k1, 'a'), remote(provider))).resolves.toBeDefined();
  });

  it('a response it cannot read is a failed fetch, with the cause', async () => {
    const provider = idp();
    const broken = new Error('headers gone');
    provider.documents['/jwks'] = () => {
      const response = new Response(JSON.stringify({ keys: [jwkOf(k1.publicKey, 'a')] }), { status: 200 });
      const get = response.headers.get.bind(response.headers);
      Object.defineProperty(response, 'headers', {
        value: { get: (name: string) => (name === 'cache-control' ? (() => { throw broken; })() : get(name)) },
      });
      return response;
    };
    const error = await expectJWTError(remote(provider).reload(), 'ERR_JWKS_FETCH_FAILED');
    expect(error.cause).toBe(broken);
    expect(error.message).not.toBe('');
  });
});

describe('discovery', () => {
  function issuer(options: { jwks?: string } = {}) {
    const provider = idp();
    provider.serve([jwkOf(k1.publicKey, 'a')]);
    provider.documents['/.well-known/openid-configuration'] = { issuer: provider.base, jwks_uri: options.jwks ?? `${provider.base}/jwks` };
    const metadataReads = () => provider.requests.filter((path) => path.includes('.well-known')).length;
    return { provider, metadataReads };
  }

  it('remembers the jwks_uri for the longer of maxAge and cooldown, and reads again at exactly its end', async () => {
    const { provider, metadataReads } = issuer();
    const options: RemoteJWKSetOptions = { fetch: provider.fetch, maxAge: '10s', cooldown: '60s' };
    await discoverJWKS(provider.base, options);
    time.advance(60 - 0.001);
    await discoverJWKS(provider.base, options);
    expect(metadataReads()).toBe(1);
    time.advance(0.001);
    await discoverJWKS(provider.base, options);
    expect(metadataReads()).toBe(2);
  });

  it('falls back to the remembered jwks_uri until exactly staleIfError past its lifetime', async () => {
    const { provider } = issuer();
    const options: RemoteJWKSetOptions = { fetch: provider.fetch, maxAge: '60s', cooldown: '1s', staleIfError: '60s' };
    await discoverJWKS(provider.base, options);
    provider.documents['/.well-known/openid-configuration'] = 500;
    time.advance(120 - 0.001);
    await discoverJWKS(provider.base, options);
    time.advance(0.001); // cooling down from that failure: no request, the failure again, no fallback
    await expectJWTError(discoverJWKS(provider.base, options), 'ERR_JWKS_FETCH_FAILED');
  });

  it('repeats a failure without a request until exactly the end of the cooldown', async () => {
    const { provider, metadataReads } = issuer();
    provider.documents['/.well-known/openid-configuration'] = () => Promise.reject(new Error('ECONNREFUSED'));
    const options: RemoteJWKSetOptions = { fetch: provider.fetch, cooldown: '30s' };
    await expectJWTError(discoverJWKS(provider.base, options), 'ERR_JWKS_FETCH_FAILED');
    time.advance(30 - 0.001);
    await expectJWTError(discoverJWKS(provider.base, options), 'ERR_JWKS_FETCH_FAILED');
    expect(metadataReads()).toBe(1); // and no RFC 8414 attempt after a connection failure
    time.advance(0.001);
    await expectJWTError(discoverJWKS(provider.base, options), 'ERR_JWKS_FETCH_FAILED');
    expect(metadataReads()).toBe(2);
  });

  it('tries RFC 8414 only after an answer that is not 200, and says where it looked', async () => {
    const { provider } = issuer();
    provider.documents['/.well-known/openid-configuration'] = 500;
    const error = await expectJWTError(discoverJWKS(provider.base, { fetch: provider.fetch }), 'ERR_JWKS_FETCH_FAILED');
    expect(provider.requests).toEqual(['/.well-known/openid-configuration', `https://idp.test/.well-known/oauth-authorization-server${new URL(provider.base).pathname}`]);
    expect(error.message).toContain('/.well-known/');
  });

  it('asks for JSON, with the caller\'s headers', async () => {
    const { provider } = issuer();
    await discoverJWKS(provider.base, { fetch: provider.fetch, headers: { 'X-Tenant': 't' } });
    expect(provider.headers[0]).toEqual({ accept: 'application/json', 'x-tenant': 't' });
  });

  it('a jwks_uri that may not be fetched is a failed discovery, whose cause names it', async () => {
    const { provider } = issuer({ jwks: 'ftp://idp.test/jwks' });
    const error = await expectJWTError(discoverJWKS(provider.base, { fetch: provider.fetch }), 'ERR_JWKS_FETCH_FAILED');
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toContain('"jwks_uri"');
    expect(error.message).not.toBe('');
  });

  it('metadata naming another issuer fails, and says so', async () => {
    const { provider } = issuer();
    provider.documents['/.well-known/openid-configuration'] = { issuer: 'https://other.test/', jwks_uri: `${provider.base}/jwks` };
    const error = await expectJWTError(discoverJWKS(provider.base, { fetch: provider.fetch }), 'ERR_JWKS_FETCH_FAILED');
    expect(error.message).not.toBe('');
  });

  it('an issuer that is an origin is compared as given, not as the URL writes it (with a slash)', async () => {
    const origin = `https://idp-${++serial}.test`;
    const fetch: JWKSFetch = async (url) =>
      url === `${origin}/.well-known/openid-configuration`
        ? new Response(JSON.stringify({ issuer: origin, jwks_uri: `${origin}/jwks` }), { status: 200 })
        : new Response(JSON.stringify({ keys: [jwkOf(k1.publicKey, 'a')] }), { status: 200 });
    await verify(await token(k1, 'a'), await discoverJWKS(origin, { fetch }));
  });

  it('an issuer given as a URL, or without a trailing slash, is compared as given', async () => {
    const { provider } = issuer();
    await verify(await token(k1, 'a'), await discoverJWKS(provider.base, { fetch: provider.fetch }));
    const other = issuer();
    other.provider.documents['/.well-known/openid-configuration'] = { issuer: `${other.provider.base}/`, jwks_uri: `${other.provider.base}/jwks` };
    await verify(await token(k1, 'a'), await discoverJWKS(new URL(`${other.provider.base}/`), { fetch: other.provider.fetch }));
  });
});
