/**
 * Prototype pollution (issue 11, finding 3): a pollution bug anywhere in the
 * process (`Object.prototype.clockTolerance = '100y'`) must not change what
 * `verify` and `sign` do. webjwt reads options, JWK members, key set entries,
 * the caller's header parameters and the token's own header and claims from
 * own data properties only.
 *
 * Each case pollutes Object.prototype the way a real bug does (plain
 * assignment: enumerable), runs webjwt, restores the prototype, then asserts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { compactVerify, importJWK } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  createRemoteJWKSet,
  decode,
  discoverJWKS,
  exportJWK,
  exportJWKS,
  generateKeyPair,
  sign,
  thumbprint,
  toPublicJWK,
  verify,
  type JWK,
  type JWKSCacheEntry,
  type SignOptions,
  type VerifyOptions,
} from '../../src/index.js';
import { checkStrings, ownElements } from '../../src/lib/assert.js';
import { stringifyOwn } from '../../src/lib/json.js';
import { createTestIssuer } from '../../src/testing.js';
import { b64u, forgeHMAC, rejection } from '../helpers.js';
import { isJWTError } from '../../src/index.js';

const SECRET = 'a-legitimate-secret-that-is-32+-bytes-long';
const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;

/** Runs `attempt` with Object.prototype polluted, and settles it with the prototype clean again. */
async function polluted<T>(pollution: Record<string, unknown>, attempt: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const proto = Object.prototype as Record<string, unknown>;
  for (const [name, value] of Object.entries(pollution)) proto[name] = value;
  try {
    return { value: await attempt() };
  } catch (error) {
    return { error };
  } finally {
    for (const name of Object.keys(pollution)) delete proto[name];
  }
}

const codeOf = (outcome: { error?: unknown }) => (isJWTError(outcome.error) ? outcome.error.code : outcome.error);

