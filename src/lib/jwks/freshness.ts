/**
 * How long a fetched key set is fresh: the response's `Cache-Control: max-age`
 * less its `Age` (RFC 9111 §5.2.2.1, §4.2.3), or none at all for `no-store` and
 * `no-cache`, bounded to [cooldown, 1 day]; the `maxAge` option when the
 * response says nothing. Never less than the cooldown: a set is never stale
 * while a new fetch would still be refused.
 */

import type { JWKSFetchResponse } from '../../types.js';
import { DAY } from './options.js';

/** Milliseconds for which a response with these headers is fresh. */
export function freshnessLifetime(
  headers: JWKSFetchResponse['headers'],
  policy: { maxAge: number; cooldown: number },
): number {
  const seconds = responseFreshness(headers);
  const lifetime = seconds === undefined ? policy.maxAge : Math.min(seconds * 1000, DAY);
  return Math.max(lifetime, policy.cooldown);
}

/** Seconds of freshness the response grants, or `undefined` when it says nothing about it. */
export function responseFreshness(headers: JWKSFetchResponse['headers']): number | undefined {
  const directives = parseCacheControl(headers.get('cache-control') ?? '');
  // The most restrictive directive wins (RFC 9111 §4.2.1).
  if (directives.has('no-store') || directives.has('no-cache')) return 0;
  if (!directives.has('max-age')) return undefined;
  // An invalid max-age makes the response stale (RFC 9111 §4.2.1: "encouraged to consider ... stale").
  const maxAge = parseDeltaSeconds(directives.get('max-age'));
  if (maxAge === undefined) return 0;
  const age = parseDeltaSeconds(headers.get('age') ?? undefined) ?? 0;
  return Math.max(0, maxAge - age);
}

/**
 * The directives of a Cache-Control value (RFC 9111 §5.2), names in lower case;
 * the first occurrence of a repeated directive counts (§4.2.1).
 */
function parseCacheControl(value: string): Map<string, string | undefined> {
  const directives = new Map<string, string | undefined>();
  for (const part of value.split(',')) {
    const [name = '', ...rest] = part.split('=');
    const key = name.trim().toLowerCase();
    if (!key || directives.has(key)) continue;
    const argument = rest.length ? rest.join('=').trim().replace(/^"(.*)"$/, '$1') : undefined;
    directives.set(key, argument);
  }
  return directives;
}

/** RFC 9111 §1.2.2 delta-seconds: digits only. */
function parseDeltaSeconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : undefined;
}
