/** `webjwt sign [payload-json|-]`: a new token; also re-signs what `webjwt decode` printed. */

import { JWTError, sign, type JWSAlgorithm, type KeyInput, type SignOptions } from '../../index.js';
import { UsageError, type ParsedArgs } from '../args.js';
import type { Command } from '../command.js';
import { operandText, out } from '../io.js';
import { KEY_OPTIONS, isKeySet, loadKey } from '../keys.js';
import { parseDate, parseDurationOrDate } from '../times.js';

export const signCommand: Command = {
  spec: {
    name: 'sign',
    summary: 'Sign a payload (a JSON object) and print the token.',
    operands: '[payload-json|-]',
    maxOperands: 1,
    options: {
      ...KEY_OPTIONS,
      alg: { type: 'string', value: 'ALG', help: 'algorithm (default: the key\'s, e.g. HS256 for a secret, ES256 for a P-256 key)' },
      exp: { type: 'string', value: 'DURATION|DATE', help: 'expires after this long (15m, 2h, 900) or at this date' },
      nbf: { type: 'string', value: 'DURATION|DATE', help: 'not valid before this long from now, or this date' },
      iat: { type: 'string', value: 'DATE|none', help: 'issued at (default now; none to leave it out)' },
      iss: { type: 'string', value: 'ISS', help: 'issuer' },
      sub: { type: 'string', value: 'SUB', help: 'subject' },
      aud: { type: 'string', multiple: true, value: 'AUD', help: 'audience' },
      jti: { type: 'string', value: 'ID', help: 'JWT ID' },
      kid: { type: 'string', value: 'KID', help: 'key ID header (default: the JWK\'s kid)' },
      typ: { type: 'string', value: 'TYP', help: 'typ header (default JWT)' },
      header: { type: 'string', multiple: true, value: 'NAME=VALUE', help: 'another header parameter; VALUE may be JSON' },
      'allow-insecure-key-sizes': { type: 'boolean', help: 'accept short HMAC secrets and small RSA keys (legacy systems only)' },
    },
    notes: [
      'The payload comes from the argument, or from stdin when it is - or absent. The output of',
      '`webjwt decode` is accepted too: its header\'s alg, typ, kid and other parameters are kept, so',
      '`webjwt decode T | jq \'.payload.role = "admin"\' | webjwt sign --key k.pem` re-signs a changed token.',
      'A claim both in the payload and in an option (exp and --exp) is a usage error.',
    ],
  },
  async run(args) {
    const { payload, header } = parseInput(await operandText(args.operands[0], 'payload'));
    const options = signOptions(args, header);
    const key = await loadKey(args);
    if (isKeySet(key)) throw new JWTError('ERR_JWT_KEY_INVALID', 'sign needs one key, and the file holds a key set');
    out(await sign(payload, key as KeyInput, options));
    return 0;
  },
};

type JSONObject = Record<string, unknown>;

const isObject = (value: unknown): value is JSONObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The claims, and the header when the input is `decode`'s output: exactly `{ "header": {…}, "payload": {…} }`. */
function parseInput(text: string): { payload: JSONObject; header: JSONObject } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('the payload is not valid JSON');
  }
  if (!isObject(value)) throw new UsageError('the payload must be a JSON object');
  const keys = Object.keys(value);
  if (keys.length === 2 && isObject(value.header) && isObject(value.payload)) {
    return { payload: value.payload, header: value.header };
  }
  return { payload: value, header: {} };
}

function signOptions(args: ParsedArgs, decodedHeader: JSONObject): SignOptions {
  const { alg, typ, kid, ...parameters } = decodedHeader;
  const options: SignOptions = {};
  const pick = (option: string, fromHeader: unknown) => args.string(option) ?? (typeof fromHeader === 'string' ? fromHeader : undefined);
  const chosenAlg = pick('alg', alg);
  if (chosenAlg !== undefined) options.alg = chosenAlg as JWSAlgorithm; // the library checks the name
  const chosenTyp = pick('typ', typ);
  if (chosenTyp !== undefined) options.typ = chosenTyp;
  const chosenKid = pick('kid', kid);
  if (chosenKid !== undefined) options.kid = chosenKid;

  for (const entry of args.list('header')) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError('--header expected NAME=VALUE');
    // defineProperty: a parameter named "__proto__" stays a parameter.
    Object.defineProperty(parameters, entry.slice(0, at), { value: jsonOrText(entry.slice(at + 1)), enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(parameters).length) options.header = parameters;

  const [exp, nbf, iat, iss, sub, jti] = ['exp', 'nbf', 'iat', 'iss', 'sub', 'jti'].map((name) => args.string(name));
  if (exp !== undefined) options.expiresIn = parseDurationOrDate('--exp', exp);
  if (nbf !== undefined) options.notBefore = parseDurationOrDate('--nbf', nbf);
  if (iat !== undefined) options.issuedAt = iat === 'none' ? false : parseDate('--iat', iat);
  if (iss !== undefined) options.issuer = iss;
  if (sub !== undefined) options.subject = sub;
  if (jti !== undefined) options.jwtId = jti;
  const aud = args.list('aud');
  if (aud.length) options.audience = aud.length === 1 ? aud[0]! : aud;
  if (args.flag('allow-insecure-key-sizes')) options.allowInsecureKeySizes = true;
  return options;
}

function jsonOrText(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
