/**
 * The `webjwt` command: dispatch, help, version, and the exit codes
 * (0 ok, 1 token refused or key unusable, 2 usage error). A client of the
 * public API only, like any user of the library: what it says about a token
 * is what `verify` decides.
 */

import { readFileSync } from 'node:fs';
import { isJWTError } from '../index.js';
import { UsageError, helpText, parseCommand, usageLine } from './args.js';
import type { Command } from './command.js';
import { decodeCommand } from './commands/decode.js';
import { inspectCommand } from './commands/inspect.js';
import { inspectorCommand } from './commands/inspector.js';
import { keygenCommand } from './commands/keygen.js';
import { signCommand } from './commands/sign.js';
import { thumbprintCommand } from './commands/thumbprint.js';
import { verifyCommand } from './commands/verify.js';
import { err, out } from './io.js';
import { reportRefusal } from './report.js';

const COMMANDS: readonly Command[] = [
  decodeCommand, inspectCommand, verifyCommand, signCommand, keygenCommand, thumbprintCommand, inspectorCommand,
];

const OVERVIEW = [
  'usage: webjwt <command> [options]',
  '',
  'JSON Web Tokens from the command line, as strict as the webjwt library.',
  '',
  'commands:',
  ...COMMANDS.map(({ spec }) => `  ${spec.name.padEnd(11)} ${spec.summary.split(/[.:,] /)[0]!.replace(/\.$/, '')}`),
  '',
  '`webjwt <command> --help` shows a command\'s options; `webjwt --version` the version.',
  'Exit codes: 0 ok, 1 token refused or key unusable, 2 usage error.',
  '',
].join('\n');

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') return out(OVERVIEW), 0;
  if (name === '--version') return out(version()), 0;
  if (name === undefined) return err(OVERVIEW), 2;
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    err(`webjwt: unknown command ${name.startsWith('-') ? 'or option ' : ''}"${name.slice(0, 40)}"`);
    err(`commands: ${COMMANDS.map((c) => c.spec.name).join(', ')}; see webjwt --help`);
    return 2;
  }
  try {
    const args = parseCommand(command.spec, rest);
    if (args.flag('help')) return out(helpText(command.spec)), 0;
    return await command.run(args);
  } catch (error) {
    return failure(error, command);
  }
}

/** The exit code for an error, after saying what it was on stderr. */
function failure(error: unknown, command: Command): number {
  const { spec } = command;
  if (isJWTError(error)) {
    reportRefusal(error, {}, 'error');
    return 1;
  }
  // A UsageError is the CLI's; a TypeError or RangeError from the library is a caller's mistake, and
  // the caller is the command line (an unknown --alg, a duration it cannot read).
  if (error instanceof UsageError || error instanceof TypeError || error instanceof RangeError) {
    err(`webjwt ${spec.name}: ${error.message}`);
    err(usageLine(spec));
    err(`(webjwt ${spec.name} --help for more)`);
    return 2;
  }
  err(`webjwt ${spec.name}: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}

/** The installed package's version: dist/cli.js reads ../package.json. */
function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// A closed pipe (`webjwt decode T | head -c 1`) ends the output, not with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
