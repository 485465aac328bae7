/**
 * The JWS examples, keys and thumbprints of RFC 7515, 7519, 7520, 7638, 7797
 * and 8037, from test/vectors/data/rfc/jws-rfc-vectors.json (values from the
 * RFCs; see test/vectors/data/README.md).
 *
 * - Every compact JWS (RFC 7515 A.1–A.4, RFC 7519 §3.1, RFC 7520 §4.1–4.4,
 *   RFC 7797 §4.1, RFC 8037 A.4) verifies at the JWS layer with its
 *   `verify_key`. Deterministic algorithms (HS*, RS*, EdDSA) re-sign the exact
 *   signing input byte for byte; randomized ones (ES*, PS*) re-sign to a new
 *   signature that verifies.
 * - What webjwt does not implement is refused: detached payloads, `b64: false`
 *   (RFC 7797), the JSON serializations, and `alg: none`.
 * - The RFC 7638 and RFC 8037 thumbprints, and those of the RFC 7520 §3 keys,
 *   reproduce with `thumbprint()` and `thumbprintURI()`, from the public JWK and
 *   from the private one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  JWTError,
  thumbprint,
  thumbprintURI,
  verify,
  type JWK,
  type JWSAlgorithm,
  type JWTErrorCode,
  type KeyResolver,
} from '../../src/index.js';
import { parseCompactJWS } from '../../src/lib/compact.js';
import { thumbprintInput } from '../../src/lib/jwk.js';
import { signJWS, verifyJWS, type JWSVerifyPolicy } from '../../src/lib/jws.js';
import { inspectKey } from '../../src/lib/keys.js';

// ---------------------------------------------------------------------------
// The data

interface Signer {
  alg: string;
  key: JWK;
  verify_key: JWK;
}

interface RfcVector {
  id: string;
  alg: string | null;
  serialization: 'compact' | 'json-flattened' | 'json-general';
  key: JWK | null;
  verify_key: JWK | null;
  protected_b64u: string | null;
  payload: string;
  payload_b64u: string | null;
  b64: boolean;
  detached: boolean;
  signing_input: string;
  signature_b64u: string;
  compact: string | null;
  json?: Record<string, unknown>;
  signers?: Signer[];
  deterministic: boolean;
  resign_reproduces_signature?: boolean;
  expected: 'valid' | 'unsecured';
}

interface KeyEntry {
  id: string;
  jwk: JWK;
  thumbprint_sha256_b64u: string;
}

interface ThumbprintEntry extends KeyEntry {
  hash: string;
  canonical_json: string;
  thumbprint_sha256_hex: string;
}

interface RfcFile {
  format: string;
  vectors: RfcVector[];
  jwks: KeyEntry[];
  thumbprints: ThumbprintEntry[];
  failed_verification: unknown[];
}

const data = JSON.parse(
  readFileSync(new URL('./data/rfc/jws-rfc-vectors.json', import.meta.url), 'utf8'),
) as RfcFile;
const { vectors } = data;

type CompactVector = RfcVector & { compact: string; alg: JWSAlgorithm; key: JWK; verify_key: JWK };

function vector(id: string): CompactVector {
  const found = vectors.find((v) => v.id === id);
  if (!found?.compact) throw new Error(`no compact vector ${id}`);
  return found as CompactVector;
}

/** A compact JWS webjwt implements: attached, base64url-encoded payload, signed. */
const isPlainCompact = (v: RfcVector): v is CompactVector =>
  v.compact !== null && !v.detached && v.b64 && v.expected === 'valid';

const compactVectors = vectors.filter(isPlainCompact);

/** HS*, RS* and EdDSA sign deterministically; ES* and PS* do not. */
const isDeterministicAlg = (alg: string) => /^(HS|RS)\d{3}$|^EdDSA$|^Ed25519$/.test(alg);

// ---------------------------------------------------------------------------
// Helpers

/** parseCompactJWS then verifyJWS, as verify() runs them, minus the JWT claims set. */
async function verifyCompact(token: string, jwk: JWK, policy: JWSVerifyPolicy = {}): Promise<void> {
  await verifyJWS(parseCompactJWS(token), token, inspectKey(jwk), policy);
}

