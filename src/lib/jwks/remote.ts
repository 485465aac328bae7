/**
 * A remote key set's behaviour: when to fetch, what to use meanwhile, and how a
 * fetch's outcome updates the shared state.
 *
 * - Fresh set: used, nothing fetched. A `kid` it lacks refetches at most once per
 *   cooldown (the key may have just been added; a flood of made-up `kid`s costs one
 *   request per cooldown, not one per token).
 * - Stale or no set: fetched (or taken from the cache adapter if it holds a fresher
 *   one), unless a fetch is under way (joined) or the cooldown forbids one; a set
 *   past its freshness but within `staleIfError` is used when the refresh fails.
 * - The cooldown runs from the start of every settled fetch, successful or not, and
 *   freshness is never shorter than it: a stale set always means a fetch may start.
 */

import { JWTError, isJWTError } from '../../errors.js';
import type { JWK, JWKSCacheEntry, JWTHeader } from '../../types.js';
import { getJSON } from './fetch.js';
import { freshnessLifetime } from './freshness.js';
import { displayURL, DAY, type RemoteSettings } from './options.js';
import { selectKey } from './select.js';
import { publicKeySet, storedEntry } from './shape.js';
import { clock, type InFlight, type KeySetEntry, type KeySetState } from './state.js';

export interface KeySetClient {
  getKey(header: JWTHeader): Promise<JWK>;
  reload(): Promise<void>;
  current(): JWKSCacheEntry | undefined;
}

