/**
 * The key cache must never answer for a different key (issue 11, finding 6).
 * A JWK's own data members are copied once per call and type-checked before
 * the cache is consulted; the fingerprint and the key come from that copy. So
 * for every case, a warm cache (an honest look-alike JWK used first) gives the
 * verdict a cold cache gives.
 */
import { generateKeyPairSync } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { isJWTError, sign, verify, type JWK } from '../../src/index.js';
import { clearKeyCache } from '../../src/lib/keys.js';

const SECRET = Buffer.from('a-legitimate-secret-that-is-32+-bytes-long');
const k = SECRET.toString('base64url');
const EC = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as JWK;

/** The verdict of signing then verifying with `jwk`: the token, or the error code / error name. */
async function verdict(jwk: () => JWK): Promise<string> {
  try {
    const token = await sign({ sub: 'u' }, jwk());
    await verify(token, jwk());
    return 'ok';
  } catch (error) {
    return isJWTError(error) ? error.code : (error as Error).name;
  }
}

beforeEach(() => clearKeyCache());

describe('warm and cold caches give the same verdict', () => {
  const CASES: [string, () => JWK, () => JWK][] = [
    // [case, the honest JWK that warms the cache, the JWK under test]
    ['alg: null', () => ({ kty: 'oct', k }), () => ({ kty: 'oct', k, alg: null }) as never],
    ['use: null', () => ({ kty: 'oct', k }), () => ({ kty: 'oct', k, use: null }) as never],
    ['key_ops: null', () => ({ kty: 'oct', k }), () => ({ kty: 'oct', k, key_ops: null }) as never],
    ['kid: null', () => ({ kty: 'oct', k }), () => ({ kty: 'oct', k, kid: null }) as never],
    ['d: null on a private EC key', () => ({ ...EC }), () => ({ ...EC, d: null }) as never],
    ['alg with a toJSON', () => ({ kty: 'oct', k, alg: 'HS256' }), () => ({ kty: 'oct', k, alg: { toJSON: () => 'HS256' } }) as never],
    ['k with a toJSON', () => ({ kty: 'oct', k }), () => ({ kty: 'oct', k: { toJSON: () => k } }) as never],
    ['key_ops with a toJSON', () => ({ kty: 'oct', k, key_ops: ['sign', 'verify'] }), () => ({ kty: 'oct', k, key_ops: Object.assign(['encrypt'], { toJSON: () => ['sign', 'verify'] }) }) as never],
    ['key_ops repeating a value', () => ({ kty: 'oct', k, key_ops: ['sign', 'verify'] }), () => ({ kty: 'oct', k, key_ops: ['sign', 'verify', 'sign'] })],
    ['key_ops with a hole', () => ({ kty: 'oct', k, key_ops: ['sign', 'verify'] }), () => ({ kty: 'oct', k, key_ops: ['sign', , 'verify'] }) as never], // eslint-disable-line no-sparse-arrays
    ['an honest copy', () => ({ kty: 'oct', k }), () => ({ kty: 'oct', k })],
    ['an honest copy with another kid', () => ({ kty: 'oct', k, kid: 'a' }), () => ({ kty: 'oct', k, kid: 'b' })],
    ['an EC key without d, warmed by the private one', () => ({ ...EC }), () => ({ kty: 'EC', crv: EC.crv, x: EC.x, y: EC.y })],
    ['an oct key with a "crv"', () => ({ kty: 'oct', k }), () => ({ kty: 'oct', k, crv: 'P-256' })],
    ['an EC key with an "oth"', () => ({ ...EC }), () => ({ ...EC, oth: 'x' })],
  ];

  it.each(CASES)('%s', async (_, honest, tested) => {
    clearKeyCache();
    const cold = await verdict(tested);
    clearKeyCache();
    expect(await verdict(honest)).toBe('ok');
    const warm = await verdict(tested);
    expect(warm).toBe(cold);
  });

  it('null members and toJSON stand-ins are refused, and an honest copy is accepted', async () => {
    const outcomes = await Promise.all(CASES.map(([, , tested]) => verdict(tested)));
    expect(outcomes).toEqual([
      ...Array(10).fill('ERR_JWT_KEY_INVALID'),
      'ok',
      'ok',
      'ERR_JWT_KEY_INVALID', // a public key cannot sign
      'ERR_JWT_KEY_INVALID',
      'ERR_JWT_KEY_INVALID',
    ]);
  });
});

describe('a polluted toJSON cannot merge cache entries', () => {
  it('two different keys stay two keys', async () => {
    const other = Buffer.from('another-legitimate-secret-of-32+-bytes').toString('base64url');
    const token = await sign({}, { kty: 'oct', k });
    const proto = Object.prototype as Record<string, unknown>;
    proto.toJSON = () => 0;
    let outcome: unknown;
    try {
      await verify(token, { kty: 'oct', k }); // warms the cache with k
      outcome = await verify(token, { kty: 'oct', k: other }).then(() => 'accepted', (e: unknown) => e);
    } finally {
      delete proto.toJSON;
    }
    expect(isJWTError(outcome, 'ERR_JWT_SIGNATURE_INVALID')).toBe(true);
  });
});

describe('a JWK is read once per call', () => {
  it('mutating key_ops after use does not change what an equal JWK gets', async () => {
    const ops = ['sign', 'verify'];
    const first: JWK = { kty: 'oct', k, key_ops: ops };
    const token = await sign({}, first);
    ops[0] = 'encrypt'; // the caller changes its array
    ops[1] = 'decrypt';
    await expect(verify(token, { kty: 'oct', k, key_ops: ['sign', 'verify'] })).resolves.toBeDefined();
    const error = await verify(token, first).catch((e: unknown) => e);
    expect(isJWTError(error, 'ERR_JWT_KEY_INVALID')).toBe(true); // `first` now says encrypt/decrypt
  });

  it('a JWK with a getter is refused (a getter could answer differently each time)', async () => {
    let reads = 0;
    const jwk = Object.defineProperty({ kty: 'oct' }, 'k', {
      get: () => (++reads === 1 ? k : Buffer.from('another secret that is also 32+ bytes long').toString('base64url')),
      enumerable: true,
    }) as JWK;
    await expect(sign({}, jwk)).rejects.toThrow(TypeError);
    expect(reads).toBe(0);
  });

  it('a proxy is read once per member: the copy is what gets checked and used', async () => {
    const reads: string[] = [];
    const jwk = new Proxy({ kty: 'oct', k } as JWK, {
      get(target, name) {
        reads.push(String(name));
        return Reflect.get(target, name);
      },
    });
    const token = await sign({}, jwk);
    await expect(verify(token, { kty: 'oct', k })).resolves.toBeDefined();
    // Members were read through their descriptors, once; only the type checks' Symbol.toStringTag went through get.
    expect(reads.filter((name) => !name.startsWith('Symbol('))).toEqual([]);
  });
});
