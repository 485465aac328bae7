/**
 * A remote key set's fetch, options and bookkeeping at their edges, through a
 * custom `fetch` that never leaves the process (https://idp.test/ is never
 * resolved): the body limits, what is let go unread, the timer left behind
 * (none), how options are checked and named, Cache-Control spellings, and
 * which sets share one state.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRemoteJWKSet, discoverJWKS, type JWK, type JWKSFetch, type JWKSFetchInit } from '../../src/index.js';
import { responseFreshness } from '../../src/lib/jwks/freshness.js';
import { BoundedMap } from '../../src/lib/jwks/state.js';
import { expectMistake } from '../helpers.js';
import { expectDistinctFailures, failure } from './kit.js';

const publicJwk = { ...(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as JWK), kid: 'k1' };
const JWKS_TEXT = JSON.stringify({ keys: [publicJwk] });
let serial = 0;
/** A URL no other test uses: sets for the same URL and options share their state. */
const url = (what = 'jwks') => `https://idp.test/fetch-options/${++serial}/${what}`;

/** A body stream of these chunks that records whether it was read and whether it was let go. */
function body(chunks: unknown[]) {
  const seen = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<unknown>({
    pull(controller) {
      seen.pulls++;
      if (chunks.length) controller.enqueue(chunks.shift());
      else controller.close();
    },
    cancel() {
      seen.cancelled = true;
    },
  }, { highWaterMark: 0 }); // pulled only when read
  return { stream: stream as ReadableStream<Uint8Array>, seen };
}
const bytes = (text: string) => new TextEncoder().encode(text);
const response = (status: number, stream: ReadableStream<Uint8Array> | null, headers: Record<string, string> = {}) =>
  ({ status, headers: new Headers(headers), body: stream }) as unknown as Response;

describe('what a fetched document must be', () => {
  it('each way a response fails has its own message', async () => {
    const serve = (make: () => unknown): JWKSFetch => async () => make() as Response;
    // One URL for all (each fetch function has a state of its own): messages that name it differ only in what they say.
    const target = url();
    const reload = (fetch: JWKSFetch) => () => createRemoteJWKSet(target, { fetch }).reload();
    await expectDistinctFailures([
      ['a status other than 200', 'ERR_JWKS_FETCH_FAILED', reload(serve(() => response(500, body([bytes(JWKS_TEXT)]).stream)))],
      ['no body', 'ERR_JWKS_FETCH_FAILED', reload(serve(() => response(200, null)))],
      ['a body of strings', 'ERR_JWKS_FETCH_FAILED', reload(serve(() => response(200, body([JWKS_TEXT]).stream)))],
      ['not JSON', 'ERR_JWKS_FETCH_FAILED', reload(serve(() => response(200, body([bytes('{"keys":')]).stream)))],
      ['JSON, not a key set', 'ERR_JWKS_FETCH_FAILED', reload(serve(() => response(200, body([bytes('{"key":[]}')]).stream)))],
      ['too large', 'ERR_JWKS_FETCH_FAILED', reload(serve(() => response(200, body([bytes(JWKS_TEXT)]).stream, { 'content-length': String(600 * 1024) })))],
      ['a fetch that throws', 'ERR_JWKS_FETCH_FAILED', reload(() => Promise.reject(new Error('ECONNREFUSED')))],
    ]);
  });

  it('a too large body names the limit', async () => {
    const fetch: JWKSFetch = async () => response(200, body([bytes(JWKS_TEXT)]).stream, { 'content-length': String(600 * 1024) });
    expect((await failure(createRemoteJWKSet(url(), { fetch }).reload())).message).toContain('512');
  });

  it('a body declared too large is let go unread; one of exactly 512 KiB is read', async () => {
    const large = body([bytes(JWKS_TEXT)]);
    await expect(createRemoteJWKSet(url(), { fetch: async () => response(200, large.stream, { 'content-length': String(512 * 1024 + 1) }) }).reload())
      .rejects.toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED' });
    expect(large.seen).toMatchObject({ pulls: 0, cancelled: true });

    const text = JWKS_TEXT.replace(/}$/, `,"pad":"${'x'.repeat(512 * 1024 - JWKS_TEXT.length - 9)}"}`);
    expect(bytes(text).length).toBe(512 * 1024);
    const keys = createRemoteJWKSet(url(), { fetch: async () => response(200, body([bytes(text)]).stream, { 'content-length': String(512 * 1024) }) });
    await keys.reload();
    expect(keys.current()!.jwks.keys).toEqual([publicJwk]);
  });

  it('an error response is let go unread', async () => {
    const answer = body([bytes(JWKS_TEXT)]);
    await expect(createRemoteJWKSet(url(), { fetch: async () => response(404, answer.stream) }).reload()).rejects.toMatchObject({ status: 404 });
    expect(answer.seen).toMatchObject({ pulls: 0, cancelled: true });
  });

  it('a response that comes after the timeout is let go unread', async () => {
    let answer!: (response: Response) => void;
    const late = body([bytes(JWKS_TEXT)]);
    const keys = createRemoteJWKSet(url(), { timeout: '0.05s', fetch: () => new Promise((resolve) => (answer = resolve)) });
    await expect(keys.reload()).rejects.toMatchObject({ code: 'ERR_JWKS_TIMEOUT' });
    answer(response(200, late.stream));
    await vi.waitFor(() => expect(late.seen.cancelled).toBe(true));
    expect(late.seen.pulls).toBe(0);
  });
});

