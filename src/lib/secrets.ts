/**
 * Is this HMAC secret really key material? A public key is public: anyone
 * could MAC a token with its text, so a verifier that takes it as a secret
 * accepts forged HS256 tokens (CVE-2022-23541, CVE-2023-48223, CVE-2026-22817,
 * GHSA-g3jj-5cmm-3hxx). Keys reach configuration mangled in many ways, so the
 * check looks for signs of a key anywhere in the secret, and again in what it
 * decodes to:
 *
 * - as text (UTF-8, UTF-16, UTF-32; trimmed of whitespace, NUL and BOM; with
 *   one or two layers of quotes or JSON string escaping, `\n` written as two
 *   characters, percent- and form-encoding undone): a PEM armour line (any
 *   label, any case, BEGIN or END), an SSH key type before a key blob, JWK
 *   members (`kty` with a key type, `keys` with an array; in JSON, the names),
 *   and, inside JSON, every string and byte array;
 * - every run of 40 or more base64, base64url or hex characters (whitespace,
 *   `0x`, `:` and `,` separators allowed), decoded, up to three layers deep
 *   (text that holds a fourth layer is refused unexamined);
 * - as bytes: the shapes of key-shapes.ts (DER of a key or certificate of any
 *   algorithm, the binary SSH formats, an uncompressed point on P-256, P-384,
 *   P-521 or secp256k1).
 *
 * What it cannot see: a raw 32-byte Ed25519 or X25519 public key, or a
 * compressed EC point, are indistinguishable from random secrets.
 *
 * One function serves string secrets, byte secrets and `oct` JWK `k` alike.
 * Random secrets have none of these shapes except with negligible probability.
 * Every pattern is linear; the total work is bounded by a budget.
 */

import { keyShapeOf } from './key-shapes.js';
import { decodeUTF8, encodeUTF8 } from './utf8.js';

const MAX_DEPTH = 3;
/** The shortest encoded run examined: no key's encoding is shorter (Ed25519 SPKI is 60 base64 characters). */
const MIN_RUN = 40;

/**
 * What the secret really is ("a PEM key", "JWK JSON text", …), or `undefined`
 * for a plain secret. A string is read as its UTF-8 bytes and, where it has
 * characters U+0080-U+00FF and none above, also as one byte per character (a
 * binary file read as latin1).
 */
export function keyMaterialIn(secret: string | Uint8Array): string | undefined {
  let budget = 32 * secret.length + 65_536;
  const spend = (n: number) => {
    budget -= n;
    if (budget < 0) throw new RangeError('budget');
  };
  try {
    if (typeof secret !== 'string') return inBytes(secret, 0, spend);
    const latin1 = /^[\0-\xff]*$/.test(secret) && /[\x80-\xff]/.test(secret);
    return (
      inBytes(encodeUTF8(secret), 0, spend) ??
      (latin1 ? inBytes(Uint8Array.from(secret, (char) => char.charCodeAt(0)), 0, spend) : undefined)
    );
  } catch {
    return 'text with more nested encodings than webjwt examines'; // fail closed
  }
}

type Spend = (n: number) => void;

function inBytes(bytes: Uint8Array, depth: number, spend: Spend): string | undefined {
  spend(bytes.length);
  const shape = keyShapeOf(bytes);
  if (shape) return shape;
  for (const text of textsOf(bytes)) {
    const kind = inText(text, depth, spend);
    if (kind) return kind;
  }
  return undefined;
}

