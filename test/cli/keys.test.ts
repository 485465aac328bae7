/** Every way to give `webjwt verify` a key, and every way a key file can be wrong. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { AT, SECRET, codeOf, expectRun, joseToken, keyFiles, nowSeconds, secretBytes, webjwt } from './helpers.js';

let keys: Awaited<ReturnType<typeof keyFiles>>;
const tokens: Record<string, string> = {};
const exp = nowSeconds + 900;

beforeAll(async () => {
  keys = await keyFiles();
  tokens.hs = await joseToken({ sub: 'hs', exp }, secretBytes);
  tokens.rs = await joseToken({ sub: 'rs', exp }, keys.rsa.privateKey, { alg: 'RS256' });
  tokens.ps = await joseToken({ sub: 'ps', exp }, keys.rsa.privateKey, { alg: 'PS384' });
  tokens.es = await joseToken({ sub: 'es', exp }, keys.ec.privateKey, { alg: 'ES256', kid: 'ec-1' });
  tokens.esOther = await joseToken({ sub: 'es-other', exp }, keys.ecOther.privateKey, { alg: 'ES256', kid: 'ec-2' });
  tokens.esUnknownKid = await joseToken({ sub: 'es', exp }, keys.ec.privateKey, { alg: 'ES256', kid: 'ec-9' });
});

const subjectOf = (stdout: string) => JSON.parse(stdout).sub;

describe('webjwt verify: key forms', () => {
  it('--secret-file (one trailing newline dropped), and - for stdin', async () => {
    expect(subjectOf(expectRun(await webjwt(['verify', tokens.hs, '--secret-file', keys.secretFile, ...AT]), 0).stdout)).toBe('hs');
    const fromStdin = expectRun(await webjwt(['verify', tokens.hs, '--secret-file', '-', ...AT], { input: SECRET }), 0);
    expect(fromStdin.stderr).toBe(''); // no hint: the secret was not on the command line
  });

  it('--secret: a hint that the secret is in the shell history, the secret itself never echoed', async () => {
    const run = expectRun(await webjwt(['verify', tokens.hs, '--secret', SECRET, ...AT]), 0);
    expect(run.stderr).toMatch(/^hint: .*--secret-file/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('b64: secrets, base64 and base64url, on the command line and in a file', async () => {
    const bytes = Uint8Array.from({ length: 48 }, (_, i) => (i * 37 + 251) % 256); // has + and / in base64
    const token = await joseToken({ sub: 'bytes', exp }, bytes, { alg: 'HS384' });
    const base64 = Buffer.from(bytes).toString('base64');
    const base64url = Buffer.from(bytes).toString('base64url');
    expect(base64).toMatch(/[+/]/);
    for (const form of [base64, base64url]) {
      expectRun(await webjwt(['verify', token, '--secret', `b64:${form}`, ...AT]), 0, [form]);
    }
    expectRun(await webjwt(['verify', token, '--secret-file', keys.file('b64.txt', `b64:${base64}\n`), ...AT]), 0, [base64]);
    // The same characters as text are another secret.
    expect(codeOf(expectRun(await webjwt(['verify', token, '--secret', base64, ...AT]), 1, [base64]))).toBe('ERR_JWT_SIGNATURE_INVALID');
    const bad = expectRun(await webjwt(['verify', token, '--secret', 'b64:not*base64', ...AT]), 2, ['not*base64']);
    expect(bad.stderr).toMatch(/--secret: the text after "b64:" is not base64/);
  });

  it('--key PEM: a public key, and a private key (its public half)', async () => {
    for (const [token, file, sub] of [[tokens.rs, keys.rsaPublicPEM, 'rs'], [tokens.ps, keys.rsaPrivatePEM, 'ps'], [tokens.es, keys.ecPrivatePEM, 'es']]) {
      expect(subjectOf(expectRun(await webjwt(['verify', token!, '--key', file!, ...AT]), 0).stdout)).toBe(sub);
    }
  });

  it('--key DER: SPKI and PKCS#1, binary and as bare base64', async () => {
    expectRun(await webjwt(['verify', tokens.rs, '--key', keys.rsaPublicDER, ...AT]), 0);
    expectRun(await webjwt(['verify', tokens.rs, '--key', keys.rsaPKCS1DER, ...AT]), 0);
    const der = keys.rsa.publicKey.export({ type: 'spki', format: 'der' });
    expectRun(await webjwt(['verify', tokens.rs, '--key', keys.file('bare.b64', `${der.toString('base64')}\n`), ...AT]), 0);
  });

  it('--key JWK, --key JWKS and --jwks FILE: the key picked by kid', async () => {
    expect(subjectOf(expectRun(await webjwt(['verify', tokens.es, '--key', keys.ecPublicJWK, ...AT]), 0).stdout)).toBe('es');
    for (const option of ['--key', '--jwks']) {
      expect(subjectOf(expectRun(await webjwt(['verify', tokens.es, option, keys.jwks, ...AT]), 0).stdout)).toBe('es');
      expect(subjectOf(expectRun(await webjwt(['verify', tokens.esOther, option, keys.jwks, ...AT]), 0).stdout)).toBe('es-other');
      const unknown = expectRun(await webjwt(['verify', tokens.esUnknownKid, option, keys.jwks, ...AT]), 1);
      expect(codeOf(unknown)).toBe('ERR_JWKS_NO_MATCHING_KEY');
      expect(unknown.stderr).toMatch(/^ {2}token: alg ES256, kid "ec-9"$/m);
    }
    // The other key of the set, given alone, does not verify.
    expect(codeOf(expectRun(await webjwt(['verify', tokens.esOther, '--key', keys.ecPublicJWK, ...AT]), 1))).toBe('ERR_JWT_SIGNATURE_INVALID');
  });

  it('--jwks FILE must be a key set', async () => {
    expect(codeOf(expectRun(await webjwt(['verify', tokens.es, '--jwks', keys.ecPublicJWK, ...AT]), 1))).toBe('ERR_JWT_KEY_INVALID');
  });

  it('--jwks URL: the key set a server on 127.0.0.1 publishes; its failures are refusals with their code', async () => {
    const jwks = readFileSync(keys.jwks, 'utf8');
    const server = createServer((request, response) => {
      if (request.url === '/jwks.json') response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      else response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(subjectOf(expectRun(await webjwt(['verify', tokens.es, '--jwks', `${origin}/jwks.json`, ...AT]), 0).stdout)).toBe('es');
      const unknown = expectRun(await webjwt(['verify', tokens.esUnknownKid, '--jwks', `${origin}/jwks.json`, ...AT]), 1);
      expect(codeOf(unknown)).toBe('ERR_JWKS_NO_MATCHING_KEY');
      const failing = expectRun(await webjwt(['verify', tokens.es, '--jwks', `${origin}/missing`, ...AT]), 1);
      expect(codeOf(failing)).toBe('ERR_JWKS_FETCH_FAILED');
      expect(failing.stderr).toMatch(/^ {2}status: 500$/m);
    } finally {
      server.close();
    }
    // http: to another host is refused before any request (no DNS lookup either): a usage error.
    const remote = expectRun(await webjwt(['verify', tokens.es, '--jwks', 'http://idp.test/jwks.json', ...AT]), 2);
    expect(remote.stderr).toMatch(/http/);
  });

  it('the key decides the algorithm, never the token: a public key never verifies an HS256 token', async () => {
    expect(codeOf(expectRun(await webjwt(['verify', tokens.hs, '--key', keys.rsaPublicPEM, ...AT]), 1))).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    expect(codeOf(expectRun(await webjwt(['verify', tokens.rs, '--secret-file', keys.secretFile, ...AT]), 1))).toBe('ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('files that are no key are refused, never used as secrets', async () => {
    const cases = {
      text: 'just some text\n',
      binary: Uint8Array.from({ length: 64 }, (_, i) => (i * 13 + 200) % 256),
      derNoKey: Uint8Array.from([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]),
      badJSON: '{"kty": "EC",',
      jwkNoKey: '{"kty": "EC", "crv": "P-256"}',
      brokenPEM: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
    };
    for (const [name, contents] of Object.entries(cases)) {
      const run = expectRun(await webjwt(['verify', tokens.hs, '--key', keys.file(name, contents), ...AT]), 1);
      expect(codeOf(run), name).toBe('ERR_JWT_KEY_INVALID');
    }
  });

  it('usage errors: no key, two keys, a missing file', async () => {
    expect(expectRun(await webjwt(['verify', tokens.hs, ...AT]), 2).stderr).toMatch(/no key: give --secret, --secret-file, --key or --jwks/);
    expect(expectRun(await webjwt(['verify', tokens.hs, '--secret', SECRET, '--key', keys.rsaPublicPEM]), 2).stderr).toMatch(/give one key, not --secret and --key/);
    expect(expectRun(await webjwt(['verify', tokens.hs, '--key', '/nonexistent/key.pem']), 2).stderr).toMatch(/--key: cannot read \/nonexistent\/key.pem \(ENOENT\)/);
    expect(expectRun(await webjwt(['verify', '-', '--secret-file', '-'], { input: SECRET }), 2).stderr).toMatch(/cannot both come from stdin/);
  });
});
