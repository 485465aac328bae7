/**
 * The strict parser through `decode` (so that these tests hold whatever the
 * parser's internals): duplicate names however they are spelled or nested,
 * every header rule with each value it refuses, the segment rules, the length
 * bound at its boundary, and each refusal with a message of its own.
 */
import { describe, expect, it } from 'vitest';
import { decode, verify } from '../../src/index.js';
import { b64u, expectJWTError, expectMistake } from '../helpers.js';
import { expectDistinctFailures, failure } from './kit.js';

const HEADER = b64u({ alg: 'HS256' });
const SIGNATURE = 'c2lnbmF0dXJl';
/** A token whose payload segment is exactly this JSON text. */
const withPayload = (json: string) => `${HEADER}.${b64u(json)}.${SIGNATURE}`;
/** A token whose header segment is exactly this JSON text. */
const withHeader = (json: string | object) => `${b64u(json)}.${b64u({})}.${SIGNATURE}`;

describe('duplicate member names', () => {
  it.each([
    ['after an array', '{"a":[1],"b":1,"b":2}'],
    ['after an array of objects', '{"a":[{"x":1},{"y":2}],"b":1,"b":2}'],
    ['after a nested object', '{"a":{"x":1},"b":1,"b":2}'],
    ['with a space before the colon', '{"a" :1,"a" :2}'],
    ['with a space before one colon', '{"a" :1,"a":2}'],
    ['with a tab before the colon', '{"a"\t:1,"a"\t:2}'],
    ['with a line feed before the colon', '{"a"\n:1,"a":2}'],
    ['with a carriage return before the colon', '{"a"\r:1,"a":2}'],
    ['as the third member', '{"a":1,"b":2,"a":3}'],
    ['as the third and fourth', '{"a":1,"b":2,"c":3,"c":4}'],
    ['nested, as the third member', '{"x":{"a":1,"b":2,"a":3}}'],
    ['spelled with escapes', '{"a\\u0022":1,"a\\"":2}'],
    ['with escaped backslashes', '{"a\\\\":1,"a\\\\":2}'],
    ['with an escape in a value before them', '{"v":"\\"","a":1,"a":2}'],
    ['after a value holding a quote and a colon', '{"v":"x\\":","a":1,"a":2}'],
    // A value string that begins with ":" shows a quote and a colon: with whitespace hiding the names' own, the
    // count of `":` equals the count of distinct names. Only the full scan can tell.
    ['hidden by a space before the colons and a value ":"', '{"a" :1,"a" :2,"x":":"}'],
    ['hidden by a tab before the colons and a value ":"', '{"a"\t:1,"a"\t:2,"x":":"}'],
    ['hidden by a line feed before the colons and a value ":"', '{"a"\n:1,"a"\n:2,"x":":"}'],
    ['hidden by a carriage return before the colons and a value ":"', '{"a"\r:1,"a"\r:2,"x":":"}'],
    ['among as many string values as distinct names', '{"a":"x","a":"y","b":1}'],
  ])('are refused %s', async (_, json) => {
    expect(() => JSON.parse(json)).not.toThrow();
    await expectJWTError(() => decode(withPayload(json)), 'ERR_JWT_INVALID');
  });

  it.each([
    ['names that differ by an escaped quote', '{"a\\"":1,"a":2}'],
    ['a name and the same text as a value', '{"a":"a","b":"a:"}'],
    ['a name followed by whitespace, once', '{"a" :1,"b":2}'],
    ['the same name in sibling objects', '{"x":{"a":1},"y":{"a":2}}'],
    ['the same name in an array of objects', '{"x":[{"a":1},{"a":2}]}'],
    ['names inside strings', '{"x":"\\"a\\":1,\\"a\\":2"}'],
    ['many distinct names', `{${Array.from({ length: 40 }, (_, i) => `"n${i}":${i}`).join(',')}}`],
    ['whitespace around the object', ' \t\r\n{"a":1,"b":"x"} \n'],
  ])('are not confused with %s', (_, json) => {
    expect(decode(withPayload(json)).payload).toEqual(JSON.parse(json));
  });
});

