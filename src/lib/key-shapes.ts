/**
 * What key material looks like as bytes, whatever the algorithm: DER of a
 * key or certificate, the binary SSH formats, a raw EC point. The shapes
 * secrets.ts looks for once it has undone a secret's wrappings.
 */

import { TAG, children, readElement, type DERElement } from './asn1.js';

/** The kind of key the bytes hold ("DER key material", …), or `undefined`. */
export function keyShapeOf(bytes: Uint8Array): string | undefined {
  if (isDERKey(bytes)) return 'DER key material';
  if (isSSHWireKey(bytes) || startsWith(bytes, 'openssh-key-v1\0')) return 'an SSH key';
  if (isCurvePoint(bytes)) return 'an uncompressed EC public key';
  return undefined;
}

/**
 * Whether bytes start with DER shaped like a key or certificate of any
 * algorithm (RSA-PSS, secp256k1, X25519, Ed448 are still keys): SPKI, PKCS#8
 * and EncryptedPrivateKeyInfo (an AlgorithmIdentifier first or second), a
 * certificate, PKCS#1 (only INTEGERs) and SEC1 (version 1, an OCTET STRING,
 * tagged parameters). What follows the element (a NUL, a second certificate) does not matter.
 */
function isDERKey(bytes: Uint8Array): boolean {
  const top = readElement(bytes, 0);
  if (!top || top.tag !== TAG.SEQUENCE) return false;
  const parts = children(bytes, top);
  if (!parts || parts.length < 2) return false;
  // .at(), not destructuring: a third element that is not there must not come from a polluted prototype.
  const [first, second, third] = [parts.at(0)!, parts.at(1)!, parts.at(2)];
  const isAlgorithmId = (element: DERElement) =>
    element.tag === TAG.SEQUENCE && readElement(bytes, element.start, element.end)?.tag === TAG.OID;
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
  // Past the end, reads are undefined: a short input fails one of these comparisons.
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0) return false;
  const length = bytes[3] ?? 0;
  if (length < 7 || length > 64 || bytes.length < 4 + length) return false;
  return /^(?:ssh-|ecdsa-sha2-|sk-)[a-z0-9@.-]+$/.test(String.fromCharCode(...bytes.subarray(4, 4 + length)));
}

function startsWith(bytes: Uint8Array, prefix: string): boolean {
  return [...prefix].every((char, i) => bytes[i] === char.charCodeAt(0)); // past the end: undefined, no match
}

/** Short Weierstrass curves y² = x³ + ax + b (mod p), by p, a and b (SEC 2 v2 §2.4.1, §2.4.2, §2.5.1, §2.6.1). */
const CURVES = /* @__PURE__ */ [
  { p: 'ffffffff00000001000000000000000000000000ffffffffffffffffffffffff', a: -3n, b: '5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b' },
  {
    p: 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff',
    a: -3n,
    b: 'b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef',
  },
  {
    p: '1'.padEnd(131, 'f'),
    a: -3n,
    b: '51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00',
  },
  { p: 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f', a: 0n, b: '7' }, // secp256k1
].map(({ p, a, b }) => ({ prime: BigInt(`0x${p}`), a, b: BigInt(`0x${b}`), size: Math.ceil(p.length / 2) }));

/** An uncompressed point (0x04 ‖ X ‖ Y) on one of the curves: a raw EC public key (VAPID and friends). */
function isCurvePoint(bytes: Uint8Array): boolean {
  if (bytes[0] !== 4) return false;
  return CURVES.some(({ prime, a, b, size }) => {
    if (bytes.length !== 1 + 2 * size) return false;
    const read = (from: number) => bytes.subarray(from, from + size).reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
    const x = read(1);
    const y = read(1 + size);
    return x < prime && y < prime && (y * y - (x * x * x + a * x + b)) % prime === 0n;
  });
}
