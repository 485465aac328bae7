/**
 * webjwt/testing's in-memory provider at its edges: what its `fetch` answers
 * for each way a request can be given (method in the request or in `init`,
 * lower case, a signal that is not aborted, a URL that does not parse), the
 * documents word for word, and the caller's mistakes with their messages (a
 * table: the module has its own `expected`).
 */
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/index.js';
import { createTestIssuer } from '../../src/testing.js';
import { failure } from './kit.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const now = NOW.getTime() / 1000;

describe('createTestIssuer: fetch', () => {
  it('answers each document with its status, content type and body', async () => {
    const idp = await createTestIssuer({ alg: 'ES384', issuer: 'https://idp.test/t' });
    const answer = async (response: Response) => [response.status, response.headers.get('content-type'), await response.json()];
    expect(await answer(await idp.fetch('https://idp.test/t/.well-known/openid-configuration'))).toEqual([
      200,
      'application/json',
      {
        issuer: 'https://idp.test/t',
        jwks_uri: 'https://idp.test/t/.well-known/jwks.json',
        id_token_signing_alg_values_supported: ['ES384'],
        subject_types_supported: ['public'],
      },
    ]);
    expect(await answer(await idp.fetch('https://idp.test/t/nothing'))).toEqual([404, 'application/json', { error: 'not_found' }]);
    expect(await answer(await idp.fetch('https://other.test/t/.well-known/jwks.json'))).toEqual([404, 'application/json', { error: 'not_found' }]);
    expect(await answer(await idp.fetch(idp.jwksURL, { method: 'DELETE' }))).toEqual([405, 'application/json', { error: 'method_not_allowed' }]);
  });

  it('reads the method from init first, then from a request object, in any case; GET by default', async () => {
    const idp = await createTestIssuer();
    const status = async (...args: Parameters<typeof idp.fetch>) => (await idp.fetch(...args)).status;
    expect(await status(idp.jwksURL, { method: 'get' })).toBe(200);
    expect(await status({ url: idp.jwksURL, method: 'post' })).toBe(405);
    expect(await status({ url: idp.jwksURL, method: 'POST' }, { method: 'GET' })).toBe(200);
    expect(await status({ url: idp.jwksURL })).toBe(200);
    // A method that is not a string (not a Request): GET.
    expect(await status({ url: idp.jwksURL, method: 5 } as never)).toBe(200);
    const head = await idp.fetch({ url: idp.jwksURL, method: 'head' });
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('answers with a signal that is not aborted, and 404 for a URL that does not parse', async () => {
    const idp = await createTestIssuer();
    expect((await idp.fetch(idp.jwksURL, { signal: new AbortController().signal })).status).toBe(200);
    expect((await idp.fetch(idp.jwksURL, { signal: null })).status).toBe(200);
    expect((await idp.fetch('not a URL')).status).toBe(404);
  });

  it('publishes its key for its own alg: Ed25519, not the key\'s default EdDSA', async () => {
    const idp = await createTestIssuer({ alg: 'Ed25519' });
    expect(idp.jwks.keys.map((key) => key.alg)).toEqual(['Ed25519']);
  });

  it('an http: issuer works', async () => {
    const idp = await createTestIssuer({ issuer: 'http://idp.test' });
    expect(decode(await idp.sign({}, { currentDate: NOW })).payload).toEqual({ iss: 'http://idp.test', iat: now, exp: now + 300 });
    expect((await idp.fetch('http://idp.test/.well-known/jwks.json')).status).toBe(200);
  });
});

describe('createTestIssuer: the caller\'s mistakes, word for word', () => {
  it.each<[string, string, () => Promise<unknown>]>([
    ['options null', '"options" expected an object, got null', () => createTestIssuer(null as never)],
    ['options an array', '"options" expected an object, got an array', () => createTestIssuer([] as never)],
    ['options a number', '"options" expected an object, got number', () => createTestIssuer(5 as never)],
    ['an unknown option', 'createTestIssuer options: unknown option "audiance"', () => createTestIssuer({ audiance: 'api' } as never)],
    ['issuer not a string', '"issuer" expected a URL string, got number', () => createTestIssuer({ issuer: 42 as never })],
    ...['idp.test', 'ahttp://idp.test', 'ftp://idp.test', 'https://idp.test/?a=1', 'https://idp.test/#x'].map(
      (issuer): [string, string, () => Promise<unknown>] => [
        `issuer ${issuer}`,
        '"issuer" expected an https: or http: URL without query or fragment, got a string that is not one',
        () => createTestIssuer({ issuer }),
      ],
    ),
    ['alg in sign', '"alg" is the issuer\'s: create an issuer for another algorithm', async () => (await createTestIssuer()).sign({}, { alg: 'ES256' } as never)],
    ['a payload that is undefined', '"payload" expected a plain object, got undefined', async () => (await createTestIssuer()).sign(undefined as never)],
    ['a payload that is null', '"payload" expected a plain object, got null', async () => (await createTestIssuer()).sign(null as never)],
  ])('%s', async (_name, message, attempt) => {
    const outcome = await failure(attempt);
    expect(outcome.kind).toBe('TypeError');
    expect(outcome.message).toBe(message);
  });

  it('a negative duration is a number of seconds, never a string (sign\'s RangeError)', async () => {
    const idp = await createTestIssuer();
    expect((await failure(idp.sign({}, { expiresIn: '-5' as never }))).kind).toBe('RangeError');
    expect((await failure(idp.sign({}, { notBefore: '-5' as never }))).kind).toBe('RangeError');
    expect(decode(await idp.sign({}, { currentDate: NOW, expiresIn: -5 })).payload.exp).toBe(now - 5);
  });

  it('a positive number of seconds goes to sign as a duration: a fraction is added to whole seconds, then floored', async () => {
    const idp = await createTestIssuer();
    const currentDate = new Date(NOW.getTime() + 600); // now + 0.6 s: sign counts from `now`, whole
    const { payload } = decode(await idp.sign({}, { currentDate, expiresIn: 1.5, notBefore: 0.5 }));
    expect([payload.iat, payload.nbf, payload.exp]).toEqual([now, now, now + 1]);
  });
});
