/**
 * base64url as runtimes without Node's Buffer run it (browsers, workers,
 * Deno): the module is loaded again with `Buffer` gone, once with
 * `Uint8Array.fromBase64` (newer runtimes) and once without (then `atob`),
 * and must decode, refuse and encode exactly as the Buffer path does.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as withBuffer from '../../src/lib/base64url.js';

type Module = typeof withBuffer;
const NodeBuffer = Buffer;

/** Uint8Array.fromBase64 as the proposal specifies it, for the alphabets used here: strict about the alphabet. */
function fromBase64(text: string, options?: { alphabet?: string }): Uint8Array {
  const alphabet = options?.alphabet ?? 'base64';
  if (alphabet === 'base64url' ? /[+/=]/.test(text) : /[-_]/.test(text)) throw new SyntaxError('not in the alphabet');
  return new Uint8Array(NodeBuffer.from(text, alphabet === 'base64url' ? 'base64url' : 'base64'));
}

async function loadWithout(fromBase64Available: boolean): Promise<Module> {
  vi.stubGlobal('Buffer', undefined);
  if (fromBase64Available) (Uint8Array as { fromBase64?: unknown }).fromBase64 = fromBase64;
  vi.resetModules();
  try {
    return (await import('../../src/lib/base64url.js')) as Module;
  } finally {
    vi.unstubAllGlobals();
  }
}

const texts = [
  '', 'a', '{"alg":"HS256","typ":"JWT"}', '{"sub":"ünïcödé ✓ 😀"}', '\uFEFF{"a":1}', 'x'.repeat(70_000) + '€',
  '{"a":"\u0080\u07ff\u0800\uffff"}',
];
const byteSamples = [0, 1, 2, 3, 4, 5, 31, 32, 33, 64, 65, 0x8000 + 7].map((n) => new Uint8Array(randomBytes(n)));
const notCanonical = ['A', 'AB', 'AAB', 'AA==', 'AA=', 'A+B_', 'A/B-', 'AB C', 'AB\n', 'ÀÀÀÀ', 'AB\u0080C', '====', 'QQ=='];
const invalidUTF8 = [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0x61, 0x80], [0xf4, 0x90, 0x80, 0x80]].map((b) => NodeBuffer.from(b).toString('base64url'));

describe.each([
  ['Uint8Array.fromBase64', true],
  ['atob', false],
])('without Buffer, with %s', (_, fromBase64Available) => {
  let module: Module;
  beforeAll(async () => {
    module = await loadWithout(fromBase64Available);
  });
  afterAll(() => {
    delete (Uint8Array as { fromBase64?: unknown }).fromBase64;
    vi.resetModules();
  });

  it('encodes bytes and text as Buffer does', () => {
    for (const bytes of byteSamples) expect(module.encodeBase64url(bytes), `${bytes.length} bytes`).toBe(withBuffer.encodeBase64url(bytes));
    for (const text of texts) expect(module.encodeBase64url(text), text.slice(0, 20)).toBe(withBuffer.encodeBase64url(text));
  });

  it('decodes what it encodes, to plain byte arrays', () => {
    for (const bytes of byteSamples) {
      const decoded = module.decodeBase64url(module.encodeBase64url(bytes));
      expect(decoded).toBeInstanceOf(Uint8Array);
      expect(Array.from(decoded!), `${bytes.length} bytes`).toEqual(Array.from(bytes));
      expect(Array.from(module.decodeBase64url(module.encodeBase64url(bytes), true)!)).toEqual(Array.from(bytes));
    }
  });

  it('decodes UTF-8 text, keeping a BOM, as Buffer does', () => {
    for (const text of texts) {
      expect(module.decodeBase64urlText(withBuffer.encodeBase64url(text)), text.slice(0, 20)).toBe(text);
      expect(module.decodeBase64urlText(withBuffer.encodeBase64url(text), true), text.slice(0, 20)).toBe(text);
    }
  });

  it('refuses what is not canonical, and text that is not UTF-8', () => {
    for (const text of notCanonical) {
      expect(module.decodeBase64url(text), text).toBeUndefined();
      expect(module.decodeBase64urlText(text), text).toBeUndefined();
      expect(module.isCanonicalBase64url(text), text).toBe(false);
    }
    for (const text of invalidUTF8) {
      expect(module.decodeBase64urlText(text), text).toBeUndefined();
      expect(withBuffer.decodeBase64urlText(text), text).toBeUndefined();
      expect(module.decodeBase64url(text), text).toBeDefined();
    }
  });
});
