/** Time: NumericDate (RFC 7519 §2) and durations such as "15m". */

import { expected } from './assert.js';

// Literals, not products: a bundler keeps `60 * MINUTE` in a bundle that never uses it.
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** Seconds per unit, short and long forms. A year is 365.25 days. */
const UNITS: Readonly<Record<string, number>> = /* @__PURE__ */ (() => {
  const units: Record<string, number> = Object.create(null); // "1 constructor" is no duration
  const add = (seconds: number, ...names: string[]) => names.forEach((name) => (units[name] = seconds));
  add(1, 's', 'sec', 'secs', 'second', 'seconds');
  add(MINUTE, 'm', 'min', 'mins', 'minute', 'minutes');
  add(HOUR, 'h', 'hr', 'hrs', 'hour', 'hours');
  add(DAY, 'd', 'day', 'days');
  add(7 * DAY, 'w', 'week', 'weeks');
  add(365.25 * DAY, 'y', 'yr', 'yrs', 'year', 'years');
  return Object.freeze(units);
})();

// A bounded pattern with no nested quantifiers: linear, no ReDoS.
const DURATION = /^(\d{1,15}(?:\.\d{1,9})?) ?([a-z]{1,7})$/;

/**
 * A duration in seconds: a non-negative finite number, or a string such as
 * `"30s"`, `"15 minutes"`, `"1.5h"`. Throws a RangeError for anything else.
 */
export function parseDuration(name: string, value: unknown): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new RangeError(`"${name}" expected a non-negative finite number of seconds, got ${value}`);
  }
  if (typeof value !== 'string') throw expected(name, 'a number of seconds or a duration string', value);
  const match = DURATION.exec(value.toLowerCase());
  const unit = match ? UNITS[match[2]!] : undefined;
  if (!match || unit === undefined) {
    throw new RangeError(`"${name}" expected a duration such as "30s", "15m", "2h", "7d" or "1w", got "${value.slice(0, 30)}"`);
  }
  return Number(match[1]) * unit;
}

/** Seconds since the epoch, whole (RFC 7519 NumericDate as JWTs carry it). */
export function toNumericDate(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** The largest NumericDate a `Date` can hold: ±8.64e15 ms (ECMA-262 §21.4.1.22), in seconds. */
const MAX_NUMERIC_DATE = 8.64e12;

/**
 * A finite number within the range of a `Date`: NumericDate values that are
 * strings, null, Infinity, NaN (CVE-2026-44459) or beyond any `Date`
 * (`-1e300`, which would make `expiredAt` an Invalid Date) are refused.
 */
export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Math.abs(value) <= MAX_NUMERIC_DATE;
}
