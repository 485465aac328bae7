/**
 * Running the installed `webjwt` and the keys and tokens the CLI tests share. Tokens are
 * made by jose, an independent implementation, with times around a fixed NOW; the tests pass
 * `--at` so that nothing depends on the clock.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, type JWTPayload } from 'jose';
import { expect, inject } from 'vitest';

export const NOW = new Date('2026-05-01T12:00:00Z');
export const AT = ['--at', NOW.toISOString()];
export const nowSeconds = NOW.getTime() / 1000;
export const SECRET = 'cli-test secret, 32 bytes or more!';
export const ANSI = /\x1b\[/;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs node_modules/.bin/webjwt of the installed tarball with `args`, `input` on stdin (an empty,
 * closed stdin when absent), in UTC, without NO_COLOR or FORCE_COLOR: output is piped, so it
 * must be plain on its own.
 */
export function webjwt(args: string[], { input = '', env = {}, cwd }: { input?: string | Uint8Array; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const app = inject('cliApp');
  const base: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(join(app, 'node_modules', '.bin', 'webjwt'), args, { cwd: cwd ?? app, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Asserts the exit code, and that nothing secret came back and no ANSI code went into a pipe. */
export function expectRun(run: Run, code: number, secrets: string[] = [SECRET]): Run {
  expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code });
  for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
  expect(run.stdout + run.stderr).not.toMatch(ANSI);
  return run;
}

/** The `refused`/`error` line's code on stderr. */
export const codeOf = (run: Run) => /^(?:refused|error) (ERR_[A-Z_]+):/m.exec(run.stderr)?.[1];

/** A token signed by jose over `claims`, with iat a minute before NOW unless given. */
export function joseToken(claims: JWTPayload, key: KeyObject | Uint8Array, header: { alg: string; kid?: string; typ?: string } = { alg: 'HS256' }): Promise<string> {
  return new SignJWT({ iat: nowSeconds - 60, ...claims }).setProtectedHeader({ ...header, typ: header.typ ?? 'JWT' }).sign(key);
}

export const secretBytes = new TextEncoder().encode(SECRET);

/** Keys on disk in every form the CLI reads, in a fresh temporary folder. */
export async function keyFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'webjwt-cli-keys-'));
  const file = (name: string, contents: string | Uint8Array) => {
    writeFileSync(join(dir, name), contents);
    return join(dir, name);
  };
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecOther = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecJWK = { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256' };
  const otherJWK = { ...(await exportJWK(ecOther.publicKey)), kid: 'ec-2', alg: 'ES256' };
  return {
    dir,
    rsa,
    ec,
    ecOther,
    secretFile: file('secret.txt', `${SECRET}\n`),
    rsaPrivatePEM: file('rsa.key.pem', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    rsaPublicPEM: file('rsa.pub.pem', rsa.publicKey.export({ type: 'spki', format: 'pem' })),
    rsaPublicDER: file('rsa.pub.der', rsa.publicKey.export({ type: 'spki', format: 'der' })),
    rsaPKCS1DER: file('rsa.pkcs1.der', rsa.privateKey.export({ type: 'pkcs1', format: 'der' })),
    ecPrivatePEM: file('ec.key.pem', ec.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    ecPublicJWK: file('ec.jwk', JSON.stringify(ecJWK)),
    jwks: file('jwks.json', JSON.stringify({ keys: [otherJWK, ecJWK] })),
    file,
  };
}
