#!/usr/bin/env node
/**
 * `npm run test:runtimes`: the runtime-neutral conformance suite
 * (test/runtimes/suite.js) in every runtime webjwt supports, against the
 * package as users get it. Works from a fresh clone with only Node.js 20 and
 * npm; nothing is fetched but npm packages (and Debian's chromium, with apt,
 * when it is missing and we run as root).
 *
 *   1. builds dist/ (npm run build) and packs it; npm installs the tarball into
 *      a temporary app (offline: it has no dependencies);
 *   2. installs the runtimes from test/runtimes/package-lock.json (npm ci), unless
 *      test/runtimes/node_modules is already that install, and checks each binary;
 *   3. writes the fixtures (test/runtimes/make-fixtures.mjs);
 *   4. runs each runner of the RUNNERS table with a timeout; each prints
 *      `RESULT {"passed":N,"failed":N,"skipped":N}` as its last such line;
 *   5. prints a table (runtime, version, passed, failed, skipped), then
 *      `RESULT {...}` with the totals and `N passed, N failed, N skipped`.
 *
 * Exits non-zero if any check failed, or any runtime did not report a RESULT.
 *
 * Usage: node scripts/test-runtimes.mjs [name filter ...] [--keep]
 *   e.g. `npm run test:runtimes -- deno bun` runs only the rows whose name contains "deno" or "bun";
 *   --keep leaves the temporary app in place and prints where it is.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runtimes = join(root, 'test', 'runtimes');
const modules = join(runtimes, 'node_modules');
const bin = (name) => join(modules, '.bin', name);
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const filters = args.filter((a) => !a.startsWith('--')).map((a) => a.toLowerCase());
const TIMEOUT_MS = 5 * 60_000;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// ---------------------------------------------------------------------------
// The matrix. Every runner prints RESULT lines; `cwd` is where it runs:
//   app       the temporary app: node_modules/webjwt (the packed tarball), suite.js, suite-testing.js,
//             report.mjs, run-node.mjs, run-deno-npm.ts, deno.json, fixtures.json
//   runtimes  test/runtimes (run-chromium.mjs, run-workerd.mjs and run-workerd-jwks.mjs take <app> <fixtures.json>;
//             run-workerd.mjs also a compatibility flag; run-inspector.mjs takes <app> and where to save its screenshot)
//   root      the repository (run-deno.ts imports ../../dist/index.js by relative path)

const nodeMajor = process.versions.node.split('.')[0];
const RUNNERS = [
  { name: `Node.js ${nodeMajor} (this node)`, runner: 'run-node.mjs', binary: process.execPath,
    run: (ctx) => [process.execPath, ['run-node.mjs', ctx.fixtures], ctx.app] },
  { name: 'Node.js 22', runner: 'run-node.mjs', binary: join(modules, 'node22', 'bin', 'node'),
    run: (ctx, self) => [self.binary, ['run-node.mjs', ctx.fixtures], ctx.app] },
  { name: 'Node.js 24', runner: 'run-node.mjs', binary: join(modules, 'node24', 'bin', 'node'),
    run: (ctx, self) => [self.binary, ['run-node.mjs', ctx.fixtures], ctx.app] },
  { name: 'Bun', runner: 'run-node.mjs', binary: bin('bun'),
    run: (ctx, self) => [self.binary, ['--no-install', 'run-node.mjs', ctx.fixtures], ctx.app] },
  { name: 'Deno, relative path', runner: 'run-deno.ts', binary: bin('deno'),
    check: (ctx, self) => [self.binary, ['check', '--quiet', '--config', 'test/runtimes/deno.json', 'test/runtimes/run-deno.ts'], root],
    run: (ctx, self) => [self.binary, [...DENO_RUN, '--config', 'test/runtimes/deno.json', 'test/runtimes/run-deno.ts', ctx.fixtures], root] },
  { name: 'Deno, node_modules', runner: 'run-deno-npm.ts', binary: bin('deno'),
    check: (ctx, self) => [self.binary, ['check', '--quiet', 'run-deno-npm.ts'], ctx.app],
    run: (ctx, self) => [self.binary, [...DENO_RUN, 'run-deno-npm.ts', ctx.fixtures], ctx.app] },
  { name: 'Chromium', runner: 'run-chromium.mjs', binary: CHROMIUM, prepare: ensureChromium,
    run: (ctx) => [process.execPath, ['run-chromium.mjs', ctx.app, ctx.fixtures], runtimes] },
  { name: 'Inspector page (Chromium)', runner: 'run-inspector.mjs', binary: CHROMIUM, prepare: ensureChromium,
    run: (ctx) => [process.execPath, ['run-inspector.mjs', ctx.app, join(runtimes, '.out', 'inspector.png')], runtimes] },
  { name: 'workerd', runner: 'run-workerd.mjs', binary: bin('workerd'),
    run: (ctx) => [process.execPath, ['run-workerd.mjs', ctx.app, ctx.fixtures], runtimes] },
  { name: 'workerd + nodejs_compat', runner: 'run-workerd.mjs', binary: bin('workerd'),
    run: (ctx) => [process.execPath, ['run-workerd.mjs', ctx.app, ctx.fixtures, 'nodejs_compat'], runtimes] },
  { name: 'workerd: remote JWKS', runner: 'run-workerd-jwks.mjs', binary: bin('workerd'),
    run: (ctx) => [process.execPath, ['run-workerd-jwks.mjs', ctx.app, ctx.fixtures], runtimes] },
];
/** Deno offline: no remote modules, nothing downloaded (npm packages come from node_modules); the network only to 127.0.0.1 (webjwt/testing's serve()). */
const DENO_RUN = ['run', '--quiet', '--no-remote', '--cached-only', '--allow-read', '--allow-net=127.0.0.1'];
/** The files the temporary app gets, besides the installed package and fixtures.json. */
const APP_FILES = ['suite.js', 'suite-testing.js', 'report.mjs', 'run-node.mjs', 'run-deno-npm.ts', 'deno.json'];