describe('verify options are read from own properties only', () => {
  const expiredToken = forgeHMAC({ alg: 'HS256' }, { sub: 'u', exp: now - 60 }, SECRET);
  const validToken = forgeHMAC({ alg: 'HS256' }, { sub: 'u', iat: now - 10, exp: now + 600 }, SECRET);

  it.each([
    ['clockTolerance', { clockTolerance: '100y' }],
    ['currentDate', { currentDate: new Date(0) }],
    ['maxTokenAge + clockTolerance', { maxTokenAge: '100y', clockTolerance: 1e12 }],
  ])('%s cannot make an expired token pass', async (_, pollution) => {
    const outcome = await polluted(pollution, () => verify(expiredToken, SECRET, {}));
    expect(codeOf(outcome)).toBe('ERR_JWT_EXPIRED');
    expect(codeOf(await polluted(pollution, () => verify(expiredToken, SECRET)))).toBe('ERR_JWT_EXPIRED');
  });

  it.each([
    ['algorithms', { algorithms: ['HS512'] }],
    ['audience', { audience: 'someone-else' }],
    ['issuer', { issuer: 'someone-else' }],
    ['subject', { subject: 'someone-else' }],
    ['typ', { typ: 'at+jwt' }],
    ['requiredClaims', { requiredClaims: ['jti'] }],
    ['maxTokenLength', { maxTokenLength: 10 }],
    ['crit', { crit: ['x'] }],
  ])('%s cannot change the verdict on a valid token', async (_, pollution) => {
    const outcome = await polluted(pollution, () => verify(validToken, SECRET, { currentDate: NOW }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.value?.payload.sub).toBe('u');
  });

  it('allowInsecureKeySizes cannot make a short secret acceptable', async () => {
    const short = 'short';
    const token = forgeHMAC({ alg: 'HS256' }, { sub: 'u' }, short);
    expect(codeOf(await polluted({ allowInsecureKeySizes: true }, () => verify(token, short)))).toBe('ERR_JWT_KEY_INVALID');
    expect(codeOf(await polluted({ allowInsecureKeySizes: true }, () => sign({}, short)))).toBe('ERR_JWT_KEY_INVALID');
  });

  it('allowFutureIssuedAt and crit cannot make a token pass', async () => {
    const future = forgeHMAC({ alg: 'HS256' }, { iat: now + 3600 }, SECRET);
    expect(codeOf(await polluted({ allowFutureIssuedAt: true }, () => verify(future, SECRET, { currentDate: NOW })))).toBe(
      'ERR_JWT_CLAIM_INVALID',
    );
    const critical = forgeHMAC({ alg: 'HS256', crit: ['x'], x: 1 }, {}, SECRET);
    expect(codeOf(await polluted({ crit: ['x'] }, () => verify(critical, SECRET)))).toBe('ERR_JWT_INVALID');
  });
});

describe('sign options and header parameters are read from own properties only', () => {
  it.each([
    ['header', { header: { jku: 'https://attacker.test/jwks.json' } }],
    ['expiresIn', { expiresIn: '100y' }],
    ['issuedAt', { issuedAt: false }],
    ['audience', { audience: 'x' }],
    ['kid', { kid: 'attacker' }],
    ['typ', { typ: 'none' }],
    ['alg', { alg: 'HS512' }],
  ])('%s does not reach the token', async (_, pollution) => {
    const outcome = await polluted(pollution, () => sign({ sub: 'u' }, SECRET, { currentDate: NOW }));
    expect(outcome.error).toBeUndefined();
    const { header, payload } = decode(outcome.value!);
    expect(Object.keys(header)).toEqual(['alg', 'typ']);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ sub: 'u', iat: now });
  });

  it('an inherited "kid", "typ" or "alg" does not upset the header check when parameters are added', async () => {
    const outcome = await polluted({ kid: 'x', typ: 'y', alg: 'none' }, () => sign({}, SECRET, { currentDate: NOW, header: { x5t: 't' } }));
    expect(outcome.error).toBeUndefined();
    expect(decode(outcome.value!).header).toEqual({ alg: 'HS256', typ: 'JWT', x5t: 't' });
  });

  it('a polluted toJSON does not rewrite the header or the claims', async () => {
    const outcome = await polluted({ toJSON: () => ({ alg: 'none', admin: true }) }, () =>
      sign({ sub: 'u' }, SECRET, { currentDate: NOW, header: { x: 1 } }),
    );
    expect(outcome.error).toBeUndefined();
    expect(decode(outcome.value!)).toEqual({ header: { alg: 'HS256', typ: 'JWT', x: 1 }, payload: { sub: 'u', iat: now } });
  });
});

describe('what sign writes, at any depth', () => {
  it.each([
    ['Object.prototype', Object.prototype],
    ['Array.prototype', Array.prototype],
  ])('a toJSON on %s rewrites no nested claim or header parameter', async (_, proto) => {
    const claims = { sub: 'u', roles: ['reader', { scope: 'a' }], profile: { name: 'n', tags: ['x'] }, at: new Date(0) };
    const header = { ctx: { b: [2, { c: 3 }] } };
    const expected = decode(await sign(claims, SECRET, { currentDate: NOW, header }));
    (proto as Record<string, unknown>).toJSON = () => ({ hacked: true });
    let token: string;
    try {
      token = await sign(claims, SECRET, { currentDate: NOW, header });
    } finally {
      delete (proto as Record<string, unknown>).toJSON;
    }
    expect(decode(token)).toEqual(expected);
    expect(expected.payload).toMatchObject({ roles: ['reader', { scope: 'a' }], profile: { name: 'n', tags: ['x'] }, at: '1970-01-01T00:00:00.000Z' });
  });

  it('a cyclic payload is a TypeError, polluted or not', async () => {
    const cyclic: Record<string, unknown> = { sub: 'u' };
    cyclic.self = { cyclic };
    await expect(sign(cyclic, SECRET)).rejects.toThrow(TypeError);
    const outcome = await polluted({ toJSON: () => 'x' }, () => sign(cyclic, SECRET));
    expect(outcome.error).toBeInstanceOf(TypeError);
  });
});

