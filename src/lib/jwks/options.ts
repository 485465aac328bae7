/**
 * The options of a remote key set, checked once: durations in milliseconds,
 * headers with lower-case names, and the URL rule (https, or http to a loopback
 * host). A caller's mistake is a TypeError (wrong type, unknown name, a URL
 * that is not allowed) or a RangeError (a bad duration).
 */

import type { JWKSCache, JWKSFetch, RemoteJWKSetOptions } from '../../types.js';
import { checkBoolean, checkOptions, describe, expected, isPlainObject } from '../assert.js';
import { parseDuration } from '../time.js';

/** What a remote key set needs from its options. Durations in milliseconds. */
export interface RemoteSettings {
  maxAge: number;
  cooldown: number;
  timeout: number;
  staleIfError: number;
  headers: Readonly<Record<string, string>>;
  allowHttp: boolean;
  fetch: JWKSFetch | undefined;
  cache: JWKSCache | undefined;
}

const OPTION_NAMES: readonly (keyof RemoteJWKSetOptions)[] = [
  'maxAge', 'cooldown', 'timeout', 'staleIfError', 'headers', 'fetch', 'cache', 'allowHttp',
];

// In milliseconds, as literals (a bundler keeps a product in a bundle that never uses it).
const SECOND = 1000;
export const DAY = 86_400_000;
const DEFAULTS = { maxAge: 600_000, cooldown: 30_000, timeout: 5_000, staleIfError: DAY }; // 10 min, 30 s, 5 s, 1 day

// RFC 8252 §8.3 and the WHATWG "potentially trustworthy" loopback names: plain http to these never leaves the machine.
const LOOPBACK = /* @__PURE__ */ new Set(['localhost', '127.0.0.1', '[::1]']);

export function readRemoteOptions(input: unknown, label: string): RemoteSettings {
  const options = checkOptions<RemoteJWKSetOptions>(input, OPTION_NAMES, label);
  const duration = (name: keyof typeof DEFAULTS) =>
    options[name] === undefined ? DEFAULTS[name] : parseDuration(name, options[name]) * SECOND;
  const settings: RemoteSettings = {
    maxAge: duration('maxAge'),
    cooldown: duration('cooldown'),
    timeout: duration('timeout'),
    staleIfError: duration('staleIfError'),
    headers: readHeaders(options.headers),
    allowHttp: checkBoolean('allowHttp', options.allowHttp) ?? false,
    // Present even when not given: never read through a (possibly polluted) prototype.
    fetch: undefined,
    cache: undefined,
  };
  if (settings.timeout === 0) throw new RangeError('"timeout" expected a duration greater than 0, got 0');
  if (options.fetch !== undefined) {
    if (typeof options.fetch !== 'function') throw expected('fetch', 'a function', options.fetch);
    settings.fetch = options.fetch;
  }
  if (options.cache !== undefined) {
    const cache = options.cache as unknown as Record<string, unknown>;
    if (typeof cache !== 'object' || cache === null || typeof cache.get !== 'function' || typeof cache.set !== 'function') {
      throw expected('cache', 'an object with get() and set() methods', options.cache);
    }
    settings.cache = options.cache;
  }
  return settings;
}

function readHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw expected('headers', 'an object of header names and string values', value);
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string') throw expected(`headers.${name}`, 'a string', text);
    headers[name.toLowerCase()] = text;
  }
  return headers;
}

/**
 * `value` as an absolute URL that may be fetched: `https:`, or `http:` to a loopback
 * host or when `allowHttp` is set. A fragment is dropped (it is never sent).
 */
export function checkURL(name: string, value: unknown, allowHttp: boolean): URL {
  if (typeof value !== 'string' && !(value instanceof URL)) throw expected(name, 'a URL string or a URL', value);
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new TypeError(`"${name}" expected an absolute URL, got ${describe(value)} that is not one`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`"${name}" expected an https: URL, got a ${url.protocol} URL`);
  }
  if (url.protocol === 'http:' && !allowHttp && !LOOPBACK.has(url.hostname)) {
    throw new TypeError(`"${name}" expected an https: URL (or http: to localhost, or the allowHttp option), got an http: URL`);
  }
  url.hash = '';
  return url;
}

/** `url` without credentials, query or fragment: what error messages may show. */
export function displayURL(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

// Custom fetch functions are told apart by identity: a number each, held weakly.
const fetchIds = /* @__PURE__ */ new WeakMap<JWKSFetch, number>();
let nextFetchId = 1;

/**
 * The key under which instances share one cache: the URL and every option that
 * changes what is fetched or for how long. The `cache` adapter is not part of it
 * (it only stores the set; a handler that builds a new adapter per request still
 * shares the set in memory); a custom `fetch` is, by identity.
 */
export function sharingKey(url: URL, settings: RemoteSettings): string {
  let fetchId = 0;
  if (settings.fetch) {
    fetchId = fetchIds.get(settings.fetch) ?? nextFetchId++;
    fetchIds.set(settings.fetch, fetchId);
  }
  const { maxAge, cooldown, timeout, staleIfError } = settings;
  const headers = Object.entries(settings.headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([url.href, maxAge, cooldown, timeout, staleIfError, headers, fetchId]);
}
