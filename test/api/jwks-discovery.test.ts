/**
 * discoverJWKS against a real server on 127.0.0.1: OpenID Connect Discovery,
 * the RFC 8414 fallback, the exact `issuer` match (mix-up defence), the
 * `jwks_uri` rule, and that metadata is read once per issuer, not per call.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { discoverJWKS, verify } from '../../src/index.js';
import { metadataURLs } from '../../src/lib/jwks/discovery.js';
import { expectJWTError, expectMistake } from '../helpers.js';
import { json, providerPerTest, signingKey } from '../jwks-provider.js';

const k1 = await signingKey('k1');

const ctx = providerPerTest([k1.publicJwk]);
/** Metadata documents served, by path. */
let documents: Record<string, object>;
beforeEach(() => {
  documents = {};
  ctx.provider.handler = (request, response) => {
    if (request.url === '/jwks') return json(response, 200, { keys: ctx.provider.keys });
    const document = documents[request.url ?? ''];
    if (document) return json(response, 200, document);
    json(response, 404, { error: 'not found' });
  };
});

describe('discoverJWKS', () => {
  it('reads the OpenID configuration of an issuer with a matching `issuer`', async () => {
    const issuer = `${ctx.provider.origin}/`;
    documents['/.well-known/openid-configuration'] = { issuer, jwks_uri: ctx.provider.jwksURL };
    const keys = await discoverJWKS(issuer);
    const { payload } = await verify(await k1.token({ iss: issuer }), keys, { issuer });
    expect(payload.iss).toBe(issuer);
    expect(ctx.provider.hits).toEqual({ '/.well-known/openid-configuration': 1, '/jwks': 1 });
    await verify(await k1.token({ iss: issuer }), await discoverJWKS(new URL(issuer)), { issuer }); // a URL names the same issuer
  });

  it('refuses metadata whose `issuer` is not exactly the one given', async () => {
    for (const named of ['https://evil.test/', `${ctx.provider.origin}`, `${ctx.provider.origin}//`, `${ctx.provider.origin}/`.toUpperCase(), undefined]) {
      const path = `/t${Math.random().toString(36).slice(2)}`;
      documents[`${path}/.well-known/openid-configuration`] = { issuer: named, jwks_uri: ctx.provider.jwksURL };
      await expectJWTError(discoverJWKS(`${ctx.provider.origin}${path}`), 'ERR_JWKS_FETCH_FAILED');
    }
    expect(ctx.provider.hits['/jwks']).toBeUndefined();
  });

  it('falls back to RFC 8414 authorization server metadata when there is no OpenID configuration', async () => {
    const issuer = `${ctx.provider.origin}/tenant/a`;
    documents['/.well-known/oauth-authorization-server/tenant/a'] = { issuer, jwks_uri: ctx.provider.jwksURL };
    await verify(await k1.token(), await discoverJWKS(issuer));
    expect(ctx.provider.hits['/tenant/a/.well-known/openid-configuration']).toBe(1);
    expect(ctx.provider.hits['/.well-known/oauth-authorization-server/tenant/a']).toBe(1);
  });

  it('does not fall back when the OpenID configuration is served but wrong', async () => {
    const issuer = `${ctx.provider.origin}/x`;
    documents['/x/.well-known/openid-configuration'] = { issuer: 'https://other.test', jwks_uri: ctx.provider.jwksURL };
    documents['/.well-known/oauth-authorization-server/x'] = { issuer, jwks_uri: ctx.provider.jwksURL };
    await expectJWTError(discoverJWKS(issuer), 'ERR_JWKS_FETCH_FAILED');
    expect(ctx.provider.hits['/.well-known/oauth-authorization-server/x']).toBeUndefined();
  });

  it('fails when neither document exists, with the status; again without a request during the cooldown', async () => {
    await expectJWTError(discoverJWKS(`${ctx.provider.origin}/none`), 'ERR_JWKS_FETCH_FAILED', { status: 404 });
    const hits = { ...ctx.provider.hits };
    expect(Object.values(hits)).toEqual([1, 1]);
    await expectJWTError(discoverJWKS(`${ctx.provider.origin}/none`), 'ERR_JWKS_FETCH_FAILED', { status: 404 });
    expect(ctx.provider.hits).toEqual(hits);
    ctx.time.advance(31);
    await expectJWTError(discoverJWKS(`${ctx.provider.origin}/none`), 'ERR_JWKS_FETCH_FAILED', { status: 404 });
    expect(Object.values(ctx.provider.hits)).toEqual([2, 2]);
  });

  it.each([
    ['missing', undefined],
    ['not a string', 42],
    ['not a URL', 'jwks'],
    ['http: to a host that is not loopback', 'http://idp.test/jwks'],
    ['another scheme', 'file:///etc/passwd'],
  ])('refuses a jwks_uri that is %s', async (_, jwksURI) => {
    const issuer = `${ctx.provider.origin}/bad`;
    documents['/bad/.well-known/openid-configuration'] = { issuer, jwks_uri: jwksURI };
    await expectJWTError(discoverJWKS(issuer), 'ERR_JWKS_FETCH_FAILED');
  });

  it('reads the metadata once per issuer for maxAge, and keeps the last jwks_uri through an outage', async () => {
    const issuer = `${ctx.provider.origin}/cached`;
    documents['/cached/.well-known/openid-configuration'] = { issuer, jwks_uri: ctx.provider.jwksURL };
    const path = '/cached/.well-known/openid-configuration';
    for (let i = 0; i < 5; i++) await verify(await k1.token(), await discoverJWKS(issuer));
    expect(ctx.provider.hits[path]).toBe(1);
    ctx.time.advance(11 * 60);
    delete documents[path]; // the metadata is gone (404): the jwks_uri found before stays in use
    await verify(await k1.token(), await discoverJWKS(issuer));
    expect(ctx.provider.hits[path]).toBe(2);
    await discoverJWKS(issuer);
    expect(ctx.provider.hits[path]).toBe(2); // within the cooldown: no request
    ctx.time.advance(24 * 3600); // past staleIfError (1 day): the outage shows
    await expectJWTError(discoverJWKS(issuer), 'ERR_JWKS_FETCH_FAILED', { status: 404 });
  });

  it('refuses an issuer with a query or fragment, or http: to a host that is not loopback, as TypeErrors', async () => {
    await expectMistake(discoverJWKS(`${ctx.provider.origin}/?tenant=a`));
    await expectMistake(discoverJWKS(`${ctx.provider.origin}/#a`));
    await expectMistake(discoverJWKS('http://idp.test/'));
    await expectMistake(discoverJWKS(`${ctx.provider.origin}/`, { maxAge: 'soon' as never }), 'RangeError');
    await expectMistake(discoverJWKS(`${ctx.provider.origin}/`, { jwksUri: '/jwks' } as never));
    expect(ctx.provider.hits).toEqual({});
  });

  it('builds the metadata URLs of OIDC Discovery §4.1 and RFC 8414 §3.1', () => {
    const urls = (issuer: string) => metadataURLs(new URL(issuer)).map(String);
    expect(urls('https://idp.test')).toEqual([
      'https://idp.test/.well-known/openid-configuration',
      'https://idp.test/.well-known/oauth-authorization-server',
    ]);
    expect(urls('https://idp.test/realms/a/')).toEqual([
      'https://idp.test/realms/a/.well-known/openid-configuration',
      'https://idp.test/.well-known/oauth-authorization-server/realms/a',
    ]);
  });
});
