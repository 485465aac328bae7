/**
 * The little DER (ITU-T X.690) that key formats need: walk a structure to
 * find the key inside a certificate or identify a key's algorithm, and wrap
 * PKCS#1 keys into SPKI/PKCS#8. Every read is bounds-checked; malformed input
 * returns `undefined`, never throws or loops.
 */

/** One DER element: its tag and where its contents and the element end. */
export interface DERElement {
  tag: number;
  /** Offset of the tag byte. */
  offset: number;
  /** Offset of the first content byte. */
  start: number;
  /** Offset just past the element. */
  end: number;
}

export const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30 } as const;

/** The element at `offset`, or `undefined` if it is malformed or runs past `limit`. */
export function readElement(der: Uint8Array, offset: number, limit = der.length): DERElement | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) return undefined; // high tag numbers: never needed here
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return undefined; // indefinite or huge
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i]!;
    start += count;
  }
  const end = start + length;
  return end <= limit ? { tag, offset, start, end } : undefined;
}

/** The children of a constructed element, in order; `undefined` if any is malformed. */
export function children(der: Uint8Array, parent: DERElement): DERElement[] | undefined {
  const out: DERElement[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readElement(der, at, parent.end);
    if (!child) return undefined;
    out.push(child);
    at = child.end;
  }
  return out;
}

/** Reads the whole input as one element with the given tag. */
export function readTop(der: Uint8Array, tag: number): DERElement | undefined {
  const top = readElement(der, 0);
  return top && top.tag === tag && top.end === der.length ? top : undefined;
}

export function contents(der: Uint8Array, element: DERElement): Uint8Array {
  return der.subarray(element.start, element.end);
}

/** Encodes one element. */
export function encodeElement(tag: number, ...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let at = 1 + lengthBytes.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
