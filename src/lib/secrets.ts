/**
 * Is this HMAC secret really key material? A public key is public: anyone
 * could MAC a token with its text, so a verifier that takes it as a secret
 * accepts forged HS256 tokens (CVE-2022-23541, CVE-2023-48223, CVE-2026-22817,
 * GHSA-g3jj-5cmm-3hxx). Keys reach configuration mangled in many ways, so the
 * check first undoes the usual manglings, then looks for every key shape:
 *
 * - manglings: surrounding whitespace, NUL and BOM; UTF-16 (with a BOM, or
 *   ASCII with every other byte zero); a JSON string (escaped once or twice,
 *   `\n` written as two characters); one layer of base64, base64url or hex;
 * - shapes: a PEM block (any label: RFC 7468, OpenSSH, encrypted keys), an
 *   RFC 4716 SSH2 block or PuTTY file, an SSH public key line or its binary
 *   form, JWK or JWKS JSON, and DER of a key or certificate of any algorithm.
 *
 * One function serves string secrets, byte secrets and `oct` JWK `k` alike.
 * A random secret has none of these shapes except with negligible probability
 * (the DER shapes need exact tags, lengths and an algorithm OID).
 */

import { TAG, children, readElement, type DERElement } from './asn1.js';
import { decodeBase64url } from './base64url.js';
import { decodeBase64 } from './pem.js';
import { decodeUTF8, encodeUTF8 } from './utf8.js';

/**
 * What the secret really is ("a PEM key", "JWK JSON text", …), or `undefined`
 * for a plain secret. A string is read as its UTF-8 bytes and, where it has
 * characters U+0080-U+00FF and none above, also as one byte per character (a
 * binary file read as "latin1").
 */
export function keyMaterialIn(secret: string | Uint8Array): string | undefined {
  if (typeof secret !== 'string') return classifyBytes(secret, true);
  const latin1 = /^[\0-\xff]*$/.test(secret) && /[\x80-\xff]/.test(secret);
  return (
    classifyBytes(encodeUTF8(secret), true) ??
    (latin1 ? classifyBytes(Uint8Array.from(secret, (char) => char.charCodeAt(0)), true) : undefined)
  );
}

function classifyBytes(bytes: Uint8Array, decodeOnce: boolean): string | undefined {
  if (isDERKey(bytes)) return 'DER key material';
  if (isSSHWireKey(bytes) || startsWith(bytes, 'openssh-key-v1\0')) return 'an SSH key';
  for (const text of textsOf(bytes)) {
    const kind = classifyText(text);
    if (kind) return kind;
    if (!decodeOnce) continue;
    for (const decoded of decodings(text)) {
      const inner = classifyBytes(decoded, false);
      if (inner) return `${inner} (encoded)`;
    }
  }
  return undefined;
}

/** The text readings of bytes: UTF-8, and UTF-16 where the bytes look like it; trimmed. */
function textsOf(bytes: Uint8Array): string[] {
  const texts: string[] = [];
  const utf8 = decodeUTF8(bytes);
  if (utf8 !== undefined) texts.push(utf8);
  const utf16 = utf16Encoding(bytes);
  if (utf16) texts.push(new TextDecoder(utf16).decode(bytes));
  return texts.map(trimJunk);
}

/** Without surrounding whitespace, NULs and BOMs (a loop: a trimming regex can be quadratic). */
function trimJunk(text: string): string {
  const junk = (at: number) => /[\s\0\uFEFF]/.test(text.charAt(at));
  let start = 0;
  let end = text.length;
  while (start < end && junk(start)) start++;
  while (end > start && junk(end - 1)) end--;
  return text.slice(start, end);
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // ASCII text in UTF-16 without a BOM: every other byte is zero.
  let zeroEven = true;
  let zeroOdd = true;
  for (let i = 0; i < bytes.length && (zeroEven || zeroOdd); i += 2) {
    zeroEven &&= bytes[i] === 0;
    zeroOdd &&= bytes[i + 1] === 0;
  }
  return zeroOdd && !zeroEven ? 'utf-16le' : zeroEven && !zeroOdd ? 'utf-16be' : undefined;
}

// Fixed prefixes only: linear on any input.
const PEM_LIKE = /-----BEGIN [A-Z0-9]|---- BEGIN SSH2 |^PuTTY-User-Key-File-/m;
const SSH_LINE = /^(?:ssh-|ecdsa-sha2-|sk-ssh-|sk-ecdsa-sha2-|x509v3-ssh-)/;

