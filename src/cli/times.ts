/**
 * Time options: dates (`--at`, `--iat`) and durations or dates (`--exp`,
 * `--nbf`, `--clock-tolerance`, `--max-age`). Durations go to the library as
 * it reads them ("15m", "2 hours"); a bare number is seconds.
 */

import type { Duration } from '../index.js';
import { UsageError } from './args.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const SECONDS = /^\d{1,15}(\.\d{1,9})?$/;

/**
 * A date: ISO 8601 (`2030-01-01T12:00:00Z`; read as JavaScript reads it: a
 * date alone is midnight UTC, a date and time without a zone is local time),
 * `now`, or `@` and seconds since the epoch (`@1700000000`).
 */
export function parseDate(option: string, value: string): Date {
  let date: Date | undefined;
  if (value === 'now') date = new Date();
  else if (value.startsWith('@') && SECONDS.test(value.slice(1))) date = new Date(Number(value.slice(1)) * 1000);
  else if (ISO_DATE.test(value)) date = new Date(value.includes('T') || value.length === 10 ? value : value.replace(' ', 'T'));
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new UsageError(`${option} expected a date such as 2030-01-01T12:00:00Z, "now" or @<seconds since the epoch>, got "${value.slice(0, 40)}"`);
  }
  return date;
}

/** A duration for the library: a number of seconds, or the string as given. */
export function parseDuration(value: string): Duration {
  return SECONDS.test(value) ? Number(value) : (value as Duration); // the library refuses what is not one
}

/** `--exp`/`--nbf`: a duration from now, or (when it looks like one) a date. */
export function parseDurationOrDate(option: string, value: string): Duration | Date {
  return ISO_DATE.test(value) || value.startsWith('@') || value === 'now' ? parseDate(option, value) : parseDuration(value);
}
