/**
 * src/lib/schema.ts on its own, with hand-made Standard Schemas: what a
 * refusal carries (the claim, the count, frozen issues of message and path
 * only), the path segments of every kind, the results that are no result,
 * `validate` called on its own `~standard`, and the messages `sign` gives.
 */
import { describe, expect, it } from 'vitest';
import { JWTError } from '../../src/errors.js';
import { applySchema, checkClaimsToSign, readSchema } from '../../src/lib/schema.js';
import { failure } from './kit.js';

/** A Standard Schema v1 whose validate answers `result` (or what `result` makes of the input). */
const schemaOf = (result: unknown | ((value: unknown) => unknown)) => ({
  '~standard': { version: 1, vendor: 'test', validate: typeof result === 'function' ? result : () => result },
});
const refusal = async (result: unknown, payload: Record<string, unknown> = { sub: 'u' }) => {
  const { error } = await failure(applySchema(readSchema(schemaOf(result))!, payload));
  expect(error).toBeInstanceOf(JWTError);
  return error as JWTError;
};

describe('readSchema', () => {
  it('calls validate with its ~standard object as this, and accepts a function schema', async () => {
    const props = { version: 1, vendor: 'test', validate(this: unknown, value: unknown) { return this === props ? { value } : { issues: [{ message: 'unbound' }] }; } };
    await expect(applySchema(readSchema({ '~standard': props })!, { sub: 'u' })).resolves.toEqual({ sub: 'u' });
    const callable = Object.assign(() => 1, { '~standard': props });
    await expect(applySchema(readSchema(callable)!, { sub: 'f' })).resolves.toEqual({ sub: 'f' });
    expect(readSchema(undefined)).toBeUndefined();
  });

  const WHAT = 'a Standard Schema v1 (an object with "~standard": zod, valibot, arktype…)';
  it.each<[string, unknown, string]>([
    ['null', null, `"schema" expected ${WHAT}, got null`],
    ['a string', 'zod', `"schema" expected ${WHAT}, got string`],
    ['no ~standard', {}, `"schema" expected ${WHAT}, got object`],
    ['a null ~standard', { '~standard': null }, `"schema" expected ${WHAT}, got object`],
    ['a string ~standard', { '~standard': 'v1' }, `"schema" expected ${WHAT}, got object`],
    ['version 2', { '~standard': { version: 2, validate: () => ({}) } }, '"schema" expected Standard Schema version 1, got version 2'],
    ['version "1"', { '~standard': { version: '1', validate: () => ({}) } }, '"schema" expected Standard Schema version 1, got string'],
    ['no version', { '~standard': { validate: () => ({}) } }, '"schema" expected Standard Schema version 1, got undefined'],
    ['no validate', { '~standard': { version: 1 } }, '"schema["~standard"].validate" expected a function, got undefined'],
  ])('refuses %s', async (_, value, message) => {
    const outcome = await failure(() => readSchema(value));
    expect([outcome.kind, outcome.message]).toEqual(['TypeError', message]);
  });

  it('refuses a primitive even when its prototype has a ~standard (polluted and restored synchronously)', () => {
    let thrown: unknown;
    const standard = { version: 1, vendor: 'polluted', validate: (value: unknown) => ({ value }) };
    Object.defineProperty(String.prototype, '~standard', { value: standard, configurable: true });
    try {
      readSchema('zod');
    } catch (error) {
      thrown = error;
    } finally {
      delete (String.prototype as unknown as Record<string, unknown>)['~standard'];
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toBe(`"schema" expected ${WHAT}, got string`);
  });
});

describe('applySchema', () => {
  it('a refusal names the first issue\'s first segment and counts the issues', async () => {
    const one = await refusal({ issues: [{ message: 'no', path: [{ key: 'role' }, 'x'] }] });
    expect([one.claim, one.reason, one.message]).toEqual(['role', 'schema', 'the payload does not match the schema (1 issue)']);
    expect(one.payload).toEqual({ sub: 'u' });
    const two = await refusal({ issues: [{ message: 'a', path: [3] }, { message: 'b', path: ['sub'] }] });
    expect([two.claim, two.message]).toEqual(['3', 'the payload does not match the schema (2 issues)']);
    const whole = await refusal({ issues: [{ message: 'a', path: [] }] });
    expect(whole.claim).toBe('');
    const none = await refusal({ issues: [{ message: 'a' }] });
    expect([none.claim, none.issues]).toEqual(['', [{ message: 'a', path: [] }]]);
  });

  it('an empty issues array is still a refusal; a falsy issues is not', async () => {
    const empty = await refusal({ issues: [], value: { sub: 'u' } });
    expect([empty.claim, empty.issues, empty.message]).toEqual(['', [], 'the payload does not match the schema (0 issues)']);
    for (const issues of [undefined, 0, '', null, false]) {
      await expect(applySchema(readSchema(schemaOf({ issues, value: { ok: 1 } }))!, {})).resolves.toEqual({ ok: 1 });
    }
  });

  it('issues keep a string message and the path keys only, frozen', async () => {
    const symbol = Symbol('sym');
    const { issues } = await refusal({
      issues: [
        { message: 'm', path: [{ key: 'a', value: 'from the token' }, 0, 'b', symbol, Symbol(), { key: symbol }, { key: 7 }, null, true, {}], input: 'x' },
        { message: 42, path: 'a.b' },
        'not an object',
        null,
      ],
    });
    expect(issues).toEqual([
      { message: 'm', path: ['a', 0, 'b', 'sym', '', 'sym', 7, 'null', 'true', 'undefined'] },
      { message: '', path: [] },
      { message: '', path: [] },
      { message: '', path: [] },
    ]);
    expect(Object.keys(issues![0]!)).toEqual(['message', 'path']);
    expect([Object.isFrozen(issues), Object.isFrozen(issues![0]), Object.isFrozen(issues![0]!.path)]).toEqual([true, true, true]);
  });

  const VALIDATE = 'schema["~standard"].validate';
  it.each<[string, unknown, string]>([
    ['undefined', undefined, `"${VALIDATE}()" expected a result ({ value } or { issues }), got undefined`],
    ['null', null, `"${VALIDATE}()" expected a result ({ value } or { issues }), got null`],
    ['a string', 'ok', `"${VALIDATE}()" expected a result ({ value } or { issues }), got string`],
    ['issues that are no array', { issues: 'bad' }, `"${VALIDATE}().issues" expected an array, got string`],
    ['no value', {}, '"schema output" expected an object (the claims), got undefined'],
    ['a null value', { value: null }, '"schema output" expected an object (the claims), got null'],
    ['an array value', { value: [] }, '"schema output" expected an object (the claims), got an array'],
    ['a string value', { value: 'claims' }, '"schema output" expected an object (the claims), got string'],
  ])('a result that is %s is a TypeError', async (_, result, message) => {
    const outcome = await failure(applySchema(readSchema(schemaOf(result))!, {}));
    expect([outcome.kind, outcome.message]).toEqual(['TypeError', message]);
  });

  it('validate throwing, or rejecting, is a TypeError with the error as cause', async () => {
    const thrown = new Error('boom');
    for (const validate of [() => { throw thrown; }, async () => { throw thrown; }]) {
      const outcome = await failure(applySchema(readSchema(schemaOf(validate))!, {}));
      expect([outcome.kind, outcome.message]).toEqual(['TypeError', '"schema" threw while validating the payload: a bug in the schema, not a bad token']);
      expect((outcome.error as Error).cause).toBe(thrown);
    }
  });
});

describe('checkClaimsToSign', () => {
  const issue = (...path: (string | number)[]) => ({ message: 'm', path });
  it('passes the parsed claims, and passes', async () => {
    let seen: unknown;
    await expect(checkClaimsToSign(readSchema(schemaOf((value: unknown) => ((seen = value), { value })))!, '{"sub":"u","n":1}')).resolves.toBeUndefined();
    expect(seen).toEqual({ sub: 'u', n: 1 });
  });

  it.each<[string, unknown[], string]>([
    ['one issue on the payload', [issue()], '(the payload)'],
    ['a nested path', [issue('tenant', 0, 'id')], 'tenant.0.id'],
    ['three issues', [issue('a'), issue('b'), issue('c')], 'a, b, c'],
    ['four issues', [issue('a'), issue('b'), issue('c'), issue('d')], 'a, b, c and 1 more'],
    ['five issues', [issue('a'), issue('b'), issue('c'), issue('d'), issue('e')], 'a, b, c and 2 more'],
  ])('a refusal is a TypeError naming where: %s', async (_, issues, where) => {
    const outcome = await failure(checkClaimsToSign(readSchema(schemaOf({ issues }))!, '{}'));
    expect([outcome.kind, outcome.message]).toEqual(['TypeError', `"payload" expected claims that the schema accepts, got issues at ${where}`]);
    expect((outcome.error as Error).cause).toEqual({ issues });
  });
});
