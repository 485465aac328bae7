/** `webjwt thumbprint <jwk-file|->`: the RFC 7638 thumbprint of a JWK, or its RFC 9278 URI. */

import { JWTError, thumbprint, thumbprintURI, type JWK, type ThumbprintHash } from '../../index.js';
import { UsageError } from '../args.js';
import type { Command } from '../command.js';
import { out, readInputFile } from '../io.js';

export const thumbprintCommand: Command = {
  spec: {
    name: 'thumbprint',
    summary: 'Print the JWK Thumbprint (RFC 7638) of a JWK. A private JWK has its public key\'s.',
    operands: '<jwk-file|->',
    maxOperands: 1,
    options: {
      uri: { type: 'boolean', help: 'print it as a JWK Thumbprint URI (RFC 9278)' },
      hash: { type: 'string', value: 'sha256|sha384|sha512', help: 'the hash (default sha256)' },
    },
  },
  async run(args) {
    const file = args.operands[0] ?? (process.stdin.isTTY ? undefined : '-');
    if (file === undefined) throw new UsageError('which JWK? give a file, or - for stdin');
    let jwk: unknown;
    try {
      jwk = JSON.parse(new TextDecoder().decode(await readInputFile(file, 'the JWK')));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new JWTError('ERR_JWT_KEY_INVALID', 'the JWK file is not valid JSON');
    }
    const hash = (args.string('hash') ?? 'sha256') as ThumbprintHash; // the library checks the name
    out(await (args.flag('uri') ? thumbprintURI : thumbprint)(jwk as JWK, hash));
    return 0;
  },
};
