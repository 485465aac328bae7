/**
 * Base64url without padding (RFC 4648 §5), as JWS requires (RFC 7515 §2).
 *
 * Decoding is strict, unlike most JOSE libraries: RFC 7515 §2 and RFC 7519 §7.2
 * decode "with no line breaks, whitespace, or other additional characters",
 * so `=`, `+`, `/`, whitespace, a length of 4n+1 and non-zero trailing bits are
 * all refused. One encoded string therefore maps to exactly one byte string,
 * which is what makes "any changed character never verifies" true.
 *
 * The strictness is one check ({@link isCanonicalBase64url}); the decoding
 * itself is the runtime's own (measured on Node 20: `Buffer` decodes a JWT
 * payload 4× faster than a JavaScript loop): `Buffer` where it exists (Node.js,
 * Bun), else `Uint8Array.fromBase64`, else `atob`.
 */

import { decodeUTF8, encodeUTF8 } from './utf8.js';

type Bytes = Uint8Array<ArrayBuffer>;

interface NodeBuffer {
  from(text: string, encoding: 'base64url' | 'utf8'): Bytes & { toString(encoding: 'utf8' | 'base64url'): string };
  from(bytes: Uint8Array): Bytes & { toString(encoding: 'base64url'): string };
}
const Buffer = /* @__PURE__ */ (() => (globalThis as { Buffer?: NodeBuffer }).Buffer)();

const CANONICAL = /^[A-Za-z0-9_-]*$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Whether `text` is canonical unpadded base64url: only the alphabet, a length
 * that is not 4n+1 (6 bits cannot make a byte), and zero bits after the last
 * whole byte (RFC 4648 §3.5), so that no two strings decode to the same bytes.
 */
export function isCanonicalBase64url(text: string): boolean {
  return CANONICAL.test(text) && hasCanonicalEnd(text);
}

/** The length and last-character part of {@link isCanonicalBase64url}, for text known to be of the alphabet. */
export function hasCanonicalEnd(text: string): boolean {
  const rest = text.length % 4;
  return rest === 0 || (rest !== 1 && (ALPHABET.indexOf(text[text.length - 1]!) & (rest === 2 ? 0x0f : 0x03)) === 0);
}

/**
 * Decodes canonical unpadded base64url, or returns `undefined` for any other
 * input (`checked`: the caller has already made sure it is canonical).
 */
export function decodeBase64url(text: string, checked = false): Bytes | undefined {
  if (!checked && !isCanonicalBase64url(text)) return undefined;
  if (Buffer) {
    const bytes = Buffer.from(text, 'base64url');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length); // a plain view, not a Buffer
  }
  const fromBase64 = (Uint8Array as { fromBase64?: (text: string, options: object) => Bytes }).fromBase64;
  if (fromBase64) return fromBase64(text, { alphabet: 'base64url' });
  return Uint8Array.from(binary(text), (char) => char.charCodeAt(0));
}

/**
 * Decodes canonical unpadded base64url holding UTF-8 text (a JOSE header or
 * claims set), or returns `undefined` for anything else, invalid UTF-8
 * included (`checked` as for {@link decodeBase64url}).
 */
export function decodeBase64urlText(text: string, checked = false): string | undefined {
  if (!checked && !isCanonicalBase64url(text)) return undefined;
  if (Buffer) {
    // Buffer decodes UTF-8 leniently, invalid sequences as U+FFFD: only a text with one needs the strict decoder.
    const bytes = Buffer.from(text, 'base64url');
    const decoded = bytes.toString('utf8');
    return decoded.includes('\uFFFD') ? decodeUTF8(bytes) : decoded;
  }
  const latin1 = binary(text);
  return /[^\0-\x7f]/.test(latin1) ? decodeUTF8(Uint8Array.from(latin1, (char) => char.charCodeAt(0))) : latin1;
}

/** The bytes of base64url as a binary string (one character per byte), through `atob`. */
function binary(text: string): string {
  return atob(text.replace(/-/g, '+').replace(/_/g, '/'));
}

/** Encodes bytes, or a string as its UTF-8 bytes, as unpadded base64url. */
export function encodeBase64url(data: Uint8Array | string): string {
  if (Buffer) return (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64url');
  const bytes = typeof data === 'string' ? encodeUTF8(data) : data;
  let latin1 = '';
  for (let i = 0; i < bytes.length; i += 0x8000) latin1 += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(latin1).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}
