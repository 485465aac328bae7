/**
 * The CLI's input and output: the operand-or-stdin rule, files, and colour.
 * Colour only goes to a terminal, and never when NO_COLOR is set
 * (https://no-color.org): a pipe or a file gets plain text.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import type { DateZone } from '../common/time.js';
import { UsageError, type ParsedArgs } from './args.js';

/** Large enough for any token, key or key set; a runaway pipe is refused rather than buffered. */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

let stdinTaken: string | undefined;

/** All of stdin. Only one input may come from it: a second is a usage error. */
export async function readStdin(what: string): Promise<Uint8Array> {
  if (stdinTaken !== undefined) throw new UsageError(`the ${what} and the ${stdinTaken} cannot both come from stdin`);
  stdinTaken = what;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INPUT_BYTES) throw new UsageError(`the ${what} on stdin is larger than ${MAX_INPUT_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The text of an operand: the operand itself, or stdin when it is `-`, or
 * when it is absent and stdin is not a terminal.
 */
export async function operandText(operand: string | undefined, what: string): Promise<string> {
  if (operand !== undefined && operand !== '-') return operand;
  if (operand === undefined && process.stdin.isTTY) throw new UsageError(`no ${what}: give it as an argument, or on stdin`);
  return new TextDecoder().decode(await readStdin(what));
}

/**
 * A token as people paste it: surrounding whitespace and a leading "Bearer "
 * (an Authorization header's value) are dropped. Only the CLI is this
 * forgiving; the library takes the token exactly as given.
 */
export function cleanToken(text: string): string {
  return text.trim().replace(/^Bearer\s+/i, '').trim();
}

/** A file's bytes, or stdin for `-`; a file that cannot be read is a usage error naming the option. */
export async function readInputFile(path: string, option: string): Promise<Uint8Array> {
  if (path === '-') return readStdin(`${option} file`);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Writes a new file, never over an existing one (a key is not lost to a
 * typo). `mode` 0o600 keeps a private key readable by its owner only.
 */
export function writeNewFile(path: string, text: string, mode: number, option: string): void {
  try {
    writeFileSync(path, text, { mode, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EEXIST' ? `${option}: ${path} exists; not overwriting it` : `${option}: cannot write ${path} (${code ?? 'error'})`);
  }
}

/** `--date utc|local` (default local). */
export function dateZone(args: ParsedArgs): DateZone {
  const zone = args.string('date') ?? 'local';
  if (zone !== 'utc' && zone !== 'local') throw new UsageError('--date expected utc or local');
  return zone;
}

/** ANSI styles, or plain text when the stream is no terminal or NO_COLOR is set. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

export function styleFor(stream: NodeJS.WriteStream): Style {
  const on = stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  const sgr = (open: number, close: number) => (text: string) => (on ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}

export const out = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
export const err = (text: string): void => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);

/** JSON as the commands print it: two-space indented, one value per run. */
export const printJSON = (value: unknown): void => out(JSON.stringify(value, null, 2));
