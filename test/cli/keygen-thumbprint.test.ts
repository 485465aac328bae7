/** `webjwt keygen` and `webjwt thumbprint`. */
import { createPrivateKey } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, importPKCS8, importSPKI, jwtVerify, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, expectRun, keyFiles, webjwt } from './helpers.js';

let dir: string;
beforeAll(async () => {
  ({ dir } = await keyFiles());
});

/** RFC 7638 §3.1: the example RSA key and its thumbprint. */
const RFC7638_KEY = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};
const RFC7638_THUMBPRINT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';

describe('webjwt keygen', () => {
  it('a key pair as PEM: the private key to --out (mode 0600), the public key to --public-out; they sign and verify', async () => {
    for (const alg of ['ES256', 'ES384', 'EdDSA', 'RS256', 'PS512']) {
      const [priv, pub] = [join(dir, `${alg}.key.pem`), join(dir, `${alg}.pub.pem`)];
      const run = expectRun(await webjwt(['keygen', alg, '--out', priv, '--public-out', pub]), 0);
      expect(run.stdout).toBe('');
      expect(statSync(priv).mode & 0o777).toBe(0o600);
      expect(readFileSync(priv, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(readFileSync(pub, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      const token = expectRun(await webjwt(['sign', '{"sub":"k"}', '--key', priv, '--alg', alg]), 0).stdout.trim(); // a PEM names no alg
      expect(JSON.parse(expectRun(await webjwt(['verify', token, '--key', pub]), 0).stdout).sub).toBe('k');
      await jwtVerify(token, await importSPKI(readFileSync(pub, 'utf8'), alg)); // jose agrees
      await importPKCS8(readFileSync(priv, 'utf8'), alg);
    }
    expect(createPrivateKey(readFileSync(join(dir, 'RS256.key.pem'))).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('--jwk: the private JWK on stdout with alg, use and a kid (its thumbprint unless --kid)', async () => {
    const jwk = JSON.parse(expectRun(await webjwt(['keygen', 'ES256', '--jwk']), 0).stdout) as JWK;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwk.d).toBeTypeOf('string');
    expect(jwk.kid).toBe(await calculateJwkThumbprint(jwk));
    const pub = join(dir, 'named.pub.jwk');
    const named = JSON.parse(expectRun(await webjwt(['keygen', 'EdDSA', '--jwk', '--kid', 'signing-1', '--public-out', pub]), 0).stdout);
    expect(named.kid).toBe('signing-1');
    expect(JSON.parse(readFileSync(pub, 'utf8'))).toEqual({ kty: 'OKP', crv: 'Ed25519', x: named.x, alg: 'EdDSA', use: 'sig', kid: 'signing-1' });
  });

  it('HS256: 32 random bytes as b64:, which --secret-file reads back; --jwk an oct JWK', async () => {
    const file = join(dir, 'hs.secret');
    expectRun(await webjwt(['keygen', 'HS512', '--out', file]), 0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^b64:[A-Za-z0-9+/]+=*\n$/);
    expect(Buffer.from(text.slice(4).trim(), 'base64')).toHaveLength(64);
    const token = expectRun(await webjwt(['sign', '{}', '--secret-file', file, '--alg', 'HS512']), 0, [text.trim()]).stdout.trim();
    expectRun(await webjwt(['verify', token, '--secret-file', file, '--alg', 'HS512']), 0, [text.trim()]);
    const oct = JSON.parse(expectRun(await webjwt(['keygen', 'HS256', '--jwk']), 0).stdout);
    expect(Buffer.from(oct.k, 'base64url')).toHaveLength(32);
    expect(oct).toMatchObject({ kty: 'oct', alg: 'HS256' });
  });

  it('two runs make two different keys', async () => {
    const [a, b] = await Promise.all([webjwt(['keygen', 'HS256']), webjwt(['keygen', 'HS256'])]);
    expect(a.stdout).not.toBe(b.stdout);
  });

  it('usage errors: no alg, an unknown alg, --kid without --jwk, --public-out for a secret, an existing file', async () => {
    const existing = join(dir, 'existing.pem');
    expectRun(await webjwt(['keygen', 'ES256', '--out', existing]), 0);
    const before = readFileSync(existing, 'utf8');
    const cases: [string[], RegExp][] = [
      [[], /which algorithm/],
      [['XS256'], /"alg" expected/],
      [['ES256', '--kid', 'k'], /--kid needs --jwk/],
      [['HS256', '--public-out', join(dir, 'x')], /a secret has no public part/],
      [['ES256', '--out', existing], /exists; not overwriting it/],
    ];
    for (const [args, message] of cases) expect(expectRun(await webjwt(['keygen', ...args]), 2).stderr, args.join(' ')).toMatch(message);
    expect(readFileSync(existing, 'utf8')).toBe(before);
  });
});

describe('webjwt thumbprint', () => {
  it('the RFC 7638 example, from a file and from stdin; --uri gives the RFC 9278 URI', async () => {
    const file = join(dir, 'rfc7638.jwk');
    writeFileSync(file, JSON.stringify(RFC7638_KEY));
    expect(expectRun(await webjwt(['thumbprint', file]), 0).stdout).toBe(`${RFC7638_THUMBPRINT}\n`);
    expect(expectRun(await webjwt(['thumbprint', '-'], { input: JSON.stringify(RFC7638_KEY) }), 0).stdout).toBe(`${RFC7638_THUMBPRINT}\n`);
    expect(expectRun(await webjwt(['thumbprint', file, '--uri']), 0).stdout).toBe(`urn:ietf:params:oauth:jwk-thumbprint:sha-256:${RFC7638_THUMBPRINT}\n`);
  });

  it('--hash sha512, as jose computes it; a private JWK has its public key\'s thumbprint', async () => {
    const jwk = JSON.parse(expectRun(await webjwt(['keygen', 'ES384', '--jwk']), 0).stdout);
    const run = await webjwt(['thumbprint', '-', '--hash', 'sha512'], { input: JSON.stringify(jwk) });
    expect(expectRun(run, 0).stdout.trim()).toBe(await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha512'));
  });

  it('not a JWK: exit 1 with ERR_JWT_KEY_INVALID; a bad --hash: exit 2', async () => {
    for (const input of ['not json', '{"kty":"EC","crv":"P-256"}', '{"keys":[]}']) {
      expect(codeOf(expectRun(await webjwt(['thumbprint', '-'], { input }), 1)), input).toBe('ERR_JWT_KEY_INVALID');
    }
    expect(expectRun(await webjwt(['thumbprint', '-', '--hash', 'md5'], { input: JSON.stringify(RFC7638_KEY) }), 2).stderr).toMatch(/"hash" expected/);
  });
});
