/**
 * A remote key set as workerd runs it, simulated: there, a request cannot
 * read the AbortSignal of a fetch another request started (the read throws),
 * so it never waits for that fetch and starts its own (see
 * src/lib/jwks/remote.ts, `joinable`). Here a test makes a fetch's signal
 * throw on read, and settles each fetch when it chooses: which fetch a caller
 * joins, which outcome is kept when fetches settle out of order, and when a
 * fetch that never settles (its request ended) is forgotten.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, sign, type JWK, type JWKSFetch } from '../../src/index.js';
import { useTestClock, type TestClock } from '../jwks-provider.js';

const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = (kid: string): JWK => ({ ...(pair.publicKey.export({ format: 'jwk' }) as JWK), kid });
const HOUR = 3600;

let time: TestClock;
beforeEach(() => (time = useTestClock()));
afterEach(() => time.restore());

interface Fetch {
  /** Makes reading this fetch's signal throw, as in a request that did not start it. */
  foreign: boolean;
  answer(status: number, keys?: JWK[]): void;
}

let serial = 0;
/** A key set whose fetches wait to be answered by the test, in the order it likes. */
function setUp() {
  const fetches: Fetch[] = [];
  const fetch: JWKSFetch = (_url, init) =>
    new Promise((resolve) => {
      const entry: Fetch = {
        foreign: false,
        answer: (status, keys = []) => {
          entry.foreign = false; // the set reads the signal again when the fetch settles
          resolve(new Response(JSON.stringify({ keys }), { status }));
        },
      };
      const aborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;
      Object.defineProperty(init.signal, 'aborted', {
        get() {
          if (entry.foreign) throw new Error('Cannot perform I/O on behalf of a different request');
          return aborted.call(this);
        },
      });
      fetches.push(entry);
    });
  const keys = createRemoteJWKSet(`https://idp.test/workerd/${++serial}/jwks`, { fetch, timeout: `${HOUR}s`, cooldown: '1s', staleIfError: 0 });
  /** Resolves once the set has made `n` requests. */
  const requests = async (n: number) => {
    for (let i = 0; i < 100 && fetches.length < n; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(fetches).toHaveLength(n);
  };
  /**
   * Two fetches under way at once: the first sent, then made unreadable to other requests (as in
   * workerd), so that the second caller starts its own. `settle` wraps each call (to catch a failure).
   */
  const overlapping = async <T>(settle: (call: Promise<unknown>) => Promise<T> = (call) => call as Promise<T>) => {
    const first = settle(keys(header, ''));
    await requests(1);
    fetches[0]!.foreign = true;
    const second = settle(keys(header, ''));
    await requests(2);
    return [first, second] as const;
  };
  return { keys, fetches, requests, overlapping };
}

const header = { alg: 'ES256', kid: 'a' } as const;

describe('in workerd (simulated)', () => {
  it('a caller that cannot read a fetch\'s signal starts its own; one that can joins it', async () => {
    const { keys, fetches, overlapping } = setUp();
    const [first, second] = await overlapping();
    const third = keys(header, ''); // can read the second fetch's signal: joins it
    await new Promise((resolve) => setImmediate(resolve));
    expect(fetches).toHaveLength(2);
    fetches[1]!.answer(200, [jwk('a')]);
    fetches[0]!.answer(200, [jwk('a')]);
    await expect(Promise.all([first, second, third])).resolves.toHaveLength(3);
  });

  it('of two fetches sent at the same time, the later one\'s set is kept, whichever settles last', async () => {
    const { keys, fetches, overlapping } = setUp();
    const [first, second] = await overlapping();
    fetches[1]!.answer(200, [jwk('a'), jwk('later')]);
    await second;
    fetches[0]!.answer(200, [jwk('a'), jwk('earlier')]);
    await first;
    expect(keys.current()!.jwks.keys.map((key) => key.kid)).toEqual(['a', 'later']);
  });

  it('of two failed fetches, the later one\'s failure is reported, whichever settles last', async () => {
    const { keys, fetches, overlapping } = setUp();
    const [first, second] = await overlapping((call) => call.catch((error: unknown) => error));
    fetches[1]!.answer(503);
    await second;
    fetches[0]!.answer(500);
    await first;
    await expect(keys(header, '')).rejects.toMatchObject({ code: 'ERR_JWKS_FETCH_FAILED', status: 503 }); // cooling down: no new fetch
    expect(fetches).toHaveLength(2);
  });

  it('a fetch that settles leaves the other one joinable', async () => {
    const { keys, fetches, requests } = setUp();
    const first = keys(header, '').catch((error: unknown) => error);
    await requests(1);
    fetches[0]!.foreign = true;
    const second = keys(header, '');
    await requests(2);
    fetches[0]!.answer(500);
    await first;
    const third = keys(header, ''); // joins the second fetch, still under way
    fetches[1]!.answer(200, [jwk('a')]);
    await expect(Promise.all([second, third])).resolves.toHaveLength(2);
  });

  describe('a fetch that never settles is forgotten once long overdue: 2 × timeout + 60 s after it was sent', () => {
    async function joinedAfter(seconds: number): Promise<'the overdue fetch' | 'the new fetch'> {
      const { keys, fetches, requests } = setUp();
      const first = keys(header, '').catch(() => {});
      await requests(1);
      fetches[0]!.foreign = true; // its request has ended
      time.advance(seconds);
      const second = keys(header, '');
      await requests(2);
      fetches[0]!.foreign = false; // readable again: a caller joins it if the set still lists it
      let settled: string | undefined;
      const third = keys(header, '').then(() => 'the new fetch' as const, () => 'the overdue fetch' as const);
      void third.then((outcome) => (settled = outcome));
      fetches[0]!.answer(500); // a caller that joined the overdue fetch fails with it, at once
      await first;
      await new Promise((resolve) => setImmediate(resolve));
      const early = settled;
      fetches[1]!.answer(200, [jwk('a')]);
      await second;
      return early === undefined ? third : (early as 'the overdue fetch');
    }

    it('kept until then', async () => {
      expect(await joinedAfter(2 * HOUR + 60 - 0.001)).toBe('the overdue fetch');
    });

    it('forgotten from then on', async () => {
      expect(await joinedAfter(2 * HOUR + 60)).toBe('the new fetch');
    });
  });
});

it('verifies a token against a set fetched this way', async () => {
  const { keys, fetches, requests } = setUp();
  const token = await sign({}, pair.privateKey, { kid: 'a' });
  const verified = import('../../src/index.js').then(({ verify }) => verify(token, keys));
  await requests(1);
  fetches[0]!.answer(200, [jwk('a')]);
  await expect(verified).resolves.toMatchObject({ header: { kid: 'a' } });
});
