#!/usr/bin/env node
/**
 * Packaging checks (`npm run test:package`): builds, packs, and checks the tarball the way
 * users get it.
 *
 *   0. npm pack from a clean copy of the checkout (git ls-files, no dist/): prepack must build the code
 *   1. publint --strict on the tarball
 *   2. @arethetypeswrong/cli on the tarball: every resolution mode green
 *   3. the emitted types, installed from the tarball into a temporary consumer project, compile
 *      test/packaging/consumer.ts (ESM) and consumer.cts + a "type": "commonjs" copy of consumer.ts
 *      (CJS, through dist/index.d.cts) under moduleResolution node16 / nodenext / bundler, with
 *      lib ES2022 + DOM, ES2022 alone, ES2022 + @types/node, and ES2022 + DOM + @types/node
 *      (those two also compile consumer-node.ts: keys crossing to and from node:crypto);
 *      strict, skipLibCheck false
 *   4. require('webjwt') and import('webjwt') both load in that project, expose the same names as
 *      the .d.ts, and sign -> verify works (test/packaging/smoke.cjs, smoke.mjs); so do
 *      require('webjwt/testing') and import('webjwt/testing'), each on its own build of webjwt
 *   5. the bin: node_modules/.bin/webjwt prints the version and the path of the installed
 *      dist/inspector.html, and signs a token that it then verifies
 *   6. an esbuild browser bundle (platform browser, esm) resolves dist/web.js, the Web Crypto build, and has
 *      no node: import, no require( and no reach for node:crypto;
 *      the minified + gzipped size of an HMAC sign + verify bundle is printed for information
 *
 * Prints one line per check (`ok` or `FAIL`, then its name), details indented under failures,
 * `info` lines that are not checks, and a final `RESULT {"passed":N,"failed":N,"skipped":N}`.
 * Exits non-zero when any check fails. `--keep` leaves the temporary directory in place.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const fixtures = join(root, 'test', 'packaging');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const keep = process.argv.includes('--keep');

const counts = { passed: 0, failed: 0, skipped: 0 };
// How many checks follow, for the `skipped` count when a step they need fails.
const CONSUMER_CHECKS = 12 + 8 + 3 + 1 + 3; // types ESM (3 resolutions x 4 libs), types CJS (2 x 4), runtime, bin, bundles
const PACK_AND_AFTER = 5 + CONSUMER_CHECKS; // pack, contents, publint, attw, install, then the consumer checks

function report(ok, name, details = []) {
  counts[ok ? 'passed' : 'failed'] += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  for (const line of details) console.log(`       ${line}`);
  return ok;
}

function info(text) {
  console.log(`info ${text}`);
}

/** Runs a command without a shell; resolves with its exit code and output (never rejects). */
function run(command, args, { cwd = root, timeout = 300_000 } = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), error });
      });
  });
}

const lines = (text, max = 40) => {
  const all = text.split('\n').map((l) => l.trimEnd()).filter(Boolean);
  return all.length > max ? [...all.slice(0, max), `… ${all.length - max} more lines`] : all;
};

/** Runs `tasks` (functions returning promises) `limit` at a time, results in order. */
async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const work = mkdtempSync(join(tmpdir(), 'webjwt-package-'));
const packDir = join(work, 'pack');
const consumer = join(work, 'consumer');
mkdirSync(packDir);
mkdirSync(consumer);

