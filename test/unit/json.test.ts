import { describe, expect, it } from 'vitest';
import { parseJSONObject } from '../../src/lib/json.js';

describe('parseJSONObject', () => {
  it('parses objects, with any whitespace JSON allows', () => {
    expect(parseJSONObject('{"a":1,"b":{"c":[1,{"d":null}]}}')).toEqual({ a: 1, b: { c: [1, { d: null }] } });
    expect(parseJSONObject(' {\r\n\t"a" : "x" } ')).toEqual({ a: 'x' });
  });

  it.each([
    ['not JSON', '{a:1}'],
    ['an array', '[1]'],
    ['a string', '"x"'],
    ['null', 'null'],
    ['a number', '1'],
    ['trailing garbage', '{"a":1}x'],
    ['a BOM', '\uFEFF{"a":1}'],
    ['empty', ''],
  ])('refuses %s', (_, text) => {
    expect(parseJSONObject(text)).toBeUndefined();
  });

  it.each([
    ['top level', '{"a":1,"a":2}'],
    ['nested', '{"a":{"b":1,"b":1}}'],
    ['inside an array', '{"a":[{"b":1},{"b":1,"c":2,"b":3}]}'],
    ['spelled with an escape', '{"alg":"HS256","\\u0061lg":"none"}'],
    ['after an escaped quote in a value', '{"a":"x\\"","a":1}'],
  ])('refuses duplicate names: %s', (_, text) => {
    expect(parseJSONObject(text)).toBeUndefined();
  });

  it('accepts the same name in different objects, and names that only look alike', () => {
    expect(parseJSONObject('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBeDefined();
    expect(parseJSONObject('{"a":"a:","\\\\a":1,"a\\\\":2}')).toBeDefined();
    expect(parseJSONObject('{"a":["a","a"],"x":"a"}')).toBeDefined();
  });

  it('handles deep nesting without overflowing the stack', () => {
    const depth = 100_000;
    expect(parseJSONObject(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`)).toBeDefined();
  });
});
