/**
 * The registry that lets remote key sets for the same URL and options share
 * one state: least recently used first out, bounded.
 */
import { describe, expect, it } from 'vitest';
import { BoundedMap, MAX_SHARED_SETS, sharedState } from '../../src/lib/jwks/state.js';

describe('BoundedMap', () => {
  it('forgets the least recently used entry beyond its bound', () => {
    const map = new BoundedMap<number>(3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) map.set(key, i);
    expect(map.get('a')).toBe(0); // now the most recently used
    map.set('d', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.get('d')]).toEqual([0, undefined, 2, 3]);
    map.set('c', 9); // replacing counts as a use, and adds nothing
    map.set('e', 4);
    expect([map.get('a'), map.get('c'), map.get('d'), map.get('e')]).toEqual([undefined, 9, 3, 4]);
  });
});

describe('sharedState', () => {
  it('is one state per key, and the registry holds at most MAX_SHARED_SETS', () => {
    const first = sharedState('registry-test-0');
    expect(sharedState('registry-test-0')).toBe(first);
    for (let i = 1; i <= MAX_SHARED_SETS; i++) sharedState(`registry-test-${i}`);
    expect(sharedState('registry-test-0')).not.toBe(first); // evicted: a new state
    expect(sharedState(`registry-test-${MAX_SHARED_SETS}`)).toBe(sharedState(`registry-test-${MAX_SHARED_SETS}`));
  });
});
