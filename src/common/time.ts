/**
 * Times for people: a span as "3 h 12 min", a claim's time relative to now
 * ("expires in 14 min", "expired 3 h ago", "not valid for another 5 min"),
 * and dates in UTC or local time with their offset.
 */

import type { TimeClaim } from './descriptions.js';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of seconds in at most two units, rounded down: "45 s", "14 min",
 * "3 h 12 min", "2 d 4 h". Never claims more time than there is, so
 * "expires in 14 min" holds until the 14th minute is over.
 *
 * @example
 * ```ts
 * spanText(11_520); // '3 h 12 min'
 * ```
 */
export function spanText(seconds: number): string {
  const s = Math.floor(Math.abs(seconds));
  if (s < MINUTE) return `${s} s`;
  if (s < HOUR) return `${Math.floor(s / MINUTE)} min`;
  const two = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
  if (s < DAY) return two(Math.floor(s / HOUR), 'h', Math.floor((s % HOUR) / MINUTE), 'min');
  return two(Math.floor(s / DAY), 'd', Math.floor((s % DAY) / HOUR), 'h');
}

/** What each time claim means when it lies in the future and in the past, for a `span`. */
const PHRASES: Readonly<Record<TimeClaim, { future: (span: string) => string; past: (span: string) => string }>> = {
  exp: { future: (span) => `expires in ${span}`, past: (span) => `expired ${span} ago` },
  nbf: { future: (span) => `not valid for another ${span}`, past: (span) => `valid since ${span} ago` },
  iat: { future: (span) => `issued ${span} in the future`, past: (span) => `issued ${span} ago` },
  auth_time: { future: (span) => `authenticated ${span} in the future`, past: (span) => `authenticated ${span} ago` },
};

/**
 * A time claim's value relative to `now` (seconds since the epoch), with the
 * same boundaries as `verify`: a token has expired when now ≥ `exp`, and is
 * not valid yet while now < `nbf`.
 *
 * @example
 * ```ts
 * relativeTime('exp', 1_700_000_840, 1_700_000_000); // 'expires in 14 min'
 * ```
 */
export function relativeTime(claim: TimeClaim, value: number, now: number): string {
  const phrases = PHRASES[claim];
  return value > now ? phrases.future(spanText(value - now)) : phrases.past(spanText(now - value));
}

/** How dates are shown: in UTC, or in the local time zone with its offset. */
export type DateZone = 'utc' | 'local';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date as `2026-05-01 12:00:00 UTC` or, in local time, `2026-05-01 14:00:00 +02:00`.
 * Dates outside what `Date` can hold come out as "(out of range)".
 *
 * @example
 * ```ts
 * formatDate(new Date(0), 'utc'); // '1970-01-01 00:00:00 UTC'
 * ```
 */
export function formatDate(date: Date, zone: DateZone): string {
  if (Number.isNaN(date.getTime())) return '(out of range)';
  if (zone === 'utc') {
    return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
      `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
  }
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