describe('header rules', () => {
  it.each(['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit', 'enc', 'zip'])(
    '"crit" may not list the registered name %s',
    async (name) => {
      await expectJWTError(() => decode(withHeader({ alg: 'HS256', [name]: name === 'alg' ? 'HS256' : 'x', crit: [name] })), 'ERR_JWT_INVALID');
    },
  );

  it('"crit" may list an unregistered name the header has, once', () => {
    expect(decode(withHeader({ alg: 'HS256', ext: 1, crit: ['ext'] })).header.crit).toEqual(['ext']);
    expect(decode(withHeader({ alg: 'HS256', ext: 1, more: 2, crit: ['ext', 'more'] })).header.crit).toEqual(['ext', 'more']);
  });

  it.each<[string, object]>([
    ['an empty alg', { alg: '' }],
    ['a numeric alg', { alg: 256 }],
    ['no alg', { typ: 'JWT' }],
    ['a numeric typ', { alg: 'HS256', typ: 1 }],
    ['a null typ', { alg: 'HS256', typ: null }],
    ['an object cty', { alg: 'HS256', cty: {} }],
    ['a boolean kid', { alg: 'HS256', kid: true }],
    ['an array kid', { alg: 'HS256', kid: ['a'] }],
    ['b64', { alg: 'HS256', b64: true }],
    ['b64 false', { alg: 'HS256', b64: false }],
    ['crit that is a string', { alg: 'HS256', ext: 1, crit: 'ext' }],
    ['crit that is empty', { alg: 'HS256', crit: [] }],
    ['crit with a number', { alg: 'HS256', crit: [1] }],
    ['crit with an empty name', { alg: 'HS256', '': 1, crit: [''] }],
    ['crit naming one twice', { alg: 'HS256', ext: 1, crit: ['ext', 'ext'] }],
    ['crit naming a parameter the header lacks', { alg: 'HS256', crit: ['ext'] }],
    ['crit naming an inherited name', { alg: 'HS256', crit: ['toString'] }],
  ])('refuses %s', async (_, header) => {
    await expectJWTError(() => decode(withHeader(header)), 'ERR_JWT_INVALID');
  });

  it('takes typ, cty and kid as strings', () => {
    expect(decode(withHeader({ alg: 'HS256', typ: 'JWT', cty: 'x', kid: 'k' })).header).toEqual({ alg: 'HS256', typ: 'JWT', cty: 'x', kid: 'k' });
  });

  it('gives each header refusal its own message', async () => {
    const attempt = (header: object) => () => decode(withHeader(header));
    await expectDistinctFailures([
      ['alg', 'ERR_JWT_INVALID', attempt({ alg: '' })],
      ['typ', 'ERR_JWT_INVALID', attempt({ alg: 'HS256', typ: 1 })],
      ['kid', 'ERR_JWT_INVALID', attempt({ alg: 'HS256', kid: 1 })],
      ['b64', 'ERR_JWT_INVALID', attempt({ alg: 'HS256', b64: true })],
      ['crit not an array', 'ERR_JWT_INVALID', attempt({ alg: 'HS256', crit: 'x' })],
      ['crit entry', 'ERR_JWT_INVALID', attempt({ alg: 'HS256', crit: [1] })],
      ['crit registered', 'ERR_JWT_INVALID', attempt({ alg: 'HS256', crit: ['kid'], kid: 'k' })],
      ['crit absent', 'ERR_JWT_INVALID', attempt({ alg: 'HS256', crit: ['ext'] })],
      ['header JSON', 'ERR_JWT_INVALID', () => decode(`${b64u('{"alg":')}.${b64u({})}.${SIGNATURE}`)],
    ]);
  });
});

