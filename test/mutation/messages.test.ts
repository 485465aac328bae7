/**
 * One message per error code, word for word (the messages each verb or
 * module gives, caller's mistakes included, have their own tables:
 * `sign-messages`, `keys-messages`, `assert-edges`…). A message changed on
 * purpose is changed here too; one emptied or garbled by mistake fails here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createRemoteJWKSet,
  decode,
  exportJWK,
  generateKeyPair,
  sign,
  verify,
  type JWKSFetch,
} from '../../src/index.js';
import { signer } from '../../src/lib/crypto/select.js';
import { failure } from './kit.js';

const SECRET = 'messages-test-secret-long-enough-for-every-HS-algorithm-of-the-table';
const NOW = new Date('2026-01-01T00:00:00Z');

/** A fetch for https://idp.test/ that never reaches the network: a status, or no answer at all. */
const answering = (status: number): JWKSFetch => async () => new Response('{}', { status });
const silent: JWKSFetch = (_, init) =>
  new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));

describe('one message per code', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each<[string, string, () => Promise<unknown>]>([
    ['ERR_JWT_INVALID', 'no token was given', async () => decode('')],
    ['ERR_JWT_ALG_NOT_ALLOWED', 'algorithm ES256 does not fit the oct key', async () => verify(await sign({}, (await generateKeyPair('ES256')).privateKey), SECRET)],
    ['ERR_JWT_ALG_UNSUPPORTED', 'this runtime does not support HS384', async () => {
      vi.spyOn(signer, 'sign').mockImplementation(() => {
        throw new DOMException('no', 'NotSupportedError');
      });
      return sign({}, SECRET, { alg: 'HS384' });
    }],
    ['ERR_JWT_SIGNATURE_INVALID', 'the signature does not verify with the key', async () => verify(await sign({}, SECRET), `${SECRET}!`)],
    ['ERR_JWT_EXPIRED', 'the token has expired ("exp")', async () => verify(await sign({}, SECRET, { currentDate: NOW, expiresIn: 10 }), SECRET, { currentDate: new Date(NOW.getTime() + 10_000) })],
    ['ERR_JWT_NOT_YET_VALID', 'the token is not valid yet ("nbf")', async () => verify(await sign({}, SECRET, { currentDate: NOW, notBefore: 10 }), SECRET, { currentDate: NOW })],
    ['ERR_JWT_CLAIM_INVALID', '"aud" claim has no expected audience', async () => verify(await sign({ aud: 'api' }, SECRET), SECRET, { audience: 'billing' })],
    ['ERR_JWT_KEY_INVALID', 'a public key cannot sign', async () => sign({}, await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey))],
    ['ERR_JWKS_NO_MATCHING_KEY', 'no key in the key set matches the token', async () => verify(await sign({}, SECRET), { keys: [{ kty: 'oct', k: 'AAAA', alg: 'HS512' }] })],
    ['ERR_JWKS_FETCH_FAILED', 'the key set at https://idp.test/messages/404 answered HTTP 404, not 200', async () => createRemoteJWKSet('https://idp.test/messages/404', { fetch: answering(404) }).reload()],
    ['ERR_JWKS_TIMEOUT', 'the key set at https://idp.test/messages/silent did not answer within 100 ms', async () => createRemoteJWKSet('https://idp.test/messages/silent', { fetch: silent, timeout: '0.1s' }).reload()],
    ['TypeError', '"expiresIn" expected a number of seconds or a duration string, got null', async () => sign({}, SECRET, { expiresIn: null as never })],
    ['RangeError', '"maxTokenLength" expected a positive whole number of characters, got 0', async () => verify('a.b.c', SECRET, { maxTokenLength: 0 })],
  ])('%s: %s', async (kind, message, attempt) => {
    const outcome = await failure(attempt);
    expect(outcome.kind).toBe(kind);
    expect(outcome.message).toBe(message);
  });
});
