/**
 * webjwt/testing: createTestIssuer. Tokens with filled-in claims for every
 * algorithm; past and future times; fresh keys per issuer; the in-memory fetch
 * that discovery and remote key sets use; rotation; serve() on 127.0.0.1; the
 * caller's mistakes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRemoteJWKSet, decode, discoverJWKS, verify, type JWSAlgorithm } from '../../src/index.js';
import { createTestIssuer, type TestIssuerServer } from '../../src/testing.js';
import { expectJWTError, expectMistake } from '../helpers.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const now = NOW.getTime() / 1000;
const ALGORITHMS: JWSAlgorithm[] = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

describe('createTestIssuer: sign', { timeout: 30_000 }, () => {
  it.each(ALGORITHMS)('%s: iss, aud, iat, exp (+5 min) and kid filled in; its key set verifies', async (alg) => {
    const idp = await createTestIssuer({ alg, issuer: 'https://idp.test', audience: 'api' });
    const token = await idp.sign({ sub: 'user-1' }, { currentDate: NOW });
    const { header, payload } = await verify(token, idp.jwks, { issuer: 'https://idp.test', audience: 'api', currentDate: NOW });
    expect(header).toEqual({ alg, typ: 'JWT', kid: idp.kid });
    expect(payload).toEqual({ sub: 'user-1', iss: 'https://idp.test', aud: 'api', iat: now, exp: now + 300 });
    expect(idp.alg).toBe(alg);
  });

  it('defaults: ES256, https://idp.test, no audience, 5 minutes', async () => {
    const idp = await createTestIssuer();
    const { header, payload } = decode(await idp.sign({ sub: 'u' }, { currentDate: NOW }));
    expect(header.alg).toBe('ES256');
    expect(payload).toEqual({ sub: 'u', iss: 'https://idp.test', iat: now, exp: now + 300 });
    expect(idp.issuer).toBe('https://idp.test');
  });

  it('expiresIn: -60 is already expired; notBefore: "1h" not yet valid; the issuer\'s expiresIn is the default', async () => {
    const idp = await createTestIssuer({ expiresIn: '1h' });
    const at = { currentDate: NOW };
    const expired = await expectJWTError(verify(await idp.sign({ sub: 'u' }, { ...at, expiresIn: -60 }), idp.jwks, at), 'ERR_JWT_EXPIRED');
    expect(expired.expiredAt).toEqual(new Date((now - 60) * 1000));
    const early = await expectJWTError(verify(await idp.sign({ sub: 'u' }, { ...at, notBefore: '1h' }), idp.jwks, at), 'ERR_JWT_NOT_YET_VALID');
    expect(early.notBefore).toEqual(new Date((now + 3600) * 1000));
    expect(decode(await idp.sign({}, at)).payload.exp).toBe(now + 3600);
    expect(decode(await idp.sign({}, { ...at, notBefore: -30 })).payload.nbf).toBe(now - 30);
    expect(decode(await idp.sign({}, { ...at, expiresIn: false })).payload).toEqual({ iss: 'https://idp.test', iat: now });
  });

  it('claims in the payload win over the defaults; an explicit option that conflicts is a TypeError', async () => {
    const idp = await createTestIssuer({ audience: 'api' });
    const { payload } = decode(await idp.sign({ iss: 'https://other.test', aud: 'web', exp: now + 10 }, { currentDate: NOW }));
    expect(payload).toEqual({ iss: 'https://other.test', aud: 'web', exp: now + 10, iat: now });
    expect(decode(await idp.sign({}, { audience: ['a', 'b'], issuer: 'https://x.test' })).payload).toMatchObject({ aud: ['a', 'b'], iss: 'https://x.test' });
    await expectMistake(idp.sign({ aud: 'web' }, { audience: 'api' }));
    await expectMistake(idp.sign({ exp: now }, { expiresIn: '1m' }));
  });

  it('a kid of the caller\'s choosing; alg is the issuer\'s', async () => {
    const idp = await createTestIssuer();
    const token = await idp.sign({}, { kid: 'unknown' });
    expect(decode(token).header.kid).toBe('unknown');
    await expectJWTError(verify(token, idp.jwks), 'ERR_JWKS_NO_MATCHING_KEY');
    await expectMistake(idp.sign({}, { alg: 'ES384' } as never));
  });

  it('two issuers never share a key: a token "from another key" is one line', async () => {
    const idp = await createTestIssuer();
    const other = await createTestIssuer();
    expect(other.kid).not.toBe(idp.kid);
    await expectJWTError(verify(await other.sign({ sub: 'u' }), idp.jwks), 'ERR_JWKS_NO_MATCHING_KEY');
    await expectJWTError(verify(await other.sign({ sub: 'u' }, { kid: idp.kid }), idp.jwks), 'ERR_JWT_SIGNATURE_INVALID');
  });
});

describe('createTestIssuer: fetch, discovery and remote key sets', () => {
  it('serves the discovery document and the public key set, 404 and 405 otherwise', async () => {
    const idp = await createTestIssuer({ issuer: 'https://idp.test/tenant-a', alg: 'EdDSA' });
    const metadata = await idp.fetch('https://idp.test/tenant-a/.well-known/openid-configuration');
    expect(metadata.status).toBe(200);
    expect(await metadata.json()).toMatchObject({ issuer: 'https://idp.test/tenant-a', jwks_uri: idp.jwksURL });
    expect(idp.jwksURL).toBe('https://idp.test/tenant-a/.well-known/jwks.json');
    const jwks = await idp.fetch(new URL(idp.jwksURL));
    expect(jwks.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(await jwks.json()).toEqual(idp.jwks);
    expect(idp.jwks.keys.every((key) => key.d === undefined && key.use === 'sig' && key.alg === 'EdDSA')).toBe(true);
    expect((await idp.fetch('https://idp.test/.well-known/oauth-authorization-server/tenant-a')).status).toBe(200);
    expect((await idp.fetch({ url: idp.jwksURL, method: 'GET' })).status).toBe(200);
    expect((await idp.fetch('https://idp.test/tenant-b/.well-known/jwks.json')).status).toBe(404);
    expect((await idp.fetch('https://elsewhere.test/tenant-a/.well-known/jwks.json')).status).toBe(404);
    expect((await idp.fetch(idp.jwksURL, { method: 'POST' })).status).toBe(405);
    const head = await idp.fetch(idp.jwksURL, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    const aborted = new AbortController();
    aborted.abort(new Error('gone'));
    await expect(idp.fetch(idp.jwksURL, { signal: aborted.signal })).rejects.toThrow('gone');
  });

  it('discoverJWKS(idp.issuer, { fetch: idp.fetch }) and createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch }), no network', async () => {
    const idp = await createTestIssuer({ alg: 'ES384', audience: 'api' });
    const options = { issuer: idp.issuer, audience: 'api' };
    const token = await idp.sign({ sub: 'u' });
    const discovered = await discoverJWKS(idp.issuer, { fetch: idp.fetch });
    expect((await verify(token, discovered, options)).payload.sub).toBe('u');
    const remote = createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch });
    expect((await verify(token, remote, options)).payload.sub).toBe('u');
    await expectJWTError(verify(await (await createTestIssuer({ alg: 'ES384' })).sign({}), remote), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  it('rotate(): a new current key, the old one published until retire()', async () => {
    const idp = await createTestIssuer({ alg: 'PS256' });
    const keys = createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch, cooldown: 0, maxAge: 0 });
    const before = await idp.sign({ sub: 'before' });
    const oldKid = idp.kid;
    await idp.rotate();
    expect(idp.kid).not.toBe(oldKid);
    expect(idp.jwks.keys.map((key) => key.kid)).toEqual([oldKid, idp.kid]);
    const after = await idp.sign({ sub: 'after' });
    expect(decode(after).header.kid).toBe(idp.kid);
    for (const token of [before, after]) await verify(token, keys);
    idp.retire();
    expect(idp.jwks.keys.map((key) => key.kid)).toEqual([idp.kid]);
    await verify(after, keys);
    await expectJWTError(verify(before, keys), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  it('an HS256 issuer: its jwks holds the secrets, which fetch never serves', async () => {
    const idp = await createTestIssuer({ alg: 'HS256' });
    const token = await idp.sign({ sub: 'u' });
    expect(idp.jwks.keys).toEqual([{ kty: 'oct', k: expect.any(String), alg: 'HS256', use: 'sig', kid: idp.kid }]);
    await verify(token, idp.jwks);
    await verify(token, idp.jwks.keys[0]!);
    expect(await (await idp.fetch(idp.jwksURL)).json()).toEqual({ keys: [] });
    await expectJWTError(verify(token, createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch })), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  it('jwks is a copy: changing it changes nothing', async () => {
    const idp = await createTestIssuer();
    idp.jwks.keys.pop();
    expect(idp.jwks.keys).toHaveLength(1);
  });
});

describe('createTestIssuer: serve()', () => {
  let server: TestIssuerServer | undefined;
  afterEach(async () => server?.close());

  it('serves the same documents on 127.0.0.1, for code that uses the real fetch', async () => {
    const idp = await createTestIssuer({ alg: 'RS256', audience: 'api' });
    server = await idp.serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metadata = await (await fetch(`${server.url}/.well-known/openid-configuration`)).json();
    expect(metadata).toMatchObject({ issuer: idp.issuer, jwks_uri: server.jwksURL });
    const keys = createRemoteJWKSet(server.jwksURL);
    const { payload } = await verify(await idp.sign({ sub: 'u' }), keys, { issuer: idp.issuer, audience: 'api' });
    expect(payload.sub).toBe('u');
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
    await server.close();
    await expect(fetch(server.jwksURL)).rejects.toThrow();
    server = undefined;
  });

  it('keeps the issuer\'s path', async () => {
    const idp = await createTestIssuer({ issuer: 'https://idp.test/realms/main/' });
    server = await idp.serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/realms\/main$/);
    expect(await (await fetch(server.jwksURL)).json()).toEqual(idp.jwks);
  });

  it("in workerd, whose nodejs_compat node:http listens on no real socket, it is a TypeError", async () => {
    vi.stubGlobal('navigator', { userAgent: 'Cloudflare-Workers' });
    try {
      await expectMistake((await createTestIssuer()).serve());
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('without node:http (browsers) it is a TypeError; the rest works', async () => {
    const { getBuiltinModule } = process;
    Object.assign(process, { getBuiltinModule: undefined });
    try {
      const idp = await createTestIssuer();
      await expectMistake(idp.serve());
      await verify(await idp.sign({}), idp.jwks);
    } finally {
      Object.assign(process, { getBuiltinModule });
    }
  });
});

describe('createTestIssuer: the caller\'s mistakes', () => {
  it('an unknown option, an issuer that is not a URL, an unknown algorithm', async () => {
    await expectMistake(createTestIssuer({ audiance: 'api' } as never));
    await expectMistake(createTestIssuer(null as never));
    for (const issuer of ['idp.test', 'ftp://idp.test', 'https://idp.test/?a=1', 'https://idp.test/#x', 42]) {
      await expectMistake(createTestIssuer({ issuer: issuer as never }));
    }
    await expectMistake(createTestIssuer({ alg: 'none' as never }), 'RangeError');
    await expectMistake(createTestIssuer({ alg: 'HS1024' as never }), 'RangeError');
  });
});
