/** `webjwt keygen <alg>`: a new key pair or secret, as PEM or JWK. */

import {
  exportJWK,
  exportPEM,
  generateKeyPair,
  generateSecret,
  thumbprint,
  type JWK,
  type JWSAlgorithm,
} from '../../index.js';
import { UsageError } from '../args.js';
import type { Command } from '../command.js';
import { err, out, writeNewFile } from '../io.js';

const HMAC = ['HS256', 'HS384', 'HS512'];

export const keygenCommand: Command = {
  spec: {
    name: 'keygen',
    summary: 'Make a new key pair or HMAC secret. RS*, PS*, ES* and EdDSA make a pair, HS* a secret.',
    operands: '<alg>',
    maxOperands: 1,
    options: {
      jwk: { type: 'boolean', help: 'JWK output (default PEM: PKCS#8 private, SPKI public)' },
      kid: { type: 'string', value: 'KID', help: 'the JWK\'s kid (default: its RFC 7638 thumbprint)' },
      out: { type: 'string', value: 'FILE', help: 'write the private key or secret to FILE (mode 0600) instead of stdout' },
      'public-out': { type: 'string', value: 'FILE', help: 'write the public key to FILE' },
    },
    notes: [
      'A secret is 32, 48 or 64 random bytes (HS256, HS384, HS512), written as b64:<base64>, which',
      '--secret and --secret-file read back; with --jwk, an oct JWK. RSA keys are 2048 bits.',
      'Existing files are never overwritten. The private key also verifies (with its public half).',
    ],
  },
  async run(args) {
    const alg = args.operands[0];
    if (alg === undefined) throw new UsageError('which algorithm? e.g. webjwt keygen ES256');
    const asJWK = args.flag('jwk');
    if (args.has('kid') && !asJWK) throw new UsageError('--kid needs --jwk (a PEM key has no kid)');
    const outFile = args.string('out');
    const publicFile = args.string('public-out');

    let privateText: string;
    let publicText: string | undefined;
    if (HMAC.includes(alg)) {
      if (publicFile !== undefined) throw new UsageError('--public-out: a secret has no public part');
      const secret = generateSecret(alg as 'HS256');
      privateText = asJWK
        ? json(await withKid({ kty: 'oct', k: Buffer.from(secret).toString('base64url'), alg }, args.string('kid')))
        : `b64:${Buffer.from(secret).toString('base64')}\n`;
    } else {
      const pair = await generateKeyPair(alg as Exclude<JWSAlgorithm, `HS${string}`>, { extractable: true }); // the library checks the name
      if (asJWK) {
        const publicJWK = await withKid({ ...(await exportJWK(pair.publicKey)), alg, use: 'sig' }, args.string('kid'));
        privateText = json({ ...(await exportJWK(pair.privateKey)), alg, use: 'sig', kid: publicJWK.kid });
        publicText = json(publicJWK);
      } else {
        privateText = await exportPEM(pair.privateKey);
        publicText = await exportPEM(pair.publicKey);
      }
    }

    if (outFile === undefined) out(privateText);
    else {
      writeNewFile(outFile, privateText, 0o600, '--out');
      err(`wrote the ${HMAC.includes(alg) ? 'secret' : 'private key'} to ${outFile} (mode 0600)`);
    }
    if (publicFile !== undefined && publicText !== undefined) {
      writeNewFile(publicFile, publicText, 0o644, '--public-out');
      err(`wrote the public key to ${publicFile}`);
    }
    return 0;
  },
};

/** The JWK with its kid: the one given, else its thumbprint (the same for the private and public halves). */
async function withKid(jwk: JWK, kid: string | undefined): Promise<JWK> {
  return { ...jwk, kid: kid ?? (await thumbprint(jwk)) };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
