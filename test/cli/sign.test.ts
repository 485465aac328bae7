/** `webjwt sign`: tokens that jose verifies, and the decode | sign round trip. */
import { createPublicKey } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRET, codeOf, expectRun, joseToken, keyFiles, nowSeconds, secretBytes, webjwt } from './helpers.js';

let keys: Awaited<ReturnType<typeof keyFiles>>;
beforeAll(async () => {
  keys = await keyFiles();
});

const secretFile = () => ['--secret-file', keys.secretFile];
const sign = async (args: string[], input = '') => expectRun(await webjwt(['sign', ...args], { input }), 0).stdout.trim();

describe('webjwt sign', () => {
  it('signs with a secret: jose verifies the token, with the claims the options set', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await sign(['{"sub":"user-123","role":"admin"}', ...secretFile(), '--exp', '15m', '--iss', 'https://auth.example.com',
      '--aud', 'api', '--aud', 'billing', '--jti', 'id-1', '--iat', '2026-05-01T12:00:00Z']);
    const after = Math.floor(Date.now() / 1000);
    const { payload, protectedHeader } = await jwtVerify(token, secretBytes, {
      issuer: 'https://auth.example.com', audience: 'billing', currentDate: new Date('2026-05-01T12:05:00Z'), algorithms: ['HS256'],
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload.sub).toBe('user-123');
    expect(payload.aud).toEqual(['api', 'billing']);
    expect(payload.jti).toBe('id-1');
    expect(payload.iat).toBe(nowSeconds);
    // --exp counts from now (the real clock), not from --iat.
    expect(payload.exp).toBeGreaterThanOrEqual(before + 900);
    expect(payload.exp).toBeLessThanOrEqual(after + 900);
  });

  it('signs with a PEM private key (RS256 by default, --alg PS256) and with a JWK; jose verifies', async () => {
    const rsaPublic = keys.rsa.publicKey;
    const rs = await sign(['{"sub":"rs"}', '--key', keys.rsaPrivatePEM]);
    expect((await jwtVerify(rs, rsaPublic)).protectedHeader.alg).toBe('RS256');
    const ps = await sign(['{"sub":"ps"}', '--key', keys.rsaPrivatePEM, '--alg', 'PS256', '--kid', 'rsa-1', '--typ', 'at+jwt']);
    expect((await jwtVerify(ps, rsaPublic)).protectedHeader).toEqual({ alg: 'PS256', kid: 'rsa-1', typ: 'at+jwt' });
    const privateJWK = keys.file('ec.private.jwk', JSON.stringify({ ...keys.ec.privateKey.export({ format: 'jwk' }), kid: 'ec-1' }));
    const es = await sign(['{"sub":"es"}', '--key', privateJWK]);
    expect((await jwtVerify(es, await importJWK(createPublicKey(keys.ec.privateKey).export({ format: 'jwk' }), 'ES256'))).protectedHeader)
      .toEqual({ alg: 'ES256', kid: 'ec-1', typ: 'JWT' });
  });

  it('--header NAME=VALUE (JSON values), --nbf, --iat none; the payload from stdin', async () => {
    const token = await sign(['-', ...secretFile(), '--header', 'x5t#S256=abc', '--header', 'ext={"n":1}', '--nbf', '2030-01-01T00:00:00Z', '--iat', 'none'],
      '{"sub":"stdin"}');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT', 'x5t#S256': 'abc', ext: { n: 1 } });
    const { payload } = await jwtVerify(token, secretBytes, { currentDate: new Date('2030-01-02T00:00:00Z') });
    expect(payload).toEqual({ sub: 'stdin', nbf: Date.parse('2030-01-01T00:00:00Z') / 1000 });
  });

  it('the decode | sign round trip: a changed payload re-signed with the header kept', async () => {
    const original = await joseToken({ sub: 'user-123', role: 'user' }, keys.rsa.privateKey, { alg: 'RS384', kid: 'rsa-1' });
    const decoded = JSON.parse(expectRun(await webjwt(['decode', original, '--json']), 0).stdout);
    decoded.payload.role = 'admin';
    const resigned = await sign(['-', '--key', keys.rsaPrivatePEM], JSON.stringify(decoded));
    const { payload, protectedHeader } = await jwtVerify(resigned, keys.rsa.publicKey);
    expect(protectedHeader).toEqual({ alg: 'RS384', kid: 'rsa-1', typ: 'JWT' });
    expect(payload).toEqual({ ...decoded.payload, role: 'admin' });
    // The round trip through a pipe, as the README shows it.
    const piped = await webjwt(['sign', '--key', keys.rsaPrivatePEM], { input: (await webjwt(['decode', original])).stdout });
    expect((await jwtVerify(expectRun(piped, 0).stdout.trim(), keys.rsa.publicKey)).payload.role).toBe('user');
  });

  it('refuses what the library refuses: a public key, a key set, a conflicting claim, a header it reserves', async () => {
    expect(codeOf(expectRun(await webjwt(['sign', '{}', '--key', keys.rsaPublicPEM]), 1))).toBe('ERR_JWT_KEY_INVALID');
    expect(codeOf(expectRun(await webjwt(['sign', '{}', '--key', keys.jwks]), 1))).toBe('ERR_JWT_KEY_INVALID');
    expect(codeOf(expectRun(await webjwt(['sign', '{}', '--key', keys.rsaPrivatePEM, '--alg', 'ES256']), 1))).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    expect(expectRun(await webjwt(['sign', '{"exp":1}', ...secretFile(), '--exp', '1h']), 2).stderr).toMatch(/conflicts with the payload's "exp"/);
    expect(expectRun(await webjwt(['sign', '{}', ...secretFile(), '--header', 'crit=["x"]']), 2).stderr).toMatch(/"header" may not set "crit"/);
    expect(expectRun(await webjwt(['sign', '{"exp":"soon"}', ...secretFile()]), 2).stderr).toMatch(/payload.exp/);
  });

  it('usage errors: not JSON, not an object, a bad duration, a bad --header, an unknown --alg', async () => {
    const cases: [string[], RegExp][] = [
      [['{sub: 1}'], /the payload is not valid JSON/],
      [['[1,2]'], /the payload must be a JSON object/],
      [['{}', '--exp', '15 parsecs'], /"expiresIn" expected a duration/],
      [['{}', '--header', '=x'], /--header expected NAME=VALUE/],
      [['{}', '--alg', 'HS999'], /"alg" expected/],
      [['{}', '--iat', 'yesterday'], /--iat expected a date/],
    ];
    for (const [args, message] of cases) {
      expect(expectRun(await webjwt(['sign', ...args, ...secretFile()]), 2).stderr, args.join(' ')).toMatch(message);
    }
  });

  it('--secret: the token is made, the secret is not echoed, the hint is given', async () => {
    const run = expectRun(await webjwt(['sign', '{"sub":"x"}', '--secret', SECRET]), 0);
    expect((await jwtVerify(run.stdout.trim(), secretBytes)).payload.sub).toBe('x');
    expect(run.stderr).toMatch(/^hint: /);
  });
});
