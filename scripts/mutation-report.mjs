#!/usr/bin/env node
/**
 * The scores of `npm run test:mutation`, per module, with the equivalent
 * mutants counted as such: reads Stryker's JSON report
 * (reports/mutation/mutation.json) and stryker.equivalent.json, the committed
 * list of surviving mutants that no test can kill (each with its reason).
 *
 * A mutant is detected when it was killed or timed out; the score is detected
 * / (detected + undetected), where the undetected are the survivors and the
 * mutants no test reaches, less the listed equivalent ones. Stryker's own
 * score (and its `thresholds.break`) counts every survivor.
 *
 * Prints one row per module, then every survivor the list does not explain
 * (a gap: write a test, or, if no test can tell the mutant from the code,
 * list it with its reason), then the list's entries that match no survivor
 * (killed since, or the code changed: remove or update them). Exits non-zero
 * when a security-critical module scores below 95%, or all modules below 90%.
 *
 * An entry matches a survivor by file, mutator, the original code and its
 * replacement; its line only tells identical ones apart (the nearest wins), so
 * the list survives edits elsewhere in the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const REPORT = process.argv[2] ?? 'reports/mutation/mutation.json';
const LIST = 'stryker.equivalent.json';

/** The modules whose mutants decide whether a forged or malformed token could pass: 95% each. */
const CRITICAL = [
  'src/lib/base64url.ts', 'src/lib/utf8.ts', 'src/lib/json.ts', 'src/lib/compact.ts', 'src/lib/claims.ts',
  'src/lib/time.ts', 'src/lib/jws.ts', 'src/lib/jwks/select.ts', 'src/lib/keys.ts', 'src/lib/import.ts',
  'src/lib/secrets.ts', 'src/lib/key-shapes.ts', // the secret classifier
];
const CRITICAL_TARGET = 95;
const OVERALL_TARGET = 90;

if (!existsSync(REPORT)) {
  console.error(`${REPORT} is missing: run \`npx stryker run\` first`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(REPORT, 'utf8'));
const list = JSON.parse(readFileSync(LIST, 'utf8'));

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** The source text a mutant replaces (report locations: lines and columns from 1). */
function originalOf(source, { start, end }) {
  const lines = source.split('\n');
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const parts = [lines[start.line - 1].slice(start.column - 1)];
  for (let line = start.line + 1; line < end.line; line++) parts.push(lines[line - 1]);
  parts.push(lines[end.line - 1].slice(0, end.column - 1));
  return parts.join('\n');
}

const oneLine = (text) => text.replace(/\s+/g, ' ').trim();
const keyOf = (mutator, original, replacement) => `${mutator}\u0000${oneLine(original)}\u0000${oneLine(replacement)}`;

const rows = [];
const unexplained = [];
const unused = [];
for (const [path, file] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const name = relative(process.cwd(), path.startsWith('/') ? path : `${process.cwd()}/${path}`);
  const entries = (list[name] ?? []).map((entry) => ({ ...entry, key: keyOf(entry.mutator, entry.original, entry.replacement), used: false }));
  let detected = 0;
  let undetected = 0;
  let equivalent = 0;
  const survivors = file.mutants.filter((mutant) => UNDETECTED.has(mutant.status));
  for (const mutant of file.mutants) if (DETECTED.has(mutant.status)) detected++;
  for (const mutant of survivors) {
    undetected++;
    const original = originalOf(file.source, mutant.location);
    const key = keyOf(mutant.mutatorName, original, mutant.replacement ?? '');
    const line = mutant.location.start.line;
    const match = entries
      .filter((entry) => !entry.used && entry.key === key)
      .sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line))[0];
    if (match) {
      match.used = true;
      equivalent++;
    } else {
      unexplained.push(`${name}:${line} ${mutant.mutatorName} ${mutant.status}: ${oneLine(original)} -> ${oneLine(mutant.replacement ?? '')}`);
    }
  }
  for (const entry of entries) if (!entry.used) unused.push(`${name}:${entry.line} ${entry.mutator}: ${oneLine(entry.original)} -> ${oneLine(entry.replacement)}`);
  rows.push({ name, detected, undetected, equivalent });
}

const percent = (detected, undetected, equivalent) => {
  const valid = detected + undetected - equivalent;
  return valid === 0 ? 100 : (100 * detected) / valid;
};
const total = rows.reduce((sum, row) => ({
  detected: sum.detected + row.detected, undetected: sum.undetected + row.undetected, equivalent: sum.equivalent + row.equivalent,
}), { detected: 0, undetected: 0, equivalent: 0 });

const table = [['module', 'detected', 'survived', 'equivalent', 'stryker %', 'score %', ''].join('\t')];
const failures = [];
for (const row of [...rows, { name: 'all modules', ...total }]) {
  const raw = percent(row.detected, row.undetected, 0);
  const score = percent(row.detected, row.undetected, row.equivalent);
  const critical = CRITICAL.includes(row.name);
  const target = critical ? CRITICAL_TARGET : row.name === 'all modules' ? OVERALL_TARGET : undefined;
  const flag = target === undefined ? '' : score >= target ? `>= ${target}` : `BELOW ${target}`;
  if (target !== undefined && score < target) failures.push(row.name);
  table.push([row.name, row.detected, row.undetected, row.equivalent, raw.toFixed(2), score.toFixed(2), flag].join('\t'));
}
const widths = table.map((line) => line.split('\t')).reduce((w, cells) => cells.map((cell, i) => Math.max(w[i] ?? 0, String(cell).length)), []);
for (const line of table) console.log(line.split('\t').map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());

if (unexplained.length) {
  console.log(`\n${unexplained.length} surviving mutant(s) not in ${LIST} (a missing test, or an equivalent mutant to list with its reason):`);
  for (const line of unexplained) console.log(`  ${line}`);
}
if (unused.length) {
  console.log(`\n${unused.length} entr${unused.length === 1 ? 'y' : 'ies'} of ${LIST} matching no surviving mutant of this report (killed, or the code changed):`);
  for (const line of unused) console.log(`  ${line}`);
}
if (failures.length) {
  console.error(`\nbelow target: ${failures.join(', ')} (security-critical modules ${CRITICAL_TARGET}%, all modules ${OVERALL_TARGET}%)`);
  process.exit(1);
}
