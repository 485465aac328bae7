/**
 * Key text as people paste it or keep it in files, sorted the way both the
 * CLI and the inspector read it: PEM, JWK or JWKS JSON, or something else
 * (a secret, or bare base64 DER). What the library then makes of the key is
 * the library's decision.
 */

import type { JWK, JWKS } from '../index.js';

export type KeyText =
  | { kind: 'pem'; pem: string }
  | { kind: 'jwk'; jwk: JWK }
  | { kind: 'jwks'; jwks: JWKS }
  | { kind: 'bad-json' }
  | { kind: 'other' };

/**
 * Sorts key text: a PEM block anywhere makes it PEM; a leading `{` makes it
 * JSON, a key set when it has a `keys` array, else a JWK.
 *
 * @example
 * ```ts
 * readKeyText('{"keys":[]}'); // { kind: 'jwks', jwks: { keys: [] } }
 * ```
 */
export function readKeyText(text: string): KeyText {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.includes('-----BEGIN ')) return { kind: 'pem', pem: text };
  if (!trimmed.startsWith('{')) return { kind: 'other' };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { kind: 'bad-json' };
  }
  if (typeof json !== 'object' || json === null) return { kind: 'bad-json' };
  return Array.isArray((json as JWKS).keys) ? { kind: 'jwks', jwks: json as JWKS } : { kind: 'jwk', jwk: json as JWK };
}

/**
 * The bytes of standard or URL-safe base64, padded or not, whitespace
 * ignored; `undefined` for anything else.
 *
 * @example
 * ```ts
 * decodeBase64('aGk'); // Uint8Array [104, 105]
 * ```
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return undefined;
  const standard = compact.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (standard.length % 4 === 1) return undefined;
  const binary = atob(standard.padEnd(standard.length + ((4 - (standard.length % 4)) % 4), '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
