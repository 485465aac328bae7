import { describe, expect, it } from 'vitest';
import { isNumericDate, parseDuration, toNumericDate } from '../../src/lib/time.js';
import { DURATION_UNITS } from '../helpers.js';

describe('parseDuration', () => {
  it.each([
    [0, 0],
    [90, 90],
    [1.5, 1.5],
    ['30s', 30],
    ['30 seconds', 30],
    ['1 sec', 1],
    ['15m', 900],
    ['15 minutes', 900],
    ['1 min', 60],
    ['2h', 7200],
    ['2 hours', 7200],
    ['1.5h', 5400],
    ['2hrs', 7200],
    ['7d', 604800],
    ['1 day', 86400],
    ['1w', 604800],
    ['2 weeks', 1209600],
    ['1y', 31557600],
    ['1 year', 31557600],
    ['15M', 900],
  ])('%j is %d seconds', (input, seconds) => {
    expect(parseDuration('d', input)).toBe(seconds);
  });

  it.each(['', 's', '15', '15 m s', '-1h', '1e3s', '15 fortnights', ' 15m', '15m ', '15  m', 'Infinity s', '1.s'])(
    'refuses %j with a RangeError',
    (input) => {
      expect(() => parseDuration('d', input)).toThrow(RangeError);
    },
  );

  it('parses every DurationUnit, with and without a space', () => {
    const seconds = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31557600 } as const;
    for (const unit of DURATION_UNITS) {
      const expected = seconds[unit[0] as keyof typeof seconds] * 2;
      expect([parseDuration('d', `2${unit}`), parseDuration('d', `2 ${unit}`)]).toEqual([expected, expected]);
    }
  });

  it.each(['1 month', '3 ms', '1 constructor', '1 toString', '2 __proto__', '1h30m'])('a well-formed but unknown unit %j is a RangeError, never NaN', (input) => {
    expect(() => parseDuration('d', input)).toThrow(RangeError);
  });

  it.each([-1, NaN, Infinity])('refuses the number %d with a RangeError', (input) => {
    expect(() => parseDuration('d', input)).toThrow(RangeError);
  });

  it.each([null, true, {}, [], new Date()])('refuses %j with a TypeError', (input) => {
    expect(() => parseDuration('d', input)).toThrow(TypeError);
  });

  it('refuses oversized input (the pattern is bounded: no ReDoS)', () => {
    expect(() => parseDuration('d', '1'.repeat(100_000) + 'x')).toThrow(RangeError);
  });
});

describe('NumericDate', () => {
  it('truncates to whole seconds', () => {
    expect(toNumericDate(new Date(1_700_000_000_999))).toBe(1_700_000_000);
  });

  it.each([
    [0, true],
    [1.5, true],
    [-1, true],
    [Infinity, false],
    [NaN, false],
    ['1', false],
    [null, false],
    [undefined, false],
  ])('%j is a NumericDate: %j', (value, ok) => {
    expect(isNumericDate(value)).toBe(ok);
  });
});
