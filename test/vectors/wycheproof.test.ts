/**
 * Project Wycheproof vectors (C2SP/wycheproof, Apache-2.0; see
 * test/vectors/data/README.md): data/wycheproof/hmac_sha256_test.json through
 * the crypto engine, and the HS256 groups of
 * data/wycheproof/json_web_signature_test.json through the JWS layer (their
 * payloads are not JWTs, so verify() would refuse them for that alone).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JWTError, type JWK } from '../../src/index.js';
import { ALGORITHMS } from '../../src/lib/algorithms.js';
import { parseCompactJWS } from '../../src/lib/compact.js';
import { webCryptoEngine } from '../../src/lib/crypto/webcrypto.js';
import { verifyJWS } from '../../src/lib/jws.js';
import { inspectKey } from '../../src/lib/keys.js';

type Result = 'valid' | 'invalid' | 'acceptable';

const load = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`./data/wycheproof/${file}`, import.meta.url), 'utf8')) as T;

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

// ---------------------------------------------------------------------------
// (a) HMAC-SHA256 known answers, through the Web Crypto engine

interface MacTest {
  tcId: number;
  comment: string;
  key: string;
  msg: string;
  tag: string;
  result: Result;
  flags: string[];
}

interface MacFile {
  algorithm: string;
  numberOfTests: number;
  testGroups: { keySize: number; tagSize: number; tests: MacTest[] }[];
}

const hmac = load<MacFile>('hmac_sha256_test.json');
const HS256 = ALGORITHMS.HS256;

const importHS256 = (key: Uint8Array<ArrayBuffer>, usage: KeyUsage) =>
  webCryptoEngine.importKey(HS256, { format: 'raw', bytes: key }, [usage]);

describe('hmac_sha256_test.json', () => {
  it('has the shape this harness reads', () => {
    expect(hmac.algorithm).toBe('HMACSHA256');
    const tests = hmac.testGroups.flatMap((g) => g.tests);
    expect(tests).toHaveLength(hmac.numberOfTests);
    expect(new Set(hmac.testGroups.map((g) => g.tagSize))).toEqual(new Set([256, 128]));
  });

  // Web Crypto cannot import an empty HMAC key. The file has no such test today;
  // should one appear, it is checked to be refused by importKey (below).
  it('refuses to import an empty key', async () => {
    await expect(importHS256(new Uint8Array(0), 'sign')).rejects.toThrow();
  });

  describe.each(hmac.testGroups.map((g) => [`keySize ${g.keySize}, tagSize ${g.tagSize}`, g] as const))(
    '%s',
    (_, group) => {
      const tagBytes = group.tagSize / 8;
      it.each(group.tests.map((t) => [t.tcId, t.result, t.comment, t] as const))(
        'tcId %i: %s (%s)',
        async (_id, _result, _comment, t) => {
          const key = bytes(t.key);
          if (key.length === 0) {
            await expect(importHS256(key, 'sign')).rejects.toThrow();
            return;
          }
          const tag = bytes(t.tag);
          expect(tag).toHaveLength(tagBytes);
          const mac = await webCryptoEngine.sign(HS256, await importHS256(key, 'sign'), bytes(t.msg));
          // A truncated tag is the leading tagSize bits of the MAC.
          expect(equalBytes(mac.subarray(0, tagBytes), tag)).toBe(t.result === 'valid');
          if (group.tagSize === 256) {
            const verified = await webCryptoEngine.verify(HS256, await importHS256(key, 'verify'), tag, bytes(t.msg));
            expect(verified).toBe(t.result === 'valid');
          }
        },
      );
    },
  );
});

// ---------------------------------------------------------------------------
// (b) JSON Web Signature tests with an HMAC (oct) key, at the JWS layer

interface JwsTest {
  tcId: number;
  comment: string;
  jws: string;
  result: Result;
  flags: string[];
}

interface JwsGroup {
  comment?: string;
  private?: JWK;
  public?: JWK;
  tests: JwsTest[];
}

interface JwsFile {
  numberOfTests: number;
  testGroups: JwsGroup[];
}

const jws = load<JwsFile>('json_web_signature_test.json');

/**
 * Upstream expectations that webjwt overrides: the "known quirks" of
 * test/vectors/data/README.md §3 that concern HS256 (tcIds 346, 347, 350, 351
 * are RSA/EC tests and not run here).
 */
const OVERRIDES: ReadonlyMap<number, { result: 'valid' | 'invalid'; why: string }> = new Map([
  [367, {
    result: 'valid',
    why: 'invalidBase64Padding: the stored token carries no padding; it is byte-identical to the validly MACed tcId 357, so it verifies',
  }],
  [370, {
    result: 'valid',
    why: 'invalidBase64PaddingInPayload: as 367, the padding is not in the data; the token is tcId 357 and verifies',
  }],
  [372, {
    result: 'invalid',
    why: 'InvalidCharacterInsertedInHeader: "?" is outside the base64url alphabet, which a strict decoder refuses (RFC 7515 §2)',
  }],
  [373, {
    result: 'invalid',
    why: 'InvalidCharacterInsertedInPayload: "?" is outside the base64url alphabet, which a strict decoder refuses (RFC 7515 §2)',
  }],
]);

const keyOf = (group: JwsGroup): JWK => (group.private ?? group.public)!;
const hmacGroups = jws.testGroups.filter((g) => keyOf(g).kty === 'oct');

/** parseCompactJWS then verifyJWS, as verify() runs them, minus the JWT claims set. */
async function verifyCompact(token: string, jwk: JWK): Promise<void> {
  await verifyJWS(parseCompactJWS(token), token, inspectKey(jwk), {});
}

describe('json_web_signature_test.json, HS256 groups', () => {
  const tests = hmacGroups.flatMap((group) => group.tests.map((test) => ({ group, test })));

  it('has the groups this harness expects', () => {
    expect(hmacGroups.map((g) => g.comment)).toEqual(['hs256', 'rfc7520', 'rfc7520', 'base64']);
    expect(tests).toHaveLength(40);
    for (const id of OVERRIDES.keys()) expect(tests.some(({ test }) => test.tcId === id), `tcId ${id}`).toBe(true);
  });

  it('confirms the quirk: tcIds 367 and 370 are the token of tcId 357', () => {
    const token = (id: number) => tests.find(({ test }) => test.tcId === id)!.test.jws;
    expect(token(367)).toBe(token(357));
    expect(token(370)).toBe(token(357));
  });

  it.each(
    tests.map(({ group, test }) => {
      const override = OVERRIDES.get(test.tcId);
      const expected = override?.result ?? test.result;
      const label = `${test.comment}${test.flags.length ? ` [${test.flags.join(', ')}]` : ''}${override ? ' (overridden)' : ''}`;
      return [test.tcId, group.comment, expected, label, test, keyOf(group)] as const;
    }),
  )('tcId %i (%s): %s, %s', async (_id, _group, expected, _label, test, key) => {
    expect(['valid', 'invalid']).toContain(expected);
    if (expected === 'valid') {
      await expect(verifyCompact(test.jws, key)).resolves.toBeUndefined();
    } else {
      // JsonSerialization (tcId 17) included: the JSON form is not a compact JWS.
      await expect(verifyCompact(test.jws, key)).rejects.toBeInstanceOf(JWTError);
    }
  });
});