export function keySetClient(url: URL, settings: RemoteSettings, state: KeySetState): KeySetClient {
  const where = `the key set at ${displayURL(url)}`;
  const isFresh = (now: number) => state.entry !== undefined && now < state.entry.expiresAt;
  const coolingDown = (now: number) => state.lastFetchAt !== undefined && now < state.lastFetchAt + settings.cooldown;

  async function getKey(header: JWTHeader): Promise<JWK> {
    let fetched = false;
    if (!isFresh(clock.now())) fetched = await refresh('stale');
    const key = find(usableEntry(), header);
    if (key) return key;
    if (!fetched && (joinable() || !coolingDown(clock.now()))) {
      await refresh('unknown kid');
      const retried = find(usableEntry(), header);
      if (retried) return retried;
    }
    throw new JWTError('ERR_JWKS_NO_MATCHING_KEY', `no key in ${where} matches the token`);
  }

  /** The set to verify with: fresh, or stale within `staleIfError`; else the reason there is none. */
  function usableEntry(): KeySetEntry {
    const { entry, failure } = state;
    if (entry && clock.now() < entry.expiresAt + settings.staleIfError) return entry;
    if (failure) throw copyError(failure);
    throw new JWTError('ERR_JWKS_FETCH_FAILED', `no usable copy of ${where}`);
  }

  /** Brings the state up to date if it may; says whether a fetch ran. Never rejects except for reload. */
  async function refresh(reason: 'stale' | 'unknown kid' | 'reload'): Promise<boolean> {
    if (settings.cache && reason !== 'reload') {
      const adopted = adoptStored(await readStored());
      if (adopted && (reason === 'unknown kid' || isFresh(clock.now()))) return false;
    }
    let flight = joinable();
    const starts = !flight && (reason === 'reload' || !coolingDown(clock.now()));
    if (starts) flight = start();
    if (!flight) return false;
    const outcome = await flight.done;
    if (isJWTError(outcome)) {
      if (reason === 'reload') throw copyError(outcome);
    } else if (starts) {
      await writeStored(outcome); // by the request that fetched: in workerd, KV writes must finish within it
    }
    return true;
  }

  /**
   * A fetch under way that this caller may wait for.
   *
   * workerd (Cloudflare Workers) binds I/O to the request that started it. Run in
   * workerd 2026-04-26 through miniflare (test/runtimes/run-workerd-jwks.mjs):
   * request B awaiting a fetch that request A started gets its result while A is
   * running; but once A has ended (it returned early, or failed) A's fetch never
   * settles and B waits forever. A settled promise is safe to share; a pending one
   * is not. Reading `signal.aborted` of an AbortSignal made in another request
   * throws "Cannot perform I/O on behalf of a different request", synchronously and
   * without side effects: so a caller joins only a fetch whose signal it can read,
   * which is one its own request started, and otherwise starts its own (each
   * request has at most one in flight). Elsewhere the read never throws and every
   * caller joins the single fetch under way.
   */
  function joinable(): InFlight | undefined {
    return state.inFlight.find((flight) => {
      try {
        void flight.signal.aborted;
        return true;
      } catch {
        return false;
      }
    });
  }

  function start(): InFlight {
    const seq = ++state.seq;
    const startedAt = clock.now();
    // A fetch whose request ended in workerd never settles: forget it once it is long overdue.
    state.inFlight = state.inFlight.filter((flight) => startedAt < flight.startedAt + 2 * settings.timeout + 60_000);
    const { signal, result } = getJSON(url, {
      fetch: settings.fetch,
      headers: { accept: 'application/jwk-set+json, application/json', ...settings.headers },
      timeout: settings.timeout,
      what: where,
    });
    const done = result
      .then(({ value, headers }) => {
        const jwks = publicKeySet(value);
        if (typeof jwks === 'string') throw new JWTError('ERR_JWKS_FETCH_FAILED', `${where} ${jwks}`);
        return settle(Object.freeze({ jwks, fetchedAt: startedAt, expiresAt: startedAt + freshnessLifetime(headers, settings) }));
      })
      .catch((error: unknown) =>
        settle(isJWTError(error) ? error : new JWTError('ERR_JWKS_FETCH_FAILED', `${where} could not be read`, { cause: error })),
      );
    const flight: InFlight = { signal, startedAt, done };
    state.inFlight.push(flight);
    return flight;

    function settle<T extends KeySetEntry | JWTError>(outcome: T): T {
      state.inFlight = state.inFlight.filter((other) => other !== flight);
      state.lastFetchAt = Math.max(state.lastFetchAt ?? startedAt, startedAt);
      if (isJWTError(outcome)) {
        if (seq > state.failureSeq) [state.failure, state.failureSeq] = [outcome, seq];
      } else if (seq > state.entrySeq && (!state.entry || outcome.fetchedAt >= state.entry.fetchedAt)) {
        // Only a response to a later request replaces the set: an older one that arrives last never does.
        [state.entry, state.entrySeq] = [outcome, seq];
      }
      return outcome;
    }
  }

  /** Takes a stored entry if it is newer than the set in memory; says whether it did. */
  function adoptStored(entry: KeySetEntry | undefined): boolean {
    if (!entry || (state.entry && entry.fetchedAt <= state.entry.fetchedAt)) return false;
    state.entry = entry;
    return true;
  }

  // The adapter's errors never fail a verification: the set fetches instead, or keeps what it has.
  async function readStored(): Promise<KeySetEntry | undefined> {
    try {
      const stored = await settings.cache!.get();
      return storedEntry(stored, Math.max(settings.maxAge, settings.cooldown), Math.max(settings.maxAge, DAY));
    } catch {
      return undefined;
    }
  }

  async function writeStored(entry: KeySetEntry): Promise<void> {
    try {
      await settings.cache?.set({ jwks: entry.jwks, fetchedAt: entry.fetchedAt, expiresAt: entry.expiresAt });
    } catch {
      // ignored, as for get()
    }
  }

  return {
    getKey,
    reload: async () => void (await refresh('reload')),
    current: () => state.entry,
  };
}

/** The key for `header`, or `undefined` when none matches (an unsound or ambiguous set still throws). */
function find(entry: KeySetEntry, header: JWTHeader): JWK | undefined {
  try {
    return selectKey(entry.jwks, header);
  } catch (error) {
    if (isJWTError(error, 'ERR_JWKS_NO_MATCHING_KEY')) return undefined;
    throw error;
  }
}

/** A fresh error for each caller: one failure is reported to many verifications. */
export function copyError(error: JWTError): JWTError {
  const { status, cause } = error;
  return new JWTError(error.code, error.message, status === undefined ? { cause } : { status, cause });
}
