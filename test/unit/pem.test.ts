/**
 * src/lib/asn1.ts and src/lib/pem.ts on their own: DER lengths (short, long,
 * indefinite, too long, past the end), truncated and corrupted structures, and
 * the PKCS#1 / SEC1 / certificate conversions against what node:crypto makes
 * of the same key. Malformed input must come back as `undefined` (asn1, parseDER)
 * or a JWTError ERR_JWT_KEY_INVALID (parsePEM): never any other exception.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isJWTError } from '../../src/index.js';
import { TAG, children, contents, encodeElement, readElement, readTop } from '../../src/lib/asn1.js';
import { encodePEM, isPEM, parseDER, parsePEM, type DERKey } from '../../src/lib/pem.js';
import { expectJWTError } from '../helpers.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const der = (key: KeyObject, type: 'spki' | 'pkcs8' | 'pkcs1' | 'sec1') =>
  new Uint8Array(key.export({ type, format: 'der' } as never) as unknown as Buffer);
const pem = (key: KeyObject, type: 'spki' | 'pkcs8' | 'pkcs1' | 'sec1') =>
  key.export({ type, format: 'pem' } as never) as unknown as string;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
/** A PEM block with this label around these DER bytes. */
const block = (label: string, body: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(body).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
const certDER = (name: string) => new Uint8Array(Buffer.from(fixture(name).replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

const LABELS = ['PUBLIC KEY', 'PRIVATE KEY', 'CERTIFICATE', 'RSA PUBLIC KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'] as const;

/**
 * Asserts that malformed DER is refused in every way in: parseDER says
 * `undefined` and parsePEM, under every label, throws ERR_JWT_KEY_INVALID.
 */
async function expectRefused(body: Uint8Array): Promise<void> {
  expect(parseDER(new Uint8Array(body))).toBeUndefined();
  for (const label of LABELS) await expectJWTError(() => parsePEM(block(label, body)), 'ERR_JWT_KEY_INVALID');
}

/** Parses `body` as DER and as PEM under `label`: either a key or ERR_JWT_KEY_INVALID, never another exception. */
function parsesOrRefuses(body: Uint8Array, label: string): DERKey | undefined {
  const key = parseDER(new Uint8Array(body)); // must not throw
  try {
    parsePEM(block(label, body));
  } catch (error) {
    expect(isJWTError(error, 'ERR_JWT_KEY_INVALID'), String(error)).toBe(true);
  }
  return key;
}

let rsa: { privateKey: KeyObject; publicKey: KeyObject };
const ec: Record<'P-256' | 'P-384' | 'P-521', { privateKey: KeyObject; publicKey: KeyObject }> = {} as never;
let ed: { privateKey: KeyObject; publicKey: KeyObject };

beforeAll(() => {
  rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  for (const crv of ['P-256', 'P-384', 'P-521'] as const) ec[crv] = generateKeyPairSync('ec', { namedCurve: crv });
  ed = generateKeyPairSync('ed25519');
});

describe('asn1: readElement', () => {
  it('reads a short-form length', () => {
    expect(readElement(bytes(0x04, 0x03, 1, 2, 3), 0)).toEqual({ tag: 0x04, offset: 0, start: 2, end: 5 });
    expect(readElement(bytes(0x05, 0x00), 0)).toEqual({ tag: 0x05, offset: 0, start: 2, end: 2 });
    expect(readElement(bytes(0xff, 0x04, 0x7f, ...new Array(127).fill(0)), 1)).toEqual({ tag: 0x04, offset: 1, start: 3, end: 130 });
  });

  it.each([
    [[0x81, 0x80], 0x80],
    [[0x81, 0xff], 0xff],
    [[0x82, 0x01, 0x00], 0x100],
    [[0x82, 0x12, 0x34], 0x1234],
    [[0x83, 0x01, 0x00, 0x00], 0x10000],
    [[0x84, 0x00, 0x01, 0x00, 0x01], 0x10001],
  ])('reads the long-form length %j', (lengthBytes, length) => {
    const element = new Uint8Array(1 + lengthBytes.length + length);
    element.set([0x04, ...lengthBytes]);
    expect(readElement(element, 0)).toEqual({ tag: 0x04, offset: 0, start: 1 + lengthBytes.length, end: element.length });
  });

  it.each([
    ['nothing', []],
    ['a tag without a length', [0x30]],
    ['a short length past the end', [0x04, 0x03, 1, 2]],
    ['a long length cut off', [0x04, 0x82, 0x01]],
    ['a long length past the end', [0x04, 0x81, 0x80, 1, 2, 3]],
    ['a 4-byte length past the end', [0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 1, 2]],
    ['an indefinite length', [0x30, 0x80, 0x05, 0x00, 0x00, 0x00]],
    ['a 5-byte length', [0x04, 0x85, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00]],
    ['a 126-byte length', [0x04, 0xfe, 0x00]],
    ['the reserved length 0xff', [0x04, 0xff, 0x00]],
    ['a high tag number', [0x1f, 0x81, 0x01, 0x00, 0x00]],
  ])('refuses %s', (_, input) => {
    expect(readElement(new Uint8Array(input), 0)).toBeUndefined();
  });

  it('respects the limit and the offset', () => {
    const input = bytes(0x30, 0x03, 0x04, 0x01, 0xaa, 0x00);
    expect(readElement(input, 0, 4)).toBeUndefined(); // the element ends at 5
    expect(readElement(input, 0, 5)).toEqual({ tag: 0x30, offset: 0, start: 2, end: 5 });
    expect(readElement(input, 2, 5)).toEqual({ tag: 0x04, offset: 2, start: 4, end: 5 });
    expect(readElement(input, 5)).toBeUndefined();
    expect(readElement(input, 100)).toBeUndefined();
  });
});

describe('asn1: children, readTop, contents', () => {
  it('lists the children of a sequence, none of an empty one', () => {
    const input = bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa);
    const top = readTop(input, TAG.SEQUENCE)!;
    expect(children(input, top)).toEqual([
      { tag: 0x02, offset: 2, start: 4, end: 5 },
      { tag: 0x04, offset: 5, start: 7, end: 8 },
    ]);
    expect(Array.from(contents(input, children(input, top)![1]!))).toEqual([0xaa]);
    expect(children(bytes(0x30, 0x00), readTop(bytes(0x30, 0x00), TAG.SEQUENCE)!)).toEqual([]);
  });

  it('refuses a child that runs past its parent, even inside the input', () => {
    const input = bytes(0x30, 0x03, 0x04, 0x02, 0xaa, 0xbb); // the OCTET STRING ends past the SEQUENCE
    expect(readTop(input, TAG.SEQUENCE)).toBeUndefined(); // trailing byte
    const parent = readElement(input, 0)!;
    expect(children(input, parent)).toBeUndefined();
    expect(children(bytes(0x30, 0x01, 0x04), readElement(bytes(0x30, 0x01, 0x04), 0)!)).toBeUndefined();
  });

  it('readTop wants exactly one element of the tag, nothing after it', () => {
    expect(readTop(bytes(0x30, 0x00), TAG.SEQUENCE)).toBeDefined();
    expect(readTop(bytes(0x30, 0x00), TAG.INTEGER)).toBeUndefined();
    expect(readTop(bytes(0x30, 0x00, 0x00), TAG.SEQUENCE)).toBeUndefined();
    expect(readTop(bytes(), TAG.SEQUENCE)).toBeUndefined();
  });
});

describe('asn1: encodeElement', () => {
  it.each([
    [0, [0x04, 0x00]],
    [1, [0x04, 0x01]],
    [127, [0x04, 0x7f]],
    [128, [0x04, 0x81, 0x80]],
    [255, [0x04, 0x81, 0xff]],
    [256, [0x04, 0x82, 0x01, 0x00]],
    [65535, [0x04, 0x82, 0xff, 0xff]],
    [65536, [0x04, 0x83, 0x01, 0x00, 0x00]],
  ])('%d content bytes: minimal length %j, and reads back', (length, head) => {
    const encoded = encodeElement(TAG.OCTET_STRING, new Uint8Array(length).fill(7));
    expect(Array.from(encoded.subarray(0, head.length))).toEqual(head);
    expect(encoded).toHaveLength(head.length + length);
    expect(readTop(encoded, TAG.OCTET_STRING)).toEqual({ tag: TAG.OCTET_STRING, offset: 0, start: head.length, end: encoded.length });
  });

  it('concatenates its parts', () => {
    expect(Array.from(encodeElement(TAG.SEQUENCE, bytes(0x05, 0x00), bytes(0x02, 0x01, 0x01)))).toEqual([0x30, 0x05, 0x05, 0x00, 0x02, 0x01, 0x01]);
    expect(Array.from(encodeElement(TAG.NULL))).toEqual([0x05, 0x00]);
  });
});

describe('pem: isPEM and the PEM envelope', () => {
  it('isPEM looks for a BEGIN line anywhere', () => {
    expect(isPEM('-----BEGIN PUBLIC KEY-----\n')).toBe(true);
    expect(isPEM('comment\n-----BEGIN CERTIFICATE-----')).toBe(true);
    expect(isPEM('a secret')).toBe(false);
    expect(isPEM('-----BEGIN-----')).toBe(false);
  });

  it('accepts CRLF, no line breaks, one long line, and text around the block', () => {
    const spki = der(ec['P-256'].publicKey, 'spki');
    const base64 = Buffer.from(spki).toString('base64');
    for (const text of [
      block('PUBLIC KEY', spki).replace(/\n/g, '\r\n'),
      `-----BEGIN PUBLIC KEY-----${base64}-----END PUBLIC KEY-----`,
      `-----BEGIN PUBLIC KEY-----\n${base64}\n-----END PUBLIC KEY-----`,
      `Subject: test\n\n${block('PUBLIC KEY', spki)}\ntrailing text`,
      `-----BEGIN PUBLIC KEY-----\n  ${base64.slice(0, 20)} \t\n${base64.slice(20)}\n-----END PUBLIC KEY-----`,
    ]) {
      expect(same(parsePEM(text).der, spki)).toBe(true);
    }
  });

  it.each([
    ['no block at all', 'just text'],
    ['a BEGIN without an END', '-----BEGIN PUBLIC KEY-----\nAAAA\n'],
    ['mismatched labels', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----'],
    ['a lowercase label', '-----BEGIN public key-----\nAAAA\n-----END public key-----'],
    ['a body that is not base64', '-----BEGIN PUBLIC KEY-----\nAA*A\n-----END PUBLIC KEY-----'],
    ['a body of the wrong length', '-----BEGIN PUBLIC KEY-----\nAAAAA\n-----END PUBLIC KEY-----'],
    ['too much padding', '-----BEGIN PUBLIC KEY-----\nA===\n-----END PUBLIC KEY-----'],
    ['padding in the middle', '-----BEGIN PUBLIC KEY-----\nAA==AAAA\n-----END PUBLIC KEY-----'],
    ['an empty body', '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----'],
    ['RFC 1421 headers (a legacy encrypted key)', '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----'],
  ])('refuses %s', async (_, text) => {
    await expectJWTError(() => parsePEM(text), 'ERR_JWT_KEY_INVALID');
  });

  it('refuses two blocks, whatever they are', async () => {
    const one = block('PUBLIC KEY', der(ec['P-256'].publicKey, 'spki'));
    await expectJWTError(() => parsePEM(one + one), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(fixture('ec-cert-key.pem') + fixture('ec-cert.pem')), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(one + block('EC PARAMETERS', bytes(0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07))), 'ERR_JWT_KEY_INVALID');
    // a broken block first (not base64, or with RFC 1421 headers) is not skipped to reach the next one
    await expectJWTError(() => parsePEM(`-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----\n${one}`), 'ERR_JWT_KEY_INVALID');
    const legacy = pem(rsa.privateKey, 'pkcs1').replace('\n', '\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n');
    await expectJWTError(() => parsePEM(legacy + fixture('rsa-cert.pem')), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(`-----BEGIN PUBLIC KEY-----\n${one}`), 'ERR_JWT_KEY_INVALID');
  });

  it.each(['ENCRYPTED PRIVATE KEY', 'DSA PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'EC PARAMETERS', 'X509 CRL', 'PGP PUBLIC KEY BLOCK'])(
    'refuses the label %s, whatever the body',
    async (label) => {
      await expectJWTError(() => parsePEM(block(label, der(ec['P-256'].privateKey, 'pkcs8'))), 'ERR_JWT_KEY_INVALID');
    },
  );

  it('refuses a body under the wrong label', async () => {
    await expectJWTError(() => parsePEM(block('PUBLIC KEY', der(rsa.privateKey, 'pkcs8'))), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(block('PRIVATE KEY', der(rsa.publicKey, 'spki'))), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(block('RSA PUBLIC KEY', der(rsa.publicKey, 'spki'))), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(block('EC PRIVATE KEY', der(ec['P-256'].privateKey, 'pkcs8'))), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(block('CERTIFICATE', der(rsa.publicKey, 'spki'))), 'ERR_JWT_KEY_INVALID');
  });

  it('encodePEM writes 64-character lines that node:crypto and parsePEM read back', () => {
    for (const [key, format] of [[rsa.publicKey, 'spki'], [rsa.privateKey, 'pkcs8'], [ed.privateKey, 'pkcs8']] as const) {
      const text = encodePEM(der(key, format), format);
      expect(text).toBe(pem(key, format));
      expect(text.split('\n').slice(1, -2).every((line) => line.length <= 64)).toBe(true);
      expect(same(parsePEM(text).der, der(key, format))).toBe(true);
    }
  });
});

describe('pem: malformed DER is refused without any other exception', () => {
  it.each([
    ['empty', []],
    ['a lone tag', [0x30]],
    ['a SEQUENCE whose length runs past the end', [0x30, 0x05, 0x02, 0x01, 0x00]],
    ['a SEQUENCE with an indefinite length', [0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00]],
    ['a SEQUENCE with a 5-byte length', [0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00]],
    ['a SEQUENCE with a 4-byte length past the end', [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00]],
    ['a SEQUENCE with a child past its end', [0x30, 0x03, 0x02, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00]],
    ['an empty SEQUENCE', [0x30, 0x00]],
    ['an INTEGER', [0x02, 0x01, 0x01]],
    ['a SEQUENCE of two NULLs', [0x30, 0x04, 0x05, 0x00, 0x05, 0x00]],
  ])('%s', async (_, input) => {
    await expectRefused(new Uint8Array(input));
  });

  it('every truncation of an SPKI, a PKCS#8 key, PKCS#1 keys, a SEC1 key and a certificate', async () => {
    const inputs: [string, Uint8Array][] = [
      ['PUBLIC KEY', der(ec['P-256'].publicKey, 'spki')],
      ['PRIVATE KEY', der(ed.privateKey, 'pkcs8')],
      ['RSA PUBLIC KEY', der(rsa.publicKey, 'pkcs1')],
      ['RSA PRIVATE KEY', der(rsa.privateKey, 'pkcs1')],
      ['EC PRIVATE KEY', der(ec['P-384'].privateKey, 'sec1')],
      ['CERTIFICATE', certDER('ec-cert.pem')],
    ];
    for (const [label, whole] of inputs) {
      expect(parsePEM(block(label, whole))).toBeDefined();
      for (let length = 0; length < whole.length; length++) {
        const cut = whole.subarray(0, length);
        expect(parseDER(new Uint8Array(cut)), `${label} cut to ${length}`).toBeUndefined();
        await expectJWTError(() => parsePEM(block(label, cut)), 'ERR_JWT_KEY_INVALID');
      }
    }
  });

  it('a valid key with bytes after it', async () => {
    await expectRefused(new Uint8Array([...der(ec['P-256'].publicKey, 'spki'), 0x00]));
    await expectRefused(new Uint8Array([...der(rsa.publicKey, 'pkcs1'), 0x05, 0x00]));
  });

  it('every length byte of the outer structures set to indefinite, 5-byte, huge or off by one', () => {
    const inputs: [string, Uint8Array][] = [
      ['PUBLIC KEY', der(ec['P-521'].publicKey, 'spki')],
      ['PRIVATE KEY', der(rsa.privateKey, 'pkcs8')],
      ['RSA PUBLIC KEY', der(rsa.publicKey, 'pkcs1')],
      ['EC PRIVATE KEY', der(ec['P-256'].privateKey, 'sec1')],
      ['CERTIFICATE', certDER('rsa-cert.pem')],
    ];
    for (const [label, whole] of inputs) {
      for (let at = 0; at < Math.min(whole.length, 48); at++) {
        for (const value of [0x80, 0x85, 0xff, 0x84, (whole[at]! + 1) & 0xff, (whole[at]! - 1) & 0xff, 0x00]) {
          const changed = new Uint8Array(whole);
          changed[at] = value;
          parsesOrRefuses(changed, label);
        }
      }
    }
  });

  it('random bytes, and random bytes that start like a SEQUENCE of the right length', () => {
    for (let i = 0; i < 200; i++) {
      const input = crypto.getRandomValues(new Uint8Array(1 + (i % 90)));
      if (i % 2) input.set([0x30, input.length - 2]);
      for (const label of LABELS) expect(parsesOrRefuses(input, label)).toBeUndefined();
    }
  });
});

describe('pem: PKCS#1, SEC1 and certificates become SPKI / PKCS#8', () => {
  it('PKCS#1 RSA PUBLIC KEY becomes the SPKI node:crypto exports, byte for byte', () => {
    const key = parsePEM(pem(rsa.publicKey, 'pkcs1'));
    expect(key.format).toBe('spki');
    expect(key.family).toEqual({ kty: 'RSA' });
    expect(same(key.der, der(rsa.publicKey, 'spki'))).toBe(true);
    expect(same(parseDER(der(rsa.publicKey, 'pkcs1'))!.der, der(rsa.publicKey, 'spki'))).toBe(true);
  });

  it('PKCS#1 RSA PRIVATE KEY becomes the PKCS#8 node:crypto exports, byte for byte', () => {
    const key = parsePEM(pem(rsa.privateKey, 'pkcs1'));
    expect(key.format).toBe('pkcs8');
    expect(key.family).toEqual({ kty: 'RSA' });
    expect(same(key.der, der(rsa.privateKey, 'pkcs8'))).toBe(true);
  });

  it('PKCS#1 with the wrong number of fields, or a field that is not an INTEGER, is refused', async () => {
    const publicFields = children(der(rsa.publicKey, 'pkcs1'), readTop(der(rsa.publicKey, 'pkcs1'), TAG.SEQUENCE)!)!;
    const source = der(rsa.publicKey, 'pkcs1');
    const parts = publicFields.map((field) => source.subarray(field.offset, field.end));
    const wrap = (...fields: Uint8Array[]) => encodeElement(TAG.SEQUENCE, ...fields);
    expect(same(wrap(...parts), source)).toBe(true); // the re-encoding itself is faithful
    await expectJWTError(() => parsePEM(block('RSA PUBLIC KEY', wrap(parts[0]!))), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(block('RSA PUBLIC KEY', wrap(...parts, parts[1]!))), 'ERR_JWT_KEY_INVALID');
    await expectJWTError(() => parsePEM(block('RSA PUBLIC KEY', wrap(parts[0]!, encodeElement(TAG.OCTET_STRING, bytes(1, 0, 1))))), 'ERR_JWT_KEY_INVALID');
    // a multi-prime private key (version 1, an otherPrimeInfos field): ten fields
    const privateDER = der(rsa.privateKey, 'pkcs1');
    const privateParts = children(privateDER, readTop(privateDER, TAG.SEQUENCE)!)!.map((f) => privateDER.subarray(f.offset, f.end));
    await expectJWTError(
      () => parsePEM(block('RSA PRIVATE KEY', wrap(...privateParts, encodeElement(TAG.SEQUENCE)))),
      'ERR_JWT_KEY_INVALID',
    );
  });

  it.each(['P-256', 'P-384', 'P-521'] as const)('SEC1 EC PRIVATE KEY on %s becomes a PKCS#8 key node:crypto reads as the same key', (crv) => {
    const { privateKey } = ec[crv];
    const key = parsePEM(pem(privateKey, 'sec1'));
    expect(key.format).toBe('pkcs8');
    expect(key.family).toEqual({ kty: 'EC', crv });
    const read = createPrivateKey({ key: Buffer.from(key.der), format: 'der', type: 'pkcs8' });
    expect(read.export({ format: 'jwk' })).toEqual(privateKey.export({ format: 'jwk' }));
  });

  it('SEC1 without its curve, or on an unsupported curve, is refused', async () => {
    const sec1 = der(ec['P-256'].privateKey, 'sec1');
    const parts = children(sec1, readTop(sec1, TAG.SEQUENCE)!)!;
    const withoutCurve = encodeElement(TAG.SEQUENCE, ...parts.filter((p) => p.tag !== 0xa0).map((p) => sec1.subarray(p.offset, p.end)));
    await expectJWTError(() => parsePEM(block('EC PRIVATE KEY', withoutCurve)), 'ERR_JWT_KEY_INVALID');
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey;
    await expectJWTError(() => parsePEM(pem(k1, 'sec1')), 'ERR_JWT_KEY_INVALID');
    expect(parseDER(der(k1, 'sec1'))).toBeUndefined();
  });

  it.each([
    ['ec-cert.pem', { kty: 'EC', crv: 'P-256' }],
    ['rsa-cert.pem', { kty: 'RSA' }],
    ['ed25519-cert.pem', { kty: 'OKP', crv: 'Ed25519' }],
  ])('the certificate %s gives up the SPKI node:crypto finds in it', (name, family) => {
    const key = parsePEM(fixture(name));
    expect(key.format).toBe('spki');
    expect(key.family).toEqual(family);
    const expected = createPublicKey(fixture(name)).export({ type: 'spki', format: 'der' });
    expect(same(key.der, expected)).toBe(true);
    expect(same(parseDER(certDER(name))!.der, expected)).toBe(true);
  });

  it('a version 1 certificate (no [0] version field) gives up its SPKI too', () => {
    const cert = certDER('ec-cert.pem');
    const [tbs, ...rest] = children(cert, readTop(cert, TAG.SEQUENCE)!)!;
    const fields = children(cert, tbs!)!;
    expect(fields[0]!.tag).toBe(0xa0);
    const v1Fields = fields.slice(1, 7).map((f) => cert.subarray(f.offset, f.end)); // serial .. subjectPublicKeyInfo
    const v1 = encodeElement(TAG.SEQUENCE, encodeElement(TAG.SEQUENCE, ...v1Fields), ...rest.map((f) => cert.subarray(f.offset, f.end)));
    expect(same(parsePEM(block('CERTIFICATE', v1)).der, createPublicKey(fixture('ec-cert.pem')).export({ type: 'spki', format: 'der' }))).toBe(true);
  });

  it('a certificate too short to hold a key is refused', async () => {
    const cert = certDER('ec-cert.pem');
    const [tbs, ...rest] = children(cert, readTop(cert, TAG.SEQUENCE)!)!;
    const fields = children(cert, tbs!)!.slice(0, 5).map((f) => cert.subarray(f.offset, f.end));
    const short = encodeElement(TAG.SEQUENCE, encodeElement(TAG.SEQUENCE, ...fields), ...rest.map((f) => cert.subarray(f.offset, f.end)));
    await expectJWTError(() => parsePEM(block('CERTIFICATE', short)), 'ERR_JWT_KEY_INVALID');
  });
});

describe('pem: the key family comes from the algorithm identifier', () => {
  it.each([
    ['RSA', () => rsa, { kty: 'RSA' }],
    ['P-256', () => ec['P-256'], { kty: 'EC', crv: 'P-256' }],
    ['P-384', () => ec['P-384'], { kty: 'EC', crv: 'P-384' }],
    ['P-521', () => ec['P-521'], { kty: 'EC', crv: 'P-521' }],
    ['Ed25519', () => ed, { kty: 'OKP', crv: 'Ed25519' }],
  ])('%s, SPKI and PKCS#8, as PEM and as DER', (_, pair, family) => {
    for (const [key, format, label] of [[pair().publicKey, 'spki', 'PUBLIC KEY'], [pair().privateKey, 'pkcs8', 'PRIVATE KEY']] as const) {
      const expected = { format, der: der(key, format), family };
      expect(parsePEM(block(label, der(key, format)))).toEqual(expected);
      expect(parseDER(der(key, format))).toEqual(expected);
    }
  });

  it.each([
    ['X25519', () => generateKeyPairSync('x25519')],
    ['X448', () => generateKeyPairSync('x448')],
    ['Ed448', () => generateKeyPairSync('ed448')],
    ['secp256k1', () => generateKeyPairSync('ec', { namedCurve: 'secp256k1' })],
    ['DSA', () => generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 })],
    ['RSA-PSS (id-RSASSA-PSS keys)', () => generateKeyPairSync('rsa-pss', { modulusLength: 2048 })],
  ])('%s is refused', async (_, make) => {
    const { publicKey, privateKey } = make();
    await expectRefused(der(publicKey, 'spki'));
    await expectRefused(der(privateKey, 'pkcs8'));
  });

  it('SPKI and PKCS#8 must have their exact shape, not just a known algorithm identifier', async () => {
    const spki = der(ed.publicKey, 'spki');
    const [algorithmId, subjectKey] = children(spki, readTop(spki, TAG.SEQUENCE)!)!.map((f) => spki.subarray(f.offset, f.end));
    await expectRefused(encodeElement(TAG.SEQUENCE, algorithmId!, subjectKey!, bytes(0x05, 0x00))); // a third field
    await expectRefused(encodeElement(TAG.SEQUENCE, algorithmId!, encodeElement(TAG.OCTET_STRING, subjectKey!.subarray(3)))); // not a BIT STRING
    await expectRefused(encodeElement(TAG.SEQUENCE, algorithmId!)); // no key
    const pkcs8 = der(ed.privateKey, 'pkcs8');
    const [version, algorithm, privateKey] = children(pkcs8, readTop(pkcs8, TAG.SEQUENCE)!)!.map((f) => pkcs8.subarray(f.offset, f.end));
    expect(parseDER(encodeElement(TAG.SEQUENCE, version!, algorithm!, privateKey!))).toBeDefined();
    await expectRefused(encodeElement(TAG.SEQUENCE, algorithm!, algorithm!, privateKey!)); // no version
    await expectRefused(encodeElement(TAG.SEQUENCE, version!, algorithm!, encodeElement(TAG.BIT_STRING, privateKey!))); // not an OCTET STRING
    await expectRefused(encodeElement(TAG.SEQUENCE, version!, algorithm!)); // no key
  });

  it('an Ed25519 certificate, whose signature algorithm is the key algorithm, is a certificate, not a PKCS#8 key', () => {
    // { tbs, signatureAlgorithm: { id-Ed25519 }, BIT STRING } looks like { ?, AlgorithmIdentifier, ? } of PKCS#8
    const key = parseDER(certDER('ed25519-cert.pem'));
    expect(key?.format).toBe('spki');
    expect(same(key!.der, der(createPublicKey(fixture('ed25519-cert.pem')), 'spki'))).toBe(true);
  });

  it('an EC key with explicit parameters instead of a named curve is refused', async () => {
    const spki = der(ec['P-256'].publicKey, 'spki');
    const [algorithmId, subjectKey] = children(spki, readTop(spki, TAG.SEQUENCE)!)!;
    const [oid] = children(spki, algorithmId!)!;
    const explicit = encodeElement(
      TAG.SEQUENCE,
      encodeElement(TAG.SEQUENCE, spki.subarray(oid!.offset, oid!.end), encodeElement(TAG.SEQUENCE, bytes(0x02, 0x01, 0x01))),
      spki.subarray(subjectKey!.offset, subjectKey!.end),
    );
    await expectRefused(explicit);
  });
});
