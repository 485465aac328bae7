/**
 * src/lib/pem.ts at its edges, beside test/unit/pem.test.ts: the PEM text of
 * no bytes and of more bytes than one chunk of the encoder, the strict base64
 * of a PEM body, and `openssl ecparam -genkey` output on each curve.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodePEM, parsePEM } from '../../src/lib/pem.js';

const CURVE_OIDS = { 'P-256': '06082a8648ce3d030107', 'P-384': '06052b81040022', 'P-521': '06052b81040023' } as const;
const params = (oid: string) => `-----BEGIN EC PARAMETERS-----\n${Buffer.from(oid, 'hex').toString('base64')}\n-----END EC PARAMETERS-----\n`;

describe('encodePEM', () => {
  it('no bytes: an empty body', () => {
    expect(encodePEM(new Uint8Array(0), 'spki')).toBe('-----BEGIN PUBLIC KEY-----\n\n-----END PUBLIC KEY-----\n');
  });

  it.each([0x8000 - 1, 0x8000, 0x8000 + 1, 3 * 0x8000 + 5])('%d bytes: the base64 of every byte, in 64-character lines', (length) => {
    const der = Uint8Array.from({ length }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
    const body = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
    expect(encodePEM(der, 'pkcs8')).toBe(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`);
  });
});

describe('decodeBase64', () => {
  it.each<[string, number[]]>([
    ['', []],
    ['AQID', [1, 2, 3]],
    ['AQ==', [1]],
    ['AQI=', [1, 2]],
    [' A Q\r\nI D\t', [1, 2, 3]],
    ['+/8=', [0xfb, 0xff]],
  ])('%j decodes', (text, bytes) => {
    expect(Array.from(decodeBase64(text)!)).toEqual(bytes);
  });

  it.each(['AQI', 'AQIDB', 'A===', '=AQI', 'AQ=I', 'AQ-_', 'AQI*'])('%j is refused', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});

describe('EC PARAMETERS before an EC PRIVATE KEY', () => {
  it.each(Object.keys(CURVE_OIDS) as (keyof typeof CURVE_OIDS)[])('%s: the key, when the parameters name its curve', (crv) => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: crv });
    const key = parsePEM(params(CURVE_OIDS[crv]) + (privateKey.export({ type: 'sec1', format: 'pem' }) as string));
    expect(key.format).toBe('pkcs8');
    expect(key.family).toEqual({ kty: 'EC', crv });
    const read = createPrivateKey({ key: Buffer.from(key.der), format: 'der', type: 'pkcs8' });
    expect(read.export({ format: 'jwk' })).toEqual(privateKey.export({ format: 'jwk' }));
  });
});
