#!/usr/bin/env node
/**
 * Tables from a benchmark result (bench/results/latest.json): per runtime, one
 * table per operation (ops/s, spread over the rounds, ratios to the reference
 * rows), a summary (rows × operations), and issue 7's targets as measured.
 *
 *   node bench/report.mjs [results.json]            the full report (as `npm run bench` prints it)
 *   node bench/report.mjs [results.json] --readme   the tables of the README's "Performance" section
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from './suite.mjs';
import { renderTargets } from './targets.mjs';

/** The rows others are compared with, where a table has them. */
const REFERENCES = [
  { row: 'fast-jwt', label: '× fast-jwt' },
  { row: 'jose', label: '× jose' },
  { row: 'jose (Uint8Array secret)', label: '× jose (bytes)' },
  { row: 'node:crypto by hand', label: '× node:crypto' },
  { row: 'crypto.subtle by hand', label: '× subtle' },
];

export function renderReport(results, { readme = false } = {}) {
  const measured = results.runtimes.filter((runtime) => runtime.results);
  if (readme) return [header(results, true), summary(measured[0]), notes(measured[0]), others(measured.slice(1))].join('\n\n');
  const sections = [header(results, false)];
  for (const runtime of measured) {
    for (const operation of OPERATIONS) {
      const table = operationTable(runtime, operation.id);
      if (table) sections.push(`### ${runtime.name} ${runtime.version}: ${operation.id}\n\n${table}`);
    }
    sections.push(`### ${runtime.name} ${runtime.version}: summary (ops/s)\n\n${summary(runtime)}\n\n${notes(runtime)}`);
  }
  sections.push(`### Issue 7's targets (Node.js, ratios from this run)\n\n${renderTargets(measured[0])}`);
  return sections.join('\n\n');
}

function header(results, short) {
  const { machine, settings, versions } = results;
  const pinned = settings.pinned ? `pinned to core ${machine.allowedCores}` : 'not pinned';
  const runtimes = results.runtimes.map((r) => (r.skipped ? `${r.name} skipped: ${r.skipped}` : `${r.name} ${r.version}`));
  const lines = [
    `${machine.cpu}, ${machine.cores} cores (${pinned}; load average ${machine.loadAverage.join(' at the start, ')} at the end), ${machine.memoryGiB} GiB, ${machine.os}; ${results.date.slice(0, 10)}.`,
    `${runtimes.join(', ')}. ${Object.entries(versions).map(([name, v]) => `${name} ${v}`).join(', ')}.`,
    `ops/s: the median of ${settings.rounds} round(s) (each the median of mitata's samples over ≥ ${settings.timeMs} ms), all rows in one process per runtime.` +
      ' verify checks the signature, `exp`, `iss` and `aud`; the hand-written baselines check the signature only.',
  ];
  if (!short) lines.push('Run pinned to one core (`npm run bench` runs `taskset -c 0` itself where taskset exists); compare ratios within one run.');
  return lines.map((line) => `- ${line}`).join('\n');
}

/** One operation: a row per contender, fastest first, with the spread of its rounds and its ratios to the references. */
function operationTable(runtime, operation) {
  const entries = runtime.results.filter((r) => r.operation === operation).sort((a, b) => b.opsPerSec - a.opsPerSec);
  if (entries.length === 0) return undefined;
  const references = REFERENCES.map((ref) => ({ ...ref, entry: entries.find((e) => e.row === ref.row) })).filter((ref) => ref.entry);
  const head = ['', 'ops/s', '±', ...references.map((ref) => ref.label)];
  const body = entries.map((entry) => [
    rowLabel(runtime, entry.row),
    formatOps(entry.opsPerSec),
    spread(entry.runs, entry.opsPerSec),
    ...references.map((ref) => formatRatio(entry.opsPerSec / ref.entry.opsPerSec)),
  ]);
  return markdownTable(head, body);
}

/** Rows × operations, ops/s: the shape of the README's table. */
function summary(runtime) {
  const operations = OPERATIONS.map((o) => o.id).filter((id) => runtime.results.some((r) => r.operation === id));
  const body = runtime.rows.map((row) => [
    rowLabel(runtime, row.name),
    ...operations.map((id) => {
      const entry = runtime.results.find((r) => r.operation === id && r.row === row.name);
      return entry ? formatOps(entry.opsPerSec) : '';
    }),
  ]);
  return markdownTable([`${runtime.name} ${runtime.version}`, ...operations], body);
}

/** Bun and Deno in one table; a skipped runtime as a note. */
function others(runtimes) {
  const measured = runtimes.filter((r) => r.results);
  const operations = OPERATIONS.map((o) => o.id);
  const body = measured.flatMap((runtime) =>
    runtime.rows.map((row) => [
      `${runtime.name} ${runtime.version}`,
      rowLabel(runtime, row.name),
      ...operations.map((id) => formatOps(runtime.results.find((r) => r.operation === id && r.row === row.name)?.opsPerSec)),
    ]),
  );
  return measured.length ? markdownTable(['runtime', '', ...operations], body, 2) : 'Bun and Deno: not measured.';
}

/** A row's name, marked when a note on it follows the table. */
function rowLabel(runtime, name) {
  return runtime.rows.find((row) => row.name === name)?.note ? `${name} *` : name;
}

/** The notes of a runtime's rows, as one paragraph. */
function notes(runtime) {
  const noted = runtime.rows.filter((row) => row.note);
  return noted.length ? `\\* ${noted.map((row) => `${row.name}: ${row.note}`).join('; ')}.` : '';
}

export function formatOps(value) {
  if (value === undefined) return '';
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e5) return `${Math.round(value / 1e3)}k`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(2)}k`;
  return String(Math.round(value));
}

export const formatRatio = (ratio) => `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;

/** Half the range of the rounds, relative to the median. */
function spread(runs, median) {
  if (runs.length < 2) return '';
  return `${Math.round(((Math.max(...runs) - Math.min(...runs)) / 2 / median) * 100)}%`;
}

/** A Markdown table: the first `textColumns` columns left-aligned, the numbers right-aligned. */
export function markdownTable(head, body, textColumns = 1) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i < textColumns ? '---' : '---:'))), ...body.map(line)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? new URL('results/latest.json', import.meta.url);
  console.log(renderReport(JSON.parse(readFileSync(file, 'utf8')), { readme: process.argv.includes('--readme') }));
}