describe('no timer outlives a fetch', () => {
  afterEach(() => vi.useRealTimers());

  it('the timeout is cleared once the fetch settles, whatever its outcome', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ok: JWKSFetch = async () => response(200, body([bytes(JWKS_TEXT)]).stream);
    await createRemoteJWKSet(url(), { fetch: ok }).reload();
    expect(vi.getTimerCount()).toBe(0);
    await createRemoteJWKSet(url(), { fetch: async () => response(500, null) }).reload().catch(() => {});
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('options', () => {
  /** Asserts the message format of a caller's mistake: `"name" expected X, got Y`. */
  async function expectNamed(attempt: () => unknown, name: string, kind: 'TypeError' | 'RangeError' = 'TypeError') {
    const outcome = await failure(attempt);
    expect(outcome.kind).toBe(kind);
    expect(outcome.message).toMatch(new RegExp(`^"${name.replace(/[.]/g, '\\.')}" expected \\S.*, got \\S`));
  }
  const set = (options: object) => () => createRemoteJWKSet(url(), options);

  it('names the option of each mistake, in the usual format', async () => {
    await expectNamed(set({ allowHttp: 'yes' }), 'allowHttp');
    await expectNamed(set({ fetch: 'fetch' }), 'fetch');
    await expectNamed(set({ fetch: {} }), 'fetch');
    await expectNamed(set({ cache: null }), 'cache');
    await expectNamed(set({ cache: 'cache' }), 'cache');
    await expectNamed(set({ cache: { set() {} } }), 'cache');
    await expectNamed(set({ cache: Object.assign(() => {}, { get() {}, set() {} }) }), 'cache');
    await expectNamed(set({ headers: 'accept: */*' }), 'headers');
    await expectNamed(set({ headers: [['a', 'b']] }), 'headers');
    await expectNamed(set({ headers: { accept: 1 } }), 'headers.accept');
    await expectNamed(set({ timeout: 0 }), 'timeout', 'RangeError');
    await expectNamed(() => createRemoteJWKSet(42 as never), 'url');
    await expectNamed(() => createRemoteJWKSet('jwks.json'), 'url');
    await expectNamed(() => createRemoteJWKSet('ftp://idp.test/jwks'), 'url');
    await expectNamed(() => createRemoteJWKSet('http://idp.test/jwks'), 'url');
    await expectNamed(() => discoverJWKS(42 as never), 'issuer');
    const unknown = await failure(set({ maxage: '1m' }));
    expect(unknown.message).toContain('createRemoteJWKSet');
    expect((await failure(() => discoverJWKS('https://idp.test/', { maxage: '1m' } as never))).message).toContain('discoverJWKS');
    expect((await failure(() => discoverJWKS('https://idp.test/?tenant=1'))).message).not.toBe('');
  });

  it('a URL is a string or a URL, never an object that only turns into one', async () => {
    await expectMistake(() => createRemoteJWKSet({ toString: () => 'https://idp.test/jwks' } as never));
    expect(typeof createRemoteJWKSet(new URL(url()))).toBe('function');
  });

  it('a cache adapter is an object with both methods', async () => {
    expect(typeof set({ cache: { get() {}, set() {} } })()).toBe('function');
  });

  it('sends header names in lower case, the caller\'s accept replacing the default', async () => {
    let sent: JWKSFetchInit | undefined;
    const fetch: JWKSFetch = async (_, init) => {
      sent = init;
      return response(200, body([bytes(JWKS_TEXT)]).stream);
    };
    await createRemoteJWKSet(url(), { fetch, headers: { Accept: 'application/json', 'X-Api-Key': 'k' } }).reload();
    expect(sent!.headers).toEqual({ accept: 'application/json', 'x-api-key': 'k' });
  });

  it('sets with the same headers share one state, whatever their order and case', async () => {
    const names = ['a', 'b', 'c'];
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    const target = url();
    const fetch: JWKSFetch = async () => response(200, body([bytes(JWKS_TEXT)]).stream);
    const first = createRemoteJWKSet(target, { fetch, headers: { a: '1', b: '2', c: '3' } });
    await first.reload();
    for (const order of orders) {
      const headers = Object.fromEntries(order.map((i) => [names[i]!.toUpperCase(), String(i + 1)]));
      expect(createRemoteJWKSet(target, { fetch, headers }).current(), JSON.stringify(headers)).toBe(first.current());
    }
    expect(createRemoteJWKSet(target, { fetch, headers: { a: '1', b: '2', c: '4' } }).current()).toBeUndefined();
  });

  it('sets with different custom fetch functions, or none, never share a state', async () => {
    vi.resetModules();
    const fresh = (await import('../../src/index.js')) as typeof import('../../src/index.js');
    const target = url();
    const fetches: JWKSFetch[] = [0, 1, 2, 3].map(() => async () => response(200, body([bytes(JWKS_TEXT)]).stream));
    for (const fetch of fetches) {
      const keys = fresh.createRemoteJWKSet(target, { fetch });
      expect(keys.current()).toBeUndefined();
      await keys.reload();
    }
    expect(fresh.createRemoteJWKSet(target).current()).toBeUndefined();
    expect(fresh.createRemoteJWKSet(target, { fetch: fetches[2] }).current()).toBeDefined();
  });
});

describe('Cache-Control as servers write it', () => {
  it.each<[string, number | undefined]>([
    ['max-age=300 , public', 300],
    ['public ,max-age=300', 300],
    ['max-age="30=0"', 0],
    ['max-age=3"00"', 0],
    ['max-age="30"0', 0],
    ['max-age=300, foo="a=b"', 300],
  ])('%j: %s', (value, seconds) => {
    expect(responseFreshness(new Headers({ 'cache-control': value }))).toBe(seconds);
  });
});

describe('the bookkeeping', () => {
  it('looking up a missing entry of a BoundedMap adds nothing and evicts nothing', () => {
    const map = new BoundedMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('missing')).toBeUndefined();
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('the real clock dates a fetch', async () => {
    const before = Date.now();
    const keys = createRemoteJWKSet(url(), { fetch: async () => response(200, body([bytes(JWKS_TEXT)]).stream) });
    await keys.reload();
    expect(keys.current()!.fetchedAt).toBeGreaterThanOrEqual(before);
    expect(keys.current()!.fetchedAt).toBeLessThanOrEqual(Date.now());
  });
});
