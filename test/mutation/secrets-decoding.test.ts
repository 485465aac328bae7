/**
 * The secret classifier's decoding layers (src/lib/secrets.ts): JSON walked
 * value by value, byte arrays, base64 and hex runs found three ways (split at
 * whitespace, joined across it, joined line by line), and their limits: runs of
 * 40 characters, arrays of 16 bytes, strings of 20 characters, three layers.
 * Each input reaches the key by one path only, and each test asserts what that
 * path calls it, "(encoded)" once per layer decoded.
 */
import { describe, expect, it } from 'vitest';
import { keyMaterialIn } from '../../src/lib/secrets.js';
import { base64, classifies, ecPoint, hex, lines64, spkiShape } from './key-bytes.js';

const DER = 'DER key material';
const encoded = (layers: number) => `${DER}${' (encoded)'.repeat(layers)}`;
const TOO_DEEP = 'text with more nested encodings than webjwt examines';

describe('JSON: every string, byte array and object examined', () => {
  classifies([
    ['a string holding an SSH key type', '{"a":"ssh-ed25519 is the key type"}', 'an SSH key'],
    ['a string of 20 characters is examined', '{"a":"ssh-ed25519 12345678"}', 'an SSH key'],
    ['a string of 19 characters is not', '{"a":"ssh-ed25519 1234567"}', undefined],
    ['a harmless string examined first does not end the walk', '{"a":"ssh-ed25519 is the key type","b":"a harmless string, long enough"}', 'an SSH key'],
    ['null values are skipped', '["a harmless string, long enough", {"b": null}]', undefined],
    ['an object without JWK members', '{"a":1}', undefined],
    ['kty, whatever its value', '{"kty":"none"}', 'JWK JSON text'],
    ['keys, whatever its value', '{"keys":1}', 'JWK JSON text'],
    ['crv and x', '{"crv":"P-256","x":"1"}', 'JWK JSON text'],
    ['crv alone', '{"crv":"P-256"}', undefined],
    ['x alone', '{"x":"1"}', undefined],
    ['n and e', '{"n":"1","e":"AQAB"}', 'JWK JSON text'],
    ['n alone', '{"n":"1"}', undefined],
    ['e alone', '{"e":"AQAB"}', undefined],
  ]);
});

describe('JSON byte arrays', () => {
  const array = (items: readonly unknown[]) => JSON.stringify(items);
  const der = [...spkiShape(16)];
  classifies([
    ['16 bytes of DER', array(der), DER],
    ['15 bytes of DER are too few to read', array([...spkiShape(15)]), undefined],
    ['numbers above 255 are no bytes', array(der.map((b) => b + 256)), undefined],
    ['negative numbers are no bytes', array(der.map((b) => b - 256)), undefined],
    ['fractions are no bytes', array(der.map((b) => b + 0.5)), undefined],
    ['one item that is no byte', array([...der, 'x']), undefined],
    ['a key array before a harmless one', `{"a":${array(der)},"b":${array(Array(16).fill(0))}}`, DER],
  ]);
});

describe('base64 runs, found three ways', () => {
  const body = lines64(spkiShape(60)); // two lines: 64 and 16 characters

  classifies([
    // Split at whitespace only: joining would put "key" in front of the run.
    ['a run between words on one line', `key ${body.join('')} here`, encoded(1)],
    // Joined across whitespace only: the lines are in one line, and each piece alone is not the key.
    ['PEM body lines joined by spaces', body.join(' '), encoded(1)],
    // Joined line by line only: the line before would misalign a run joined across all whitespace.
    ['indented lines with trailing spaces, after a comment', `# the key\n${body.map((line) => `  ${line}  `).join('\n')}`, encoded(1)],
    ['lines after a "name: value" line', `key: value\n${body.join('\n')}`, encoded(1)],
    ['a line of base64 and a comment line before the body', `abcde\n# the key\n${body.join('\n')}`, encoded(1)],
  ]);

  // Every byte of a point counts (it must lie on the curve): a misread "+" or "/" would lose it.
  it('base64 with "+" and "/", and base64url with "-" and "_", of a raw EC point', () => {
    const point = ecPoint();
    expect(base64(point)).toMatch(/\+.*\/|\/.*\+/);
    expect(keyMaterialIn(base64(point))).toBe('an uncompressed EC public key (encoded)');
    expect(keyMaterialIn(point.toString('base64url'))).toBe('an uncompressed EC public key (encoded)');
  });

  it('a run of 40 characters is decoded, 39 are not', () => {
    expect(base64(spkiShape(30))).toHaveLength(40);
    expect(keyMaterialIn(base64(spkiShape(30)))).toBe(encoded(1));
    expect(base64(spkiShape(29))).toMatch(/^[^=]{39}=$/);
    expect(keyMaterialIn(base64(spkiShape(29)))).toBeUndefined();
  });

  it('a hex run of 40 characters is decoded, 38 are not', () => {
    expect(keyMaterialIn(hex(spkiShape(20)))).toBe(encoded(1));
    expect(keyMaterialIn(hex(spkiShape(19)))).toBeUndefined();
  });
});

describe('three layers of encoding are decoded, a fourth is refused unexamined', () => {
  const wrap = (encode: (text: string | Uint8Array) => string, layers: number) => {
    let value: string | Uint8Array = spkiShape(60);
    for (let i = 0; i < layers; i++) value = encode(value);
    return value as string;
  };

  it.each([
    ['base64', base64],
    ['hex', hex],
  ])('%s', (_, encode) => {
    expect(keyMaterialIn(wrap(encode, 1))).toBe(encoded(1));
    expect(keyMaterialIn(wrap(encode, 3))).toBe(encoded(3));
    expect(keyMaterialIn(wrap(encode, 4))).toBe(TOO_DEEP);
    // Not the key's shape: the fourth layer itself is refused, whatever it holds.
    expect(keyMaterialIn(wrap(encode, 3).replace(/^../, encode === hex ? '00' : 'AA'))).toBeUndefined();
  });

  it('a fourth layer of hex that is not also a base64 run (colons between its bytes) is refused too', () => {
    const colonHex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join(':');
    const harmless = new TextEncoder().encode('no key here, just words: a, b, c, d, e, f, g, h, i, j');
    expect(keyMaterialIn(base64(base64(base64(colonHex(harmless)))))).toBe(TOO_DEEP);
    expect(keyMaterialIn(base64(base64(colonHex(harmless))))).toBeUndefined();
    expect(keyMaterialIn(base64(base64(base64(colonHex(spkiShape(60))))))).toBe(TOO_DEEP);
  });

  it('random secrets never reach the fourth layer', () => {
    for (let i = 0; i < 200; i++) {
      const secret = crypto.getRandomValues(new Uint8Array(64));
      expect(keyMaterialIn(secret)).toBeUndefined();
      expect(keyMaterialIn(base64(secret))).toBeUndefined();
      expect(keyMaterialIn(hex(secret))).toBeUndefined();
      expect(keyMaterialIn(base64(base64(hex(secret))))).toBeUndefined();
    }
  });
});
