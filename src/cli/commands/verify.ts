/** `webjwt verify [token|-]`: the library's verdict, with its strictness: no leeway unless asked for. */

import { isJWTError, verify, type JWSAlgorithm, type VerifyOptions } from '../../index.js';
import type { ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { cleanToken, dateZone, operandText, printJSON } from '../io.js';
import { JWKS_OPTION, KEY_OPTIONS, loadKey } from '../keys.js';
import { reportRefusal } from '../report.js';
import { parseDate, parseDuration } from '../times.js';

export const verifyCommand: Command = {
  spec: {
    name: 'verify',
    summary: 'Verify a token as the library does: signature, then claims. Prints the payload if it passes.',
    operands: '[token|-]',
    maxOperands: 1,
    options: {
      ...KEY_OPTIONS,
      ...JWKS_OPTION,
      alg: { type: 'string', multiple: true, value: 'ALG', help: 'allowed algorithm (default: what the key can serve, never what the token says)' },
      iss: { type: 'string', multiple: true, value: 'ISS', help: 'expected issuer; any given may match' },
      aud: { type: 'string', multiple: true, value: 'AUD', help: 'expected audience; any given may match' },
      sub: { type: 'string', value: 'SUB', help: 'expected subject' },
      typ: { type: 'string', value: 'TYP', help: 'expected typ header (e.g. at+jwt)' },
      require: { type: 'string', multiple: true, value: 'CLAIM', help: 'a claim that must be present' },
      'clock-tolerance': { type: 'string', value: 'DURATION', help: 'allowed clock skew, e.g. 30s (default none)' },
      'max-age': { type: 'string', value: 'DURATION', help: 'refuse tokens whose iat is older, e.g. 1h' },
      at: { type: 'string', value: 'DATE', help: 'verify as of this date (ISO 8601, now, @seconds)' },
      date: { type: 'string', value: 'utc|local', help: 'dates in a refusal\'s details in UTC or local time (default local)' },
      'allow-insecure-key-sizes': { type: 'boolean', help: 'accept short HMAC secrets and small RSA keys (legacy systems only)' },
    },
    notes: [
      'Exit 0 and the payload as JSON on stdout when the token passes; exit 1 and the error code on',
      'stderr when it is refused, or the key cannot be used; exit 2 for a usage mistake.',
      'Key files: PEM (SPKI, PKCS#8, PKCS#1, SEC1, certificate), DER, JWK or JWKS. A private key verifies',
      'with its public half.',
    ],
  },
  async run(args) {
    const options = verifyOptions(args);
    const zone = dateZone(args);
    const key = await loadKey(args);
    const token = cleanToken(await operandText(args.operands[0], 'token'));
    try {
      const { payload } = await verify(token, key, options);
      printJSON(payload);
      return 0;
    } catch (error) {
      if (!isJWTError(error)) throw error;
      reportRefusal(error, { token, options, zone, ...(options.currentDate ? { now: options.currentDate } : {}) });
      return 1;
    }
  },
};

function verifyOptions(args: ParsedArgs): VerifyOptions {
  const options: VerifyOptions = {};
  const algorithms = args.list('alg');
  if (algorithms.length) options.algorithms = algorithms as JWSAlgorithm[]; // the library checks the names
  const [iss, aud, required] = [args.list('iss'), args.list('aud'), args.list('require')];
  if (iss.length) options.issuer = iss.length === 1 ? iss[0]! : iss;
  if (aud.length) options.audience = aud.length === 1 ? aud[0]! : aud;
  if (required.length) options.requiredClaims = required;
  const [sub, typ, tolerance, maxAge, at] = ['sub', 'typ', 'clock-tolerance', 'max-age', 'at'].map((name) => args.string(name));
  if (sub !== undefined) options.subject = sub;
  if (typ !== undefined) options.typ = typ;
  if (tolerance !== undefined) options.clockTolerance = parseDuration(tolerance);
  if (maxAge !== undefined) options.maxTokenAge = parseDuration(maxAge);
  if (at !== undefined) options.currentDate = parseDate('--at', at);
  if (args.flag('allow-insecure-key-sizes')) options.allowInsecureKeySizes = true;
  return options;
}
