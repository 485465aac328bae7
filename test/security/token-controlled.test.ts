/**
 * What the token controls (issue 11, findings 4 and 5).
 *
 * 4. No value a token controls may produce an error that is not a JWTError: a
 *    TypeError from verify becomes a 500 in every framework. Every header
 *    member, with values of every JSON type and the names of Object.prototype's
 *    members, goes through the resolvers people write.
 * 5. A token's cost is bounded before its signature is checked: the payload is
 *    parsed only after the signature verifies, and the token's length is
 *    bounded (64 KiB by default, `maxTokenLength` to raise it).
 */
import { describe, expect, it } from 'vitest';
import { decode, isJWTError, sign, verify, type JWK, type KeyResolver } from '../../src/index.js';
import { b64u, expectJWTError, expectMistake, forgeHMAC, rejection } from '../helpers.js';

const SECRET = 'a-legitimate-secret-that-is-32+-bytes-long';
const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;
const claims = { sub: 'u', exp: now + 600 };

// The names Object.prototype (and Function.prototype) answer to, and other tricky keys.
const PROTOTYPE_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
  '__proto__', 'prototype', '', ' ', '0', '-1', 'length', 'then', 'kty', 'keys',
];
const JSON_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', [], [1], ['k1'], {}, { a: 1 }, { kty: 'oct' }, 'k1', ...PROTOTYPE_NAMES];

const keysByKid: Record<string, string> = { k1: SECRET };
const keyMap = new Map([['k1', SECRET]]);
const jwksByKid: Record<string, { keys: JWK[] }> = { k1: { keys: [{ kty: 'oct', kid: 'k1', k: Buffer.from(SECRET).toString('base64url') }] } };

const RESOLVERS: [string, (member: string) => KeyResolver][] = [
  ['(h) => keys[h[member]]', (member) => (h) => keysByKid[h[member] as string] as never],
  ['(h) => map.get(h[member])', (member) => (h) => keyMap.get(h[member] as string) as never],
  ['async (h) => keys[h[member]]', (member) => async (h) => keysByKid[h[member] as string] as never],
  ['(h) => jwksByKid[h[member]]', (member) => (h) => jwksByKid[h[member] as string] as never],
  ['(h) => ({ keys: [keysByKid[h[member]]] })', (member) => (h) => ({ keys: [keysByKid[h[member] as string]] }) as never],
];

describe('every header member, through the resolvers people write, gives a JWTError', () => {
  for (const member of ['kid', 'x5t', 'jku', 'iss', 'x']) {
    for (const [name, resolver] of RESOLVERS) {
      it(`${member}, ${name}`, async () => {
        for (const value of JSON_VALUES) {
          const token = forgeHMAC({ alg: 'HS256', [member]: value }, claims, SECRET);
          const outcome = await verify(token, resolver(member), { currentDate: NOW }).then(
            () => 'verified',
            (e: unknown) => e,
          );
          // It may verify (kid "k1" finds the key) or fail, but only ever as a JWTError.
          if (outcome !== 'verified') expect(isJWTError(outcome), `${member}: ${JSON.stringify(value)} gave ${String(outcome)}`).toBe(true);
        }
      });
    }
  }
});