function classifyText(text: string): string | undefined {
  // A JSON string holding the text (a config value escaped once or twice): read what it holds.
  let unescaped = text;
  for (let depth = 0; depth < 2 && unescaped.startsWith('"'); depth++) {
    const inner = parseJSON(unescaped);
    if (typeof inner !== 'string') break;
    unescaped = trimJunk(inner);
  }
  for (const candidate of new Set([text, unescaped, unescaped.replace(/\\r|\\n/g, '\n')])) {
    if (PEM_LIKE.test(candidate)) return 'a PEM key';
    if (SSH_LINE.test(candidate)) return 'an SSH key';
    if (isJWKText(candidate)) return 'JWK JSON text';
  }
  return undefined;
}

/** A JWK, a JWKS or an array of JWKs as JSON; with fail-closed fallbacks for JSON that does not parse. */
function isJWKText(text: string): boolean {
  if (!/^[[{]/.test(text)) return false;
  const value = parseJSON(text);
  const isKey = (item: unknown) =>
    typeof item === 'object' && item !== null && (Object.hasOwn(item, 'kty') || Object.hasOwn(item, 'keys'));
  if (isKey(value) || (Array.isArray(value) && value.some(isKey))) return true;
  // Broken or unusual JSON that still names a JWK member, perhaps \u-escaped ("\u006bty").
  const names = text
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\"/g, '"');
  return /"(?:kty|keys)"\s*:/.test(names);
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One layer of base64, base64url or hex, each tried where the text fits its alphabet. */
function decodings(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 16) return out; // too short to hold any key
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const padded = compact.padEnd(compact.length + ((4 - (compact.length % 4)) % 4), '=');
    const bytes = decodeBase64(padded);
    if (bytes) out.push(bytes);
  }
  if (/^[A-Za-z0-9_-]+={0,2}$/.test(compact)) {
    const bytes = decodeBase64url(compact.replace(/=+$/, ''));
    if (bytes) out.push(bytes);
  }
  const hex = compact.replace(/:/g, '');
  if (/^(?:[0-9a-fA-F]{2})+$/.test(hex)) {
    out.push(new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16))));
  }
  return out;
}

/**
 * Whether bytes are DER shaped like a key or certificate, perhaps followed by
 * whitespace or NULs. Any algorithm counts (RSA-PSS, secp256k1, X25519, Ed448
 * are still keys): the shapes are SPKI, PKCS#8 and EncryptedPrivateKeyInfo
 * (an AlgorithmIdentifier), a certificate, PKCS#1 (only INTEGERs) and SEC1
 * (version 1, an OCTET STRING, tagged parameters).
 */
function isDERKey(bytes: Uint8Array): boolean {
  const top = readElement(bytes, 0);
  if (!top || top.tag !== TAG.SEQUENCE) return false;
  for (let i = top.end; i < bytes.length; i++) if (!' \t\r\n\0'.includes(String.fromCharCode(bytes[i]!))) return false;
  const parts = children(bytes, top);
  if (!parts || parts.length < 2) return false;
  const [first, second, third] = parts as [DERElement, DERElement, DERElement | undefined];
  const isAlgorithmId = (element: DERElement | undefined) =>
    element?.tag === TAG.SEQUENCE && readElement(bytes, element.start, element.end)?.tag === TAG.OID;
  const integers = parts.every((part) => part.tag === TAG.INTEGER);
  return (
    isAlgorithmId(first) || // SPKI, EncryptedPrivateKeyInfo
    (first.tag === TAG.INTEGER && isAlgorithmId(second)) || // PKCS#8
    (first.tag === TAG.SEQUENCE && isAlgorithmId(second)) || // a certificate
    (first.tag === TAG.INTEGER && second.tag === TAG.OCTET_STRING && (third?.tag === 0xa0 || third?.tag === 0xa1)) || // SEC1
    (integers && (parts.length === 9 || (parts.length === 2 && first.end - first.start >= 64))) // PKCS#1
  );
}

/** The binary SSH public key format (RFC 4253 §6.6): a length-prefixed key type name first. */
function isSSHWireKey(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0) return false;
  const length = bytes[3]!;
  if (length < 7 || length > 64 || bytes.length < 4 + length) return false;
  const name = String.fromCharCode(...bytes.subarray(4, 4 + length));
  return /^(?:ssh-|ecdsa-sha2-|sk-)[a-z0-9@.-]+$/.test(name);
}

function startsWith(bytes: Uint8Array, prefix: string): boolean {
  return bytes.length >= prefix.length && [...prefix].every((char, i) => bytes[i] === char.charCodeAt(0));
}
