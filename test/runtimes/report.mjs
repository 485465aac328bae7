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

/**
 * A list of checks for a runner: `check(name, run)` awaits `run` and records a pass, or a
 * failure with what `detail` makes of the error; `results` is what `report` takes.
 */
export function checks(detail = (error) => `${error?.name}${error?.code ? ` ${error.code}` : ''}: ${error?.message}`) {
  const results = [];
  async function check(name, run) {
    try {
      await run();
      results.push({ name, status: 'pass' });
    } catch (error) {
      results.push({ name, status: 'fail', detail: detail(error) });
    }
  }
  return { results, check };
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
