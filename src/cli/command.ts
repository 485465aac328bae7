/** The shape of a command: its argument table and what it does. */

import type { CommandSpec, ParsedArgs } from './args.js';

export interface Command {
  spec: CommandSpec;
  /** Runs the command; resolves with the exit code (0 ok, 1 refused). Usage errors are thrown as UsageError. */
  run(args: ParsedArgs): Promise<number>;
}
