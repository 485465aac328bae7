#!/usr/bin/env node
/**
 * `npm run test:runtimes`: the conformance suite (test/runtimes/suite.js) in
 * every runtime webjwt supports, against the packed and installed package.
 *
 * 1. builds and packs webjwt, installs the tarball into a temporary app;
 * 2. installs the runtimes from npm (test/runtimes/package-lock.json) and,
 *    if missing, Debian's chromium with apt (as root);
 * 3. runs the suite in Node.js 20/22/24, Deno (by relative path and through
 *    node_modules, plus `deno check`), Bun, Chromium and workerd (with and
 *    without nodejs_compat), and prints per runtime the checks passed, failed
 *    and skipped, then `RESULT {...}` and `N passed, N failed, N skipped`.
 * Exits non-zero if any check fails or any runtime does not report.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const runtimes = join(root, 'test', 'runtimes');
const bin = (name) => join(runtimes, 'node_modules', '.bin', name);
const sh = (command, args, options = {}) => execFileSync(command, args, { stdio: 'inherit', ...options });

// 1. The package, as a user installs it.
sh('npm', ['run', 'build', '--silent']);
const app = mkdtempSync(join(tmpdir(), 'webjwt-app-'));
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', app], { cwd: root }).toString().trim();
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
sh('npm', ['install', '--no-audit', '--no-fund', '--offline', join(app, tarball.split('\n').at(-1))], { cwd: app });
for (const file of ['suite.js', 'report.mjs', 'run-node.mjs', 'run-deno-path.ts', 'run-deno-npm.ts', 'deno.json']) {
  copyFileSync(join(runtimes, file), join(app, file));
}
const { makeFixtures } = await import('../test/runtimes/make-fixtures.mjs');
const fixtures = join(app, 'fixtures.json');
writeFileSync(fixtures, JSON.stringify(makeFixtures()));

// 2. The runtimes.
const installed = join(runtimes, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(runtimes, 'package-lock.json')).mtimeMs) {
  sh('npm', ['ci', '--no-audit', '--no-fund'], { cwd: runtimes });
}
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM) && process.getuid?.() === 0) {
  sh('apt-get', ['update', '-qq']);
  sh('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// 3. The matrix.
const node = (path) => [path, ['run-node.mjs', fixtures], { cwd: app }];
const deno = (file) => [bin('deno'), ['run', '--no-remote', '--allow-read', file, fixtures], { cwd: app, env: denoEnv() }];
const driver = (file, ...extra) => [process.execPath, [file, app, fixtures, ...extra], { cwd: runtimes }];
const MATRIX = [
  ['Node.js 20', process.execPath, node(process.execPath)],
  ['Node.js 22', nodeBinary('node22'), node(nodeBinary('node22'))],
  ['Node.js 24', nodeBinary('node24'), node(nodeBinary('node24'))],
  ['Deno (relative path)', bin('deno'), deno('run-deno-path.ts')],
  ['Deno (node_modules)', bin('deno'), deno('run-deno-npm.ts')],
  ['Bun', bin('bun'), [bin('bun'), ['run-node.mjs', fixtures], { cwd: app }]],
  ['Chromium', CHROMIUM, driver('run-chromium.mjs')],
  ['workerd', bin('workerd'), driver('run-workerd.mjs')],
  ['workerd + nodejs_compat', bin('workerd'), driver('run-workerd.mjs', 'nodejs_compat')],
];

const rows = [];
const denoCheck = spawnSync(bin('deno'), ['check', 'run-deno-path.ts', 'run-deno-npm.ts'], { cwd: app, env: denoEnv(), encoding: 'utf8' });
if (denoCheck.status !== 0) console.log(denoCheck.stdout + denoCheck.stderr);
rows.push({ runtime: 'Deno: deno check', version: version(bin('deno')), passed: denoCheck.status === 0 ? 1 : 0, failed: denoCheck.status === 0 ? 0 : 1, skipped: 0 });

for (const [runtime, binary, [command, args, options]] of MATRIX) {
  console.log(`\n== ${runtime}`);
  const run = spawnSync(command, args, { ...options, encoding: 'utf8', timeout: 300_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const result = /^RESULT (\{.*\})$/m.exec(output);
  process.stdout.write(output.replace(/^RESULT .*$\n?/m, ''));
  if (result) rows.push({ runtime, version: version(binary), ...JSON.parse(result[1]) });
  else rows.push({ runtime, version: version(binary), passed: 0, failed: 1, skipped: 0, note: `no result (exit ${run.status ?? run.signal})` });
}
rmSync(app, { recursive: true, force: true });

// The table, and the totals.
console.log('\n| runtime | version | passed | failed | skipped |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.runtime} | ${r.version} | ${r.passed} | ${r.failed} | ${r.skipped} |${r.note ? ` ${r.note}` : ''}`);
const total = (key) => rows.reduce((sum, r) => sum + r[key], 0);
const totals = { passed: total('passed'), failed: total('failed'), skipped: total('skipped') };
console.log(`\nRESULT ${JSON.stringify(totals)}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed === 0 ? 0 : 1;

function nodeBinary(name) {
  return join(runtimes, 'node_modules', name, 'bin', 'node');
}

function denoEnv() {
  return { ...process.env, DENO_DIR: join(app, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
}

function version(binary) {
  if (!existsSync(binary)) return 'missing';
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8', env: denoEnv() });
  const line = (out.stdout || out.stderr || '').split('\n')[0].replace(/^(deno|Chromium|workerd) /i, '');
  return line.split(' ')[0] || '?';
}
