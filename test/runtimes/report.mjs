import { summarize } from './suite.js';

/** Prints failures and skips, then the machine-readable RESULT line the orchestrator reads. */
export function report(outcome) {
  for (const r of outcome.results) if (r.status !== 'pass') console.log(`${r.status.padEnd(4)} ${r.name}: ${r.detail ?? ''}`);
  console.log(`RESULT ${JSON.stringify(summarize(outcome))}`);
}