try {
  await main();
} catch (error) {
  report(false, 'check-package.mjs itself', lines(String(error?.stack ?? error)));
} finally {
  if (keep) info(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
console.log(`RESULT ${JSON.stringify(counts)}`);
process.exitCode = counts.failed > 0 ? 1 : 0;

async function main() {
  // Pack a clean checkout: the tracked (and new, not ignored) files, no dist/. `npm pack` must build
  // the code itself (prepack), or the tarball ships without it. node_modules is linked, as `npm ci` would make it.
  const clean = join(work, 'clean');
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  for (const file of listed.stdout.split('\0').filter((f) => f && existsSync(join(root, f)))) {
    mkdirSync(dirname(join(clean, file)), { recursive: true });
    cpSync(join(root, file), join(clean, file));
  }
  symlinkSync(join(root, 'node_modules'), join(clean, 'node_modules'), 'dir');
  const noDist = listed.code === 0 && !existsSync(join(clean, 'dist'));
  if (!report(noDist, 'a clean checkout without dist/ (git ls-files)', noDist ? [] : lines(listed.stderr || 'dist/ is tracked'))) {
    return skipRest(PACK_AND_AFTER);
  }
  const pack = await run('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: clean });
  let tarball;
  let packed = [];
  try {
    const [entry] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
    tarball = join(packDir, entry.filename);
    packed = entry.files.map((f) => f.path).sort();
  } catch {
    // reported below
  }
  const packOk = pack.code === 0 && tarball !== undefined && existsSync(tarball);
  if (!report(packOk, 'pack (npm pack from the clean checkout: prepack builds dist/)', packOk ? [] : lines(pack.stdout + pack.stderr))) {
    return skipRest(PACK_AND_AFTER - 1);
  }
  info(`tarball ${relative(work, tarball)}: ${packed.join(', ')}`);
  const required = ['package.json', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/web.js',
    'dist/web.cjs', 'dist/testing.js', 'dist/testing.cjs', 'dist/testing.d.ts', 'dist/testing.d.cts', 'dist/cli.js',
    'dist/inspector.html', 'README.md', 'LICENSE'];
  const missing = required.filter((f) => !packed.includes(f));
  // dist/ holds the library's builds and their types, the CLI (cli.js) and the inspector page (inspector.html).
  const stray = packed.filter((f) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/[^/]+\.(js|cjs|d\.ts|d\.cts)|dist\/inspector\.html)$/.test(f));
  report(missing.length === 0 && stray.length === 0, 'tarball contents (dist with web.*, testing.*, cli.js and inspector.html, package.json, README, LICENSE, CHANGELOG only)', [
    ...missing.map((f) => `missing: ${f}`),
    ...stray.map((f) => `unexpected: ${f}`),
  ]);

  await checkPublint(tarball);
  await checkAttw(tarball);

  // The consumer project: the tarball installed as a user would, from the OS temp dir.
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'webjwt-consumer', private: true, type: 'module' }, null, 2)}\n`);
  const install = await run('npm', ['install', tarball, '--no-save', '--no-package-lock', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: consumer });
  const installed = join(consumer, 'node_modules', 'webjwt', 'package.json');
  const installOk = install.code === 0 && existsSync(installed);
  if (!report(installOk, 'install the tarball into a temporary consumer project', installOk ? [] : lines(install.stdout + install.stderr))) {
    return skipRest(CONSUMER_CHECKS);
  }

  await checkTypes();
  await checkRuntime();
  await checkBin();
  await checkBrowserBundle();
}

function skipRest(n) {
  counts.skipped += n;
  info(`skipping the remaining ${n} checks`);
}

async function checkPublint(tarball) {
  const result = await run(bin('publint'), ['run', tarball, '--strict']);
  const output = lines(result.stdout + result.stderr).filter((l) => !/^(Running publint|Unpacking tarball|Linting)/.test(l));
  const clean = output.length === 1 && output[0] === 'All good!';
  // --strict turns warnings into errors (non-zero exit); suggestions do not fail, but show them.
  report(result.code === 0, 'publint --strict (tarball)', result.code === 0 && clean ? [] : output);
}

async function checkAttw(tarball) {
  const result = await run(bin('attw'), [tarball, '--format', 'json']);
  let json;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    return report(false, 'attw (tarball, strict profile)', lines(result.stdout + result.stderr));
  }
  const problems = Array.isArray(json.problems) ? json.problems : Object.values(json.problems ?? {}).flat();
  const details = problems.map((p) => `${p.kind}${p.resolutionKind ? ` [${p.resolutionKind}]` : ''}${p.entrypoint ? ` ${p.entrypoint}` : ''}`);
  const modes = [];
  for (const [subpath, entrypoint] of Object.entries(json.analysis?.entrypoints ?? {})) {
    for (const [kind, r] of Object.entries(entrypoint.resolutions ?? {})) {
      modes.push(`${subpath} ${kind} -> ${r.resolution?.fileName?.replace('/node_modules/webjwt/', '') ?? 'unresolved'}`);
    }
  }
  report(result.code === 0 && problems.length === 0, 'attw (tarball, strict profile: node10, node16 CJS/ESM, bundler)',
    result.code === 0 && problems.length === 0 ? [] : [...details, ...modes]);
  info(`attw resolutions: ${modes.join('; ')}`);
}

async function checkTypes() {
  const dist = join(consumer, 'node_modules', 'webjwt', 'dist');
  cpSync(join(fixtures, 'consumer.ts'), join(consumer, 'consumer.ts'));
  cpSync(join(fixtures, 'consumer.cts'), join(consumer, 'consumer.cts'));
  // The same ESM-syntax consumer.ts in a "type": "commonjs" folder is a CommonJS module under node16/nodenext.
  mkdirSync(join(consumer, 'cjs'));
  writeFileSync(join(consumer, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
  cpSync(join(fixtures, 'consumer.ts'), join(consumer, 'cjs', 'consumer.ts'));
  cpSync(join(fixtures, 'consumer-node.ts'), join(consumer, 'consumer-node.ts'));
  cpSync(join(fixtures, 'consumer-node.ts'), join(consumer, 'cjs', 'consumer-node.ts'));

  const resolutions = {
    node16: { module: 'node16', moduleResolution: 'node16' },
    nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
    bundler: { module: 'esnext', moduleResolution: 'bundler' },
  };
  const nodeTypes = { types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] };
  const environments = {
    'ES2022+DOM': { lib: ['ES2022', 'DOM'], types: [] },
    'ES2022, no DOM': { lib: ['ES2022'], types: [] },
    'ES2022+@types/node, no DOM': { lib: ['ES2022'], ...nodeTypes },
    'ES2022+DOM+@types/node': { lib: ['ES2022', 'DOM'], ...nodeTypes },
  };
  const formats = {
    esm: { files: ['consumer.ts'], nodeFiles: ['consumer-node.ts'], expect: ['index.d.ts', 'testing.d.ts'] },
    cjs: { files: ['consumer.cts', 'cjs/consumer.ts'], nodeFiles: ['cjs/consumer-node.ts'], expect: ['index.d.cts', 'testing.d.cts'] },
  };

  const tasks = [];
  let n = 0;
  for (const [format, { files, nodeFiles, expect }] of Object.entries(formats)) {
    for (const [resolution, moduleOptions] of Object.entries(resolutions)) {
      if (format === 'cjs' && resolution === 'bundler') continue; // bundler resolution is for ESM syntax only
      for (const [environment, envOptions] of Object.entries(environments)) {
        const name = `types ${format.toUpperCase()} moduleResolution ${resolution}, ${environment}`;
        const config = join(consumer, `tsconfig.${++n}.json`);
        writeFileSync(config, JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            ...moduleOptions,
            ...envOptions,
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            skipLibCheck: false,
            noEmit: true,
          },
          // With @types/node, also consumer-node.ts: keys crossing between webjwt and node:crypto.
          files: envOptions.types.includes('node') ? [...files, ...nodeFiles] : files,
        }, null, 2));
        tasks.push(async () => {
          const result = await run(process.execPath, [tsc, '-p', config, '--listFiles', '--pretty', 'false'], { cwd: consumer });
          const out = `${result.stdout}\n${result.stderr}`;
          const errors = lines(out, 1000).filter((l) => !l.startsWith('/') || /error TS\d+/.test(l));
          const listed = lines(out, 100_000).filter((l) => l.startsWith('/') && !/error TS\d+/.test(l)).map((f) => realpathSafe(f));
          const problems = [...errors.slice(0, 30).map((l) => l.replace(consumer + sep, '')), ...(errors.length > 30 ? [`… ${errors.length - 30} more`] : [])];
          if (result.code !== 0 && errors.length === 0) problems.push(...lines(out));
          // Which declaration file the import resolved to, and that no DOM crept in where there should be none.
          const realDist = realpathSafe(dist);
          for (const file of expect) if (!listed.includes(join(realDist, file))) problems.push(`did not load dist/${file}`);
          for (const file of ['index.d.cts', 'testing.d.cts']) {
            if (format === 'esm' && listed.includes(join(realDist, file))) problems.push(`an ESM consumer loaded dist/${file}`);
          }
          if (!envOptions.lib.includes('DOM') && listed.some((f) => /[\\/]lib\.dom(\.[a-z]+)?\.d\.ts$/.test(f))) {
            problems.push('lib.dom.d.ts was loaded although lib has no DOM');
          }
          return { name, ok: result.code === 0 && problems.length === 0, problems };
        });
      }
    }
  }
  for (const { name, ok, problems } of await pool(tasks, 2)) report(ok, name, problems);
}

function realpathSafe(file) {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** The value (non-type) exports a .d.ts declares, from its final `export { ... }`. */
function declaredValueExports(file = 'index.d.ts') {
  const dts = readFileSync(join(consumer, 'node_modules', 'webjwt', 'dist', file), 'utf8');
  const blocks = [...dts.matchAll(/^export \{([^}]*)\};?$/gm)].map((m) => m[1]);
  // A name declared only as a type (an interface merged with a namespace of types, as StandardSchemaV1 is,
  // is exported without `type`) has no runtime value: only names declared as a const, function or class count.
  const isValue = (name) => new RegExp(`^declare (?:const|let|var|function|class) ${name}\\b`, 'm').test(dts);
  return blocks.flatMap((b) => b.split(',')).map((s) => s.trim()).filter((s) => s && !s.startsWith('type '))
    .map((s) => s.split(/\s+as\s+/).pop()).filter(isValue).sort();
}

async function checkRuntime() {
  cpSync(join(fixtures, 'smoke.cjs'), join(consumer, 'smoke.cjs'));
  cpSync(join(fixtures, 'smoke.mjs'), join(consumer, 'smoke.mjs'));
  const outcomes = {};
  for (const [label, file] of [['CJS: require(\'webjwt\')', 'smoke.cjs'], ['ESM: import(\'webjwt\')', 'smoke.mjs']]) {
    const result = await run(process.execPath, [file], { cwd: consumer, timeout: 120_000 });
    let parsed;
    try {
      parsed = JSON.parse(result.stdout.trim().split('\n').pop());
    } catch {
      parsed = { ok: false, error: result.stdout + result.stderr };
    }
    outcomes[file] = parsed;
    const extra = file === 'smoke.mjs' ? ', CJS tokens and errors recognised from ESM' : '';
    report(result.code === 0 && parsed.ok === true, `runtime ${label} loads; sign -> verify (HS256, ES256, PEM, JWK, JWKS); webjwt/testing through discovery${extra}`,
      parsed.ok ? lines(result.stderr) : lines(`${parsed.error ?? ''}\n${result.stderr}`));
  }
  const problems = [];
  for (const [entry, dts] of [['names', 'index.d.ts'], ['testingNames', 'testing.d.ts']]) {
    const cjs = outcomes['smoke.cjs'][entry] ?? [];
    const esm = outcomes['smoke.mjs'][entry] ?? [];
    const declared = declaredValueExports(dts);
    if (JSON.stringify(cjs) !== JSON.stringify(esm) || JSON.stringify(esm) !== JSON.stringify(declared) || !declared.length) {
      problems.push(`CJS:    ${cjs.join(', ')}`, `ESM:    ${esm.join(', ')}`, `${dts}:  ${declared.join(', ')}`);
    }
  }
  report(problems.length === 0, "runtime CJS and ESM expose the same names as the .d.ts value exports ('webjwt', 'webjwt/testing')", problems);
}

/** The `webjwt` command as npm installs it: a link in node_modules/.bin to dist/cli.js, run through its #! line. */
async function checkBin() {
  const webjwt = join(consumer, 'node_modules', '.bin', 'webjwt');
  const problems = [];
  const version = await run(webjwt, ['--version'], { cwd: consumer });
  const expected = JSON.parse(readFileSync(join(consumer, 'node_modules', 'webjwt', 'package.json'), 'utf8')).version;
  if (version.code !== 0 || version.stdout.trim() !== expected) problems.push(`--version: exit ${version.code}, ${JSON.stringify(version.stdout + version.stderr)}`);
  const page = await run(webjwt, ['inspector'], { cwd: consumer });
  const path = page.stdout.trim();
  if (page.code !== 0 || path !== join(consumer, 'node_modules', 'webjwt', 'dist', 'inspector.html') || !existsSync(path)) {
    problems.push(`inspector: exit ${page.code}, ${JSON.stringify(page.stdout + page.stderr)}`);
  }
  const secretFile = join(consumer, 'bin-secret.txt');
  writeFileSync(secretFile, 'a secret for the bin check, 32+ bytes long');
  const signed = await run(webjwt, ['sign', '{"sub":"bin"}', '--secret-file', secretFile, '--exp', '5m'], { cwd: consumer });
  const verified = await run(webjwt, ['verify', signed.stdout.trim(), '--secret-file', secretFile], { cwd: consumer });
  if (signed.code !== 0 || verified.code !== 0 || JSON.parse(verified.stdout || '{}').sub !== 'bin') {
    problems.push(`sign | verify: exit ${signed.code}/${verified.code}`, ...lines(signed.stderr + verified.stderr));
  }
  report(problems.length === 0, 'bin: node_modules/.bin/webjwt --version, inspector (the page is installed), sign then verify', problems);
}

async function checkBrowserBundle() {
  const esbuild = await import('esbuild');
  /** A browser bundle of `contents`: its text and the files it took in (relative to the consumer), or the build's errors. */
  const bundle = async (contents, minify = false) => {
    try {
      const result = await esbuild.build({
        absWorkingDir: consumer,
        stdin: { contents, resolveDir: consumer, loader: 'js', sourcefile: 'browser-entry.js' },
        bundle: true,
        minify,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      return { text: result.outputFiles[0].text, bytes: result.outputFiles[0].contents, metafile: result.metafile };
    } catch (error) {
      return { errors: lines(error.errors?.map((e) => `${e.location?.file ?? ''}: ${e.text}`).join('\n') ?? String(error)) };
    }
  };
  /** Static node: imports and require( calls in a bundle (a string argument of getBuiltinModule is neither). */
  const nodeImports = ({ text, metafile }) => {
    const problems = [];
    for (const [file, input] of Object.entries(metafile.inputs)) {
      for (const imported of input.imports) {
        if (imported.path.startsWith('node:') || imported.external) problems.push(`${file} imports ${imported.path}${imported.external ? ' (external)' : ''}`);
      }
    }
    for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'`]node:[^"'`]*["'`]/g)) problems.push(`output: ${match[0]}`);
    for (const match of text.matchAll(/.{0,40}\brequire\s*\(.{0,40}/g)) problems.push(`output has require(: …${match[0].trim()}…`);
    return problems;
  };
  const bundled = (metafile) => Object.keys(metafile.inputs).filter((f) => f !== 'browser-entry.js').sort();

  const name = 'browser bundle (esbuild, platform browser, esm): the Web Crypto build, no node: import, no require(';
  const main = await bundle("export * from 'webjwt';\n");
  if (main.errors) return report(false, name, main.errors);
  const problems = nodeImports(main);
  if (/["'`]node:/.test(main.text)) problems.push('output mentions a "node:" specifier');
  // The `browser` condition selects the Web Crypto build, which has no node:crypto engine at all.
  if (bundled(main.metafile).join() !== 'node_modules/webjwt/dist/web.js') problems.push(`bundled: ${bundled(main.metafile).join(', ')}`);
  if (/getBuiltinModule\(["']node:crypto/.test(main.text)) problems.push('the browser bundle reaches for node:crypto (getBuiltinModule)');
  report(problems.length === 0, name, problems);

  // import 'webjwt' must not carry webjwt/testing: dist/web.js alone goes in, and nothing of the helper comes out.
  const alone = bundled(main.metafile).join() === 'node_modules/webjwt/dist/web.js';
  const leaked = ['createTestIssuer', 'id_token_signing_alg_values_supported'].filter((word) => main.text.includes(word));
  report(alone && leaked.length === 0, "a bundle of 'webjwt' holds dist/web.js only: nothing of webjwt/testing", [
    ...(alone ? [] : [`bundled: ${bundled(main.metafile).join(', ')}`]),
    ...leaked.map((word) => `output contains ${word}`),
  ]);

  // webjwt/testing in a browser: one copy of the library (dist/web.js, as 'webjwt' resolves there), no node: import.
  const testingName = "browser bundle of 'webjwt/testing' and 'webjwt': one copy of the library, no node: import";
  const testing = await bundle("export * from 'webjwt/testing';\nexport * from 'webjwt';\n");
  if (testing.errors) {
    report(false, testingName, testing.errors);
  } else {
    const files = bundled(testing.metafile);
    const expected = ['node_modules/webjwt/dist/testing.web.js', 'node_modules/webjwt/dist/web.js'];
    const problems = nodeImports(testing);
    if (files.join() !== expected.join()) problems.push(`bundled: ${files.join(', ')}`);
    report(problems.length === 0, testingName, problems);
  }

  // Sizes, for information only.
  const sizes = [];
  for (const [label, contents] of [
    ['sign + verify, HMAC only', "import { sign, verify } from 'webjwt';\nexport async function roundTrip(secret) {\n  return verify(await sign({ sub: 'user' }, secret, { alg: 'HS256', expiresIn: '15m' }), secret, { algorithms: ['HS256'] });\n}\n"],
    ['whole API', "export * from 'webjwt';\n"],
    ['webjwt/testing, with what it uses of webjwt', "export * from 'webjwt/testing';\n"],
  ]) {
    const sized = await bundle(contents, true);
    if (sized.errors) continue; // reported by the checks above
    const { bytes } = sized;
    sizes.push(`${label}: ${bytes.length} B minified, ${gzipSync(bytes, { level: 9 }).length} B min+gzip -9`);
  }
  for (const s of sizes) info(`browser bundle size, ${s}`);
}
