/**
 * The benchmark's instruments (bench/), not its numbers: the checks that keep
 * a contender from being timed unless it refuses tampered, expired,
 * wrong-audience and wrong-issuer tokens, and the byte attribution of
 * `npm run size --metafile`. No timing is asserted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { SignJWT, importPKCS8, importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Fn = (...args: any[]) => unknown;
interface Row {
  name: string;
  signatureOnly?: boolean;
  decode?: Fn;
  sign: Record<string, Fn>;
  verify: Record<string, Fn>;
}
interface Fixtures {
  secret: string;
  claims: Record<string, unknown>;
  keys: Record<string, { privatePem: string; publicPem: string }>;
  tokens: Record<string, Record<string, string>>;
}

// bench/ is plain JavaScript run by Node, Bun and Deno: import it untyped.
const load = (path: string): Promise<any> => import(new URL(`../../bench/${path}`, import.meta.url).href);
const { makeFixtures, ISSUER, AUDIENCE } = await load('fixtures.mjs');
const { checkRow, CheckFailure, median } = await load('suite.mjs');
const { default: webCryptoRows } = await load('contenders/web-crypto.mjs');
const { default: nodeCryptoRows } = await load('contenders/node-crypto.mjs');
const { bytesBySection, stringLiterals, withoutLiteralText } = await load('sections.mjs');

const fx: Fixtures = makeFixtures();

/** A jose row restricted to ES256, verifying with `options`: a real library, configured well or badly. */
async function joseRow(options: Record<string, unknown>): Promise<Row> {
  const privateKey = await importPKCS8(fx.keys.ES256!.privatePem, 'ES256');
  const publicKey = await importSPKI(fx.keys.ES256!.publicPem, 'ES256');
  return {
    name: 'jose (test)',
    sign: { ES256: () => new SignJWT(fx.claims).setProtectedHeader({ alg: 'ES256' }).sign(privateKey) },
    verify: { ES256: (token: string) => jwtVerify(token, publicKey, options) },
  };
}

async function failureOf(row: Row): Promise<{ operation: string; tokenCase?: string } | undefined> {
  try {
    await checkRow(row, fx);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(CheckFailure);
    const { operation, tokenCase } = error as { operation: string; tokenCase?: string };
    return { operation, tokenCase };
  }
}

describe('bench: checks before timing', () => {
  it('passes the hand-written baselines, which check the signature only', async () => {
    for (const row of [...(await webCryptoRows(fx)), ...(await nodeCryptoRows(fx))] as Row[]) {
      expect(row.signatureOnly, row.name).toBe(true);
      expect(await failureOf(row), row.name).toBeUndefined();
    }
  });

  it('passes a library that checks the signature, exp, iss and aud', async () => {
    expect(await failureOf(await joseRow({ issuer: ISSUER, audience: AUDIENCE }))).toBeUndefined();
  });

  it('stops a verifier that does not check the audience, or the issuer', async () => {
    expect(await failureOf(await joseRow({ issuer: ISSUER }))).toEqual({ operation: 'verify ES256', tokenCase: 'wrongAudience' });
    expect(await failureOf(await joseRow({ audience: AUDIENCE }))).toEqual({ operation: 'verify ES256', tokenCase: 'wrongIssuer' });
  });

  it('stops a verifier that checks the signature only, unless it is a baseline', async () => {
    const [subtle] = (await webCryptoRows(fx)) as Row[];
    const lax: Row = { name: 'lax', sign: {}, verify: { HS256: async (token: string) => ({ payload: (await subtle!.verify.HS256!(token), fx.claims) }) } };
    expect(await failureOf(lax)).toEqual({ operation: 'verify HS256', tokenCase: 'expired' });
  });

  it('stops a verifier that accepts anything, or refuses the valid token', async () => {
    expect(await failureOf({ name: 'open', sign: {}, verify: { RS256: () => fx.claims } })).toEqual({ operation: 'verify RS256', tokenCase: 'tampered' });
    const closed: Row = { name: 'closed', sign: {}, verify: { EdDSA: () => { throw new Error('no'); } } };
    expect(await failureOf(closed)).toEqual({ operation: 'verify EdDSA', tokenCase: 'valid' });
  });

  it('stops a signer whose tokens do not verify or carry other claims, and a decoder that loses the claims', async () => {
    const valid = fx.tokens.HS256!.valid!;
    const forged = `${valid.slice(0, valid.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    expect(await failureOf({ name: 'forger', sign: { HS256: () => forged }, verify: {} })).toMatchObject({ operation: 'sign HS256' });
    expect(await failureOf({ name: 'replayer', sign: { HS256: () => fx.tokens.HS256!.wrongAudience }, verify: {} })).toMatchObject({ operation: 'sign HS256' });
    expect(await failureOf({ name: 'decoder', decode: () => ({}), sign: {}, verify: {} })).toMatchObject({ operation: 'decode' });
  });

  it('takes the median of the rounds', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('bench: bytes by source module', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'webjwt-sections-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('attributes every byte of a minified bundle to the `// src/` section it came from', async () => {
    // An input shaped like tsup's output: module markers, one long message in each module.
    const input = join(dir, 'input.js');
    writeFileSync(input, [
      '// src/a.ts',
      `export function a() { throw new Error("${'a'.repeat(400)}"); }`,
      '',
      '// src/b.ts',
      `export function b() { throw new Error("${'b'.repeat(100)}"); }`,
      // Quotes inside a regular expression and inside a template's substitution are not strings' starts.
      'export const quoted = (t) => /^["\']|["\']$/.test(t) ? `<${t.split(`"`)[0]}>` : "none";',
      '',
    ].join('\n'));
    const outfile = join(dir, 'out.js');
    const built = await esbuild.build({ entryPoints: [input], bundle: true, minify: true, format: 'esm', outfile, sourcemap: 'external', write: false });
    const code = built.outputFiles.find((f) => f.path === outfile)!.text;
    const map = JSON.parse(built.outputFiles.find((f) => f.path === `${outfile}.map`)!.text);
    const sections: { section: string; bytes: number }[] = bytesBySection(code, map, dir, dir);
    const bytes = Object.fromEntries(sections.map((s) => [s.section, s.bytes]));
    expect(sections.reduce((sum, s) => sum + s.bytes, 0)).toBe(Buffer.byteLength(code.split('\n').join('')));
    expect(bytes['src/a.ts']).toBeGreaterThan(400);
    expect(bytes['src/b.ts']).toBeGreaterThan(100);
    expect(bytes['src/b.ts']).toBeLessThan(400);
    const strings: string[] = stringLiterals(code);
    expect(strings.map((s) => s.length).slice(0, 2)).toEqual([402, 102]);
    expect(strings.slice(2).sort()).toEqual(['"none"', `'"'`, '`<${', '}>`'].sort());
    // The floor `npm run size --metafile` prints: every literal's text out, delimiters, substitutions and regexes kept.
    const textless: string = withoutLiteralText(code);
    const delimiters = (literal: string) => literal.slice(0, 1) + literal.slice(literal.endsWith('${') ? -2 : -1);
    expect(stringLiterals(textless).sort()).toEqual(strings.map(delimiters).sort());
    expect(code.length - textless.length).toBe(strings.reduce((sum, s) => sum + s.length - delimiters(s).length, 0));
    expect(textless).toContain(`/^["']|["']$/.test(`);
    expect(textless).toMatch(/`\$\{\w+\.split\(''\)\[0\]\}`/);
  });
});
