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
  it.each([
    ['HS256', true],
    ['EdDSA', true],
    [['HS256'], false],
    [{ toString: (): string => 'HS256' }, false],
    ['hs256', false],
    ['toString', false],
  ])('isAlgorithm(%j) is %s', (name, expected) => {
    expect(isAlgorithm(name)).toBe(expected);
  });

  it.each([
    ['oct', true],
    ['RSA', true],
    [['oct'], false],
    [{ toString: (): string => 'EC' }, false],
    ['constructor', false],
  ])('isKeyType(%j) is %s', (kty, expected) => {
    expect(isKeyType(kty)).toBe(expected);
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
