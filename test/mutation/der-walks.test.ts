/**
 * The DER walks at their edges (src/lib/asn1.ts, src/lib/roca.ts): a long-form
 * length that ends exactly at the limit, elements of several parts, and the
 * ways an RSA key's structure can differ from SPKI or PKCS#8, each of which
 * must give `undefined`, never a TypeError nor a modulus read from the wrong place.
 */
import { describe, expect, it } from 'vitest';
import { TAG, encodeElement as der, readElement } from '../../src/lib/asn1.js';
import { rsaModulusOfDER } from '../../src/lib/roca.js';
import { bytes } from './key-bytes.js';

const rsaEncryption = der(TAG.SEQUENCE, der(TAG.OID, bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)), der(TAG.NULL));
const modulus = new Uint8Array(16).fill(0xc3);
const rsaPublicKey = der(TAG.SEQUENCE, der(TAG.INTEGER, modulus), der(TAG.INTEGER, bytes(1, 0, 1)));
/** A BIT STRING: its unused-bits count, then the bytes. */
const bitString = (inner: Uint8Array) => der(TAG.BIT_STRING, bytes(0), inner);
const spki = (wrapper: Uint8Array) => der(TAG.SEQUENCE, rsaEncryption, wrapper);

describe('asn1 at its edges', () => {
  it('reads a long-form length of zero that ends exactly at the limit', () => {
    expect(readElement(bytes(0x04, 0x81, 0x00), 0)).toEqual({ tag: 0x04, offset: 0, start: 3, end: 3 });
    expect(readElement(bytes(0x30, 0x03, 0x04, 0x81, 0x00), 2, 5)).toEqual({ tag: 0x04, offset: 2, start: 5, end: 5 });
  });

  it.each([
    [[], [0x04, 0x00]],
    [[[1, 2], [3]], [0x04, 0x03, 1, 2, 3]],
    [[[], [7], []], [0x04, 0x01, 7]],
  ])('encodes the parts %j in order, their lengths added', (parts, expected) => {
    expect([...der(0x04, ...parts.map((part) => Uint8Array.from(part)))]).toEqual(expected);
  });

  it('encodes a long-form length from the sum of the parts', () => {
    const encoded = der(0x04, new Uint8Array(200), new Uint8Array(100));
    expect([...encoded.subarray(0, 4)]).toEqual([0x04, 0x82, 0x01, 0x2c]);
    expect(encoded.length).toBe(304);
    expect(readElement(encoded, 0)).toEqual({ tag: 0x04, offset: 0, start: 4, end: 304 });
  });
});

describe('rsaModulusOfDER', () => {
  it('reads n from the smallest SPKI and PKCS#8', () => {
    expect(rsaModulusOfDER(spki(bitString(rsaPublicKey)), 'spki')).toEqual(modulus);
    const privateKey = der(TAG.SEQUENCE, der(TAG.INTEGER, bytes(0)), der(TAG.INTEGER, modulus), der(TAG.INTEGER, bytes(3)));
    const pkcs8 = der(TAG.SEQUENCE, der(TAG.INTEGER, bytes(0)), rsaEncryption, der(TAG.OCTET_STRING, privateKey));
    expect(rsaModulusOfDER(pkcs8, 'pkcs8')).toEqual(modulus);
  });

  it.each([
    ['not a SEQUENCE', 'spki', der(TAG.OCTET_STRING, bytes(1))],
    ['a SEQUENCE with trailing bytes', 'spki', Uint8Array.from([...spki(bitString(rsaPublicKey)), 0])],
    ['SPKI without its key', 'spki', der(TAG.SEQUENCE, rsaEncryption)],
    ['SPKI with an OCTET STRING for the BIT STRING', 'spki', spki(der(TAG.OCTET_STRING, bytes(0), rsaPublicKey))],
    ['PKCS#8 with a BIT STRING for the OCTET STRING', 'pkcs8', der(TAG.SEQUENCE, der(TAG.INTEGER, bytes(0)), rsaEncryption, bitString(rsaPublicKey))],
    ['a key that is a SET, not a SEQUENCE', 'spki', spki(bitString(der(0x31, der(TAG.INTEGER, modulus), der(TAG.INTEGER, bytes(3)))))],
    ['a key cut short', 'spki', spki(der(TAG.BIT_STRING, bytes(0, 0x30, 0x05, 0x02)))],
    ['an empty BIT STRING', 'spki', spki(der(TAG.BIT_STRING))],
    ['a key with no fields', 'spki', spki(bitString(der(TAG.SEQUENCE)))],
    ['a key whose first field is not an INTEGER', 'spki', spki(bitString(der(TAG.SEQUENCE, der(TAG.OCTET_STRING, modulus), der(TAG.INTEGER, bytes(3)))))],
    ['a key whose fields are malformed', 'spki', spki(bitString(der(TAG.SEQUENCE, bytes(0x02, 0x05, 1))))],
  ] as const)('%s has no modulus', (_name, format, input) => {
    expect(rsaModulusOfDER(input, format)).toBeUndefined();
  });
});