describe('segments', () => {
  it.each([
    ['one segment of valid base64url', b64u({ alg: 'HS256' })],
    ['two segments', `${HEADER}.${b64u({})}`],
    ['four segments', `${HEADER}.${b64u({})}.${SIGNATURE}.${SIGNATURE}`],
    ['an empty header', `.${b64u({})}.${SIGNATURE}`],
    ['a padded header', `${HEADER}=.${b64u({})}.${SIGNATURE}`],
    ['a header of 4n+1 characters', `${HEADER}AAAAA.${b64u({})}.${SIGNATURE}`],
    ['non-zero trailing bits (2 characters over)', `${HEADER}.${b64u({})}B.${SIGNATURE}`],
    ['non-zero trailing bits in the signature (3 over)', `${HEADER}.${b64u({})}.${SIGNATURE}AAB`],
    ['a non-ASCII character', `${HEADER}.${b64u({})}.${SIGNATURE}\u0080`],
    ['a non-ASCII letter in the payload', `${HEADER}.${b64u({})}é.${SIGNATURE}`],
  ])('refuses %s', async (_, token) => {
    await expectJWTError(() => decode(token), 'ERR_JWT_INVALID');
  });

  it('accepts an empty payload segment and an empty signature to parse (the signature refuses them later)', () => {
    expect(() => decode(`${HEADER}.${b64u({})}.`)).not.toThrow();
  });

  it('gives each paste mistake its own message', async () => {
    const token = `${HEADER}.${b64u({})}.${SIGNATURE}`;
    const signatureWith = (suffix: string) => `${HEADER}.${b64u({})}.${SIGNATURE}${suffix}`;
    await expectDistinctFailures([
      ['Bearer', 'ERR_JWT_INVALID', () => decode(`Bearer ${token}`)],
      ['surrounding whitespace', 'ERR_JWT_INVALID', () => decode(`${token}\n`)],
      ['quotes', 'ERR_JWT_INVALID', () => decode(`"${token}"`)],
      ['inner whitespace', 'ERR_JWT_INVALID', () => decode(signatureWith(' A'))],
      ['padding', 'ERR_JWT_INVALID', () => decode(`${HEADER}.${b64u({})}.${SIGNATURE}==`)],
      ['standard base64', 'ERR_JWT_INVALID', () => decode(signatureWith('+/'))],
      ['a header that is not canonical', 'ERR_JWT_INVALID', () => decode(`${HEADER}!.${b64u({})}.${SIGNATURE}`)],
      ['a payload that is not canonical', 'ERR_JWT_INVALID', () => decode(`${HEADER}.${b64u({})}!.${SIGNATURE}`)],
      ['a signature that is not canonical', 'ERR_JWT_INVALID', () => decode(signatureWith('!'))],
      ['two segments', 'ERR_JWT_INVALID', () => decode(`${HEADER}.${SIGNATURE}`)],
      ['too long', 'ERR_JWT_INVALID', () => decode(token, { maxTokenLength: token.length - 1 })],
      ['no token', 'ERR_JWT_INVALID', () => decode('')],
      ['payload JSON', 'ERR_JWT_INVALID', () => decode(`${HEADER}.${b64u('[1]')}.${SIGNATURE}`)],
    ]);
  });
});

describe('maxTokenLength', () => {
  const token = `${HEADER}.${b64u({})}.${SIGNATURE}`;
  it('accepts a token of exactly the limit, refuses one character more', async () => {
    expect(() => decode(token, { maxTokenLength: token.length })).not.toThrow();
    await expectJWTError(() => decode(token, { maxTokenLength: token.length - 1 }), 'ERR_JWT_INVALID');
  });

  it('is a positive whole number', async () => {
    for (const value of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) await expectMistake(() => decode(token, { maxTokenLength: value }), 'RangeError');
    for (const value of ['100', null]) await expectMistake(() => decode(token, { maxTokenLength: value as never }), 'TypeError');
    expect(() => decode(token, { maxTokenLength: Number.MAX_SAFE_INTEGER })).not.toThrow();
  });

  /** A well-formed token of exactly `length` characters (its signature segment fills up). */
  function tokenOfLength(length: number): string {
    for (let pad = Math.floor((length * 3) / 4) - 100; ; pad--) {
      const body = `${HEADER}.${b64u({ pad: 'x'.repeat(pad) })}.`;
      const rest = length - body.length;
      if (rest >= 0 && rest % 4 !== 1) return `${body}${'A'.repeat(rest)}`;
    }
  }

  it('defaults to 65536 characters, the limit included', async () => {
    const exact = tokenOfLength(65_536);
    expect(exact).toHaveLength(65_536);
    expect(() => decode(exact)).not.toThrow();
    const over = tokenOfLength(65_538);
    await expectJWTError(() => decode(over), 'ERR_JWT_INVALID');
    await expectJWTError(verify(over, 'parsing-test-secret-of-32-bytes-or-more!'), 'ERR_JWT_INVALID');
  });

  it('a missing token is ERR_JWT_INVALID, anything else that is not a string a TypeError', async () => {
    for (const missing of [undefined, null, '']) await expectJWTError(() => decode(missing as never), 'ERR_JWT_INVALID');
    for (const value of [0, false, {}, ['a.b.c']]) await expectMistake(() => decode(value as never), 'TypeError');
  });
});

