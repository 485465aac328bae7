/** `webjwt decode [token|-]`: header and payload as JSON, not verified. */

import { decode } from '../../index.js';
import type { Command } from '../command.js';
import { cleanToken, operandText, printJSON } from '../io.js';

export const decodeCommand: Command = {
  spec: {
    name: 'decode',
    summary: 'Print a token\'s header and payload as JSON, without verifying it.',
    operands: '[token|-]',
    maxOperands: 1,
    options: {
      json: { type: 'boolean', help: 'JSON output (the default; what `webjwt sign -` reads back)' },
    },
    notes: [
      'The token comes from the argument, or from stdin when the argument is - or absent.',
      'Surrounding whitespace and a leading "Bearer " are ignored. Nothing is verified: use',
      '`webjwt verify` before trusting what a token says.',
    ],
  },
  async run(args) {
    const token = cleanToken(await operandText(args.operands[0], 'token'));
    const { header, payload } = decode(token);
    printJSON({ header, payload });
    return 0;
  },
};