/** The JWTError code `run` fails with; fails the test if it succeeds or throws anything else. */
async function refusal(run: () => Promise<unknown>): Promise<JWTErrorCode> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a JWTError').toBeInstanceOf(JWTError);
  return (error as JWTError).code;
}

/** `token` with one bit of its signature flipped, still canonical base64url. */
function withFlippedSignatureBit(token: string): string {
  const at = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(at + 1), 'base64url');
  signature[signature.length >> 1]! ^= 0x01;
  return `${token.slice(0, at + 1)}${signature.toString('base64url')}`;
}

const hasPrivateMembers = (jwk: JWK) => jwk.d !== undefined;

/** The members that make up a public key, for finding the private JWK of a public one. */
const PUBLIC_MEMBERS: Readonly<Record<string, string[]>> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'] };

/** Every private JWK in the file (vector keys, signer keys, RFC 7520 §3 keys) for the same public key as `jwk`. */
function privateCounterparts(jwk: JWK): JWK[] {
  const members = PUBLIC_MEMBERS[jwk.kty];
  if (!members) return [];
  const all = [
    ...vectors.flatMap((v) => [v.key, ...(v.signers ?? []).map((s) => s.key)]),
    ...data.jwks.map((entry) => entry.jwk),
  ].filter((key): key is JWK => key !== null && key !== undefined);
  return all.filter((key) => hasPrivateMembers(key) && key.kty === jwk.kty && members.every((m) => key[m] === jwk[m]));
}

// ---------------------------------------------------------------------------

describe('jws-rfc-vectors.json', () => {
  it('has the shape this harness reads', () => {
    expect(data.format).toBe('jws-rfc-vectors/1');
    expect(vectors).toHaveLength(18);
    expect(data.failed_verification).toEqual([]);
    expect(compactVectors.map((v) => v.id)).toEqual([
      'rfc7515-A.1', 'rfc7515-A.2', 'rfc7515-A.3', 'rfc7515-A.4', 'rfc7519-3.1',
      'rfc7520-4.1', 'rfc7520-4.2', 'rfc7520-4.3', 'rfc7520-4.4', 'rfc7797-4.1', 'rfc8037-A.4',
    ]);
  });
});

describe.each(compactVectors.map((v) => [v.id, v.alg, v] as const))('%s (%s), compact, at the JWS layer', (_id, alg, v) => {
  it('is its signing input and signature', () => {
    expect(v.compact).toBe(`${v.signing_input}.${v.signature_b64u}`);
    expect(v.signing_input).toBe(`${v.protected_b64u}.${v.payload_b64u}`);
    expect(Buffer.from(v.payload_b64u!, 'base64url').toString('utf8')).toBe(v.payload);
  });

  it('verifies with verify_key', async () => {
    expect(hasPrivateMembers(v.verify_key)).toBe(false);
    await expect(verifyCompact(v.compact, v.verify_key)).resolves.toBeUndefined();
  });

  if (hasPrivateMembers(v.key)) {
    it('verifies with the private JWK too (its public half is used)', async () => {
      await expect(verifyCompact(v.compact, v.key)).resolves.toBeUndefined();
    });
  }

  it('does not verify with one signature bit flipped', async () => {
    expect(await refusal(() => verifyCompact(withFlippedSignatureBit(v.compact), v.verify_key))).toBe(
      'ERR_JWT_SIGNATURE_INVALID',
    );
  });

  if (isDeterministicAlg(alg)) {
    it('re-signing the exact signing input reproduces the token byte for byte', async () => {
      expect(v.deterministic).toBe(true);
      expect(await signJWS(v.signing_input, alg, inspectKey(v.key))).toBe(v.compact);
    });
  } else {
    it('re-signing the exact signing input gives a new signature that verifies', async () => {
      expect(v.deterministic).toBe(false);
      const token = await signJWS(v.signing_input, alg, inspectKey(v.key));
      expect(token.startsWith(`${v.signing_input}.`)).toBe(true);
      await expect(verifyCompact(token, v.verify_key)).resolves.toBeUndefined();
    });
  }
});

