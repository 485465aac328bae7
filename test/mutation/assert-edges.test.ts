/**
 * src/lib/assert.ts on its own: what each check answers at its edges (the
 * value described in a message, a prototype-less or other-realm object, a
 * proxy that lists a name it then does not have, an own setter and an
 * inherited one, an array read while its prototypes are polluted).
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  checkAlgorithm,
  checkBoolean,
  checkDate,
  checkOptions,
  checkString,
  checkStringArray,
  checkStrings,
  define,
  describe as describeValue,
  expected,
  isPlainObject,
  own,
  ownElements,
  snapshot,
} from '../../src/lib/assert.js';
import { failure } from './kit.js';

describe('describe and expected', () => {
  it.each<[unknown, string]>([
    [null, 'null'],
    [[], 'an array'],
    [new Date(0), 'a Date'],
    [{}, 'object'],
    [1, 'number'],
    [undefined, 'undefined'],
  ])('describes %o as %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });

  it('expected is a TypeError naming the option, what it wants and what it got', () => {
    const error = expected('aud', 'a string', 5);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('"aud" expected a string, got number');
  });
});

describe('isPlainObject', () => {
  it.each<[string, unknown, boolean]>([
    ['a literal', {}, true],
    ['a prototype-less object', Object.create(null), true],
    ['an object of another realm', runInNewContext('({ a: 1 })'), true],
    ['an array', [], false],
    ['a Date', new Date(0), false],
    ['a class instance', new (class Options {})(), false],
    ['null', null, false],
    ['undefined', undefined, false],
    ['a string', 'text', false],
    ['a function', () => 1, false],
  ])('%s: %s', (_, value, plain) => {
    expect(isPlainObject(value)).toBe(plain);
  });
});

describe('snapshot', () => {
  it('copies own data properties into a prototype-less object, dropping undefined values', () => {
    const copy = snapshot({ a: 1, b: undefined, c: 'x' }, 'options');
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(Object.keys(copy)).toEqual(['a', 'c']);
  });

  it('refuses an accessor, naming it', async () => {
    const value = Object.defineProperty({}, 'exp', { get: () => 1, enumerable: true });
    const outcome = await failure(() => snapshot(value, 'claims'));
    expect(outcome.kind).toBe('TypeError');
    expect(outcome.message).toBe('claims: "exp" expected a data property, got an accessor');
  });

  it('skips a name a proxy lists but then does not have', () => {
    let reads = 0;
    const proxy = new Proxy({ b: 2 } as Record<string, unknown>, {
      ownKeys: () => ['a', 'b'],
      // enumerable for Object.keys (the first read of "a"), gone when snapshot reads it
      getOwnPropertyDescriptor: (target, name) =>
        name === 'a' ? (reads++ === 0 ? { value: 1, enumerable: true, configurable: true } : undefined) : Reflect.getOwnPropertyDescriptor(target, name),
    });
    expect({ ...snapshot(proxy, 'options') }).toEqual({ b: 2 });
  });
});

describe('define and own', () => {
  it('define makes an own data property past an inherited setter', () => {
    const calls: unknown[] = [];
    const object = Object.create({ set alg(value: unknown) { calls.push(value); } }) as object;
    define(object, 'alg', 'HS256');
    expect(Object.getOwnPropertyDescriptor(object, 'alg')).toEqual({ value: 'HS256', writable: true, enumerable: true, configurable: true });
    expect(calls).toEqual([]);
  });

  it('define assigns an own property, a new one or through its own setter', () => {
    const calls: unknown[] = [];
    const object = { set kid(value: unknown) { calls.push(value); } } as Record<string, unknown>;
    define(object, 'kid', 'a');
    expect(calls).toEqual(['a']);
    define(object, 'typ', 'JWT');
    expect(Object.getOwnPropertyDescriptor(object, 'typ')).toEqual({ value: 'JWT', writable: true, enumerable: true, configurable: true });
  });

  it('own reads own properties only', () => {
    const object = Object.assign(Object.create({ inherited: 1 }) as object, { mine: 2 });
    expect(own(object, 'mine')).toBe(2);
    expect(own(object, 'inherited')).toBeUndefined();
  });
});

describe('checkOptions', () => {
  const KNOWN = ['alpha', 'beta'] as const;

  it('without options: one frozen record of every known option, the same on every call', () => {
    const first = checkOptions<Record<string, unknown>>(undefined, KNOWN, 'verify');
    expect(Object.keys(first)).toEqual(['alpha', 'beta']);
    expect(Object.values(first)).toEqual([undefined, undefined]);
    expect(Object.isFrozen(first)).toBe(true);
    expect(checkOptions(undefined, KNOWN, 'verify')).toBe(first);
  });

  it('with options: a fresh record of every known option, the given ones set', () => {
    const options = checkOptions<Record<string, unknown>>({ beta: 2 }, KNOWN, 'verify');
    expect({ ...options }).toEqual({ alpha: undefined, beta: 2 });
    expect(Object.keys(options)).toEqual(['alpha', 'beta']);
    expect(checkOptions({ beta: 2 }, KNOWN, 'verify')).not.toBe(options);
  });

  it.each<[string, unknown, string]>([
    ['an unknown option', { alpha: 1, gamma: 3 }, 'verify: unknown option "gamma"'],
    ['an array', [], '"verify" expected an object, got an array'],
    ['null', null, '"verify" expected an object, got null'],
  ])('refuses %s', async (_, options, message) => {
    const outcome = await failure(() => checkOptions(options, KNOWN, 'verify'));
    expect([outcome.kind, outcome.message]).toEqual(['TypeError', message]);
  });
});

describe('the value checks', () => {
  it('pass undefined and a value of their type through', () => {
    expect(checkString('s', undefined)).toBeUndefined();
    expect(checkString('s', 'x')).toBe('x');
    expect(checkBoolean('b', undefined)).toBeUndefined();
    expect(checkBoolean('b', false)).toBe(false);
    expect(checkStrings('a', undefined)).toBeUndefined();
    expect(checkStrings('a', 'x')).toEqual(['x']);
    const list = ['x', 'y'];
    expect(checkStrings('a', list)).toEqual(list);
    expect(checkStrings('a', list)).not.toBe(list);
    expect(checkStringArray('l', undefined)).toBeUndefined();
    expect(checkAlgorithm('alg', 'ES256')).toBe('ES256');
    expect(checkDate('d', undefined)).toBeUndefined();
    const date = new Date(0);
    expect(checkDate('d', date)).toBe(date);
  });

  it.each<[string, () => unknown, string, string]>([
    ['checkString', () => checkString('s', 1), 'TypeError', '"s" expected a string, got number'],
    ['checkBoolean', () => checkBoolean('b', 'true'), 'TypeError', '"b" expected a boolean, got string'],
    ['checkStrings, an empty array', () => checkStrings('a', []), 'RangeError', '"a" expected at least one value, got an empty array'],
    ['checkStrings, a number', () => checkStrings('a', 1), 'TypeError', '"a" expected a string or an array of strings, got number'],
    ['checkStrings, an array with a number', () => checkStrings('a', ['x', 1]), 'TypeError', '"a" expected a string or an array of strings, got an array'],
    ['checkStringArray, a string', () => checkStringArray('l', 'x'), 'TypeError', '"l" expected an array of strings, got string'],
    ['checkStringArray, a hole', () => checkStringArray('l', ['x', , 'y']), 'TypeError', '"l" expected an array of strings, got an array'],
    ['checkAlgorithm, a number', () => checkAlgorithm('alg', 256), 'TypeError', '"alg" expected an algorithm name, got number'],
    ['checkAlgorithm, none', () => checkAlgorithm('alg', 'none'), 'RangeError', '"alg" expected a supported algorithm, got "none"'],
    ['checkAlgorithm, a long name', () => checkAlgorithm('alg', 'X'.repeat(30)), 'RangeError', `"alg" expected a supported algorithm, got "${'X'.repeat(20)}"`],
    ['checkDate, a number', () => checkDate('d', 0), 'TypeError', '"d" expected a Date, got number'],
    ['checkDate, an invalid Date', () => checkDate('d', new Date(Number.NaN)), 'RangeError', '"d" expected a valid Date, got an invalid Date'],
  ])('%s', async (_, attempt, kind, message) => {
    const outcome = await failure(attempt);
    expect([outcome.kind, outcome.message]).toEqual([kind, message]);
  });
});

describe('ownElements', () => {
  it('copies own elements, a hole as an own undefined', () => {
    const copy = ownElements(['a', , 'c']);
    expect(copy).toHaveLength(3);
    expect(Object.hasOwn(copy, 1) && copy[1] === undefined).toBe(true);
  });

  // Polluted and restored in one synchronous window (vitest's IPC must never see a polluted index).
  it.each([['Array.prototype', Array.prototype], ['Object.prototype', Object.prototype]] as const)(
    'an index accessor on %s neither fills a hole nor swallows an element',
    (_, prototype) => {
      const set: unknown[] = [];
      let copy: unknown[];
      Object.defineProperty(prototype, '1', { get: () => 'polluted', set: (value) => set.push(value), configurable: true });
      try {
        copy = ownElements(['a', , 'c']);
      } finally {
        delete (prototype as Record<string, unknown>)['1'];
      }
      expect(copy.length).toBe(3);
      expect([copy[0], Object.hasOwn(copy, 1), copy[1], copy[2]]).toEqual(['a', true, undefined, 'c']);
      expect(set).toEqual([]);
    },
  );
});
