/**
 * Key sets at their edges: what counts as a key set, selection when keys lack
 * a `kid` or a `crv`, which keys count as public (a fetched set keeps only
 * those), and stored cache entries that are not quite entries.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, verify, type JWK, type JWKS } from '../../src/index.js';
import { isJWKS, isPublicKey, selectKey, soundKeys } from '../../src/lib/jwks/select.js';
import { publicKeySet, storedEntry } from '../../src/lib/jwks/shape.js';
import { expectJWTError } from '../helpers.js';
import { expectDistinctFailures } from './kit.js';

const jwk = (key: KeyObject, extra: Partial<JWK> = {}): JWK => ({ ...(key.export({ format: 'jwk' }) as JWK), ...extra });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = generateKeyPairSync('ed25519');
const SECRET = 'jwks-select-shape-test-secret-0123456789';
const oct = (kid?: string): JWK => ({ kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), ...(kid ? { kid } : {}) });

describe('what a key set is', () => {
  it('a JWK that happens to have a "keys" member is a key, not a set', async () => {
    const key = { ...oct(), keys: [] } as JWK;
    expect(isJWKS(key)).toBe(false);
    expect(isJWKS({ keys: [] })).toBe(true);
    await expect(verify(await sign({}, SECRET), key)).resolves.toBeDefined();
  });

  it('each refusal of an unsound set has its own message', async () => {
    const t = () => ({ alg: 'ES256' }) as never;
    await expectDistinctFailures([
      ['keys not an array', 'ERR_JWT_KEY_INVALID', () => selectKey({ keys: 'x' } as never, t())],
      ['an accessor', 'ERR_JWT_KEY_INVALID', () => selectKey({ keys: [Object.defineProperty({ kty: 'EC' }, 'x', { get: () => 'x', enumerable: true })] } as never, t())],
      ['a duplicate kid', 'ERR_JWT_KEY_INVALID', () => selectKey({ keys: [jwk(ec.publicKey, { kid: 'a' }), jwk(ed.publicKey, { kid: 'a' })] }, t())],
      ['a mix', 'ERR_JWT_KEY_INVALID', () => selectKey({ keys: [jwk(ec.publicKey), oct()] }, t())],
      ['ambiguous: a key without a kid', 'ERR_JWT_KEY_INVALID', () => selectKey({ keys: [jwk(ec.publicKey, { kid: 'a' }), jwk(ec.publicKey)] }, t())],
      ['no kid in the token, which each key has', 'ERR_JWKS_NO_MATCHING_KEY', () => selectKey({ keys: [jwk(ec.publicKey, { kid: 'a' }), jwk(ec.publicKey, { kid: 'b' })] }, t())],
      ['no match', 'ERR_JWKS_NO_MATCHING_KEY', () => selectKey({ keys: [jwk(ed.publicKey)] }, t())],
    ]);
    // An entry that is not an object: the same message as "keys" not being an array (both: not an array of JWKs).
    const entry = await expectJWTError(() => selectKey({ keys: [null] } as never, t()), 'ERR_JWT_KEY_INVALID');
    expect(entry.message).not.toBe('');
  });
});

describe('selection', () => {
  it('finds nothing for an alg outside the table, without reading a table entry', () => {
    expect(() => selectKey({ keys: [jwk(ec.publicKey)] }, { alg: 'XS999' } as never)).toThrow(expect.objectContaining({ code: 'ERR_JWKS_NO_MATCHING_KEY' }));
    expect(() => selectKey({ keys: [jwk(ec.publicKey)] }, { alg: 'toString' } as never)).toThrow(expect.objectContaining({ code: 'ERR_JWKS_NO_MATCHING_KEY' }));
  });

  it('keys without a kid are told apart by type: two of them are not duplicates', async () => {
    const set: JWKS = { keys: [jwk(ec.publicKey), jwk(ed.publicKey)] };
    expect(soundKeys(set)).toHaveLength(2);
    await expect(verify(await sign({}, ec.privateKey), set)).resolves.toBeDefined();
    await expect(verify(await sign({}, ed.privateKey), set)).resolves.toBeDefined();
  });

  it('a key without "crv" is a candidate for its type (and then refused as a key), not silently skipped', async () => {
    const { crv: _, ...noCurve } = jwk(ec.publicKey);
    expect(selectKey({ keys: [noCurve as JWK] }, { alg: 'ES256' })).toEqual(noCurve);
    await expectJWTError(verify(await sign({}, ec.privateKey), { keys: [noCurve as JWK] }), 'ERR_JWT_KEY_INVALID');
  });
});

describe('public keys', () => {
  const rsaPublic = { kty: 'RSA', n: 'AQAB', e: 'AQAB' };
  it.each<[string, Record<string, unknown>, boolean]>([
    ['an EC public key', jwk(ec.publicKey), true],
    ['an EC private key', jwk(ec.privateKey), false],
    ['an RSA public key', rsaPublic, true],
    ['an RSA key with only "d" of its private members', { ...rsaPublic, d: 'AQAB' }, false],
    ['an RSA key with only "qi"', { ...rsaPublic, qi: 'AQAB' }, false],
    ['a secret', oct(), false],
    ['a secret without "k"', { kty: 'oct' }, false],
    ['a key of an unknown type', { kty: 'AKP', pub: 'AQAB' }, false],
    ['a key whose type is a prototype member', { kty: 'toString' }, false],
  ])('%s: %s', (_, key, expected) => {
    expect(isPublicKey(key)).toBe(expected);
  });

  it('a fetched set keeps its public keys of known types, and nothing else', () => {
    const kept = jwk(ec.publicKey, { kid: 'pub', ext: null } as never);
    const set = publicKeySet({ keys: [kept, oct('s'), { kty: 'oct', kid: 'empty' }, { ...rsaPublic, d: 'AQAB', kid: 'd' }, { kty: 'AKP', kid: 'pq' }] });
    expect(set).toEqual({ keys: [kept] });
    expect(Object.isFrozen((set as JWKS).keys[0])).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an object without keys', {}],
    ['keys that is not an array', { keys: 'x' }],
    ['an entry without kty', { keys: [{ x: 'a' }] }],
    ['an entry that is not an object', { keys: [1] }],
    ['two keys with one kid', { keys: [jwk(ec.publicKey, { kid: 'a' }), jwk(ed.publicKey, { kid: 'a' })] }],
  ])('is not a usable set: %s, and says why', (_, value) => {
    const why = publicKeySet(value);
    expect(typeof why).toBe('string');
    expect((why as string).length).toBeGreaterThan(0);
  });

  it('says different things for different faults', () => {
    const whys = [null, { keys: [1] }, { keys: [jwk(ec.publicKey, { kid: 'a' }), jwk(ed.publicKey, { kid: 'a' })] }].map(publicKeySet);
    expect(new Set(whys).size).toBe(3);
  });
});

describe('stored entries', () => {
  const jwks = { keys: [jwk(ec.publicKey, { kid: 'a' })] };
  it('without expiresAt: fresh for the default lifetime from when it was fetched', () => {
    expect(storedEntry({ jwks, fetchedAt: 1000 }, 500, 10_000)).toMatchObject({ fetchedAt: 1000, expiresAt: 1500 });
  });

  it('an expiresAt is kept, but never beyond the longest lifetime', () => {
    expect(storedEntry({ jwks, fetchedAt: 1000, expiresAt: 1200 }, 500, 10_000)).toMatchObject({ expiresAt: 1200 });
    expect(storedEntry({ jwks, fetchedAt: 1000, expiresAt: 99_999 }, 500, 10_000)).toMatchObject({ expiresAt: 11_000 });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a fetchedAt that is a string', { jwks, fetchedAt: '1000' }],
    ['a fetchedAt that is not finite', { jwks, fetchedAt: Infinity }],
    ['a fetchedAt that is NaN', { jwks, fetchedAt: NaN }],
    ['an expiresAt that is a string', { jwks, fetchedAt: 1000, expiresAt: 'later' }],
    ['an expiresAt that is NaN', { jwks, fetchedAt: 1000, expiresAt: NaN }],
    ['an expiresAt that is null', { jwks, fetchedAt: 1000, expiresAt: null }],
    ['a set that is not one', { jwks: { keys: 'x' }, fetchedAt: 1000 }],
  ])('is no entry: %s', (_, value) => {
    expect(storedEntry(value, 500, 10_000)).toBeUndefined();
  });
});