describe('a resolver result that is not a key is ERR_JWT_KEY_INVALID', () => {
  class Thing {}
  const fake = Object.defineProperty({ type: 'secret', algorithm: { name: 'HMAC' } }, Symbol.toStringTag, { value: 'CryptoKey' });
  const NOT_KEYS: [string, unknown][] = [
    ['a function (kid "constructor")', Object],
    ['a method (kid "toString")', Object.prototype.toString],
    ['Object.prototype (kid "__proto__")', Object.prototype],
    ['a number', 42],
    ['a boolean', true],
    ['an array', [SECRET]],
    ['a symbol', Symbol('k')],
    ['a bigint', 1n],
    ['a Date', new Date()],
    ['a Map', new Map()],
    ['a class instance', new Thing()],
    ['a CryptoKey look-alike', fake],
    ['a JWK with a getter', Object.defineProperty({ kty: 'oct' }, 'k', { get: () => 'AAAA', enumerable: true })],
    ['a key set with a getter entry', { keys: [Object.defineProperty({}, 'kty', { get: () => 'oct', enumerable: true })] }],
  ];

  it.each(NOT_KEYS)('%s', async (_, key) => {
    const token = forgeHMAC({ alg: 'HS256', kid: 'k1' }, claims, SECRET);
    await expectJWTError(verify(token, () => key as never), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(verify(token, async () => key as never), 'ERR_JWT_KEY_INVALID');
  });

  it('the same values given directly as the key are a caller\'s TypeError (a function would be a resolver)', async () => {
    const token = forgeHMAC({ alg: 'HS256' }, claims, SECRET);
    for (const [, key] of NOT_KEYS.slice(3, 12)) {
      await expectMistake(verify(token, key as never));
      await expectMistake(sign({}, key as never));
    }
  });

  it('a resolver that throws: its own error passes through unchanged (a server error, not a token failure)', async () => {
    const token = forgeHMAC({ alg: 'HS256', kid: 'k1' }, claims, SECRET);
    const failure = new Error('database down');
    expect(await rejection(verify(token, () => Promise.reject(failure)))).toBe(failure);
  });
});

describe('the payload is parsed only after the signature verifies', () => {
  it('a bad signature over a malformed payload is ERR_JWT_SIGNATURE_INVALID', async () => {
    const header = b64u({ alg: 'HS256' });
    for (const payload of ['{"a":1,"a":2}', 'not json', '[]', '{"a":' + '['.repeat(10_000)]) {
      await expectJWTError(verify(`${header}.${b64u(payload)}.${'A'.repeat(43)}`, SECRET), 'ERR_JWT_SIGNATURE_INVALID');
    }
  });

  it('a good signature over a malformed payload is ERR_JWT_INVALID', async () => {
    for (const payload of ['{"a":1,"a":2}', 'not json', '[]', '"a string"']) {
      await expectJWTError(verify(forgeHMAC({ alg: 'HS256' }, payload, SECRET), SECRET), 'ERR_JWT_INVALID');
    }
  });

  it('decode still parses (and refuses) a malformed payload', () => {
    expect(() => decode(`${b64u({ alg: 'HS256' })}.${b64u('not json')}.${'A'.repeat(43)}`)).toThrow(/payload/);
  });
});

describe('the token length is bounded', () => {
  const tokenOfLength = async (length: number) => {
    const bare = await sign({ pad: '' }, SECRET, { issuedAt: false });
    // Each character of "pad" adds 4/3 of a base64url character: find the padding that makes `length`.
    for (let pad = Math.floor(((length - bare.length) * 3) / 4) - 4; ; pad++) {
      const token = await sign({ pad: 'x'.repeat(pad) }, SECRET, { issuedAt: false });
      if (token.length >= length) return token;
    }
  };

  it('65536 characters verify by default; a longer token is ERR_JWT_INVALID, in verify and decode', async () => {
    const token = await tokenOfLength(65_530);
    expect(token.length).toBeLessThanOrEqual(65_536);
    await expect(verify(token, SECRET)).resolves.toBeDefined();
    const long = await tokenOfLength(65_537);
    expect(long.length).toBeGreaterThan(65_536);
    await expectJWTError(verify(long, SECRET), 'ERR_JWT_INVALID');
    await expectJWTError(() => decode(long), 'ERR_JWT_INVALID');
    await expect(verify(long, SECRET, { maxTokenLength: long.length })).resolves.toBeDefined();
    await expectJWTError(verify(long, SECRET, { maxTokenLength: long.length - 1 }), 'ERR_JWT_INVALID');
  });

  it('maxTokenLength must be a positive whole number', async () => {
    const token = await sign({}, SECRET);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expectMistake(verify(token, SECRET, { maxTokenLength: bad }), 'RangeError');
      await expectMistake(() => decode(token, { maxTokenLength: bad }), 'RangeError');
    }
    await expectMistake(verify(token, SECRET, { maxTokenLength: '1' as never }), 'TypeError');
  });

  it('deeply nested JSON in a signed payload is parsed without recursion or a set per level', async () => {
    const depth = 20_000;
    const payload = `{"a":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const token = forgeHMAC({ alg: 'HS256' }, payload, SECRET);
    await expect(verify(token, SECRET, { maxTokenLength: 1e6 })).resolves.toBeDefined();
    const duplicate = forgeHMAC({ alg: 'HS256' }, `{"a":${'{"a":'.repeat(depth)}{"b":1,"b":2}${'}'.repeat(depth)}}`, SECRET);
    await expectJWTError(verify(duplicate, SECRET, { maxTokenLength: 1e6 }), 'ERR_JWT_INVALID');
  });
});