/** RFC 7519 §3.1's claims (RFC 7515 A.1–A.3 sign the same payload): exp 1300819380, 2011-03-22T18:43:00Z. */
describe('the compact vectors through verify()', () => {
  const isClaimsSet = (v: RfcVector) => {
    try {
      const value: unknown = JSON.parse(v.payload);
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    } catch {
      return false;
    }
  };
  const jwts = compactVectors.filter(isClaimsSet);
  const others = compactVectors.filter((v) => !isClaimsSet(v));

  it('has four JWTs: RFC 7515 A.1–A.3 and RFC 7519 §3.1', () => {
    expect(jwts.map((v) => v.id)).toEqual(['rfc7515-A.1', 'rfc7515-A.2', 'rfc7515-A.3', 'rfc7519-3.1']);
  });

  describe.each(jwts.map((v) => [v.id, v] as const))('%s', (_, v) => {
    const claims = JSON.parse(v.payload) as { exp: number };

    it('verifies before its exp, with the header and claims as the RFC prints them', async () => {
      const { header, payload } = await verify(v.compact, v.verify_key, { currentDate: new Date((claims.exp - 60) * 1000) });
      expect(header).toEqual(JSON.parse(Buffer.from(v.protected_b64u!, 'base64url').toString('utf8')));
      expect(payload).toEqual(claims);
    });

    it('is expired at its exp', async () => {
      const code = await refusal(() => verify(v.compact, v.verify_key, { currentDate: new Date(claims.exp * 1000) }));
      expect(code).toBe('ERR_JWT_EXPIRED');
    });
  });

  it.each(others.map((v) => [v.id, v] as const))(
    '%s is refused: its payload is not a JSON claims set (ERR_JWT_INVALID)',
    async (_, v) => {
      expect(await refusal(() => verify(v.compact, v.verify_key))).toBe('ERR_JWT_INVALID');
    },
  );
});

// ---------------------------------------------------------------------------
// Forms webjwt does not implement: refused, never half-verified

describe('what webjwt refuses', () => {
  it('RFC 7520 §4.5, detached payload: the compact "h..s" fails; with the payload put back it verifies', async () => {
    const v = vector('rfc7520-4.5');
    expect(v.detached).toBe(true);
    expect(v.compact).toBe(`${v.protected_b64u}..${v.signature_b64u}`);
    expect(await refusal(() => verifyCompact(v.compact, v.verify_key))).toBe('ERR_JWT_SIGNATURE_INVALID');
    await expect(verifyCompact(`${v.signing_input}.${v.signature_b64u}`, v.verify_key)).resolves.toBeUndefined();
  });

  it('RFC 7797 §4.2, b64:false: refused detached and attached, even when the caller lists "b64" as understood', async () => {
    const v = vector('rfc7797-4.2');
    expect({ b64: v.b64, detached: v.detached }).toEqual({ b64: false, detached: true });
    const attached = `${v.signing_input}.${v.signature_b64u}`; // the raw payload "$.02" has a dot of its own
    for (const token of [v.compact, attached]) {
      for (const policy of [{}, { crit: ['b64'] }]) {
        expect(await refusal(() => verifyCompact(token, v.verify_key, policy))).toBe('ERR_JWT_INVALID');
      }
    }
  });

  const withJson = vectors.filter((v) => v.json !== undefined);
  const jsonKind = (v: RfcVector) => (v.json && 'signatures' in v.json ? 'general' : 'flattened');
  it.each(withJson.map((v) => [v.id, jsonKind(v), v] as const))(
    '%s: the %s JSON serialization is not a compact JWS (ERR_JWT_INVALID)',
    async (_, _kind, v) => {
      const key = v.verify_key ?? v.signers![0]!.verify_key;
      expect(await refusal(() => verifyCompact(JSON.stringify(v.json), key))).toBe('ERR_JWT_INVALID');
    },
  );

  it('covers every JSON-only vector: RFC 7520 §4.6, 4.7, 4.8', () => {
    expect(vectors.filter((v) => v.compact === null).map((v) => v.id)).toEqual([
      'rfc7520-4.6', 'rfc7520-4.7', 'rfc7520-4.8',
    ]);
    expect(withJson.map((v) => v.id)).toEqual(expect.arrayContaining(['rfc7520-4.6', 'rfc7520-4.7', 'rfc7520-4.8']));
  });
});