describe('what the parser says, and what it remembers', () => {
  const PAYLOAD = b64u({});

  it('names the argument and what it expects in a caller mistake', async () => {
    const token = await failure(() => decode(5 as never));
    expect(token.kind).toBe('TypeError');
    expect(token.message).toMatch(/^"token" expected a string, got /);
    const limit = await failure(() => decode(`${HEADER}.${PAYLOAD}.${SIGNATURE}`, { maxTokenLength: '100' as never }));
    expect(limit.kind).toBe('TypeError');
    expect(limit.message).toMatch(/^"maxTokenLength" expected a number of characters, got /);
  });

  it('takes a limit of one character (the smallest positive whole number)', async () => {
    expect((await failure(() => decode(`${HEADER}.${PAYLOAD}.${SIGNATURE}`, { maxTokenLength: 1 }))).kind).toBe('ERR_JWT_INVALID');
    expect((await failure(() => decode('a', { maxTokenLength: 1 }))).kind).toBe('ERR_JWT_INVALID'); // within the limit, not a JWT
  });

  it('ends a diagnosis without a paste mistake where the rule ends', async () => {
    expect((await failure(() => decode(`${HEADER}.${PAYLOAD}`))).message).toMatch(/three dot-separated segments$/);
    expect((await failure(() => decode(`${HEADER}.${PAYLOAD}.${SIGNATURE}!`))).message).toMatch(/signature segment is not canonical unpadded base64url$/);
  });

  it('names the segment at fault, an empty payload being no fault of its own', async () => {
    expect((await failure(() => decode(`${HEADER}..${SIGNATURE}!`))).message).toContain('signature segment');
    expect((await failure(() => decode(`.${PAYLOAD}.${SIGNATURE}`))).message).toContain('header segment');
    expect((await failure(() => decode(`.${PAYLOAD}.${SIGNATURE}!`))).message).toContain('header segment'); // the first fault
    expect((await failure(() => decode(`${HEADER}.${PAYLOAD}!.${SIGNATURE}`))).message).toContain('payload segment');
  });

  it('calls only a leading "Bearer " a prefix and only outer quotes a wrapping', async () => {
    const token = `${HEADER}.${PAYLOAD}.${SIGNATURE}`;
    expect((await failure(() => decode(`${token}x bearer y`))).message).toContain('whitespace');
    expect((await failure(() => decode(`${token}x bearer y`))).message).not.toContain('Bearer');
    for (const quoted of [`${HEADER}.${PAYLOAD}.ab"cd`, `${HEADER}.${PAYLOAD}.ab'cd`]) {
      expect((await failure(() => decode(quoted))).message).not.toContain('quotes');
    }
    expect((await failure(() => decode(`'${token}`))).message).toContain('quotes');
    expect((await failure(() => decode(`${token}'`))).message).toContain('quotes');
  });

  it('gives every decode of a header with nested values its own copy of them', () => {
    const header = b64u({ alg: 'HS256', jwk: { kty: 'oct', k: 'AAAA' }, crit: ['x'], x: null });
    const first = decode(`${header}.${PAYLOAD}.${SIGNATURE}`).header as unknown as { jwk: { kty: string }; crit: string[] };
    first.jwk.kty = 'changed';
    first.crit.push('y');
    const second = decode(`${header}.${PAYLOAD}.${SIGNATURE}`).header;
    expect(second).toEqual({ alg: 'HS256', jwk: { kty: 'oct', k: 'AAAA' }, crit: ['x'], x: null });
  });

  it('remembers no header with a nested value, with or without a null member', () => {
    const header = b64u({ alg: 'HS256', jwk: { kty: 'oct', k: 'BBBB' } });
    (decode(`${header}.${PAYLOAD}.${SIGNATURE}`).header as unknown as { jwk: { kty: string } }).jwk.kty = 'changed';
    expect(decode(`${header}.${PAYLOAD}.${SIGNATURE}`).header).toEqual({ alg: 'HS256', jwk: { kty: 'oct', k: 'BBBB' } });
  });

  it('gives every decode of a remembered header its own object', () => {
    const header = b64u({ alg: 'HS256', kid: 'k', x: null });
    const first = decode(`${header}.${PAYLOAD}.${SIGNATURE}`).header as Record<string, unknown>;
    first.kid = 'changed';
    expect(decode(`${header}.${PAYLOAD}.${SIGNATURE}`).header).toEqual({ alg: 'HS256', kid: 'k', x: null });
  });
});
