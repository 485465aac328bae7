/**
 * The secret classifier's work budget and its latin1 reading
 * (src/lib/secrets.ts). The budget is 32 units per character of the secret
 * plus 65,536; a unit is spent per byte examined and per character of each
 * text reading. A secret that needs more fails closed: it is called "text with
 * more nested encodings than webjwt examines", never a plain secret.
 */
import { describe, expect, it } from 'vitest';
import { keyMaterialIn } from '../../src/lib/secrets.js';
import { base64, spkiShape } from './key-bytes.js';

const TOO_DEEP = 'text with more nested encodings than webjwt examines';

/**
 * Three nested layers of `"<base64> x%41"`: each layer is read four ways (as
 * it is, with its space as "+", percent-decoded, and both), and each way
 * decodes the base64 again, so the work grows about 64 times faster than the
 * text. `extra` characters at the end change only the outermost layer's size.
 * The innermost text has a "." after every 39 "q"s: a run of 40 there would be
 * a fourth layer, refused unexamined whatever the budget.
 */
function nested(innermost: number, extra = ''): string {
  let text = 'q'.repeat(innermost).replace(/.{39}/g, '$&.');
  for (let layer = 0; layer < 3; layer++) text = `"${base64(text)} x%41${layer === 2 ? extra : ''}"`;
  return text;
}

describe('the budget', () => {
  it('a secret whose readings multiply beyond the budget fails closed', () => {
    expect(keyMaterialIn(nested(200))).toBe(TOO_DEEP);
  });

  it('the same secret, smaller, is a secret', () => {
    expect(keyMaterialIn(nested(10))).toBeUndefined();
  });

  it('a long plain secret is examined whole: the budget grows with its length', () => {
    expect(keyMaterialIn('a'.repeat(70_000))).toBeUndefined();
    expect(keyMaterialIn(new Uint8Array(70_000).fill(0xaa))).toBeUndefined();
  });

  // Worked out with a counting copy of secrets.ts: with 12 "\u0101" and 1,027 "!" after it, `nested(74)`
  // spends exactly its budget, 105,536 units. Each "\u0101" (two UTF-8 bytes, one character) adds 32 to the
  // budget and spends 3; each "!" adds 32 and spends 2: trading a "!" for a "\u0101" spends one unit more.
  it('exactly the budget is enough; one unit more is not', () => {
    const exact = nested(74, `${'\u0101'.repeat(12)}${'!'.repeat(1027)}`);
    const over = nested(74, `${'\u0101'.repeat(13)}${'!'.repeat(1026)}`);
    expect(exact.length).toBe(over.length);
    expect(keyMaterialIn(exact)).toBeUndefined();
    expect(keyMaterialIn(over)).toBe(TOO_DEEP);
  });
});

describe('the latin1 reading of a string', () => {
  const der = spkiShape(40);
  const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

  it('bytes read as latin1 (one character each, some above U+007F) are read back as bytes', () => {
    expect(keyMaterialIn(latin1(der))).toBe('DER key material');
  });

  it('not when a character is above U+00FF: the string is not latin1', () => {
    // U+0130 would be read as the byte 0x30 (the DER SEQUENCE tag) if it were truncated.
    expect(keyMaterialIn(`\u0130${latin1(der).slice(1)}`)).toBeUndefined();
  });

  it('not for ASCII, whose latin1 bytes are its UTF-8 bytes: it is examined once', () => {
    // nested(70) is ASCII and spends 67,476 of its 72,032 units: a second reading would exhaust them.
    expect(keyMaterialIn(nested(70))).toBeUndefined();
  });
});
