/**
 * Where the key comes from: `--secret`, `--secret-file`, `--key FILE` (PEM,
 * DER, JWK or JWKS) or `--jwks FILE|URL`. Exactly one. The key's bytes go to
 * the library untouched but for the wrapping: what the library would decide
 * about the key, the CLI decides. Nothing here ever prints a key or secret.
 */

import { JWTError, createRemoteJWKSet, importPEM, isJWTError, type JWKS, type KeyInput, type KeyResolver } from '../index.js';
import { UsageError, type OptionSpec, type ParsedArgs } from './args.js';
import { decodeBase64, readKeyText } from '../common/key-text.js';
import { err, readInputFile, styleFor } from './io.js';

/** The key options of `sign` (one key); `verify` adds `--jwks`. */
export const KEY_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  secret: { type: 'string', value: 'S', help: 'HMAC secret as text, or b64:<base64> for bytes (prefer --secret-file)' },
  'secret-file': { type: 'string', value: 'FILE', help: 'HMAC secret from a file (one trailing newline is dropped; b64: works here too; - for stdin)' },
  key: { type: 'string', value: 'FILE', help: 'key file: PEM, DER, JWK or JWKS' },
};

export const JWKS_OPTION: Readonly<Record<string, OptionSpec>> = {
  jwks: { type: 'string', value: 'FILE|URL', help: 'key set (JWKS) file, or the https URL an identity provider publishes it at; the key is picked by the token\'s kid and alg' },
};

const KEY_SOURCES = ['secret', 'secret-file', 'key', 'jwks'] as const;

/** The one key the options name, read and unwrapped for the library. */
export async function loadKey(args: ParsedArgs): Promise<KeyInput | JWKS | KeyResolver> {
  const given = KEY_SOURCES.filter((name) => args.has(name));
  if (given.length === 0) throw new UsageError('no key: give --secret, --secret-file, --key or --jwks');
  if (given.length > 1) throw new UsageError(`give one key, not ${given.map((name) => `--${name}`).join(' and ')}`);
  const source = given[0]!;
  const value = args.string(source)!;
  switch (source) {
    case 'secret':
      // The value is in the shell's history and the process list now; say so, once, without echoing it.
      err(styleFor(process.stderr).dim('hint: a secret on the command line stays in your shell history; --secret-file FILE keeps it out'));
      return secretOf(value, '--secret');
    case 'secret-file': {
      const text = new TextDecoder().decode(await readInputFile(value, '--secret-file'));
      return secretOf(text.replace(/\r?\n$/, ''), '--secret-file');
    }
    case 'key':
      return readKeyFile(await readInputFile(value, '--key'));
    case 'jwks': {
      if (/^https?:\/\//i.test(value)) return remoteKeySet(parseURL(value));
      const keys = await readKeyFile(await readInputFile(value, '--jwks'));
      if (!isKeySet(keys)) throw new JWTError('ERR_JWT_KEY_INVALID', 'the --jwks file is not a key set ({"keys": [...]})');
      return keys;
    }
  }
}

/**
 * `--jwks URL`: the key set an identity provider publishes, through the
 * library's remote key set (its limits: 5 s timeout, 200 only, no redirects,
 * 512 KiB; `http:` only to a loopback host).
 */
export function remoteKeySet(url: URL): KeyResolver {
  return createRemoteJWKSet(url);
}

function parseURL(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new UsageError('--jwks: not a valid URL');
  }
}

/** A secret: its text's UTF-8 bytes, or with `b64:` the bytes the base64 (or base64url) after it encodes. */
function secretOf(text: string, option: string): string | Uint8Array {
  if (!text.startsWith('b64:')) return text;
  const bytes = decodeBase64(text.slice(4));
  if (bytes === undefined) throw new UsageError(`${option}: the text after "b64:" is not base64`);
  return bytes;
}

export function isKeySet(value: unknown): value is JWKS {
  return typeof value === 'object' && value !== null && Array.isArray((value as JWKS).keys);
}

/**
 * A key file's contents as the library takes them: PEM text as a string, JWK
 * and JWKS JSON as objects, DER (binary, or bare base64 as some providers
 * publish it) as PEM. Anything else is refused: a key file is never used as
 * an HMAC secret (that is what --secret-file is for), so a file given by
 * mistake cannot turn into one.
 */
async function readKeyFile(bytes: Uint8Array): Promise<KeyInput | JWKS> {
  if (bytes[0] === 0x30) return derAsPEM(bytes); // a DER SEQUENCE; no text key format starts with "0"
  const text = new TextDecoder().decode(bytes);
  const read = readKeyText(text);
  switch (read.kind) {
    case 'pem':
      return read.pem;
    case 'jwk':
      return read.jwk;
    case 'jwks':
      return read.jwks;
    case 'bad-json':
      throw new JWTError('ERR_JWT_KEY_INVALID', 'the key file starts like JSON but is not a valid JSON object');
    case 'other': {
      const der = /^[A-Za-z0-9+/=\s]+$/.test(text) ? decodeBase64(text) : undefined;
      if (der) return derAsPEM(der);
      throw new JWTError('ERR_JWT_KEY_INVALID', 'the key file is not PEM, DER, JWK or JWKS (an HMAC secret goes in --secret-file)');
    }
  }
}

/** The PEM types a DER key can be, in the order the library tries them. */
const PEM_LABELS = ['PUBLIC KEY', 'PRIVATE KEY', 'CERTIFICATE', 'RSA PUBLIC KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/**
 * DER as the PEM the library accepts. The library takes DER bytes too, but
 * takes bytes that are no key as an HMAC secret; as PEM they can only be a
 * key. The public API has no "import DER", so each PEM type is tried with
 * `importPEM` (key sizes are judged later, by sign or verify).
 */
async function derAsPEM(der: Uint8Array): Promise<string> {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  for (const label of PEM_LABELS) {
    const pem = `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
    try {
      await importPEM(pem, undefined, { allowInsecureKeySizes: true });
      return pem;
    } catch (error) {
      if (!isJWTError(error)) throw error;
    }
  }
  throw new JWTError('ERR_JWT_KEY_INVALID', 'the DER key file is not a key webjwt supports (SPKI, PKCS#8, PKCS#1, SEC1 or a certificate)');
}
