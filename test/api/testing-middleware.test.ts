/**
 * An app's auth middleware (plain node:http, no framework) tested end to end
 * with webjwt/testing, as the README shows: a real server on 127.0.0.1, real
 * requests with `Authorization: Bearer …`, the keys from a remote set fed by
 * the issuer's in-memory fetch. Valid, expired, not yet valid, wrong audience,
 * a foreign key, a rotated key, a payload the app's schema refuses. And the
 * README's ten-line example, on a fetch-style handler, as written there.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRemoteJWKSet, isJWTError, verify, type RemoteJWKSet } from '../../src/index.js';
import { createTestIssuer, type TestIssuer } from '../../src/testing.js';

const Claims = z.object({ sub: z.string(), scope: z.string().default('') });
type AuthenticatedRequest = IncomingMessage & { user?: z.infer<typeof Claims> };

/** The middleware under test: what an app would write. */
function requireAuth(keys: RemoteJWKSet, options: { issuer: string; audience: string }) {
  return async (request: AuthenticatedRequest, response: ServerResponse, next: () => void) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    try {
      request.user = (await verify(token, keys, { ...options, schema: Claims })).payload;
    } catch (error) {
      if (!isJWTError(error)) throw error;
      response.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"', 'x-error': error.code }).end();
      return;
    }
    next();
  };
}

let idp: TestIssuer;
let origin: string;
const server = createServer();

beforeAll(async () => {
  idp = await createTestIssuer({ alg: 'ES256', issuer: 'https://idp.test', audience: 'api' });
  // maxAge 0 and cooldown 0: every verification asks idp.fetch, so rotation shows at once.
  const keys = createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch, maxAge: 0, cooldown: 0 });
  const auth = requireAuth(keys, { issuer: idp.issuer, audience: 'api' });
  server.on('request', (request: AuthenticatedRequest, response: ServerResponse) => {
    void auth(request, response, () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request.user)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** GET / with the token; the status, the error code the middleware reported, and the body. */
async function call(token: string): Promise<{ status: number; error: string | null; body: string }> {
  const response = await fetch(`${origin}/`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, error: response.headers.get('x-error'), body: await response.text() };
}

describe('an auth middleware, tested with createTestIssuer', () => {
  it('lets a valid token through, with the claims as the schema outputs them', async () => {
    const { status, body } = await call(await idp.sign({ sub: 'user-1' }));
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ sub: 'user-1', scope: '' });
  });

  it.each([
    ['expired', () => idp.sign({ sub: 'u' }, { expiresIn: -60 }), 'ERR_JWT_EXPIRED'],
    ['not yet valid', () => idp.sign({ sub: 'u' }, { notBefore: '1h' }), 'ERR_JWT_NOT_YET_VALID'],
    ['for another audience', () => idp.sign({ sub: 'u' }, { audience: 'billing' }), 'ERR_JWT_CLAIM_INVALID'],
    ['from another issuer name', () => idp.sign({ sub: 'u' }, { issuer: 'https://evil.test' }), 'ERR_JWT_CLAIM_INVALID'],
    ['signed by a foreign key', async () => (await createTestIssuer({ audience: 'api' })).sign({ sub: 'u' }), 'ERR_JWKS_NO_MATCHING_KEY'],
    ['signed by a foreign key under our kid', async () => (await createTestIssuer({ audience: 'api' })).sign({ sub: 'u' }, { kid: idp.kid }), 'ERR_JWT_SIGNATURE_INVALID'],
    ['refused by the app\'s schema', () => idp.sign({ scope: 'admin' }), 'ERR_JWT_CLAIM_INVALID'],
    ['not a token', async () => 'garbage', 'ERR_JWT_INVALID'],
  ])('answers 401 to a token %s', async (_, makeToken, code) => {
    const { status, error } = await call(await makeToken());
    expect([status, error]).toEqual([401, code]);
  });

  it('follows a key rotation: new and old keys while both are published, then only the new one', async () => {
    const old = await idp.sign({ sub: 'old' });
    await idp.rotate();
    const rotated = await idp.sign({ sub: 'new' });
    expect((await call(rotated)).status).toBe(200);
    expect((await call(old)).status).toBe(200);
    idp.retire();
    expect((await call(rotated)).status).toBe(200);
    expect(await call(old)).toMatchObject({ status: 401, error: 'ERR_JWKS_NO_MATCHING_KEY' });
  });
});

/** The README's `makeApp`: a fetch-style handler (Workers, Deno, Bun, Hono), given its key set. */
function makeApp({ keys, issuer, audience }: { keys: RemoteJWKSet; issuer: string; audience: string }) {
  return async (request: Request): Promise<Response> => {
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    try {
      const { payload } = await verify(token, keys, { issuer, audience, schema: Claims });
      return Response.json({ hello: payload.sub });
    } catch (error) {
      if (isJWTError(error)) return new Response(null, { status: 401 });
      throw error;
    }
  };
}

describe("the README's example", async () => {
  const idp = await createTestIssuer({ alg: 'ES256', issuer: 'https://idp.test', audience: 'api' });
  const app = makeApp({ keys: createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch }), issuer: idp.issuer, audience: 'api' });
  const status = async (token: string) => (await app(new Request('http://app.test/me', { headers: { authorization: `Bearer ${token}` } }))).status;

  it('a valid token passes', async () => expect(await status(await idp.sign({ sub: 'user-1' }))).toBe(200));
  it('an expired one does not', async () => expect(await status(await idp.sign({ sub: 'u' }, { expiresIn: -60 }))).toBe(401));
  it('nor one signed by another key', async () => expect(await status(await (await createTestIssuer()).sign({ sub: 'u' }))).toBe(401));
});
