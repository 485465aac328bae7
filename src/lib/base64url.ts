/**
 * Base64url without padding (RFC 4648 §5), as JWS requires (RFC 7515 §2).
 *
 * Decoding is strict, unlike most JOSE libraries: RFC 7515 §2 and RFC 7519 §7.2
 * decode "with no line breaks, whitespace, or other additional characters",
 * so `=`, `+`, `/`, whitespace, a length of 4n+1 and non-zero trailing bits are
 * all refused. One encoded string therefore maps to exactly one byte string,
 * which is what makes "any changed character never verifies" true.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** char code -> 6-bit value, or -1 for a character outside the alphabet. */
const DECODE_TABLE = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Encodes bytes as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full]!;
    out += ALPHABET[n >> 2]! + ALPHABET[(n << 4) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[full]! << 8) | bytes[full + 1]!;
    out += ALPHABET[n >> 10]! + ALPHABET[(n >> 4) & 63]! + ALPHABET[(n << 2) & 63]!;
  }
  return out;
}

/**
 * Decodes canonical unpadded base64url, or returns `undefined` for any other
 * input (the caller turns that into an error that fits its context).
 */
export function decodeBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const rest = text.length % 4;
  if (rest === 1) return undefined; // 6 bits cannot make a byte
  const out = new Uint8Array((text.length * 3) >> 2);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code < 128 ? DECODE_TABLE[code]! : -1;
    if (digit < 0) return undefined;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  // Canonical form: the bits left over after the last whole byte are zero.
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}
