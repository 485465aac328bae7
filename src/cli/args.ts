/**
 * Argument parsing for every command, in one place: each command declares its
 * options in a table; `parseCommand` runs `node:util` parseArgs (strict: an
 * unknown option or a missing value is a usage error) and `helpText` renders
 * the same table as `--help`. Messages name options, never their values: a
 * value may be a secret.
 */

import { parseArgs } from 'node:util';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** The option may be given more than once; its values are collected in order. */
  multiple?: boolean;
  short?: string;
  /** The value's name in the help, for example "FILE". */
  value?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** One line for `webjwt --help`. */
  summary: string;
  /** What follows the command name in the usage line, for example "[token|-]". */
  operands: string;
  /** The most positional arguments the command takes. */
  maxOperands: number;
  options: Readonly<Record<string, OptionSpec>>;
  /** Paragraphs after the options in `--help`. */
  notes?: readonly string[];
}

/** A mistake in how the command was called: exit code 2, with a short usage text. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: CommandSpec) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The parsed arguments of one command, with typed accessors. */
export interface ParsedArgs {
  operands: string[];
  /** A string option's value (the last one given, unless the option is `multiple`). */
  string(name: string): string | undefined;
  /** A `multiple` string option's values, in order (empty when absent). */
  list(name: string): string[];
  flag(name: string): boolean;
  /** Whether the option was given at all. */
  has(name: string): boolean;
}

const COMMON: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export function parseCommand(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options = { ...spec.options, ...COMMON };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [name, { type: o.type, multiple: o.multiple ?? false, ...(o.short ? { short: o.short } : {}) }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error, options), spec);
  }
  const values = parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>;
  const operands = parsed.positionals;
  if (values.help !== true && operands.length > spec.maxOperands) {
    throw new UsageError(spec.maxOperands === 0 ? 'takes no arguments' : `takes at most ${spec.maxOperands} argument${spec.maxOperands > 1 ? 's' : ''}, got ${operands.length}`, spec);
  }
  return {
    operands,
    string: (name) => {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    },
    list: (name) => {
      const value = values[name];
      return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
    },
    flag: (name) => values[name] === true,
    has: (name) => values[name] !== undefined,
  };
}

/** parseArgs's error, as a message that names only the option (its own messages can suggest a value). */
function parseArgsMessage(error: unknown, options: Record<string, OptionSpec>): string {
  const code = (error as { code?: string }).code;
  const message = String((error as Error).message ?? error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = option?.replace(/^-+/, '');
      const spec = name === undefined ? undefined : options[name] ?? Object.values(options).find((o) => o.short === name);
      if (spec?.type === 'boolean') return `option ${option} takes no value`;
      return /ambiguous/.test(message)
        ? `option ${option} needs a value; a value that starts with "-" is written ${option}=VALUE`
        : `option ${option} needs a value`;
    }
    default:
      return message.split('\n')[0]!;
  }
}

/** The usage line of a command. */
export function usageLine(spec: CommandSpec): string {
  return `usage: webjwt ${spec.name} ${spec.operands ? `${spec.operands} ` : ''}[options]`.replace(/ +$/, '');
}

/** `--help` for a command: usage, summary, options, notes. */
export function helpText(spec: CommandSpec): string {
  const options = { ...spec.options, ...COMMON };
  const rows = Object.entries(options).map(([name, o]) => {
    const left = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [left, `${o.help}${o.multiple ? ' (repeatable)' : ''}`] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [
    usageLine(spec),
    '',
    spec.summary,
    '',
    'options:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`),
    ...(spec.notes?.length ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
}
