/**
 * The benchmark in one runtime, for bench/index.mjs to start under Bun and
 * Deno: the rows that run everywhere (webjwt's builds and the two hand-written
 * baselines), checked, then timed exactly as in Node. Progress goes to stderr;
 * the last line on stdout is `RESULT <json>`, or `CHECK-FAILED <json>` when a row fails its checks.
 *
 *   bun bench/runtime.mjs <fixtures.json> <rounds> <timeMs>
 *   deno run --allow-read --v8-flags=--expose-gc bench/runtime.mjs <fixtures.json> <rounds> <timeMs>
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { describeRow, loadRows } from './contenders/index.mjs';
import { CheckFailure, runSuite } from './suite.mjs';

const [fixturesFile, rounds, timeMs] = process.argv.slice(2);
const fx = JSON.parse(readFileSync(fixturesFile, 'utf8'));
const runtime = globalThis.Bun
  ? { name: 'Bun', version: globalThis.Bun.version }
  : globalThis.Deno
    ? { name: 'Deno', version: globalThis.Deno.version.deno }
    : { name: 'Node.js', version: process.versions.node };

const rows = await loadRows(fx, { everywhereOnly: true });
const log = (message) => process.stderr.write(`  [${runtime.name}] ${message}\n`);
try {
  const results = await runSuite(rows, fx, { rounds: Number(rounds), timeMs: Number(timeMs), log });
  console.log(`RESULT ${JSON.stringify({ ...runtime, rows: rows.map(describeRow), results })}`);
} catch (error) {
  if (!(error instanceof CheckFailure)) throw error;
  // The parent stops the whole bench on this line, as it does for a check that fails in Node.
  console.log(`CHECK-FAILED ${JSON.stringify({ row: error.row, operation: error.operation, tokenCase: error.tokenCase, message: `${runtime.name}: ${error.message}` })}`);
  process.exitCode = 2;
}
