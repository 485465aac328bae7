/**
 * The architecture, enforced: dependencies point one way (public verbs ->
 * lib/ -> leaves), the verbs never import each other, errors.ts, types.ts and
 * standard-schema.ts carry no runtime imports, and only lib/crypto/ touches the platform's crypto.
 * The tools (cli/, inspector/, and common/, which they share, and testing.ts,
 * the `webjwt/testing` entry) are clients of the public API: they reach the
 * library only through index.ts, and the library never reaches them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every relative import of a file: the target (relative to src/) and whether it is type-only. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => ({
    target: relative(SRC, resolve(dirname(file), m[3]!)).replace(/\.js$/, '.ts'),
    typeOnly: Boolean(m[2]),
  }));
}

const files = sourceFiles(SRC).map((file) => ({ path: relative(SRC, file), imports: importsOf(file), text: readFileSync(file, 'utf8') }));
const VERBS = ['sign.ts', 'verify.ts', 'decode.ts', 'jwks.ts'];
const LEAVES = ['errors.ts', 'types.ts', 'standard-schema.ts'];
/** The tools, and the folders each may import besides index.ts (the public API). */
const TOOLS: Record<string, string[]> = {
  'cli/': ['cli/', 'common/'],
  'inspector/': ['inspector/', 'common/'],
  'common/': ['common/'],
  'testing.ts': [], // webjwt/testing: the public API and nothing else
};
const toolOf = (path: string) => Object.keys(TOOLS).find((folder) => path.startsWith(folder));

describe('architecture', () => {
  it('reads the imports it checks', () => {
    expect(files.find((f) => f.path === 'verify.ts')!.imports.map((i) => i.target)).toContain('lib/compact.ts');
  });

  it('public verbs never import each other', () => {
    for (const verb of files.filter((f) => VERBS.includes(f.path))) {
      expect(verb.imports.filter((i) => VERBS.includes(i.target) && !i.typeOnly), verb.path).toEqual([]);
    }
  });

  it('lib/ imports only lib/ and the leaves, never a verb or the index', () => {
    for (const file of files.filter((f) => f.path.startsWith('lib/'))) {
      const upward = file.imports.filter((i) => !i.target.startsWith('lib/') && !LEAVES.includes(i.target));
      expect(upward, file.path).toEqual([]);
    }
  });

  it('errors.ts, types.ts and standard-schema.ts have no runtime imports', () => {
    for (const file of files.filter((f) => LEAVES.includes(f.path))) {
      expect(file.imports.filter((i) => !i.typeOnly), file.path).toEqual([]);
    }
  });

  it('in the library, only lib/jwks/fetch.ts makes requests or starts timers (so no timer outlives a request)', () => {
    for (const file of files.filter((f) => f.path !== 'lib/jwks/fetch.ts' && !toolOf(f.path))) {
      expect(file.text, file.path).not.toMatch(/\bfetch\(|\bset(Timeout|Interval)\(/);
    }
    expect(files.find((f) => f.path === 'lib/jwks/fetch.ts')!.text).toMatch(/clearTimeout\(/);
  });

  it('only lib/crypto/ touches crypto.subtle, and only the CLI imports node: modules', () => {
    for (const file of files) {
      if (!file.path.startsWith('lib/crypto/')) expect(file.text, file.path).not.toMatch(/\bsubtle\b/);
      if (!file.path.startsWith('cli/')) expect(file.text, file.path).not.toMatch(/from\s+'node:/);
    }
  });

  it('has the tools it checks', () => {
    for (const folder of Object.keys(TOOLS)) expect(files.some((f) => f.path.startsWith(folder)), folder).toBe(true);
    expect(files.find((f) => f.path === 'cli/commands/verify.ts')!.imports.map((i) => i.target)).toContain('index.ts');
  });

  it('the tools reach the library only through index.ts, its public API', () => {
    for (const file of files) {
      const tool = toolOf(file.path);
      if (!tool) continue;
      const allowed = TOOLS[tool]!;
      const reaching = file.imports.filter((i) => i.target !== 'index.ts' && !allowed.some((folder) => i.target.startsWith(folder)));
      expect(reaching, file.path).toEqual([]);
    }
  });

  it('webjwt/testing imports index.ts and nothing else, and reaches node:http only at run time', () => {
    const testing = files.find((f) => f.path === 'testing.ts')!;
    expect(testing.imports.map((i) => i.target)).toEqual(['index.ts']);
    expect(testing.text).not.toMatch(/\bimport\s*\(|\brequire\s*\(/); // no dynamic import either: one module, loadable anywhere
    expect(testing.text).toMatch(/getBuiltinModule\?\.\('node:http'\)/);
  });

  it('the library never imports the tools', () => {
    for (const file of files.filter((f) => !toolOf(f.path))) {
      expect(file.imports.filter((i) => toolOf(i.target)), file.path).toEqual([]);
    }
  });
});
