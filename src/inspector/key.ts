/**
 * The key pasted into the page, read as the CLI reads key files (PEM, JWK,
 * JWKS), or else as a secret: its text, or the bytes its base64 encodes.
 * What the library then makes of it is the library's verdict.
 */

import type { JWKS, KeyInput } from '../index.js';
import { decodeBase64, readKeyText } from '../common/key-text.js';

export type PastedKey = { key: KeyInput | JWKS; kind: string } | { problem: string };

/** The key and a line saying how it was read; `undefined` when nothing is pasted. */
export function readPastedKey(text: string, encoding: 'text' | 'base64'): PastedKey | undefined {
  if (text.trim() === '') return undefined;
  const read = readKeyText(text);
  switch (read.kind) {
    case 'pem':
      return { key: read.pem, kind: 'a PEM key' };
    case 'jwks': {
      const n = read.jwks.keys.length;
      return { key: read.jwks, kind: `a key set (JWKS) of ${n} key${n === 1 ? '' : 's'}` };
    }
    case 'jwk':
      return { key: read.jwk, kind: `a JWK (kty ${JSON.stringify(read.jwk.kty) ?? 'missing'})` };
    case 'bad-json':
      return { problem: 'the key starts like JSON but is not a valid JSON object' };
    case 'other':
      break;
  }
  if (encoding === 'text') {
    const spaced = text !== text.trim() ? ', including the whitespace around it' : '';
    return { key: text, kind: `a secret: ${new TextEncoder().encode(text).length} bytes of text${spaced}` };
  }
  const bytes = decodeBase64(text);
  return bytes ? { key: bytes, kind: `a secret: ${bytes.length} bytes from base64` } : { problem: 'the secret is not base64 or base64url' };
}
