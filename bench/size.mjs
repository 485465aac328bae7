#!/usr/bin/env node
/**
 * `npm run size`: what webjwt costs in a browser bundle, against jose, hono
 * and @tsndr/cloudflare-worker-jwt. Each entry is bundled by esbuild as a
 * browser bundler resolves `import … from 'webjwt'`: from the repository
 * root through the package's `exports` (the package refers to itself by
 * name, so dist/ is used, never src/), platform browser with the conditions
 * esbuild sets for it (`browser`, `import`, `module`, `default`), minified,
 * then gzip -9. Exits non-zero when a webjwt bundle is over its budget.
 *
 * Usage: node bench/size.mjs [--metafile]
 *   --metafile  also print, for webjwt's bundles, esbuild's analysis of the
 *               metafile and the bytes per source module (bench/sections.mjs),
 *               and write the metafiles to bench/results/ (esbuild's analyzer reads them)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { markdownTable } from './report.mjs';
import { bytesBySection, stringLiterals, withoutLiteralText } from './sections.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const results = join(root, 'bench', 'results');

/** The bundles: what a user's module imports. `budget` (gzip bytes) only for webjwt's. */
const BUNDLES = [
  { name: 'webjwt: sign + verify', code: "export { sign, verify } from 'webjwt';", budget: 6144 },
  { name: 'webjwt: decode', code: "export { decode } from 'webjwt';", budget: 1024 },
  { name: 'jose: SignJWT + jwtVerify', code: "export { SignJWT, jwtVerify } from 'jose';" },
  { name: 'jose: decodeJwt', code: "export { decodeJwt } from 'jose';" },
  { name: 'hono/jwt: sign + verify', code: "export { sign, verify } from 'hono/jwt';" },
  { name: '@tsndr/cloudflare-worker-jwt: sign + verify', code: "export { sign, verify } from '@tsndr/cloudflare-worker-jwt';" },
];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const slug = (name) => name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();

async function bundle({ name, code }) {
  const outfile = join(results, `${slug(name)}.js`);
  const built = await esbuild.build({
    stdin: { contents: code, resolveDir: root, sourcefile: 'entry.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    outfile,
    sourcemap: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const output = built.outputFiles.find((file) => file.path === outfile);
  const map = built.outputFiles.find((file) => file.path === `${outfile}.map`);
  const inputs = Object.keys(built.metafile.inputs).filter((input) => input !== 'entry.js');
  return {
    minified: output.contents.length,
    gzip: gzipSync(output.contents, { level: 9 }).length,
    resolved: inputs.filter((input) => !input.startsWith('node_modules/')),
    metafile: built.metafile,
    sections: () => bytesBySection(output.text, JSON.parse(map.text), dirname(outfile), root),
    strings: () => stringLiterals(output.text),
    textless: () => withoutLiteralText(output.text),
  };
}

if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('size: dist/ is missing: run `npm run build` first (`npm run size` does).');
  process.exit(1);
}
const showMetafile = process.argv.includes('--metafile');
mkdirSync(results, { recursive: true });

const rows = [];
const measured = [];
for (const entry of BUNDLES) {
  const size = await bundle(entry);
  measured.push({ name: entry.name, minified: size.minified, gzip: size.gzip, budget: entry.budget, resolved: size.resolved });
  const verdict = entry.budget === undefined ? '' : size.gzip <= entry.budget ? 'within budget' : `over by ${size.gzip - entry.budget} B`;
  rows.push([
    entry.name,
    `${kb(size.minified)} (${size.minified} B)`,
    `${kb(size.gzip)} (${size.gzip} B)`,
    entry.budget === undefined ? '' : `${kb(entry.budget)} (${entry.budget} B)`,
    verdict,
  ]);
  if (showMetafile && entry.budget !== undefined) printAnalysis(entry, size);
}

console.log(markdownTable(['bundle (esbuild, browser, minified)', 'minified', 'gzip -9', 'budget', ''], rows));
const webjwtFiles = [...new Set(measured.filter((m) => m.budget !== undefined).flatMap((m) => m.resolved))];
console.log(`\nesbuild ${esbuild.version}, platform browser; \`import 'webjwt'\` resolved to ${webjwtFiles.join(', ')}.`);
writeFileSync(join(results, 'size.json'), `${JSON.stringify({ date: new Date().toISOString(), esbuild: esbuild.version, bundles: measured }, null, 2)}\n`);

const over = measured.filter((m) => m.budget !== undefined && m.gzip > m.budget);
if (over.length > 0) {
  console.error(`size: over budget: ${over.map((m) => `${m.name} ${m.gzip} B > ${m.budget} B`).join('; ')}`);
  process.exitCode = 1;
}

/** esbuild's view by input file, then bytes per source module, for one of webjwt's bundles. */
function printAnalysis(entry, size) {
  const file = join(results, `${slug(entry.name)}.meta.json`);
  writeFileSync(file, JSON.stringify(size.metafile));
  console.log(`\n## ${entry.name}: by input (esbuild --analyze); metafile: ${relative(root, file)}`);
  console.log(esbuild.analyzeMetafileSync(size.metafile).trimEnd());
  const sections = size.sections();
  const total = sections.reduce((sum, s) => sum + s.bytes, 0);
  console.log(`\n## ${entry.name}: minified bytes by source module (from the source map)\n`);
  const body = sections.map((s) => [s.section, String(s.bytes), `${((s.bytes / total) * 100).toFixed(1)}%`]);
  console.log(`${markdownTable(['section', 'bytes', 'share'], body)}\n`);
  const strings = size.strings();
  const stringBytes = strings.reduce((sum, s) => sum + s.length, 0);
  console.log(`## ${entry.name}: string literals: ${stringBytes} bytes (${((stringBytes / size.minified) * 100).toFixed(0)}% of the minified bundle), the largest:\n`);
  for (const literal of strings.slice(0, 12)) console.log(`  ${String(literal.length).padStart(4)}  ${literal.length > 110 ? `${literal.slice(0, 107)}...` : literal}`);
  const textless = Buffer.from(size.textless());
  const textlessGzip = gzipSync(textless, { level: 9 }).length;
  console.log(`\n## ${entry.name}: without the text of its string literals (a floor no shorter message or table can pass): ${kb(textless.length)} (${textless.length} B) minified, ${kb(textlessGzip)} (${textlessGzip} B) gzip -9`);
}