describe('remote key sets and discovery documents are read as own members', () => {
  const serve = (body: unknown) => {
    const text = JSON.stringify(body); // serialised before any pollution
    return async () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const pair = async (kid: string) => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } as JWK };
  };

  it('an inherited "keys" does not stand in for a provider answer without one', async () => {
    const attacker = await pair('evil');
    const forged = await sign({ sub: 'admin' }, attacker.privateKey, { kid: 'evil' });
    for (const body of [{}, { error: 'temporarily_unavailable' }]) {
      const keys = createRemoteJWKSet('https://idp.test/jwks', { fetch: serve(body) });
      const outcome = await polluted({ keys: [attacker.publicJwk] }, () => verify(forged, keys));
      expect(codeOf(outcome)).toBe('ERR_JWKS_FETCH_FAILED');
    }
  });

  it('a polluted toJSON does not replace the keys of a fetched set', async () => {
    const [provider, attacker] = [await pair('idp-1'), await pair('evil')];
    const keys = createRemoteJWKSet('https://idp.test/jwks', { fetch: serve({ keys: [provider.publicJwk] }) });
    const forged = await sign({ sub: 'admin' }, attacker.privateKey, { kid: 'idp-1' });
    const genuine = await sign({ sub: 'u' }, provider.privateKey, { kid: 'idp-1' });
    const pollution = { toJSON: () => attacker.publicJwk };
    expect(codeOf(await polluted(pollution, () => verify(forged, keys)))).toBe('ERR_JWT_SIGNATURE_INVALID');
    expect((await polluted(pollution, () => verify(genuine, keys))).value?.payload.sub).toBe('u');
  });

  it('an inherited "d" does not make the public keys of a fetched set private (and dropped)', async () => {
    const provider = await pair('idp-1');
    const keys = createRemoteJWKSet('https://idp.test/jwks', { fetch: serve({ keys: [provider.publicJwk] }) });
    expect((await polluted({ d: 'x' }, () => keys.reload())).error).toBeUndefined();
    expect(keys.current()?.jwks.keys).toEqual([provider.publicJwk]);
  });

  it('a stored entry is read from its own members', async () => {
    const provider = await pair('idp-1');
    const genuine = await sign({ sub: 'u' }, provider.privateKey, { kid: 'idp-1' });
    let fetched = 0;
    const fetch = async () => (fetched++, new Response('{"keys":[]}', { status: 200 }));
    // A cache whose entry lacks "jwks" and "fetchedAt": inherited ones must not make it usable.
    const cache = { get: (): JWKSCacheEntry => ({ expiresAt: Date.now() + 60_000 }) as JWKSCacheEntry, set: () => undefined };
    const keys = createRemoteJWKSet('https://idp.test/stored', { fetch, cache });
    const outcome = await polluted({ jwks: { keys: [provider.publicJwk] }, fetchedAt: Date.now() }, () => verify(genuine, keys));
    expect(codeOf(outcome)).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(fetched).toBe(1); // the entry was treated as empty, and the set fetched
  });

  it('an inherited "jwks_uri" or "issuer" does not complete discovery metadata', async () => {
    const issuer = 'https://idp.test';
    const without = (name: string) => serve(name === 'issuer' ? { jwks_uri: `${issuer}/jwks` } : { issuer });
    for (const [name, pollution] of [
      ['jwks_uri', { jwks_uri: 'https://evil.test/jwks' }],
      ['issuer', { issuer }],
    ] as const) {
      const outcome = await polluted(pollution, () => discoverJWKS(issuer, { fetch: without(name) }));
      expect(codeOf(outcome), name).toBe('ERR_JWKS_FETCH_FAILED');
    }
  });
});

