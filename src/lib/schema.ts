/**
 * The caller's payload schema (Standard Schema v1, src/standard-schema.ts), run
 * by `verify` after the signature and the registered claims have passed (never
 * on an unauthenticated payload) and by `sign` on the claims it is about to sign.
 *
 * Three outcomes, three kinds of error:
 * - the schema accepts: its output (transforms and defaults applied) is the payload;
 * - it refuses: in `verify`, a bad token (`ERR_JWT_CLAIM_INVALID`, `reason: 'schema'`);
 *   in `sign`, the caller's payload is wrong (a TypeError, as for `exp: "soon"`);
 * - it throws, or answers with something that is not a result: a bug in the
 *   caller's schema, never the token's fault, so a TypeError (with the schema's
 *   error as `cause`) that `isJWTError` does not match and a server answers with a 500.
 */

import { JWTError, type JWTSchemaIssue } from '../errors.js';
import type { JWTPayload } from '../types.js';
import { describe, expected } from './assert.js';
import { parseJSONObject } from './json.js';

/** A checked schema: its `validate`, read once, bound to its `~standard` object as the spec calls it. */
export type PayloadValidator = (value: Record<string, unknown>) => Promise<SchemaOutcome>;
type SchemaOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; issues: readonly JWTSchemaIssue[] };

/**
 * The `schema` option, checked before the token is read: `undefined`, or an object
 * with a `~standard` of version 1 whose `validate` is a function (else a TypeError).
 */
export function readSchema(value: unknown): PayloadValidator | undefined {
  if (value === undefined) return undefined;
  const what = 'a Standard Schema v1 (an object with "~standard": zod, valibot, arktype…)';
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) throw expected('schema', what, value);
  const props: unknown = (value as Record<string, unknown>)['~standard'];
  if (typeof props !== 'object' || props === null) throw expected('schema', what, value);
  const { version, validate } = props as Record<string, unknown>;
  if (version !== 1) throw new TypeError(`"schema" expected Standard Schema version 1, got ${typeof version === 'number' ? `version ${version}` : describe(version)}`);
  if (typeof validate !== 'function') throw expected('schema["~standard"].validate', 'a function', validate);
  return async (payload) => outcome(await callValidate(() => validate.call(props, payload)));
}

/** The schema's output for a verified payload, or `ERR_JWT_CLAIM_INVALID` with its issues. */
export async function applySchema(validator: PayloadValidator, payload: JWTPayload): Promise<object> {
  const result = await validator(payload);
  if (result.ok) return result.value;
  const first = result.issues[0]?.path[0];
  const count = `${result.issues.length} issue${result.issues.length === 1 ? '' : 's'}`;
  // The message names no claim value nor issue text: both may come from the token.
  throw new JWTError('ERR_JWT_CLAIM_INVALID', `the payload does not match the schema (${count})`, {
    claim: first === undefined ? '' : String(first),
    reason: 'schema',
    payload,
    issues: result.issues,
  });
}

/**
 * For `sign`: the claims as they will be signed (the JSON text, parsed as `verify`
 * will parse it) must pass the schema; a refusal is the caller's mistake.
 */
export async function checkClaimsToSign(validator: PayloadValidator, claimsJSON: string): Promise<void> {
  const result = await validator(parseJSONObject(claimsJSON)!); // built by sign as a JSON object
  if (result.ok) return;
  const where = result.issues.slice(0, 3).map((issue) => (issue.path.length ? issue.path.join('.') : '(the payload)'));
  const more = result.issues.length > 3 ? ` and ${result.issues.length - 3} more` : '';
  throw new TypeError(`"payload" expected claims that the schema accepts, got issues at ${where.join(', ')}${more}`, {
    cause: { issues: result.issues },
  });
}

async function callValidate(run: () => unknown): Promise<unknown> {
  try {
    return await run(); // validate may return a Promise (Standard Schema v1): awaited here
  } catch (error) {
    throw new TypeError('"schema" threw while validating the payload: a bug in the schema, not a bad token', { cause: error });
  }
}

/** A validate() result as the spec defines it: `{ value }`, or `{ issues }` with a truthy `issues`. */
function outcome(result: unknown): SchemaOutcome {
  if (typeof result !== 'object' || result === null) {
    throw expected('schema["~standard"].validate()', 'a result ({ value } or { issues })', result);
  }
  const { issues, value } = result as { issues?: unknown; value?: unknown };
  if (issues) {
    if (!Array.isArray(issues)) throw expected('schema["~standard"].validate().issues', 'an array', issues);
    return { ok: false, issues: Object.freeze(Array.from(issues, copyIssue)) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw expected('schema output', 'an object (the claims)', value);
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** An issue's message and path, and nothing else: libraries also attach the input, which came from the token. */
function copyIssue(issue: unknown): JWTSchemaIssue {
  const { message, path } = (typeof issue === 'object' && issue !== null ? issue : {}) as Record<string, unknown>;
  const segments = Array.isArray(path) ? Array.from(path, pathKey) : [];
  return Object.freeze({ message: typeof message === 'string' ? message : '', path: Object.freeze(segments) });
}

/** A path segment is a property key or a `{ key }` object (valibot's also carry the value: dropped). */
function pathKey(segment: unknown): string | number {
  const key = typeof segment === 'object' && segment !== null ? (segment as { key?: unknown }).key : segment;
  if (typeof key === 'symbol') return key.description ?? '';
  return typeof key === 'number' ? key : String(key); // a string comes through String() as it is
}
