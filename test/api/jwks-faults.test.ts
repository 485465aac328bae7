/**
 * Every way a key set's server can fail, against a real server on 127.0.0.1:
 * a slow provider, a status other than 200, a redirect, a body that is not JSON
 * or not a JWKS, a 5 MB body, a refused connection. Each is a JWTError with its
 * code (and `status` where there was one); none leaves a set unusable once the
 * server recovers. And what a set never does: use a secret or a private key it
 * was served, or fetch anything a token's header points to.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRemoteJWKSet, sign, verify } from '../../src/index.js';
import { MAX_BODY_BYTES } from '../../src/lib/jwks/fetch.js';
import { b64u, expectJWTError } from '../helpers.js';
import { json, providerPerTest, signingKey } from '../jwks-provider.js';

const k1 = await signingKey('k1');

const ctx = providerPerTest([k1.publicJwk]);

/** Asserts the fault `code` (with `details`), then that the set works once the server serves the JWKS again. */
async function faultThenRecovery(code: 'ERR_JWKS_FETCH_FAILED' | 'ERR_JWKS_TIMEOUT', details: object = {}) {
  // A short timeout where the fault is slowness, a generous one elsewhere: a loaded machine must not turn a 500 into a timeout.
  const keys = createRemoteJWKSet(ctx.provider.jwksURL, { timeout: code === 'ERR_JWKS_TIMEOUT' ? 1 : 30 });
  const token = await k1.token();
  const error = await expectJWTError(verify(token, keys), code, details);
  expect(keys.current()).toBeUndefined();
  ctx.provider.handler = undefined;
  ctx.time.advance(31);
  await verify(token, keys);
  return error;
}

