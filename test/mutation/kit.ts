/**
 * Helpers of the tests in test/mutation/: tests written to kill the mutants
 * `npm run test:mutation` found alive (stryker.config.mjs). Each asserts an
 * outcome or an error code. Wording is asserted in tables: one message per
 * JWTError code in `messages.test.ts`, and the messages each verb or module
 * gives (`sign-messages`, `keys-messages`, `assert-edges`…); elsewhere a
 * message is asserted only to be present and distinct ({@link expectDistinctFailures}).
 */
import { expect } from 'vitest';
import { isJWTError, type JWTErrorCode } from '../../src/index.js';
import { rejection } from '../helpers.js';

/** What an attempt threw, or rejected with: a JWTError's code, or the name of a TypeError/RangeError; and its message. */
export async function failure(attempt: Promise<unknown> | (() => unknown)): Promise<{ kind: string; message: string; error: unknown }> {
  const error = await rejection(attempt);
  const kind = isJWTError(error) ? error.code : error instanceof TypeError ? 'TypeError' : error instanceof RangeError ? 'RangeError' : String(error);
  return { kind, message: (error as Error).message, error };
}

/**
 * Asserts that each attempt fails as expected (a code, `TypeError` or
 * `RangeError`) with a message of its own: present, and different from the
 * message of every other case of the table, so that each says what went wrong.
 */
export async function expectDistinctFailures(cases: readonly (readonly [string, JWTErrorCode | 'TypeError' | 'RangeError', () => unknown])[]) {
  const messages = new Map<string, string>();
  for (const [name, kind, attempt] of cases) {
    const outcome = await failure(attempt);
    expect(outcome.kind, name).toBe(kind);
    expect(outcome.message.trim(), `${name}: a message`).not.toBe('');
    const same = [...messages].find(([, message]) => message === outcome.message);
    expect(same?.[0], `${name}: a message of its own`).toBeUndefined();
    messages.set(name, outcome.message);
  }
}
