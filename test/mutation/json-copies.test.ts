/**
 * The copies src/lib/json.ts makes so that a polluted prototype cannot change
 * what webjwt writes or stores: `stringifyOwn` (what sign serialises) and
 * `copyJSON` (a remote key set's cache entry, read from the caller's cache).
 */
import { describe, expect, it } from 'vitest';
import { sign } from '../../src/index.js';
import { copyJSON, stringifyOwn } from '../../src/lib/json.js';
import { failure } from './kit.js';

const SECRET = 'json-copies-test-secret-of-32-bytes-or-more';

describe('stringifyOwn (what sign writes) reads own members only, at any depth', () => {
  /**
   * The JSON of `value` while Array.prototype[0] is polluted. Synchronous: while an index of
   * Array.prototype is set, every array in the process reads it, the test runner's own included.
   */
  function writtenPolluted(value: object): unknown {
    Object.defineProperty(Array.prototype, '0', { value: 'injected', configurable: true, writable: true });
    try {
      return JSON.parse(stringifyOwn(value));
    } finally {
      delete (Array.prototype as unknown as Record<string, unknown>)[0];
    }
  }

  it('writes a hole as null, in an array of holes only, next to null, objects and arrays', () => {
    const payload = { sub: 'u', holes: [, ,], n: null, o: { a: [1, , 3], b: { c: 'd' } }, list: [{ x: 1 }, [2]] };
    expect(writtenPolluted(payload)).toEqual({ sub: 'u', holes: [null, null], n: null, o: { a: [1, null, 3], b: { c: 'd' } }, list: [{ x: 1 }, [2]] });
  });

  it('writes a hole as null where holes are all the payload has', () => {
    expect(writtenPolluted({ sub: 'u', holes: [, ,] })).toEqual({ sub: 'u', holes: [null, null] });
  });

  it('writes a hole as null below the depth where every array is copied (64 levels)', () => {
    let deep: unknown = [,];
    for (let i = 0; i < 70; i++) deep = [deep];
    let bottom = (writtenPolluted({ sub: 'u', deep }) as { deep: unknown }).deep;
    for (let i = 0; i < 70; i++) bottom = (bottom as unknown[])[0];
    expect(bottom).toEqual([null]);
  });

  it('copies no inherited "length" into a copied object, only an array\'s own', () => {
    // A hole makes stringifyOwn copy; an object's copy reads no "length" through its (polluted) prototype.
    const payload = { sub: 'u', holes: [1, , 3], o: { a: 1 }, list: [{ length: 2 }] };
    Object.defineProperty(Object.prototype, 'length', { value: 5, configurable: true, writable: true });
    let written: unknown;
    try {
      written = JSON.parse(stringifyOwn(payload));
    } finally {
      delete (Object.prototype as Record<string, unknown>).length;
    }
    expect(written).toEqual({ sub: 'u', holes: [1, null, 3], o: { a: 1 }, list: [{ length: 2 }] });
  });

  it('refuses a cyclic payload with a TypeError that says so', async () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const { kind, message } = await failure(sign({ sub: 'u', x: cyclic }, SECRET));
    expect(kind).toBe('TypeError');
    expect(message).toContain('cyclic');
    const list: unknown[] = [];
    list.push([list]);
    const throughArrays = await failure(sign({ sub: 'u', list }, SECRET));
    expect(throughArrays.kind).toBe('TypeError');
    expect(throughArrays.message).toContain('cyclic');
  });
});

describe('copyJSON: JSON data, copied from own data properties', () => {
  it.each([null, 'a', '', true, false, 0, 1.5, -2])('returns %j as it is', (value) => {
    expect(copyJSON(value)).toBe(value);
  });

  it.each([
    ['undefined', undefined], ['NaN', Number.NaN], ['Infinity', Number.POSITIVE_INFINITY], ['a function', () => 1],
    ['a symbol', Symbol('s')], ['a bigint', 1n], ['a Date', new Date(0)], ['a Map', new Map()],
    ['an array with a hole', [1, , 3]], ['an array with undefined', [1, undefined]],
    ['an object with a getter', Object.defineProperty({}, 'a', { get: () => 1, enumerable: true })],
    ['an object with a function inside', { a: { b: () => 1 } }], ['an array with a NaN inside', [[Number.NaN]]],
  ])('refuses %s (undefined)', (_, value) => {
    expect(copyJSON(value)).toBeUndefined();
  });

  it('copies objects and arrays deeply, leaving out members whose value is undefined', () => {
    const inner = { c: [1, 'x', null, true, { d: 2 }] };
    const source = { a: inner, b: undefined, e: [] as unknown[] };
    const copy = copyJSON(source) as typeof source;
    expect(copy).toEqual({ a: { c: [1, 'x', null, true, { d: 2 }] }, e: [] });
    expect(Object.hasOwn(copy, 'b')).toBe(false);
    expect(copy.a).not.toBe(inner);
    expect(copy.a.c).not.toBe(inner.c);
    expect(Array.isArray(copy.a.c)).toBe(true);
    inner.c.push('later');
    expect(copy.a.c).toHaveLength(5);
  });

  it('takes an object without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(copyJSON(bare)).toEqual({ a: 1 });
  });

  it('copies up to 65 nested containers, refuses 66', () => {
    const nest = (depth: number) => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
      return value;
    };
    expect(copyJSON(nest(65))).toEqual(nest(65));
    expect(copyJSON(nest(66))).toBeUndefined();
  });
});
