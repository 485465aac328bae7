import { summarize } from './suite.js';

/**
 * Prints the checks that did not pass, then the machine-readable lines the
 * orchestrator (scripts/test-runtimes.mjs) reads: `RUNTIME <name and
 * version>` when `runtime` is given, and last `RESULT {"passed":N,"failed":N,"skipped":N}`.
 */
export function report(outcome, runtime) {
  for (const r of outcome.results) if (r.status !== 'pass') console.log(`${r.status.padEnd(4)} ${r.name}${r.detail ? `: ${r.detail}` : ''}`);
  if (runtime) console.log(`RUNTIME ${runtime}`);
  console.log(`RESULT ${JSON.stringify(summarize(outcome))}`);
}
