/**
 * ECDSA malleability (issue 11, finding 2): if (r, s) is a valid signature, so
 * is (r, n − s). webjwt signs only low-S signatures, so a token it signs has
 * one canonical form; verify accepts both halves, because other signers (jose,
 * OpenSSL, cloud KMSs) produce high-S signatures half the time. Deny-lists key
 * on `jti`, never on the token string (README, "How strict, and why").
 */
import { generateKeyPairSync } from 'node:crypto';
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { sign, verify, type JWSAlgorithm } from '../../src/index.js';

// The curve orders, from SEC 2 v2 §2.4.2, §2.5.1, §2.6.1 (independent of the copy in src/lib/algorithms.ts).
const CURVES = {
  ES256: { crv: 'P-256', n: BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551') },
  ES384: {
    crv: 'P-384',
    n: BigInt('0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
  },
  ES512: {
    crv: 'P-521',
    n: BigInt(
      '0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409',
    ),
  },
} as const;

const toBigInt = (bytes: Uint8Array) => bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
const toBytes = (value: bigint, length: number) => {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--, value >>= 8n) out[i] = Number(value & 0xffn);
  return out;
};

/** The signature's S, and the same token with S replaced by n − S. */
function twin(token: string, n: bigint): { s: bigint; flipped: string } {
  const [head, body, signature] = token.split('.');
  const bytes = Buffer.from(signature!, 'base64url');
  const half = bytes.length / 2;
  const s = toBigInt(bytes.subarray(half));
  const flipped = Buffer.concat([bytes.subarray(0, half), toBytes(n - s, half)]).toString('base64url');
  return { s, flipped: `${head}.${body}.${flipped}` };
}

describe.each(Object.entries(CURVES))('%s', (alg, { crv, n }) => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: crv });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;

  it('sign emits only low-S signatures (s ≤ n/2), which verify and jose accept', async () => {
    const joseKey = await jose.importSPKI(publicPem, alg);
    for (let i = 0; i < 64; i++) {
      const token = await sign({ i }, pem, { alg: alg as JWSAlgorithm });
      const { s } = twin(token, n);
      expect(s > 0n && s <= n / 2n).toBe(true);
      await expect(verify(token, publicPem)).resolves.toBeDefined();
      await expect(jose.compactVerify(token, joseKey)).resolves.toBeDefined();
    }
  });

  it('verify accepts the high-S twin as well: other signers produce it (documented)', async () => {
    const token = await sign({ sub: 'u', jti: 'one-id' }, pem, { alg: alg as JWSAlgorithm });
    const { flipped } = twin(token, n);
    expect(flipped).not.toBe(token);
    const original = await verify(token, publicPem);
    const other = await verify(flipped, publicPem);
    // Same claims, same jti: a deny-list keyed on jti catches both strings.
    expect(other.payload).toEqual(original.payload);
    expect(other.payload.jti).toBe('one-id');
  });

  it('a high-S signature from jose verifies', async () => {
    const joseKey = await jose.importPKCS8(pem, alg);
    let highS = 0;
    for (let i = 0; i < 64 && highS === 0; i++) {
      const token = await new jose.SignJWT({ i }).setProtectedHeader({ alg }).sign(joseKey);
      if (twin(token, n).s > n / 2n) {
        highS++;
        await expect(verify(token, publicPem)).resolves.toBeDefined();
      }
    }
    expect(highS).toBe(1); // 64 signatures without one high S: probability 2^-64
  });
});
