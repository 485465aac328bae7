/**
 * The HMAC and unsecured examples of RFC 7515 (App. A.1, A.5) and RFC 7520
 * (§4.4), from test/vectors/data/rfc/jws-rfc-vectors.json (values from the
 * RFCs; see test/vectors/data/README.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JWTError, verify, type JWK, type JWTErrorCode, type KeyResolver } from '../../src/index.js';
import { parseCompactJWS } from '../../src/lib/compact.js';
import { signJWS, verifyJWS } from '../../src/lib/jws.js';
import { inspectKey } from '../../src/lib/keys.js';

interface RfcVector {
  id: string;
  alg: string | null;
  serialization: string;
  verify_key: JWK | null;
  payload: string;
  signing_input: string;
  compact: string | null;
  expected: 'valid' | 'unsecured';
}

const { vectors } = JSON.parse(
  readFileSync(new URL('./data/rfc/jws-rfc-vectors.json', import.meta.url), 'utf8'),
) as { vectors: RfcVector[] };

function vector(id: string): RfcVector & { compact: string } {
  const found = vectors.find((v) => v.id === id);
  if (!found?.compact) throw new Error(`no compact vector ${id}`);
  return found as RfcVector & { compact: string };
}

const A1 = vector('rfc7515-A.1');
const A5 = vector('rfc7515-A.5');
const S44 = vector('rfc7520-4.4');

/** RFC 7515 A.1's exp (2011-03-22T18:43:00Z): the token is checked a minute before it. */
const A1_EXP = 1300819380;
const beforeA1Exp = new Date((A1_EXP - 60) * 1000);

async function refusal(promise: Promise<unknown>): Promise<JWTErrorCode> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a JWTError').toBeInstanceOf(JWTError);
  return (error as JWTError).code;
}

describe.each([A1, S44].map((v) => [v.id, v] as const))('%s at the JWS layer', (_, v) => {
  const key = () => inspectKey(v.verify_key!);

  it('verifies', async () => {
    await expect(verifyJWS(parseCompactJWS(v.compact), v.compact, key(), {})).resolves.toBeUndefined();
  });

  it('re-signing the exact signing input reproduces the token byte for byte', async () => {
    expect(v.alg).toBe('HS256');
    expect(await signJWS(v.signing_input, 'HS256', key())).toBe(v.compact);
  });
});

describe('RFC 7515 A.1 as a JWT', () => {
  it('verifies before its exp, with the payload as the RFC prints it', async () => {
    const { header, payload } = await verify(A1.compact, A1.verify_key!, { currentDate: beforeA1Exp });
    expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(payload).toEqual(JSON.parse(A1.payload));
    expect(payload.exp).toBe(A1_EXP);
  });

  it('is expired at its exp', async () => {
    expect(await refusal(verify(A1.compact, A1.verify_key!, { currentDate: new Date(A1_EXP * 1000) }))).toBe(
      'ERR_JWT_EXPIRED',
    );
  });
});

describe('RFC 7520 §4.4 as a JWT', () => {
  it('is refused: its payload is prose, not a JSON claims set', async () => {
    expect(await refusal(verify(S44.compact, S44.verify_key!))).toBe('ERR_JWT_INVALID');
  });
});

describe('RFC 7515 A.5 (unsecured, alg "none")', () => {
  it('is an unsecured example', () => {
    expect(A5).toMatchObject({ alg: 'none', expected: 'unsecured', verify_key: null });
  });

  const noKey = (() => undefined) as unknown as KeyResolver;
  it.each([
    ['the A.1 key', A1.verify_key!],
    ['a resolver that finds no key', noKey],
  ] as const)('is refused with %s', async (_, key) => {
    expect(await refusal(verify(A5.compact, key, { currentDate: beforeA1Exp }))).toBe('ERR_JWT_ALG_NOT_ALLOWED');
  });

  it('is refused at the JWS layer', async () => {
    const code = await refusal(
      (async () => verifyJWS(parseCompactJWS(A5.compact), A5.compact, inspectKey(A1.verify_key!), {}))(),
    );
    expect(code).toBe('ERR_JWT_ALG_NOT_ALLOWED');
  });
});