describe('found by a sweep of every property read (second review)', () => {
  const pair = async (kid: string, alg: 'ES256' | 'EdDSA' = 'ES256') => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } as JWK };
  };
  const answer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

  it('a polluted memory of discovery ("jwksURL", "foundAt") is not taken for a discovered URL', async () => {
    const [provider, attacker] = [await pair('idp-1'), await pair('idp-1')];
    const issuer = 'https://idp.test';
    const documents = new Map<string, string>([
      [`${issuer}/.well-known/openid-configuration`, JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` })],
      [`${issuer}/jwks`, JSON.stringify({ keys: [provider.publicJwk] })],
      ['https://evil.test/jwks', JSON.stringify({ keys: [attacker.publicJwk] })],
    ]);
    const asked: string[] = [];
    const fetch = async (url: string) => (asked.push(url), new Response(documents.get(url) ?? '{}', { status: documents.has(url) ? 200 : 404 }));
    const forged = await sign({ sub: 'admin' }, attacker.privateKey, { kid: 'idp-1' });
    const outcome = await polluted({ jwksURL: new URL('https://evil.test/jwks'), foundAt: 1e15 }, async () =>
      verify(forged, await discoverJWKS(issuer, { fetch }), { issuer: issuer }),
    );
    expect(codeOf(outcome)).toBe('ERR_JWT_SIGNATURE_INVALID');
    expect(asked).toEqual([`${issuer}/.well-known/openid-configuration`, `${issuer}/jwks`]);
  });

  it('an inherited "fetch" or "cache" is not a remote set\'s', async () => {
    const attacker = await pair('evil');
    const forged = await sign({ sub: 'admin' }, attacker.privateKey, { kid: 'evil' });
    // Port 9 (discard) on this machine: nothing listens, the connection is refused at once.
    const url = 'http://127.0.0.1:9/jwks.json';
    for (const pollution of [
      { fetch: async () => answer({ keys: [attacker.publicJwk] }) },
      { cache: { get: () => ({ jwks: { keys: [attacker.publicJwk] }, fetchedAt: Date.now() }), set: () => undefined } },
    ]) {
      const outcome = await polluted(pollution, () => verify(forged, createRemoteJWKSet(url, { timeout: '2s' })));
      expect(codeOf(outcome), Object.keys(pollution)[0]).toBe('ERR_JWKS_FETCH_FAILED');
    }
  });

  it('an inherited "hash" changes no algorithm\'s hash, then or later', async () => {
    const outcome = await polluted({ hash: 'SHA-1' }, async () => {
      const es = await pair('es', 'ES256');
      const ed = await pair('ed', 'EdDSA');
      return [await sign({ sub: 'u' }, es.privateKey), es.publicJwk, await sign({ sub: 'u' }, ed.privateKey), ed.publicJwk] as const;
    });
    expect(outcome.error).toBeUndefined();
    const [esToken, esJwk, edToken, edJwk] = outcome.value!;
    // jose verifies ES256 as SHA-256, as RFC 7518 §3.4 says; and webjwt still does after the pollution is gone.
    await expect(compactVerify(esToken, await importJWK(esJwk, 'ES256'))).resolves.toBeDefined();
    await expect(compactVerify(edToken, await importJWK(edJwk, 'EdDSA'))).resolves.toBeDefined();
    await expect(verify(esToken, esJwk)).resolves.toBeDefined();
    await expect(verify(edToken, edJwk)).resolves.toBeDefined();
  });

  it('an inherited array index does not fill a hole in a claim or header parameter sign writes', async () => {
    const holey = (first: string) => {
      const array = [first];
      array.length = 2;
      return array;
    };
    const expected = decode(await sign({ roles: holey('user') }, SECRET, { currentDate: NOW, header: { x: holey('a') } }));
    expect(expected.payload.roles).toEqual(['user', null]);
    for (const proto of [Object.prototype, Array.prototype]) {
      (proto as Record<number, unknown>)[1] = 'admin';
      let token: string;
      try {
        token = await sign({ roles: holey('user') }, SECRET, { currentDate: NOW, header: { x: holey('a') } });
      } finally {
        delete (proto as Record<number, unknown>)[1];
      }
      expect(decode(token)).toEqual(expected);
    }
  });

  it('an inherited array index does not fill a hole in exportJWKS keys or toPublicJWK key_ops', async () => {
    const mine = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const theirs = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const keys = [mine];
    keys.length = 2;
    const exported = await polluted({ 1: theirs }, () => exportJWKS(keys));
    expect(exported.error).toBeInstanceOf(TypeError); // the hole is no key, as without the pollution
    await expect(exportJWKS(keys)).rejects.toThrow(TypeError);
    const ops = ['sign'];
    ops.length = 2;
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', key_ops: ops } as JWK;
    expect((await polluted({ 1: 'verify' }, async () => toPublicJWK(jwk))).value?.key_ops).toEqual([]);
  });

  it('an inherited "a" set before the module loads does not change the curves raw EC points are recognised on', async () => {
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(
      '6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5', 'hex')]); // the P-256 base point
    const outcome = await polluted({ a: 1n }, async () => {
      vi.resetModules();
      const { keyShapeOf } = await import('../../src/lib/key-shapes.js');
      return keyShapeOf(point);
    });
    expect(outcome.value).toMatch(/EC public key/);
  });
});

describe('key helpers read JWK members as own members', () => {
  const ec: JWK = { kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' };

  it('an inherited "y" or "kty" does not complete a JWK for thumbprint', async () => {
    const { y: _, ...withoutY } = ec;
    expect(codeOf(await polluted({ y: ec.y }, () => thumbprint(withoutY as JWK)))).toBe('ERR_JWT_KEY_INVALID');
    const { kty: __, ...withoutKty } = ec;
    expect(codeOf(await polluted({ kty: 'EC' }, () => thumbprint(withoutKty as JWK)))).toBe('ERR_JWT_KEY_INVALID');
    expect(await thumbprint(ec)).toBe('oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U'); // the P-256 key of RFC 7515 §A.3 (jose's calculateJwkThumbprint gives the same)
  });

  it('an inherited "kty" does not make toPublicJWK accept an object without one', async () => {
    const { kty: _, ...withoutKty } = ec;
    expect(codeOf(await polluted({ kty: 'EC' }, async () => toPublicJWK(withoutKty as JWK)))).toBe('ERR_JWT_KEY_INVALID');
    expect(toPublicJWK({ ...ec, d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI', key_ops: ['sign', 'verify'] })).toEqual({ ...ec, key_ops: ['verify'] });
  });
});

describe('createTestIssuer reads its options as own members', () => {
  it('an inherited "issuer" or "audience" is not the issuer\'s', async () => {
    const outcome = await polluted({ issuer: 'https://evil.test', audience: 'evil' }, async () => {
      const idp = await createTestIssuer();
      return decode(await idp.sign({ sub: 'u' })).payload;
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.value).toMatchObject({ iss: 'https://idp.test' });
    expect(outcome.value).not.toHaveProperty('aud');
  });
});

describe("the token's own header and claims are read as own members", () => {
  it('an inherited "alg" does not make a header without one valid', async () => {
    const token = `${b64u({ typ: 'JWT' })}.${b64u({})}.${'A'.repeat(43)}`;
    expect(codeOf(await polluted({ alg: 'HS256' }, () => verify(token, SECRET)))).toBe('ERR_JWT_INVALID');
    expect(codeOf(await polluted({ alg: 'HS256' }, async () => decode(token)))).toBe('ERR_JWT_INVALID');
  });

  it('inherited "crit", "exp", "nbf", "iss" and "aud" change nothing', async () => {
    const token = forgeHMAC({ alg: 'HS256' }, { sub: 'u', iss: 'me', aud: 'api' }, SECRET);
    const pollution = { crit: ['x'], exp: 1, nbf: now + 1e6, iat: now + 1e6, b64: false, typ: 'x', cty: 1 };
    const outcome = await polluted(pollution, () => verify(token, SECRET, { currentDate: NOW, issuer: 'me', audience: 'api' }));
    expect(outcome.error).toBeUndefined();
  });

  it('an inherited "aud" does not satisfy an expected audience', async () => {
    const token = forgeHMAC({ alg: 'HS256' }, { sub: 'u' }, SECRET);
    const outcome = await polluted({ aud: 'api' }, () => verify(token, SECRET, { audience: 'api' }));
    expect(codeOf(outcome)).toBe('ERR_JWT_CLAIM_INVALID');
  });
});

describe('JWK members and key set entries are read as own members', () => {
  const jwk: JWK = { kty: 'oct', k: Buffer.from(SECRET).toString('base64url') };
  const token = forgeHMAC({ alg: 'HS256', kid: 'k1' }, { sub: 'u' }, SECRET);

  it.each([
    ['alg', { alg: 'HS512' }],
    ['use', { use: 'enc' }],
    ['key_ops', { key_ops: ['encrypt'] }],
    ['kid', { kid: 'other' }],
    ['ext', { ext: false }],
  ])('an inherited JWK "%s" changes nothing', async (_, pollution) => {
    const outcome = await polluted(pollution, () => verify(token, { ...jwk }));
    expect(outcome.error).toBeUndefined();
    const viaSet = await polluted(pollution, () => verify(token, { keys: [{ ...jwk, kid: 'k1' }] }));
    expect(viaSet.error).toBeUndefined();
  });

  it('an inherited "d" does not turn a public JWK into a private one', async () => {
    const publicJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' };
    const outcome = await polluted({ d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' }, () => sign({}, { ...publicJwk }));
    expect(codeOf(outcome)).toBe('ERR_JWT_KEY_INVALID');
  });

  it('an inherited "keys" does not make an object a key set', async () => {
    expect(codeOf(await polluted({ keys: [jwk] }, () => verify(token, {} as JWK)))).toBe('ERR_JWT_KEY_INVALID');
  });

  it('holes in a key set are not filled from the prototype', async () => {
    const keys: JWK[] = [];
    keys.length = 1; // a hole
    const outcome = await polluted({ 0: { ...jwk, kid: 'k1' } }, () => verify(token, { keys }));
    expect(codeOf(outcome)).toBe('ERR_JWT_KEY_INVALID');
    await expect(rejection(verify(token, { keys }))).resolves.toBeDefined();
  });
});

describe('each option is read once', () => {
  it('a getter in verify or sign options is called once per call, and its one answer is what counts', async () => {
    let reads = 0;
    const options = Object.defineProperty({}, 'audience', {
      enumerable: true,
      get: () => (++reads === 1 ? 'api' : 'someone-else'),
    });
    const token = forgeHMAC({ alg: 'HS256' }, { aud: 'api' }, SECRET);
    await expect(verify(token, SECRET, options)).resolves.toBeDefined();
    expect(reads).toBe(1);
    reads = 0;
    const signed = decode(await sign({}, SECRET, options as never)).payload;
    expect([signed.aud, reads]).toEqual(['api', 1]);
  });
});

describe('array indexes on the prototypes (a JSON merge of {"__proto__": {"2": "x"}})', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const forged = forgeHMAC({ alg: 'HS256' }, { sub: 'admin' }, 'x');

  it.each([0, 1, 2, 3])('index %i on Object.prototype or Array.prototype does not fill an empty import slot', async (index) => {
    for (const proto of [Object.prototype, Array.prototype]) {
      const pollution = { [index]: 'x' };
      const target = proto as Record<string, unknown>;
      // A fresh key each time: its slots are empty. Slots 0 and 1 are sign's, 2 and 3 verify's; the odd
      // ones with allowInsecureKeySizes. verify and sign read the slot before their first await, so the
      // pollution is removed before anything is awaited: while an array index is on a prototype, every
      // array in the process reads it, the test runner's own included.
      const options = { allowInsecureKeySizes: index % 2 === 1 };
      const secret = `${SECRET}-${index}-${proto === Object.prototype ? 'o' : 'a'}`;
      let rsa: Promise<unknown>, hmac: Promise<unknown>, signing: Promise<string>;
      for (const [name, value] of Object.entries(pollution)) target[name] = value;
      try {
        rsa = verify(forged, `${pem}\n`.repeat(1), options).then(() => 'accepted', (e: unknown) => e);
        hmac = verify(forged, secret, options).then(() => 'accepted', (e: unknown) => e);
        signing = sign({ sub: 'u' }, secret, options);
      } finally {
        for (const name of Object.keys(pollution)) delete target[name];
      }
      expect(codeOf({ error: await rsa })).toBe('ERR_JWT_ALG_NOT_ALLOWED');
      expect(codeOf({ error: await hmac })).toBe('ERR_JWT_SIGNATURE_INVALID');
      const signed = await signing;
      expect(signed).toBe(forgeHMAC(decode(signed).header, decode(signed).payload, secret));
    }
  });
});

describe('accessors on Object.prototype (getters and setters)', () => {
  // Not '0': an index accessor would be read by every array in the process while sign awaits, the test
  // runner's own included; index accessors are tested synchronously below.
  const NAMES = ['exp', 'iat', 'iss', 'aud', 'jti', 'sub', 'kid', 'typ', 'expiresIn', 'issuer', 'audience', 'jwtId', 'header'];

  it.each(NAMES)('a getter and setter for %j change nothing sign writes', async (name) => {
    const expected = decode(await sign({ sub: 'u' }, SECRET, { currentDate: NOW, expiresIn: '15m', issuer: 'me', audience: ['a', 'b'], jwtId: 'j', kid: 'k' }));
    Object.defineProperty(Object.prototype, name, { get: () => 'injected', set: () => undefined, configurable: true });
    let token: string;
    try {
      token = await sign({ sub: 'u' }, SECRET, { currentDate: NOW, expiresIn: '15m', issuer: 'me', audience: ['a', 'b'], jwtId: 'j', kid: 'k' });
    } finally {
      delete (Object.prototype as Record<string, unknown>)[name];
    }
    expect(decode(token)).toEqual(expected);
  });
});

describe('index accessors on Array.prototype and Object.prototype (array copies)', () => {
  const PROTOTYPES: Record<string, object> = { 'Array.prototype': Array.prototype, 'Object.prototype': Object.prototype };

  // The window is synchronous: while an index of Array.prototype is an accessor, every array in the
  // process reads it, the test runner's own included, so nothing else may run meanwhile.
  it.each(Object.keys(PROTOTYPES).flatMap((label) => ['0', '1'].map((index) => [label, index])))(
    '%s[%s] as a getter and setter: option arrays are copied element by element, holes as undefined, and written as null',
    (label, index) => {
      const target = PROTOTYPES[label]! as Record<string, unknown>;
      const sparse = Object.assign(new Array(2), { 1: 'b' }); // made before: Object.assign would call the setter
      Object.defineProperty(target, index, { get: () => 'injected', set: () => undefined, configurable: true });
      let copy: unknown[], strings: string[] | undefined, holes: unknown[], written: string;
      try {
        copy = ownElements(['a', 'b']);
        strings = checkStrings('audience', ['a', 'b']);
        holes = ownElements(sparse);
        written = stringifyOwn({ sub: 'u', aud: ['a', 'b'], holes: sparse }); // what sign writes
      } finally {
        delete target[index];
      }
      expect({ copy, strings, holes, own: [Object.hasOwn(copy, 0), Object.hasOwn(copy, 1)], written: JSON.parse(written) }).toEqual({
        copy: ['a', 'b'], strings: ['a', 'b'], holes: [undefined, 'b'], own: [true, true], written: { sub: 'u', aud: ['a', 'b'], holes: [null, 'b'] },
      });
    },
  );
});
