/**
 * The secret classifier's text layer (src/lib/secrets.ts), one detector or one
 * unwrapping at a time: each input is built so that exactly one path can see
 * the key in it (no base64 run of 40 characters, no JSON the walker reads), and
 * each test asserts what that path calls it. Where a detector deliberately
 * stops (one dash, a third quote layer, a lone quote), the input next to it
 * stays a secret, so that loosening the rule is noticed too.
 */
import { describe, expect, it } from 'vitest';
import { keyMaterialIn } from '../../src/lib/secrets.js';
import { base64, certificateDER, classifies, spkiShape, wide } from './key-bytes.js';

const PEM = 'a PEM key';
const SSH = 'an SSH key';
const JWK = 'JWK JSON text';

describe('PEM armour lines, without a key body to decode', () => {
  classifies([
    ['five dashes, no space', '-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----', PEM],
    ['three dashes and a space, lower case', '--- begin rsa key', PEM],
    ['an em dash without a space', '\u2014BEGIN PUBLIC KEY\u2014', PEM],
    ['an en dash and a space', '\u2013 END KEY \u2013', PEM],
    ['a PuTTY file header on the second line', 'Comment: mine\nPuTTY-User-Key-File-3: ssh-rsa', PEM],
    ['one dash is not armour', 'my-BEGIN Thing of a secret', undefined],
    ['BEGIN after a word is not armour', 'the BEGIN of a long secret', undefined],
    ['a PuTTY header inside a line is not one', 'a PuTTY-User-Key-File-3 mention', undefined],
  ]);
});

describe('SSH key types', () => {
  classifies([
    ['a key type alone, at the start', 'ssh-ed25519', SSH],
    ['a key type and blob after other text (blob too short to decode)', 'key: ssh-ed25519 AAAAC3Nz', SSH],
    ['an ECDSA type with its three-digit curve', 'key: ecdsa-sha2-nistp256 AAAAE2Vj', SSH],
    ['a certificate type', 'key: ssh-ed25519-cert-v01@openssh.com AAAAIHNz', SSH],
    ['several spaces before the blob', 'key: ssh-rsa \t AAAAB3Nz', SSH],
    ['a key type inside a word is no key', 'my ssh-key is long enough', undefined],
    ['a type without a blob after other text', 'key: ssh-ed25519 is what I use', undefined],
  ]);
});

describe('JWK member names in text that is not JSON', () => {
  classifies([
    ['kty with spaces around the colon', 'kty : RSA', JWK],
    ['keys and a bracket', 'keys: [', JWK],
    ['keys without a space before the bracket', 'keys:[', JWK],
    ['keys in quotes', 'the "keys": [', JWK],
    ['keys with spaces around the colon', 'keys  :  [', JWK],
    ['kty written as a \\u escape', '\\u006bty: RSA', JWK],
    ['escaped quotes after a word character', 'x\\"kty\\": \\"EC\\"', JWK],
    ['kty with a value that is no key type', 'kty: none', undefined],
  ]);
});

describe('quotes and JSON strings: one or two layers undone, in pairs', () => {
  classifies([
    ['single quotes', "'ssh-ed25519'", SSH],
    ['two layers of single quotes', "''ssh-ed25519''", SSH],
    ['a JSON string', '"ssh-ed25519"', SSH],
    ['a JSON string in a JSON string', JSON.stringify(JSON.stringify('ssh-ed25519')), SSH],
    ['quotes, then whitespace and NULs', "'ssh-ed25519'  \0\n", SSH],
    ['a BOM, whitespace and a NUL before', '\uFEFF \0ssh-ed25519', SSH],
    ['a third layer stays', "'''ssh-ed25519'''", undefined],
    ['a third JSON layer stays', JSON.stringify(JSON.stringify(JSON.stringify('ssh-ed25519 {a comment}'))), undefined],
    ['a lone opening quote stays', "'ssh-ed25519 is my password", undefined],
    ['the same character at both ends is no quote', 'xssh-ed25519x', undefined],
    ['a double-quoted text that is not JSON loses its quotes only', '"an odd \\q secret"', undefined],
  ]);
});

describe('escaped line breaks, form- and percent-encoding', () => {
  it('"\\n" written as two characters starts a line', () => {
    expect(keyMaterialIn('Comment: mine\\nPuTTY-User-Key-File-3: ssh-rsa')).toBe(PEM);
    expect(keyMaterialIn('Comment: mine\\rPuTTY-User-Key-File-3: ssh-rsa')).toBe(PEM);
  });

  it('a form-encoded armour line: "+" is a space once percent-encoding is undone', () => {
    expect(keyMaterialIn('-----BEGIN+PUBLIC+KEY-----%0A')).toBe(PEM);
    // Without percent-encoding a "+" stays a "+" (it is a base64 character).
    expect(keyMaterialIn('-----BEGIN+PUBLIC+KEY-----')).toBeUndefined();
  });

  it('base64 whose "/" was percent-encoded and whose "+" became spaces', () => {
    const encoded = base64(certificateDER());
    expect(encoded).toMatch(/\+/);
    expect(encoded).toMatch(/\//);
    expect(keyMaterialIn(encoded.replace(/\//g, '%2F').replace(/\+/g, ' '))).toBe('DER key material (encoded)');
  });

  it('base64 ending in a "+" that became a space: the space is read as "+" before trimming', () => {
    // 120 bytes are 160 base64 characters without padding; the last one is the last byte's low 6 bits: 62 is "+".
    const der = spkiShape(120);
    der[119] = 62;
    const encoded = base64(der);
    expect(encoded.endsWith('+')).toBe(true);
    const spaced = encoded.replace(/\+/g, ' ');
    expect(keyMaterialIn(spaced)).toBe('DER key material (encoded)');
    expect(keyMaterialIn(`"${spaced}"`)).toBe('DER key material (encoded)');
    expect(keyMaterialIn(`'${spaced}'\n`)).toBe('DER key material (encoded)');
  });
});

describe('UTF-16 and UTF-32 readings of bytes', () => {
  classifies([
    ['UTF-16LE without a BOM', wide('ssh-ed25519', 2, true, false), SSH],
    ['UTF-16LE with a BOM', wide('ssh-ed25519', 2, true, true), SSH],
    ['UTF-16BE with a BOM', wide('ssh-ed25519', 2, false, true), SSH],
    ['UTF-32LE with a BOM', wide('ssh-ed25519', 4, true, true), SSH],
    ['UTF-32BE with a BOM', wide('ssh-ed25519', 4, false, true), SSH],
    ['four UTF-16 units, the fewest read', wide('ssh-', 2, true, false), SSH],
    ['a BOM after the first unit is no BOM', Uint8Array.from([...wide('ssh-', 2, true, false), 0xff, 0xfe, 0x78, 0]), undefined],
  ]);
});
