/**
 * Issue 7's speed targets, as data, and how far one run is from each. A
 * report, not a test: the bench never fails on them (no timing assertions).
 */
import { formatRatio, markdownTable } from './report.mjs';

const WEB_BUILD = 'webjwt (Web Crypto build)';

/** `row` ÷ `reference` on `operation` should be at least `min`. */
const TARGETS = [
  { operation: 'sign HS256', row: 'webjwt', reference: 'fast-jwt', min: 1.3 },
  { operation: 'verify HS256', row: 'webjwt', reference: 'fast-jwt', min: 1.3 },
  { operation: 'sign HS256', row: 'webjwt', reference: 'jose (Uint8Array secret)', min: 5 },
  { operation: 'verify HS256', row: 'webjwt', reference: 'jose (Uint8Array secret)', min: 5 },
  { operation: 'verify RS256', row: 'webjwt', reference: 'fast-jwt', min: 1 },
  { operation: 'verify ES256', row: 'webjwt', reference: 'fast-jwt', min: 1 },
  { operation: 'verify EdDSA', row: 'webjwt', reference: 'fast-jwt', min: 1 },
  { operation: 'decode', row: 'webjwt', reference: 'jose', min: 1.3 },
  { operation: 'verify HS256', row: WEB_BUILD, reference: 'crypto.subtle by hand', min: 0.9 },
  { operation: 'verify ES256', row: WEB_BUILD, reference: 'crypto.subtle by hand', min: 0.9 },
];

/** The targets as a table, from one runtime's results (Node.js). */
export function renderTargets(runtime) {
  // Without dist/web.js a browser gets the default build, so that is the build the Web Crypto targets measure.
  const hasWebBuild = runtime.rows.some((row) => row.name === WEB_BUILD);
  const opsOf = (operation, row) => runtime.results.find((r) => r.operation === operation && r.row === row)?.opsPerSec;
  const body = TARGETS.map((target) => {
    const row = target.row === WEB_BUILD && !hasWebBuild ? 'webjwt' : target.row;
    const label = row === target.row ? row : `${row} (no dist/web.js: the build a browser gets)`;
    const [ops, reference] = [opsOf(target.operation, row), opsOf(target.operation, target.reference)];
    const ratio = ops && reference ? ops / reference : undefined;
    const verdict = ratio === undefined ? 'not measured' : ratio >= target.min ? 'met' : 'not yet';
    return [`${target.operation}: ${label} ÷ ${target.reference}`, `≥ ${target.min}×`, ratio ? formatRatio(ratio) : '', verdict];
  });
  return markdownTable(['target', 'wanted', 'measured', ''], body, 1);
}