// Fixed prefixes and bounded repetitions only: linear on any input.
const ARMOUR = /-{3,5} ?(?:BEGIN|END) [A-Z0-9]|[\u2013\u2014]{1,5} ?(?:BEGIN|END) |^PuTTY-User-Key-File-/im;
const SSH_PREFIX = /^(?:ssh-|ecdsa-sha2-|sk-ssh-|sk-ecdsa-sha2-|x509v3-ssh-)/;
const SSH_KEY =
  /(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp\d{3}|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(?:-cert-v0[01]@openssh\.com)?\s+AAAA/;
// A member name with a value of its kind, so that random text ("kTY=1") does not match.
const JWK_NAME = /\bkty\b["'`]?\s*[:=]\s*["'`]?(?:RSA|EC|OKP|oct|AKP)\b|\bkeys\b["'`]?\s*:\s*\[/;

function inText(text: string, depth: number, spend: Spend): string | undefined {
  spend(text.length);
  const forms = variants(text);
  for (const form of forms) {
    if (ARMOUR.test(form)) return 'a PEM key';
    if (SSH_PREFIX.test(form) || SSH_KEY.test(form)) return 'an SSH key';
    if (JWK_NAME.test(unescapeJSON(form))) return 'JWK JSON text';
  }
  for (const form of forms) {
    const kind = inJSON(form, depth, spend) ?? inRuns(form, depth, spend);
    if (kind) return kind;
  }
  return undefined;
}

/** The ways a key's text gets wrapped, undone: quotes and JSON strings, escaped line breaks, percent-encoding. */
function variants(text: string): string[] {
  const layers = [text];
  let current = trimJunk(text);
  for (let layer = 0; layer < 2; layer++) {
    const quote = current[0];
    if ((quote !== '"' && quote !== "'") || !current.endsWith(quote)) break;
    // A JSON string is parsed (its escapes undone); anything else in quotes (single quotes never parse) loses them.
    const parsed = parseJSON(current);
    const inner = typeof parsed === 'string' ? parsed : current.slice(1, -1);
    layers.push(inner);
    current = trimJunk(inner);
  }
  const forms = new Set(layers.map(trimJunk));
  // A replacement that changes nothing adds nothing: the forms are a set.
  for (const layer of layers) {
    const form = trimJunk(layer);
    forms.add(form.replace(/\\\r?\n|\\[rn]/g, '\n'));
    // Form-encoding turned base64's "+" into spaces, at the ends too: undone before trimming, which would lose them.
    forms.add(trimJunk(layer.replace(/ /g, '+')));
    if (/%[0-9a-f]{2}/i.test(form)) {
      try {
        const decoded = decodeURIComponent(form.replace(/\+/g, ' '));
        forms.add(decoded).add(decoded.replace(/ /g, '+'));
      } catch {
        // not percent-encoding after all
      }
    }
  }
  return [...forms];
}

/** JSON: a JWK anywhere in it; every string and byte array in it examined like a secret of its own. */
function inJSON(text: string, depth: number, spend: Spend): string | undefined {
  if (!/^[[{]/.test(text)) return undefined;
  const pending: unknown[] = [parseJSON(text)];
  while (pending.length > 0) {
    const value = pending.pop();
    spend(16);
    if (typeof value === 'string') {
      const kind = value.length >= MIN_RUN / 2 ? inText(value, depth, spend) : undefined;
      if (kind) return kind;
    } else if (Array.isArray(value)) {
      const isBytes = value.length >= 16 && value.every((item) => Number.isInteger(item) && item >= 0 && item <= 255);
      const kind = isBytes ? inBytes(Uint8Array.from(value as number[]), depth, spend) : undefined;
      if (kind) return kind;
      pending.push(...value);
    } else if (typeof value === 'object' && value !== null) {
      const has = (name: string) => Object.hasOwn(value, name);
      if (has('kty') || has('keys') || (has('crv') && has('x')) || (has('n') && has('e'))) return 'JWK JSON text';
      pending.push(...Object.values(value));
    }
  }
  return undefined;
}

/** Every run of base64, base64url or hex of {@link MIN_RUN}+ characters, decoded and examined again. */
function inRuns(text: string, depth: number, spend: Spend): string | undefined {
  const runs = new Set<string>();
  const collect = (source: string, split: RegExp) => {
    for (const run of source.split(split)) if (run.length >= MIN_RUN) runs.add(run);
  };
  // Whitespace ends a run (`ssh-ed25519 AAAA… user`) or joins one (a PEM body without its armour): both,
  // and consecutive lines of nothing but base64, whatever lines surround them (a comment, `key: |`).
  collect(text, /[^A-Za-z0-9+/_-]+/);
  collect(text.replace(/\s+/g, ''), /[^A-Za-z0-9+/_-]+/);
  collect(text.split(/\r?\n|\r/).map((line) => (/^\s*[A-Za-z0-9+/_-]+=*\s*$/.test(line) ? line.trim() : '\n')).join(''), /[^A-Za-z0-9+/_-]+/);
  const hexRuns = text
    .replace(/0x|\\x/gi, '')
    .replace(/[\s,:]+/g, '')
    .split(/[^0-9a-fA-F]+/)
    .filter((run) => run.length >= MIN_RUN);
  // A fourth layer is not examined: text that still holds an encoded run spends the whole budget, so
  // keyMaterialIn fails closed instead of letting it through. Random secrets never get this deep.
  if (depth >= MAX_DEPTH && (runs.size > 0 || hexRuns.length > 0)) spend(Infinity);
  for (const run of runs) {
    const kind = inBytes(decodeBase64Lenient(run), depth + 1, spend);
    if (kind) return `${kind} (encoded)`;
  }
  for (const run of hexRuns) {
    // Pairs of digits: an odd run's last digit is left over.
    const bytes = Uint8Array.from(run.match(/../g)!, (pair) => parseInt(pair, 16));
    const kind = inBytes(bytes, depth + 1, spend);
    if (kind) return `${kind} (encoded)`;
  }
  return undefined;
}

const SIXTET = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 64; i++) table[(alphabet + '+/').charCodeAt(i)] = i;
  table[0x2d] = 62; // '-'
  table[0x5f] = 63; // '_'
  return table;
})();

/** base64 and base64url alike, padding and trailing bits ignored: every reading a key might have been written in. */
function decodeBase64Lenient(run: string): Uint8Array {
  const out = new Uint8Array((run.length * 3) >> 2);
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < run.length; i++) {
    value = ((value << 6) | SIXTET[run.charCodeAt(i)]!) & 0xffffff;
    bits += 6;
    if (bits >= 8) out[at++] = (value >> (bits -= 8)) & 0xff;
  }
  return out.subarray(0, at);
}

/** The text readings of bytes: UTF-8, and UTF-16 or UTF-32 where the bytes look like it. */
function textsOf(bytes: Uint8Array): string[] {
  const texts: string[] = [];
  const utf8 = decodeUTF8(bytes);
  if (utf8 !== undefined) texts.push(utf8);
  for (const width of [2, 4]) {
    const text = wideText(bytes, width);
    if (text !== undefined) texts.push(text);
  }
  return texts;
}

/**
 * ASCII text in UTF-16 or UTF-32, either byte order, a BOM or not: one byte of
 * each code unit carries the character, the others are zero.
 */
function wideText(bytes: Uint8Array, width: number): string | undefined {
  const units = Math.floor(bytes.length / width);
  if (units < 4) return undefined;
  for (const littleEndian of [true, false]) {
    let text = '';
    for (let unit = 0; unit < units; unit++) {
      const at = unit * width;
      const low = littleEndian ? at : at + width - 1;
      let zeros = true;
      for (let i = at; i < at + width; i++) zeros &&= i === low || bytes[i] === 0;
      const isBOM = unit === 0 && bytes.subarray(at, at + width).join() === (littleEndian ? BOMS[width]! : [...BOMS[width]!.split(',')].reverse().join());
      if (!zeros && !isBOM) {
        text = '';
        break;
      }
      if (!isBOM) text += String.fromCharCode(bytes[low]!);
    }
    if (text) return text;
  }
  return undefined;
}

/** The little-endian byte order marks of UTF-16 and UTF-32. */
const BOMS: Record<number, string> = { 2: '255,254', 4: '255,254,0,0' };

/** Without surrounding whitespace, NULs and BOMs (a loop: a trimming regex can be quadratic). */
function trimJunk(text: string): string {
  const junk = (at: number) => /[\s\0\uFEFF\uFFFE]/.test(text.charAt(at));
  let start = 0;
  let end = text.length;
  while (start < end && junk(start)) start++;
  while (end > start && junk(end - 1)) end--;
  return text.slice(start, end);
}

/** `\uXXXX` and `\"` escapes undone, for names written escaped ("\u006bty"). */
function unescapeJSON(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\"/g, '"');
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
