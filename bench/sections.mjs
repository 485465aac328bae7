/**
 * Where the bytes of a minified bundle come from, finer than esbuild's
 * metafile can say: webjwt's dist/index.js is one input file, so the metafile
 * gives it 100%. Its unminified build keeps esbuild's `// src/lib/keys.ts`
 * marker before each module, and the bundle's source map says which line of
 * the input every byte of the output comes from: together they give the bytes
 * per source module. An input without markers (or with its own source map)
 * counts as one section per file.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One source map segment's fields (Source Map v3 "mappings": base64 VLQ, relative values). */
function decodeVLQ(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** For an input file: a function from a 0-based line to the section (`src/...` marker) it belongs to. */
function sectionsOf(file, root) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const markers = [];
  lines.forEach((line, index) => {
    const marker = /^\/\/ (src\/\S+)$/.exec(line);
    if (marker) markers.push({ line: index, name: marker[1] });
  });
  const whole = relative(root, file);
  return (line) => markers.findLast((m) => m.line <= line)?.name ?? whole;
}

/**
 * Bytes of `code` (minified output) per section, from its source map
 * (`map`, parsed JSON; sources relative to `outDir`). Returns
 * `[{ section, bytes }]`, largest first; bytes without a mapping count as "(unmapped)".
 */
export function bytesBySection(code, map, outDir, root) {
  const sourceFiles = map.sources.map((source) => resolve(outDir, source));
  const lookups = new Map();
  const sectionOf = (sourceIndex, line) => {
    const file = sourceFiles[sourceIndex];
    if (!lookups.has(file)) lookups.set(file, sectionsOf(file, root));
    return lookups.get(file)(line);
  };
  const totals = new Map();
  const add = (section, bytes) => totals.set(section, (totals.get(section) ?? 0) + bytes);
  const codeLines = code.split('\n');
  let [sourceIndex, sourceLine] = [0, 0];
  map.mappings.split(';').forEach((mappingLine, lineIndex) => {
    const length = Buffer.byteLength(codeLines[lineIndex] ?? '');
    const segments = mappingLine ? mappingLine.split(',').map(decodeVLQ) : [];
    let column = 0;
    const spans = [];
    for (const fields of segments) {
      column += fields[0];
      if (fields.length >= 4) {
        sourceIndex += fields[1];
        sourceLine += fields[2];
        spans.push({ column, section: sectionOf(sourceIndex, sourceLine) });
      } else spans.push({ column, section: '(unmapped)' });
    }
    add('(unmapped)', spans[0]?.column ?? length);
    // Columns count UTF-16 units; the bundle is ASCII but for rare literals, so units ≈ bytes.
    spans.forEach((span, i) => add(span.section, (spans[i + 1]?.column ?? length) - span.column));
  });
  return [...totals].map(([section, bytes]) => ({ section, bytes })).filter((s) => s.bytes > 0).sort((a, b) => b.bytes - a.bytes);
}

/** The string literal nodes of `code` (quoted strings and the text parts of templates), read by TypeScript's parser. */
function literalNodes(code) {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found = [];
  const visit = (node) => {
    if (ts.isStringLiteral(node) || ts.isTemplateLiteralToken(node)) found.push(node); // the latter: `…`, `…${, }…${, }…`
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { file, found };
}

/**
 * The string literals of minified code (quoted strings and the text of
 * template literals, with their delimiters), largest first: error messages and
 * tables that cost bytes. Read by TypeScript's parser (a dev dependency), so a
 * quote inside a regular expression or a template's `${…}` is never mistaken
 * for the start of a string.
 */
export function stringLiterals(code) {
  const { file, found } = literalNodes(code);
  return found.map((node) => node.getText(file)).sort((a, b) => b.length - a.length);
}

/**
 * `code` with the text of every string literal taken out, delimiters and
 * substitutions kept: a floor for the bundle that no shortening of messages or
 * tables can pass (it still parses, though it would no longer work).
 */
export function withoutLiteralText(code) {
  const { file, found } = literalNodes(code);
  let kept = '';
  let at = 0;
  for (const node of found) { // in source order
    const start = node.getStart(file);
    // One delimiter opens each (", ', `, or the } that ends a substitution); one or `${` closes it.
    const close = node.getText(file).endsWith('${') ? 2 : 1;
    kept += code.slice(at, start + 1) + code.slice(node.end - close, node.end);
    at = node.end;
  }
  return kept + code.slice(at);
}
