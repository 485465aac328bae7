#!/usr/bin/env node
/**
 * Builds dist/inspector.html (run by `npm run build`, after tsup): one
 * self-contained HTML file, the offline token inspector.
 *
 *   1. esbuild bundles src/inspector/main.ts for browsers (platform browser,
 *      conditions ['browser']). Its imports of the public API (`../index.js`)
 *      resolve to the package itself, `webjwt`, through package.json's exports,
 *      as a user's bundler resolves them: dist/web.js, the Web Crypto build,
 *      which the `browser` condition selects.
 *   2. The script and src/inspector/style.css are inlined into src/inspector/page.html,
 *      whose Content-Security-Policy allows exactly them (by SHA-256) and no
 *      connection of any kind.
 *   3. With `--copy-to FILE` (npm run docs: docs/api/inspector.html), the page is
 *      also written there, so the published API docs carry the inspector.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const source = join(root, 'src', 'inspector');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The page's policy: nothing but its own inline script and style; no connection, no frame, no form target. */
const policy = (scriptHash, styleHash) => [
  "default-src 'none'",
  "connect-src 'none'",
  `script-src '${scriptHash}'`,
  `style-src '${styleHash}'`,
  'img-src data:', // the favicon, inline: without one, browsers ask the server for /favicon.ico
  "font-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "media-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

// `webjwt` must resolve to this package: esbuild has no package self-reference, so it finds the
// package through a node_modules folder of its own that links to the repository.
const modules = mkdtempSync(join(tmpdir(), 'webjwt-inspector-'));
try {
  mkdirSync(join(modules, 'node_modules'));
  symlinkSync(root, join(modules, 'node_modules', 'webjwt'), 'dir');

  const publicAPI = {
    name: 'public-api-as-package',
    setup(build) {
      build.onResolve({ filter: /^(\.\.\/)+index\.js$/ }, (args) => {
        if (!relative(join(root, 'src'), args.importer).match(/^(inspector|common)\//)) return undefined;
        return build.resolve('webjwt', { kind: args.kind, resolveDir: modules });
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [join(source, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    conditions: ['browser'],
    target: 'es2022',
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    metafile: true,
    plugins: [publicAPI],
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const library = inputs.filter((file) => !file.includes('src/inspector/') && !file.includes('src/common/'));
  if (library.length === 0 || !library.every((file) => /(^|\/)dist\/[\w.-]+\.js$/.test(file))) {
    throw new Error(`the inspector must bundle the library's build (dist/), not its sources: ${library.join(', ')}`);
  }

  // Inline script: "</script" inside it would end the element early.
  const script = result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  const style = readFileSync(join(source, 'style.css'), 'utf8');
  const hash = (text) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
  const fill = { CSP: policy(hash(script), hash(style)), STYLE: style, SCRIPT: script, VERSION: pkg.version };
  const page = readFileSync(join(source, 'page.html'), 'utf8').replace(/%(CSP|STYLE|SCRIPT|VERSION)%/g, (_, name) => fill[name]);

  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', 'inspector.html'), page);
  const copyTo = process.argv[process.argv.indexOf('--copy-to') + 1];
  if (process.argv.includes('--copy-to') && copyTo) {
    mkdirSync(dirname(join(root, copyTo)), { recursive: true });
    writeFileSync(join(root, copyTo), page);
  }
  if (!process.argv.includes('--quiet')) console.log(`dist/inspector.html ${(page.length / 1024).toFixed(1)} KB (library: ${library.join(', ')})`);
} finally {
  rmSync(modules, { recursive: true, force: true });
}
