/** `webjwt inspect [token|-]`: a token for people: members described, times relative, state, warnings. */

import { decode } from '../../index.js';
import { describeMember } from '../../common/descriptions.js';
import { tokenFacts, type TokenFacts } from '../../common/facts.js';
import { formatDate, type DateZone } from '../../common/time.js';
import type { Command } from '../command.js';
import { cleanToken, dateZone, operandText, out, printJSON, styleFor, type Style } from '../io.js';
import { parseDate } from '../times.js';

export const inspectCommand: Command = {
  spec: {
    name: 'inspect',
    summary: 'Show a token for people: claims described, times as dates and relative times, its state and warnings. Not verified.',
    operands: '[token|-]',
    maxOperands: 1,
    options: {
      date: { type: 'string', value: 'utc|local', help: 'show dates in UTC or local time (default local)' },
      at: { type: 'string', value: 'DATE', help: 'judge the token as of this date (ISO 8601, now, @seconds)' },
      json: { type: 'boolean', help: 'the same facts as JSON' },
    },
    notes: ['The state is what the token says about itself; only `webjwt verify` checks the signature.'],
  },
  async run(args) {
    const zone = dateZone(args);
    const now = args.has('at') ? parseDate('--at', args.string('at')!) : new Date();
    const token = cleanToken(await operandText(args.operands[0], 'token'));
    const decoded = decode(token);
    const facts = tokenFacts(decoded, now);
    if (args.flag('json')) {
      printJSON({
        ...decoded,
        state: facts.state,
        summary: facts.summary,
        times: facts.times.map((t) => ({ claim: t.claim, value: t.value, date: isoOrNull(t.date), relative: t.relative })),
        warnings: facts.warnings,
      });
    } else {
      out(humanView(decoded, facts, zone, styleFor(process.stdout)));
    }
    return 0;
  },
};

function humanView({ header, payload }: ReturnType<typeof decode>, facts: TokenFacts, zone: DateZone, style: Style): string {
  const lines: string[] = [];
  const section = (title: string) => lines.push(style.bold(title));
  const members = (part: 'header' | 'payload', object: Record<string, unknown>) => {
    const entries = Object.entries(object).map(([name, value]) => [name, JSON.stringify(value)] as const);
    const nameWidth = Math.max(0, ...entries.map(([name]) => name.length));
    const valueWidth = Math.min(40, Math.max(0, ...entries.map(([, value]) => value.length)));
    for (const [name, value] of entries) {
      const description = describeMember(part, name);
      lines.push(`  ${style.cyan(name.padEnd(nameWidth))}  ${description ? `${value.padEnd(valueWidth)}  ${style.dim(description)}` : value}`);
    }
  };
  section('Header');
  members('header', header);
  section('Payload');
  members('payload', payload);
  if (facts.times.length > 0) {
    section('Times');
    for (const t of facts.times) lines.push(`  ${style.cyan(t.claim.padEnd(9))}  ${formatDate(t.date, zone)}  ${t.relative}`);
  }
  const colour = facts.state === 'valid' ? style.green : facts.state === 'not yet valid' ? style.yellow : style.red;
  lines.push(`${style.bold('State')}  ${colour(facts.summary)}`);
  if (facts.warnings.length > 0) {
    section('Warnings');
    for (const w of facts.warnings) lines.push(`  ${style.yellow('!')} ${w.message}`);
  }
  return lines.join('\n');
}

function isoOrNull(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
