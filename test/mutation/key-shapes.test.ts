/**
 * keyShapeOf, the last layer of the secret classifier (src/lib/key-shapes.ts),
 * shape by shape: each kind of key material it names, and for each rule the
 * near miss that the rule alone refuses (a SEQUENCE of one element, PKCS#1
 * with a 63-byte modulus, an SSH type name of 6 or 65 characters, a point one
 * off its curve or with a coordinate past the prime, …). Through keyMaterialIn
 * these inputs would also meet the text detectors; here each meets only the
 * rule under test.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TAG, encodeElement as der } from '../../src/lib/asn1.js';
import { keyShapeOf } from '../../src/lib/key-shapes.js';
import { bytes } from './key-bytes.js';

const DER = 'DER key material';
const SSH = 'an SSH key';
const POINT = 'an uncompressed EC public key';

const integer = (length: number) => der(TAG.INTEGER, new Uint8Array(length).fill(0x5a));
const oid = der(TAG.OID, bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)); // rsaEncryption
const algorithm = der(TAG.SEQUENCE, oid, der(TAG.NULL));
const bitString = der(TAG.BIT_STRING, bytes(0, 1, 2, 3));
const octets = der(TAG.OCTET_STRING, bytes(1, 2, 3));
const sequence = (...parts: Uint8Array[]) => der(TAG.SEQUENCE, ...parts);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const exported = (value: Buffer | string) => new Uint8Array(value as Buffer);

describe('keyShapeOf: DER of keys and certificates', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const certificate = readFileSync(new URL('../fixtures/rsa-cert.pem', import.meta.url), 'utf8')
    .replace(/-----[^-]+-----|\s/g, '');

  it.each([
    ['RSA SPKI', exported(rsa.publicKey.export({ type: 'spki', format: 'der' }))],
    ['Ed448 SPKI', exported(generateKeyPairSync('ed448').publicKey.export({ type: 'spki', format: 'der' }))],
    ['X25519 SPKI', exported(generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'der' }))],
    ['PKCS#8', exported(ec.privateKey.export({ type: 'pkcs8', format: 'der' }))],
    ['EncryptedPrivateKeyInfo', exported(ec.privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'p' }))],
    ['a certificate', Uint8Array.from(Buffer.from(certificate, 'base64'))],
    ['PKCS#1 public', exported(rsa.publicKey.export({ type: 'pkcs1', format: 'der' }))],
    ['PKCS#1 private', exported(rsa.privateKey.export({ type: 'pkcs1', format: 'der' }))],
    ['SEC1', exported(ec.privateKey.export({ type: 'sec1', format: 'der' }))],
    ['SPKI followed by a NUL', concat(exported(rsa.publicKey.export({ type: 'spki', format: 'der' })), bytes(0))],
  ])('%s is DER key material', (_name, input) => {
    expect(keyShapeOf(input)).toBe(DER);
  });

  it.each([
    ['SPKI-like', sequence(algorithm, bitString)],
    ['PKCS#8-like', sequence(der(TAG.INTEGER, bytes(0)), algorithm, octets)],
    ['certificate-like', sequence(sequence(integer(1)), algorithm, bitString)],
    ['SEC1 with [0] parameters', sequence(integer(1), octets, der(0xa0, oid))],
    ['SEC1 with only [1] public key', sequence(integer(1), octets, der(0xa1, bitString))],
    ['PKCS#1 public with a 64-byte modulus', sequence(integer(64), integer(3))],
    ['PKCS#1 private: nine INTEGERs', sequence(...Array.from({ length: 9 }, () => integer(1)))],
  ])('the smallest %s structure is DER key material', (_name, input) => {
    expect(keyShapeOf(input)).toBe(DER);
  });

  it.each([
    ['not a SEQUENCE', der(0x31, algorithm, bitString)],
    ['a SEQUENCE of one AlgorithmIdentifier', sequence(algorithm)],
    ['an empty SEQUENCE', sequence()],
    ['a truncated SEQUENCE', sequence(algorithm, bitString).subarray(0, 10)],
    ['a first SEQUENCE without an OID', sequence(sequence(integer(1)), bitString)],
    ['a first SEQUENCE that is empty', sequence(sequence(), bitString)],
    ['an OID inside an OCTET STRING, not a SEQUENCE', sequence(der(TAG.OCTET_STRING, oid), bitString)],
    ['an OCTET STRING, then an AlgorithmIdentifier', sequence(octets, algorithm, bitString)],
    ['an INTEGER, then a SEQUENCE without an OID', sequence(integer(1), sequence(integer(1)), octets)],
    ['a SEQUENCE, then a SEQUENCE without an OID', sequence(sequence(integer(1)), sequence(integer(1)), bitString)],
    ['SEC1 with a [2] third', sequence(integer(1), octets, der(0xa2, oid))],
    ['SEC1 without a third', sequence(integer(1), octets)],
    ['SEC1 with a BIT STRING second', sequence(integer(1), bitString, der(0xa0, oid))],
    ['SEC1 with an OCTET STRING first', sequence(octets, octets, der(0xa0, oid))],
    ['PKCS#1 public with a 63-byte modulus', sequence(integer(63), integer(3))],
    ['PKCS#1 public with an OCTET STRING exponent', sequence(integer(64), octets)],
    ['eight INTEGERs', sequence(...Array.from({ length: 8 }, () => integer(1)))],
    ['ten INTEGERs', sequence(...Array.from({ length: 10 }, () => integer(1)))],
    ['nine elements, one not an INTEGER', sequence(...Array.from({ length: 8 }, () => integer(1)), octets)],
    ['three 64-byte INTEGERs', sequence(integer(64), integer(64), integer(64))],
  ])('%s is not key material', (_name, input) => {
    expect(keyShapeOf(input)).toBeUndefined();
  });
});

describe('keyShapeOf: SSH keys', () => {
  /** The binary SSH public key format (RFC 4253 §6.6): a length-prefixed type name, then the key. */
  const wire = (name: string, rest = new Uint8Array(36).fill(7)) =>
    concat(bytes(0, 0, 0, name.length), new TextEncoder().encode(name), rest);

  it.each([
    ['ssh-ed25519'],
    ['ssh-rsa'], // 7 characters: the shortest
    ['ecdsa-sha2-nistp256'],
    ['sk-ssh-ed25519@openssh.com'],
    [`ssh-${'a'.repeat(60)}`], // 64 characters: the longest
  ])('the wire format of %s is an SSH key', (name) => {
    expect(keyShapeOf(wire(name))).toBe(SSH);
  });

  it('a type name with nothing after it is still an SSH key; a shorter input is not', () => {
    expect(keyShapeOf(wire('ssh-rsa', new Uint8Array(0)))).toBe(SSH); // 11 bytes
    for (const input of [bytes(), bytes(0), bytes(0, 0), bytes(0, 0, 0), bytes(0, 0, 0, 7)]) expect(keyShapeOf(input)).toBeUndefined();
  });

  it.each([
    ['a 6-character type name', wire('ssh-ab')],
    ['a 65-character type name', wire(`ssh-${'a'.repeat(61)}`)],
    ['a type name in capitals', wire('SSH-RSA')],
    ['a type name with a prefix', wire('xssh-rsa')],
    ['a type name ending in a character no type has', wire('ssh-rsa!')],
    ['a type name cut short', wire('ssh-ed25519').subarray(0, 12)],
    ['a first length byte set', Uint8Array.from(wire('ssh-rsa'), (byte, i) => (i === 0 ? 1 : byte))],
    ['a second length byte set', Uint8Array.from(wire('ssh-rsa'), (byte, i) => (i === 1 ? 1 : byte))],
    ['a third length byte set', Uint8Array.from(wire('ssh-rsa'), (byte, i) => (i === 2 ? 1 : byte))],
  ])('%s is not an SSH key', (_name, input) => {
    expect(keyShapeOf(input)).toBeUndefined();
  });

  it('the OpenSSH private key format is an SSH key by its magic, NUL included', () => {
    const magic = new TextEncoder().encode('openssh-key-v1\0');
    expect(keyShapeOf(concat(magic, new Uint8Array(32)))).toBe(SSH);
    expect(keyShapeOf(magic)).toBe(SSH);
    expect(keyShapeOf(magic.subarray(0, magic.length - 1))).toBeUndefined();
    expect(keyShapeOf(concat(magic.subarray(0, 14), bytes(1), new Uint8Array(32)))).toBeUndefined();
  });
});