describe('a failed fetch', () => {
  it('a slow ctx.provider: ERR_JWKS_TIMEOUT after `timeout`', async () => {
    ctx.provider.handler = () => {}; // never answers
    const error = await faultThenRecovery('ERR_JWKS_TIMEOUT');
    expect(error.status).toBeUndefined();
  });

  it('a body that stops halfway: ERR_JWKS_TIMEOUT', async () => {
    ctx.provider.handler = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"keys":[');
    };
    await faultThenRecovery('ERR_JWKS_TIMEOUT');
  });

  it.each([500, 404, 401, 204, 304, 429])('HTTP %i: ERR_JWKS_FETCH_FAILED with the status', async (status) => {
    ctx.provider.handler = (request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(status === 204 || status === 304 ? undefined : JSON.stringify({ keys: [k1.publicJwk] }));
    };
    await faultThenRecovery('ERR_JWKS_FETCH_FAILED', { status });
  });

  it('a 200 other than the JWKS also counts: HTTP 201 is refused', async () => {
    ctx.provider.handler = (request, response) => json(response, 201, { keys: [k1.publicJwk] });
    await faultThenRecovery('ERR_JWKS_FETCH_FAILED', { status: 201 });
  });

  it.each([301, 302, 307, 308])('a redirect (%i) is not followed', async (status) => {
    ctx.provider.handler = (request, response) => {
      if (request.url === '/jwks') response.writeHead(status, { location: `${ctx.provider.origin}/elsewhere` }).end();
      else json(response, 200, { keys: [k1.publicJwk] });
    };
    await faultThenRecovery('ERR_JWKS_FETCH_FAILED', { status });
    expect(ctx.provider.hits['/elsewhere']).toBeUndefined();
  });

  it.each([
    ['invalid JSON', '{"keys": [}'],
    ['JSON that is not an object', '[{"kty":"EC"}]'],
    ['duplicate member names', '{"keys": [], "keys": []}'],
    ['a BOM', '\uFEFF{"keys": []}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
    ['an empty body', ''],
  ])('%s: ERR_JWKS_FETCH_FAILED without a status', async (_, body) => {
    ctx.provider.handler = (request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    const error = await faultThenRecovery('ERR_JWKS_FETCH_FAILED');
    expect(error.status).toBeUndefined();
  });

  it.each([
    ['no keys', {}],
    ['keys not an array', { keys: { 0: k1.publicJwk } }],
    ['a key that is not an object', { keys: [k1.publicJwk, 'k2'] }],
    ['a key without kty', { keys: [k1.publicJwk, { kid: 'k2', x: 'AA' }] }],
    ['two keys with one kid', { keys: [k1.publicJwk, { ...k1.publicJwk, x: k1.publicJwk.y }] }],
    ['metadata instead of a JWKS', { issuer: 'https://idp.test/', jwks_uri: 'https://idp.test/jwks' }],
  ])('not a JWKS (%s): ERR_JWKS_FETCH_FAILED', async (_, body) => {
    ctx.provider.handler = (request, response) => json(response, 200, body);
    await faultThenRecovery('ERR_JWKS_FETCH_FAILED');
  });

  it.each([
    ['with Content-Length', { 'content-length': String(5 * 1024 * 1024) }],
    ['chunked, without Content-Length: only the stream can tell', { 'transfer-encoding': 'chunked' }],
  ])('a 5 MB body is refused (%s), and not read to its end', async (_, headers) => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    big.write('{"keys":[],"padding":"');
    big.write('"}', big.length - 2);
    let written = 0;
    ctx.provider.handler = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', ...headers });
      response.on('error', () => {});
      // In pieces, as fast as the client reads: a client that stops reading stops the server.
      const pump = () => {
        while (written < big.length) {
          const chunk = big.subarray(written, written + 64 * 1024);
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    };
    await faultThenRecovery('ERR_JWKS_FETCH_FAILED');
    expect(written).toBeLessThan(big.length);
  });

  it('a body of exactly 512 KiB is read', async () => {
    const body = Buffer.alloc(MAX_BODY_BYTES, 0x20);
    const text = JSON.stringify({ keys: [k1.publicJwk] });
    body.write(text);
    ctx.provider.handler = (request, response) => response.writeHead(200).end(body);
    await verify(await k1.token(), createRemoteJWKSet(ctx.provider.jwksURL));
    const over = Buffer.concat([body, Buffer.from(' ')]);
    ctx.provider.handler = (request, response) => response.writeHead(200).end(over);
    await expectJWTError(verify(await k1.token(), createRemoteJWKSet(`${ctx.provider.jwksURL}?over`)), 'ERR_JWKS_FETCH_FAILED');
  });

  it('connection refused: ERR_JWKS_FETCH_FAILED without a status, with the cause', async () => {
    const closed = await freePort();
    const keys = createRemoteJWKSet(`http://127.0.0.1:${closed}/jwks`);
    const error = await expectJWTError(verify(await k1.token(), keys), 'ERR_JWKS_FETCH_FAILED');
    expect(error.status).toBeUndefined();
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('a custom fetch that throws, rejects, or never settles', async () => {
    const token = await k1.token();
    const url = `${ctx.provider.jwksURL}?custom`;
    const throwing = () => {
      throw new Error('synchronous');
    };
    await expectJWTError(verify(token, createRemoteJWKSet(url, { fetch: throwing })), 'ERR_JWKS_FETCH_FAILED', { cause: { message: 'synchronous' } });
    await expectJWTError(verify(token, createRemoteJWKSet(url, { fetch: () => Promise.reject(new Error('no')) })), 'ERR_JWKS_FETCH_FAILED');
    await expectJWTError(verify(token, createRemoteJWKSet(url, { fetch: () => new Promise(() => {}), timeout: 0.1 })), 'ERR_JWKS_TIMEOUT');
    await expectJWTError(verify(token, createRemoteJWKSet(url, { fetch: async () => new Response(null, { status: 200 }) })), 'ERR_JWKS_FETCH_FAILED');
    const ok = createRemoteJWKSet(url, { fetch: async () => Response.json({ keys: [k1.publicJwk] }) });
    await verify(token, ok);
    expect(ctx.provider.hits['/jwks?custom']).toBeUndefined();
  });
});

describe('what a remote set never does', () => {
  it('uses a secret or a private key it was served (they are dropped; the public keys still work)', async () => {
    const secret = 'a-secret-of-thirty-two-bytes-or-more!!';
    ctx.provider.keys = [k1.publicJwk, { kty: 'oct', k: b64u(secret), kid: 'hs' }, { ...k1.privateJwk, kid: 'private' }];
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    await expectJWTError(verify(await sign({}, secret, { kid: 'hs' }), keys), 'ERR_JWKS_NO_MATCHING_KEY');
    await expectJWTError(verify(await k1.token({}, { kid: 'private' }), keys), 'ERR_JWKS_NO_MATCHING_KEY');
    await verify(await k1.token(), keys);
    expect(keys.current()!.jwks.keys).toEqual([k1.publicJwk]);
  });

  it('fetches or trusts jku, x5u, jwk or x5c from a token header', async () => {
    const keys = createRemoteJWKSet(ctx.provider.jwksURL);
    const header = { jku: `${ctx.provider.origin}/jku`, x5u: `${ctx.provider.origin}/x5u`, jwk: { ...k1.publicJwk, kid: 'other' }, x5c: ['AAAA'] };
    const token = await k1.token({}, { header });
    await verify(token, keys);
    const other = await signingKey('k1'); // another key pair under the served kid: its token must fail
    await expectJWTError(verify(await other.token({}, { header: { ...header, jwk: other.publicJwk } }), keys), 'ERR_JWT_SIGNATURE_INVALID');
    expect(Object.keys(ctx.provider.hits)).toEqual(['/jwks']);
  });

  it('leaves an unhandled rejection behind, whatever fails', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const token = await k1.token();
      ctx.provider.handler = () => {};
      const slow = createRemoteJWKSet(ctx.provider.jwksURL, { timeout: 0.05 });
      await Promise.all(Array.from({ length: 5 }, () => expectJWTError(verify(token, slow), 'ERR_JWKS_TIMEOUT')));
      await expectJWTError(slow.reload(), 'ERR_JWKS_TIMEOUT');
      ctx.provider.handler = (request, response) => json(response, 500, {});
      const failing = createRemoteJWKSet(`${ctx.provider.jwksURL}?500`, { cache: { get: () => Promise.reject(new Error('kv')), set: () => Promise.reject(new Error('kv')) } });
      await expectJWTError(verify(token, failing), 'ERR_JWKS_FETCH_FAILED');
      const late = createRemoteJWKSet(`${ctx.provider.jwksURL}?late`, { timeout: 0.05, fetch: () => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 100)) });
      await expectJWTError(verify(token, late), 'ERR_JWKS_TIMEOUT');
      await new Promise((resolve) => setTimeout(resolve, 150)); // the custom fetch rejects after the timeout
      await new Promise((resolve) => setImmediate(resolve));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

/** A port on 127.0.0.1 that nothing listens on (it was just released). */
async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