// ---------------------------------------------------------------------------

const rows = [];
let app;
try {
  const selected = RUNNERS.filter((r) => !filters.length || filters.some((f) => r.name.toLowerCase().includes(f)));
  if (!selected.length) throw new Error(`no runtime matches ${filters.join(', ')}`);
  warnAboutUnknownRunners();

  step('build dist/');
  sh('npm', ['run', 'build', '--silent'], root);

  step('runtimes from npm (test/runtimes)');
  installRuntimes();

  step('the package as users install it');
  app = mkdtempSync(join(tmpdir(), 'webjwt-runtimes-'));
  // dist/ was built above; --ignore-scripts keeps prepack's tsup output out of the JSON that npm prints.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', app], { cwd: root, encoding: 'utf8' }));
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'webjwt-runtimes-app', private: true, type: 'module' })}\n`);
  sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', `./${packed[0].filename}`], app);
  for (const file of APP_FILES) copyFileSync(join(runtimes, file), join(app, file));
  console.log(`${packed[0].filename} (${packed[0].entryCount} files) installed in ${app}`);

  step('fixtures');
  const { makeFixtures } = await import('../test/runtimes/make-fixtures.mjs');
  const fixtureText = JSON.stringify(makeFixtures());
  mkdirSync(join(runtimes, '.out'), { recursive: true });
  writeFileSync(join(runtimes, '.out', 'fixtures.json'), fixtureText);
  writeFileSync(join(app, 'fixtures.json'), fixtureText);
  const ctx = { app, fixtures: join(app, 'fixtures.json'), env: { ...process.env, ...denoEnv(app) } };

  for (const runner of selected) rows.push(await runRow(runner, ctx));
} catch (error) {
  console.error(`\ntest:runtimes could not finish: ${error?.stack ?? error}`);
  rows.push({ runtime: 'setup', version: '', passed: 0, failed: 1, skipped: 0, note: String(error?.message ?? error).split('\n')[0] });
} finally {
  if (app && !keep) rmSync(app, { recursive: true, force: true });
  else if (app) console.log(`\nkept ${app}`);
}

// The table, and the totals (the RESULT line .ci/run reads is the last one printed).
console.log('\n| runtime | version | passed | failed | skipped |\n|---|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.runtime} | ${r.version} | ${r.passed} | ${r.failed} | ${r.skipped} |${r.note ? ` ${r.note}` : ''}`);
const total = (key) => rows.reduce((sum, r) => sum + r[key], 0);
const totals = { passed: total('passed'), failed: total('failed'), skipped: total('skipped') };
console.log(`\nRESULT ${JSON.stringify(totals)}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed === 0 ? 0 : 1;

// ---------------------------------------------------------------------------

/** Runs one row: its preparation, its type check, its runner; returns its counts. */
async function runRow(runner, ctx) {
  step(runner.name);
  const row = { runtime: runner.name, version: '?', passed: 0, failed: 0, skipped: 0 };
  const fail = (note) => Object.assign(row, { failed: row.failed + 1, note: [row.note, note].filter(Boolean).join('; ') });
  if (!existsSync(join(runtimes, runner.runner))) return fail(`runner test/runtimes/${runner.runner} is missing`);
  try {
    await runner.prepare?.();
  } catch (error) {
    return fail(`cannot prepare: ${error.message}`);
  }
  if (!existsSync(runner.binary)) return fail(`${runner.binary} is missing`);
  row.version = versionOf(runner.binary, ctx.env);

  if (runner.check) {
    const [command, argv, cwd] = runner.check(ctx, runner);
    const checked = await run(command, argv, cwd, ctx.env);
    if (checked.code === 0) row.passed += 1;
    else fail('deno check failed');
    console.log(`  ${checked.code === 0 ? 'pass' : 'FAIL'} deno check ${argv.at(-1)}`);
  }

  const [command, argv, cwd] = runner.run(ctx, runner);
  const result = await run(command, argv, cwd, ctx.env);
  const reported = [...result.output.matchAll(/^RESULT (\{.*\})$/gm)].at(-1);
  const named = [...result.output.matchAll(/^RUNTIME (.+)$/gm)].at(-1);
  if (named) row.version = named[1].replace(/^(Node\.js|Bun|Deno) /, '');
  if (!reported) return fail(`no RESULT line (${result.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : `exit ${result.code}`})`);
  const counts = JSON.parse(reported[1]);
  row.passed += counts.passed;
  row.failed += counts.failed;
  row.skipped += counts.skipped;
  if (result.timedOut) fail(`timed out after ${TIMEOUT_MS / 1000} s`);
  else if (result.code !== 0) fail(`exit ${result.code}`);
  return row;
}

/** Runs a command in its own process group, echoing its output indented; kills the group on timeout. */
function run(command, argv, cwd, env) {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(command, argv, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const echo = (chunk) => {
      output += chunk;
      process.stdout.write(String(chunk).replace(/^(?=.)/gm, '  '));
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      output += String(error);
      clearTimeout(timer);
      resolve({ code: -1, output, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal, output, timedOut });
    });
  });
}

/**
 * `npm ci` in test/runtimes unless node_modules already holds this exact
 * lock file's install (a stamp records its hash), then checks that every
 * binary runs. npm 11 warns about install scripts that package.json's
 * allowScripts does not approve, and may skip them: bun, deno and workerd
 * need theirs (each puts the platform binary in place), so a binary that
 * does not run gets its install script run by hand.
 */
function installRuntimes() {
  const stampFile = join(modules, '.webjwt-runtimes-stamp');
  const stamp = createHash('sha256')
    .update(readFileSync(join(runtimes, 'package.json')))
    .update(readFileSync(join(runtimes, 'package-lock.json')))
    .digest('hex');
  const fresh = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (fresh) console.log('test/runtimes/node_modules is up to date');
  else sh('npm', ['ci', '--prefix', runtimes, '--no-audit', '--no-fund'], root);

  const BINARIES = [
    ['node22', join(modules, 'node22', 'bin', 'node'), null],
    ['node24', join(modules, 'node24', 'bin', 'node'), null],
    ['bun', bin('bun'), 'bun/install.js'],
    ['deno', bin('deno'), 'deno/install.cjs'],
    ['workerd', bin('workerd'), 'workerd/install.js'],
  ];
  for (const [name, binary, installer] of BINARIES) {
    if (runs(binary)) continue;
    if (!installer || !existsSync(join(modules, installer))) throw new Error(`${name}: ${binary} does not run`);
    console.log(`${name} does not run yet: running its install script (node node_modules/${installer})`);
    sh(process.execPath, [join(modules, installer)], join(modules, dirname(installer)));
    if (!runs(binary)) throw new Error(`${name}: ${binary} does not run, even after node_modules/${installer}`);
  }
  writeFileSync(stampFile, stamp);
}

function runs(binary) {
  return existsSync(binary) && spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 }).status === 0;
}

/** Debian's chromium for run-chromium.mjs: installed with apt when missing and we are root (as in CI). */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM} is missing; install Debian's chromium (apt-get install chromium)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  sh('apt-get', ['update', '-qq'], root, env);
  sh('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], root, env);
}

/** Deno with a cache of its own, offline, quiet. */
function denoEnv(dir) {
  return { DENO_DIR: join(dir, '.deno'), DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1' };
}

function versionOf(binary, env) {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8', env, timeout: 60_000 });
  const line = `${out.stdout ?? ''}${out.stderr ?? ''}`.trim().split('\n')[0] ?? '';
  return line.replace(/^(deno|chromium|workerd|v)\s*/i, '').split(' ')[0] || '?';
}

/** Runner files in test/runtimes that the table does not know: printed, so none is forgotten. */
function warnAboutUnknownRunners() {
  const known = new Set(RUNNERS.map((r) => r.runner));
  const unknown = readdirSync(runtimes).filter((f) => /^run-.*\.(mjs|ts)$/.test(f) && !known.has(f));
  if (unknown.length) console.log(`note: not in the RUNNERS table of scripts/test-runtimes.mjs: ${unknown.join(', ')}`);
}

function step(title) {
  console.log(`\n== ${title}`);
}

function sh(command, argv, cwd, env = process.env) {
  execFileSync(command, argv, { cwd, env, stdio: 'inherit' });
}
