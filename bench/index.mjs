#!/usr/bin/env node
/**
 * `npm run bench`: webjwt against the JWT libraries people use and two
 * hand-written baselines, in one Node.js process, then webjwt's rows (and the
 * baselines) under Bun and Deno. Every row must refuse a tampered, an expired,
 * a wrong-audience and a wrong-issuer token (and accept the valid one) before
 * it is timed, or the bench stops (also when a check fails under Bun or
 * Deno; a runtime that is not installed or crashes is skipped with a note).
 * Prints one table per operation and writes
 * bench/results/latest.json (git ignores it); `node bench/report.mjs` prints
 * the tables again from that file, `--readme` as the README shows them.
 *
 * Pinned to one core with `taskset -c 0` where taskset exists (this script
 * starts itself again under it, with --expose-gc): on a shared machine, one
 * core gives stable async numbers. Compare ratios from one run; quote medians of several rounds:
 * on a shared machine, the rows that hop to Web Crypto's thread pool flip
 * between a fast and a slow mode with the neighbours' load (sync rows stay
 * within a few %), so nine short rounds, whose median survives four slow ones.
 *
 * Usage: node bench/index.mjs [--rounds N] [--time MS] [--quick] [--node-only] [--no-pin]
 *   --rounds N   rounds over all rows (default 9); the median is reported
 *   --time MS    minimum time per row and operation in each round (default 150)
 *   --quick      1 round of 50 ms, written to bench/results/quick.json: checks the wiring, not the numbers
 *   --node-only  skip Bun and Deno
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeRow, loadRows } from './contenders/index.mjs';
import { makeFixtures } from './fixtures.mjs';
import { describeMachine, libraryVersions, loadAverage } from './machine.mjs';
import { renderReport } from './report.mjs';
import { CheckFailure, runSuite } from './suite.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const rounds = flag('--quick') ? 1 : option('--rounds', 9);
const timeMs = flag('--quick') ? 50 : option('--time', 150);
// A quick run checks the wiring; it must not replace the numbers the README is made from.
const resultsFile = join(root, 'bench', 'results', flag('--quick') ? 'quick.json' : 'latest.json');
if (!Number.isInteger(rounds) || rounds < 1 || !(timeMs > 0)) {
  console.error('bench: --rounds expects a positive integer and --time a positive number of milliseconds');
  process.exit(1);
}

/** Bun and Deno, from the binaries `npm ci --prefix test/runtimes` installs. */
const OTHER_RUNTIMES = [
  { name: 'Bun', binary: 'bun', args: ['--no-install'] },
  // Deno reads node_modules through the package.json beside it (no network: --no-remote, --cached-only).
  { name: 'Deno', binary: 'deno', args: ['run', '--quiet', '--no-remote', '--cached-only', '--allow-read', '--v8-flags=--expose-gc'] },
];

relaunch();
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('bench: dist/index.js is missing: run `npm run build` first (`npm run bench` does).');
  process.exit(1);
}

const log = (message) => console.error(`  ${message}`);
const work = mkdtempSync(join(tmpdir(), 'webjwt-bench-'));
try {
  const loadAtStart = loadAverage();
  const fx = makeFixtures();
  const fixturesFile = join(work, 'fixtures.json');
  writeFileSync(fixturesFile, JSON.stringify(fx));

  console.error(`bench: Node.js ${process.versions.node}, ${rounds} round(s) of ${timeMs} ms per row and operation`);
  const rows = await loadRows(fx);
  const node = { name: 'Node.js', version: process.versions.node, rows: rows.map(describeRow) };
  node.results = await runSuite(rows, fx, { rounds, timeMs, log });

  const runtimes = [node];
  for (const other of flag('--node-only') ? [] : OTHER_RUNTIMES) runtimes.push(runElsewhere(other, fixturesFile));

  const results = {
    date: new Date().toISOString(),
    machine: { ...describeMachine(), loadAverage: [loadAtStart, loadAverage()] },
    settings: { rounds, timeMs, pinned: process.env.WEBJWT_BENCH_PINNED === '1', gc: typeof globalThis.gc === 'function' },
    versions: libraryVersions(root, rows),
    runtimes,
  };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(renderReport(results));
  console.error(`bench: wrote ${relative(root, resultsFile)}`);
} catch (error) {
  if (!(error instanceof CheckFailure)) throw error;
  console.error(`bench: aborted. ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Runs bench/runtime.mjs under another runtime; a missing binary or a failure becomes a `skipped` note. */
function runElsewhere({ name, binary, args: runtimeArgs }, fixturesFile) {
  const path = join(root, 'test', 'runtimes', 'node_modules', '.bin', binary);
  if (!existsSync(path)) return { name, skipped: `${binary} not installed (run \`npm ci --prefix test/runtimes\`)` };
  console.error(`bench: ${name}`);
  const script = join('bench', 'runtime.mjs');
  const run = spawnSync(path, [...runtimeArgs, script, fixturesFile, String(rounds), String(timeMs)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 30 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = run.stdout?.split('\n') ?? [];
  const failed = lines.find((l) => l.startsWith('CHECK-FAILED '));
  if (failed) {
    const { row, operation, tokenCase, message } = JSON.parse(failed.slice('CHECK-FAILED '.length));
    throw Object.assign(new CheckFailure(row, operation, tokenCase, ''), { message });
  }
  const line = lines.findLast((l) => l.startsWith('RESULT '));
  if (run.status !== 0 || !line) {
    return { name, skipped: `failed (exit ${run.status ?? run.signal}${run.error ? `, ${run.error.message}` : ''}); see its output above` };
  }
  return JSON.parse(line.slice('RESULT '.length));
}

/**
 * Starts this script again, once, as it should run: under `taskset -c 0` where
 * taskset exists (Linux) unless --no-pin, and with --expose-gc, so that mitata
 * collects garbage before each measurement with V8's own gc() (without it,
 * mitata provokes a collection by allocating 1 GiB, and the row timed next pays).
 */
function relaunch() {
  if (process.env.WEBJWT_BENCH_CHILD !== undefined) return;
  const taskset = flag('--no-pin') ? undefined : ['/usr/bin/taskset', '/bin/taskset'].find(existsSync);
  if (!taskset && !flag('--no-pin')) console.error('bench: taskset not found, not pinned: numbers from a busy machine vary more');
  const node = [process.execPath, '--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...args];
  const [command, ...commandArgs] = taskset ? [taskset, '-c', '0', ...node] : node;
  const child = spawnSync(command, commandArgs, {
    stdio: 'inherit',
    env: { ...process.env, WEBJWT_BENCH_CHILD: '1', WEBJWT_BENCH_PINNED: taskset ? '1' : '0' },
  });
  process.exit(child.status ?? 1);
}
