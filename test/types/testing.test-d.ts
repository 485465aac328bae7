/**
 * Type-level tests of webjwt/testing (vitest typecheck; nothing here runs).
 */
import { describe, expectTypeOf, it } from 'vitest';
import { createRemoteJWKSet, discoverJWKS, verify, type JWKS, type JWKSFetch } from '../../src/index.js';
import { createTestIssuer, type TestIssuer, type TestIssuerServer } from '../../src/testing.js';

declare const idp: TestIssuer;

describe('webjwt/testing', () => {
  it('createTestIssuer takes its options and returns a TestIssuer', () => {
    expectTypeOf(createTestIssuer({ alg: 'ES256', issuer: 'https://idp.test', audience: 'api' })).toEqualTypeOf<Promise<TestIssuer>>();
    // @ts-expect-error: a misspelt option
    void createTestIssuer({ audiance: 'api' });
    // @ts-expect-error: not an algorithm
    void createTestIssuer({ alg: 'none' });
  });

  it('sign: the options of sign but alg, with negative durations and expiresIn false', () => {
    expectTypeOf(idp.sign({ sub: 'u' })).toEqualTypeOf<Promise<string>>();
    void idp.sign({ sub: 'u' }, { expiresIn: -60, notBefore: '1h', audience: ['a'], kid: 'k' });
    void idp.sign({}, { expiresIn: false });
    // @ts-expect-error: the issuer's algorithm is fixed
    void idp.sign({}, { alg: 'HS256' });
    // @ts-expect-error: a registered claim of the wrong type
    void idp.sign({ exp: 'soon' });
  });

  it('fetch is a JWKSFetch, and a fetch for code that takes the global one', () => {
    expectTypeOf(idp.fetch).toExtend<JWKSFetch>();
    expectTypeOf(idp.fetch).toExtend<typeof fetch>();
    void discoverJWKS(idp.issuer, { fetch: idp.fetch });
    void createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch });
  });

  it('jwks is a key for verify; serve() gives a url and close()', async () => {
    expectTypeOf(idp.jwks).toEqualTypeOf<JWKS>();
    void verify('token', idp.jwks);
    expectTypeOf(idp.serve()).toEqualTypeOf<Promise<TestIssuerServer>>();
    expectTypeOf((await idp.serve()).close()).toEqualTypeOf<Promise<void>>();
    expectTypeOf(idp.retire()).toEqualTypeOf<void>();
    expectTypeOf(idp.rotate()).toEqualTypeOf<Promise<void>>();
  });
});
