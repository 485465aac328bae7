/**
 * The type guards of the algorithm and key-type tables take only strings: a
 * value that converts to a table's key (an array, an object with `toString`)
 * is not a name, though `Object.hasOwn` would find it. And a public JWK keeps
 * `key_ops` only as the "verify" members of an array.
 */
import { describe, expect, it } from 'vitest';
import { isAlgorithm } from '../../src/lib/algorithms.js';
import { isKeyType, publicMembers } from '../../src/lib/jwk.js';

describe('type guards', () => {
  const guards = { isAlgorithm, isKeyType } as const;
  it.each([
    ['isAlgorithm', 'HS256', true],
    ['isAlgorithm', 'EdDSA', true],
    ['isAlgorithm', ['HS256'], false],
    ['isAlgorithm', { toString: (): string => 'HS256' }, false],
    ['isAlgorithm', 'hs256', false],
    ['isAlgorithm', 'toString', false],
    ['isKeyType', 'oct', true],
    ['isKeyType', 'RSA', true],
    ['isKeyType', ['oct'], false],
    ['isKeyType', { toString: (): string => 'EC' }, false],
    ['isKeyType', 'constructor', false],
  ] as const)('%s(%j) is %s', (guard, value, expected) => {
    expect(guards[guard](value)).toBe(expected);
  });
});

describe('publicMembers', () => {
  it('drops a key_ops that is not an array, and keeps only "verify" of one that is', () => {
    expect(publicMembers({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', key_ops: 'sign' }, 'EC')).toEqual({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' });
    expect(publicMembers({ kty: 'OKP', crv: 'Ed25519', x: 'x', key_ops: ['sign', 'verify'], ext: true }, 'OKP')).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: 'x',
      key_ops: ['verify'],
    });
  });
});