describe('keyShapeOf: uncompressed EC points', () => {
  const CURVES = [
    ['P-256', 32],
    ['P-384', 48],
    ['P-521', 66],
    ['secp256k1', 32],
  ] as const;

  const point = (x: bigint, y: bigint, size: number) => {
    const hex = (n: bigint) => n.toString(16).padStart(2 * size, '0');
    return Uint8Array.from(Buffer.from(`04${hex(x)}${hex(y)}`, 'hex'));
  };

  /** A public key's coordinates and the curve's prime, from node:crypto. */
  const sample = (curve: string) => {
    const jwk = generateKeyPairSync('ec', { namedCurve: curve }).publicKey.export({ format: 'jwk' });
    const read = (text?: string) => BigInt(`0x${Buffer.from(text!, 'base64url').toString('hex')}`);
    return { x: read(jwk.x), y: read(jwk.y) };
  };

  it.each(CURVES)('a point on %s is an EC public key; one off the curve, or of another length, is not', (curve, size) => {
    const { x, y } = sample(curve);
    const valid = point(x, y, size);
    expect(keyShapeOf(valid)).toBe(POINT);
    expect(keyShapeOf(point(x, y + 1n, size))).toBeUndefined();
    expect(keyShapeOf(point(x + 1n, y, size))).toBeUndefined();
    expect(keyShapeOf(Uint8Array.from(valid, (byte, i) => (i === 0 ? 3 : byte)))).toBeUndefined();
    expect(keyShapeOf(concat(valid, bytes(0)))).toBeUndefined();
    expect(keyShapeOf(valid.subarray(0, valid.length - 1))).toBeUndefined();
  });

  it.each(CURVES)('on %s, coordinates past the prime are not a point, though they solve the equation mod p', (curve, size) => {
    // x + p and y + p satisfy y² = x³ + ax + b (mod p) exactly as x and y do. x + p fits in the
    // point's bytes only for a small x: take the smallest x on the curve, with b from a sample point.
    const p = primeOf(curve);
    const a = curve === 'secp256k1' ? 0n : p - 3n;
    const mod = (n: bigint) => ((n % p) + p) % p;
    const { x: x0, y: y0 } = sample(curve);
    const b = mod(y0 * y0 - x0 * x0 * x0 - a * x0);
    let x = 0n;
    let y = 0n;
    for (; ; x++) {
      const rhs = mod(x * x * x + a * x + b);
      y = power(rhs, (p + 1n) / 4n, p); // a square root, as p ≡ 3 (mod 4) for every one of these primes
      if (mod(y * y) === rhs) break;
    }
    expect(keyShapeOf(point(x, y, size))).toBe(POINT);
    expect(keyShapeOf(point(x + p, y, size))).toBeUndefined();
    // y + p fits only where the point's bytes have room past p: P-521 (66 bytes for 521 bits).
    if (curve === 'P-521') expect(keyShapeOf(point(x, y + p, size))).toBeUndefined();
  });
});

/** base ** exponent mod m. */
function power(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  for (let b = base % m, e = exponent; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) result = (result * b) % m;
  return result;
}

/** The primes of the curves (SEC 2 v2 §2.4.1, §2.4.2, §2.5.1, §2.6.1). */
function primeOf(curve: string): bigint {
  const two = (e: number) => 1n << BigInt(e);
  switch (curve) {
    case 'P-256':
      return two(256) - two(224) + two(192) + two(96) - 1n;
    case 'P-384':
      return two(384) - two(128) - two(96) + two(32) - 1n;
    case 'P-521':
      return two(521) - 1n;
    default:
      return two(256) - two(32) - 977n;
  }
}
