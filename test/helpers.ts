/** Assertions shared by the test files. */
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { isJWTError, type JWTError, type JWTErrorCode } from '../src/index.js';

/** The rejection of `attempt` (a promise, or a function that may throw or reject); fails the test if there is none. */
export async function rejection(attempt: Promise<unknown> | (() => unknown)): Promise<unknown> {
  const settled = typeof attempt === 'function' ? Promise.resolve().then(attempt) : attempt;
  return settled.then(
    (value) => {
      throw new Error(`expected a rejection, got ${typeof value === 'string' ? 'a string' : JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** Asserts a JWTError with `code` (or one of `code`s; and, if given, these properties); returns it. */
export async function expectJWTError<C extends JWTErrorCode>(
  attempt: Promise<unknown> | (() => unknown),
  code: C | C[],
  details?: object,
): Promise<Extract<JWTError, { code: C }>> {
  const error = await rejection(attempt);
  const actual = isJWTError(error) ? error.code : error;
  if (Array.isArray(code)) expect(code).toContain(actual);
  else expect(actual).toBe(code);
  if (details) expect(error).toMatchObject(details);
  return error as Extract<JWTError, { code: C }>;
}

/** Asserts a caller's mistake: a TypeError or RangeError (as asked), never a JWTError. */
export async function expectMistake(
  attempt: Promise<unknown> | (() => unknown),
  kind: 'TypeError' | 'RangeError' | 'TypeError or RangeError' = 'TypeError',
): Promise<void> {
  const error = await rejection(attempt);
  expect(isJWTError(error)).toBe(false);
  const name = error instanceof TypeError ? 'TypeError' : error instanceof RangeError ? 'RangeError' : String(error);
  if (kind === 'TypeError or RangeError') expect(['TypeError', 'RangeError']).toContain(name);
  else expect(name).toBe(kind);
}

/** base64url of a string as is, or of an object's JSON. */
export const b64u = (value: string | object): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/**
 * A token HMAC-signed by hand with node:crypto over exactly this header and
 * these claims (JSON text or an object), as an attacker would build it.
 */
export function forgeHMAC(
  header: object,
  claims: object | string,
  secret: string | Uint8Array,
  hash: 'sha256' | 'sha384' | 'sha512' = 'sha256',
): string {
  const input = `${b64u(header)}.${b64u(claims)}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

/** Every unit a Duration string may use: the type test checks this list against `DurationUnit`, time.test.ts parses each. */
export const DURATION_UNITS = [
  's', 'sec', 'secs', 'second', 'seconds',
  'm', 'min', 'mins', 'minute', 'minutes',
  'h', 'hr', 'hrs', 'hour', 'hours',
  'd', 'day', 'days',
  'w', 'week', 'weeks',
  'y', 'yr', 'yrs', 'year', 'years',
] as const;
