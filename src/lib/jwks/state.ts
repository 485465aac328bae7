/**
 * The state of a remote key set, shared by every instance created for the same
 * URL and options (so a set created inside a request handler does not fetch per
 * request), in a registry of bounded size; and the clock the sets read, which
 * tests replace.
 */

import type { JWTError } from '../../errors.js';
import type { JWKSCacheEntry } from '../../types.js';

/** The time in milliseconds since the epoch. Tests replace `now` to move time without sleeping. */
export const clock = { now: (): number => Date.now() };

/** An entry whose freshness is known. */
export type KeySetEntry = Readonly<JWKSCacheEntry & { expiresAt: number }>;

/** A fetch under way. Its `done` never rejects: a failure is its value. */
export interface InFlight {
  /** The request's AbortSignal: in workerd it tells which request started the fetch (remote.ts). */
  signal: AbortSignal;
  startedAt: number;
  done: Promise<KeySetEntry | JWTError>;
}

export interface KeySetState {
  /** The last good set. */
  entry: KeySetEntry | undefined;
  /** The number of the fetch that produced `entry` (0: none, or it came from a cache adapter). */
  entrySeq: number;
  /** How the last fetch to fail failed, and its number. */
  failure: JWTError | undefined;
  failureSeq: number;
  /** When the latest settled fetch was sent: the cooldown runs from here. */
  lastFetchAt: number | undefined;
  /** Fetches are numbered as they start, so that an older response never overwrites a newer one. */
  seq: number;
  /** Fetches under way: one at most, except in workerd (one per request; see remote.ts). */
  inFlight: InFlight[];
}

/** A Map that forgets its least recently used entries beyond `max`. */
export class BoundedMap<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key); // re-inserted last: the most recently used
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    for (const oldest of this.#map.keys()) {
      if (this.#map.size <= this.max) break;
      this.#map.delete(oldest);
    }
  }
}

/**
 * At most this many URL-and-options combinations are shared; beyond, the least
 * recently created or used is forgotten (its instances keep their state, new
 * instances start afresh). A real application has a handful.
 */
export const MAX_SHARED_SETS = 100;
const registry = /* @__PURE__ */ new BoundedMap<KeySetState>(MAX_SHARED_SETS);

/** The state shared under `key`, created on first use. */
export function sharedState(key: string): KeySetState {
  let state = registry.get(key);
  if (!state) {
    state = { entry: undefined, entrySeq: 0, failure: undefined, failureSeq: 0, lastFetchAt: undefined, seq: 0, inFlight: [] };
    registry.set(key, state);
  }
  return state;
}
