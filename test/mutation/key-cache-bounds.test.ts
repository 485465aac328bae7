/**
 * The caches of src/lib/keys.ts: each distinct key is inspected once (the
 * same InspectedKey, hence one import per algorithm and usage), the content
 * cache holds at most 100 entries and drops the oldest first, a KeyObject is
 * remembered with the object, and two different JWKs never share an entry.
 * Identity (`toBe`) is how a test sees "inspected once".
 */
import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { JWK } from '../../src/index.js';
import { clearKeyCache, inspectKey } from '../../src/lib/keys.js';
import { failure } from './kit.js';

const MAX_CACHED = 100;
const secret = (i: number | string) => `key-cache-bounds-secret-number-${i}-of-many`;
const k = Buffer.from(secret('k')).toString('base64url');

beforeEach(() => clearKeyCache());

describe('each distinct key is inspected once', () => {
  it('gives the same inspection for the same string, bytes and JWK, until the cache is cleared', () => {
    const inputs = [() => secret('s'), () => new TextEncoder().encode(secret('b')), () => ({ kty: 'oct', k }) as JWK];
    const first = inputs.map((input) => inspectKey(input()));
    inputs.forEach((input, i) => expect(inspectKey(input())).toBe(first[i]));
    clearKeyCache();
    inputs.forEach((input, i) => {
      const again = inspectKey(input());
      expect(again).not.toBe(first[i]);
      expect(again.algorithms).toEqual(first[i]!.algorithms);
    });
  });

  it('gives a JWK with a kid its kid, on the shared inspection of the same key', () => {
    const plain = inspectKey({ kty: 'oct', k });
    const named = inspectKey({ kty: 'oct', k, kid: 'a' });
    expect(named.kid).toBe('a');
    expect(plain.kid).toBeUndefined();
    expect(named.imported).toBe(plain.imported);
  });

  it('remembers a KeyObject with the object', () => {
    const key = createSecretKey(Buffer.from(secret('object')));
    expect(inspectKey(key)).toBe(inspectKey(key));
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(inspectKey(privateKey)).toBe(inspectKey(privateKey));
  });
});

describe('the cache of string keys and of bytes and JWKs holds the last 100, dropping the oldest first', () => {
  it.each([
    ['strings', (i: number) => secret(i)],
    ['bytes', (i: number) => new TextEncoder().encode(secret(i))],
    ['JWKs', (i: number) => ({ kty: 'oct', k: Buffer.from(secret(i)).toString('base64url') }) as JWK],
  ])('%s', (_, input) => {
    const first = inspectKey(input(0));
    expect(inspectKey(input(1))).toBe(inspectKey(input(1)));
    expect(inspectKey(input(0))).toBe(first); // a second key does not push out the first
    for (let i = 2; i < MAX_CACHED; i++) inspectKey(input(i));
    expect(inspectKey(input(0))).toBe(first); // 100 keys: all held
    inspectKey(input(MAX_CACHED));
    const again = inspectKey(input(0)); // the 101st pushed out the oldest
    expect(again).not.toBe(first);
    expect(again.algorithms).toEqual(first.algorithms);
  });

  it('keeps secret KeyObjects out of it: they are remembered with the object, and push out no other key', () => {
    const jwk = inspectKey({ kty: 'oct', k });
    for (let i = 0; i < MAX_CACHED + 1; i++) inspectKey(createSecretKey(Buffer.from(secret(i))));
    expect(inspectKey({ kty: 'oct', k })).toBe(jwk);
  });
});

describe('two different JWKs never share an entry', () => {
  it('key_ops lists that join to the same text stay apart', async () => {
    // Joined with commas, ["sign", "verify,x"] and ["sign,verify", "x"] read alike; only the first allows signing.
    const signer = inspectKey({ kty: 'oct', k, key_ops: ['sign', 'verify,x'] });
    expect(signer.usages).toEqual(['sign', 'verify,x']);
    const other = inspectKey({ kty: 'oct', k, key_ops: ['sign,verify', 'x'] });
    expect(other.usages).toEqual(['sign,verify', 'x']);
  });

  it('an EC JWK is not the OKP JWK with the same members', async () => {
    const okp = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as JWK;
    expect(inspectKey(okp).kty).toBe('OKP');
    // The same crv, x and d under kty "EC": an EC key without "y" (and an EC "Ed25519" curve) is no key.
    expect((await failure(() => inspectKey({ ...okp, kty: 'EC' }))).kind).toBe('ERR_JWT_KEY_INVALID');
  });

  it('an oct JWK is not a JWK of another kty with the same "k"', async () => {
    inspectKey({ kty: 'oct', k });
    expect((await failure(() => inspectKey({ kty: 'XYZ', k } as never))).kind).toBe('ERR_JWT_KEY_INVALID');
    expect((await failure(() => inspectKey({ kty: 5, k } as never))).kind).toBe('ERR_JWT_KEY_INVALID');
  });
});
