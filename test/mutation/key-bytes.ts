/**
 * Inputs of the secret classifier's tests (secrets-*.test.ts): the smallest
 * bytes key-shapes.ts takes for a key, at an exact length, and the encodings
 * a secret wraps them in. Shapes of a chosen length put an encoded run exactly
 * at a boundary (40 base64 or hex characters, 16 array items). Also the
 * table runner those tests share, and the DER helpers of the DER tests.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { encodeElement } from '../../src/lib/asn1.js';
import { keyMaterialIn } from '../../src/lib/secrets.js';

/** One DER element (X.690 §8.1) as numbers: src/lib/asn1.ts's encoder, for tables written as arrays. */
export const tlv = (tag: number, contents: readonly number[]): number[] => [...encodeElement(tag, Uint8Array.from(contents))];

export const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** A table of secrets and what keyMaterialIn calls each (`undefined`: a plain secret), one test per row. */
export function classifies(cases: readonly (readonly [string, string | Uint8Array, string | undefined])[]): void {
  it.each(cases)('%s', (_, secret, kind) => {
    expect(keyMaterialIn(secret)).toBe(kind);
  });
}

/**
 * `total` bytes shaped like an SPKI (a SEQUENCE of an AlgorithmIdentifier and
 * a BIT STRING), which keyShapeOf calls "DER key material": 11 bytes of
 * structure around a key of bytes 0x80, 0x81, … (not ASCII, not UTF-8 text).
 */
export function spkiShape(total: number): Uint8Array {
  const key = Array.from({ length: total - 11 }, (_, i) => 0x80 + (i % 0x80));
  const bytes = tlv(0x30, [...tlv(0x30, tlv(0x06, [0x2b, 0x65, 0x70])), ...tlv(0x03, key)]);
  if (bytes.length !== total) throw new RangeError(`"total" expected 13 to 128, got ${total}`);
  return Uint8Array.from(bytes);
}

/** A real certificate's DER (test/fixtures), whose base64 has `+` and `/` and spans many lines. */
export const certificateDER = (): Buffer =>
  Buffer.from(
    readFileSync(new URL('../fixtures/rsa-cert.pem', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('-----'))
      .join(''),
    'base64',
  );

/** The P-256 public key of a fixture certificate as a raw uncompressed point (0x04 ‖ X ‖ Y); its base64 has `+` and `/`. */
export function ecPoint(): Buffer {
  const jwk = createPublicKey(readFileSync(new URL('../fixtures/ec-cert.pem', import.meta.url))).export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
}

export const base64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');
export const hex = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('hex');

/** Base64 cut into lines of 64 characters, as in a PEM body. */
export const lines64 = (bytes: Uint8Array): string[] => base64(bytes).match(/.{1,64}/g)!;

/** Text as UTF-16 or UTF-32 code units, little- or big-endian, with the byte order mark or without. */
export function wide(text: string, width: 2 | 4, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = [...(bom ? '\uFEFF' : ''), ...text].map((char) => char.charCodeAt(0));
  const bytes = new Uint8Array(units.length * width);
  const view = new DataView(bytes.buffer);
  units.forEach((unit, i) => (width === 2 ? view.setUint16(i * 2, unit, littleEndian) : view.setUint32(i * 4, unit, littleEndian)));
  return bytes;
}