describe.each(vectors.filter((v) => v.expected === 'unsecured').map((v) => [v.id, v] as const))(
  '%s (unsecured, alg "none")',
  (_, v) => {
    const hs256 = vector('rfc7515-A.1');
    const beforeExp = new Date((1300819380 - 60) * 1000);
    const noKey = (() => undefined) as unknown as KeyResolver;

    it('is an unsecured example', () => {
      expect(v).toMatchObject({ alg: 'none', expected: 'unsecured', verify_key: null, signature_b64u: '' });
    });

    it.each([
      ['the A.1 key', hs256.verify_key],
      ['a resolver that finds no key', noKey],
    ] as const)('is refused with %s', async (_label, key) => {
      expect(await refusal(() => verify(v.compact!, key, { currentDate: beforeExp }))).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    });

    it('is refused at the JWS layer', async () => {
      expect(await refusal(() => verifyCompact(v.compact!, hs256.verify_key))).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    });
  },
);

// ---------------------------------------------------------------------------
// JWK thumbprints (RFC 7638, RFC 9278 URIs)

/** Checks that `jwk`, and every private JWK of the same key in the file, has thumbprint `expected`. */
async function checkThumbprint(jwk: JWK, expected: string): Promise<void> {
  const forms = [jwk, ...privateCounterparts(jwk)];
  for (const form of forms) {
    expect(await thumbprint(form)).toBe(expected);
    expect(await thumbprint(form, 'sha256')).toBe(expected);
    expect(await thumbprintURI(form)).toBe(`urn:ietf:params:oauth:jwk-thumbprint:sha-256:${expected}`);
  }
}

describe('RFC 7638 §3.1 and RFC 8037 A.3 thumbprints', () => {
  it('are the two this harness expects', () => {
    expect(data.thumbprints.map((t) => [t.id, t.hash])).toEqual([
      ['rfc7638-3.1', 'SHA-256'],
      ['rfc8037-A.3', 'SHA-256'],
    ]);
    // RFC 8037 A.3's key is the A.4 signing key, whose private JWK the file holds.
    expect(privateCounterparts(data.thumbprints[1]!.jwk).length).toBeGreaterThan(0);
  });

  describe.each(data.thumbprints.map((t) => [t.id, t] as const))('%s', (_, t) => {
    it('the canonical JSON is RFC 7638 §3.2\'s, and its SHA-256 is the published value', () => {
      expect(thumbprintInput(t.jwk, t.jwk.kty as 'RSA' | 'OKP')).toBe(t.canonical_json);
      const digest = createHash('sha256').update(t.canonical_json, 'utf8').digest();
      expect(digest.toString('hex')).toBe(t.thumbprint_sha256_hex);
      expect(digest.toString('base64url')).toBe(t.thumbprint_sha256_b64u);
    });

    it('thumbprint() and thumbprintURI() reproduce it, from the public and any private JWK', async () => {
      await checkThumbprint(t.jwk, t.thumbprint_sha256_b64u);
    });
  });
});

describe('RFC 7520 §3 key thumbprints', () => {
  it('covers §3.1–3.6, public and private halves agreeing', () => {
    expect(data.jwks.map((k) => k.id)).toEqual([
      'rfc7520-3.1', 'rfc7520-3.2', 'rfc7520-3.3', 'rfc7520-3.4', 'rfc7520-3.5', 'rfc7520-3.6',
    ]);
    const tp = (id: string) => data.jwks.find((k) => k.id === id)!.thumbprint_sha256_b64u;
    expect(tp('rfc7520-3.2')).toBe(tp('rfc7520-3.1'));
    expect(tp('rfc7520-3.4')).toBe(tp('rfc7520-3.3'));
    for (const id of ['rfc7520-3.1', 'rfc7520-3.3']) {
      expect(privateCounterparts(data.jwks.find((k) => k.id === id)!.jwk).length, id).toBeGreaterThan(0);
    }
  });

  it.each(data.jwks.map((k) => [k.id, k.jwk.kty, k] as const))(
    '%s (%s): thumbprint() and thumbprintURI() reproduce it, from the public and any private JWK',
    async (_id, _kty, k) => {
      await checkThumbprint(k.jwk, k.thumbprint_sha256_b64u);
    },
  );
});
