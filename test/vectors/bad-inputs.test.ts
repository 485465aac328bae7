/**
 * The malicious and malformed JWT cases of the shared vector collection:
 * test/vectors/data/bad-inputs/jwt-bad-inputs.json and jwt-bad-inputs-huge.json
 * (written for that collection, tokens made with node:crypto; see
 * test/vectors/data/README.md). One `it` per case, for every algorithm and key
 * type (HS*, RS256, PS256, ES256, EdDSA): each case is mapped onto
 * `verify(token, key, options)` and must give the case's expected outcome, and
 * a refusal must carry the error code that the case's `reason` maps to.
 *
 * Where a case is a SHOULD that also allows acceptance (`also_acceptable:
 * "accept"`), its `expected` is the strict reading (reject), and webjwt takes it.
 * The size cases set `max_token_bytes` (mapped to `maxTokenLength`: the tokens
 * are ASCII) or none (mapped to no limit at all).
 */
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  decode,
  JWTError,
  verify,
  type JWK,
  type JWKS,
  type JWSAlgorithm,
  type JWTClaimFailure,
  type JWTErrorCode,
  type KeyResolver,
  type VerifyOptions,
} from '../../src/index.js';

// ---------------------------------------------------------------------------
// The data

interface CaseOptions {
  algorithms: string[] | null;
  now: number;
  clock_tolerance_s: number;
  issuer: string | null;
  audience: string | string[] | null;
  required_claims: string[];
  reject_future_iat: boolean;
  allow_unsecured: boolean;
  supported_crit: string[];
  max_token_bytes: number | null;
  jwt: boolean;
  jwks?: { keys: JWK[] };
}

interface BadInputCase {
  name: string;
  category: string;
  description: string;
  token: string;
  verify_key: JWK | null;
  verify_options: CaseOptions;
  expected: 'accept' | 'reject';
  reason?: string;
  requirement: 'MUST' | 'SHOULD';
  also_acceptable?: 'accept' | 'reject';
  /** alg_confusion only: the exact text the token was MACed with. */
  hmac_secret_used?: string;
  facts?: Record<string, boolean>;
}

interface BadInputFile {
  format: string;
  now: number;
  cases: BadInputCase[];
  keys_pem?: Record<string, string>;
}

const load = (file: string): BadInputFile =>
  JSON.parse(readFileSync(new URL(`./data/bad-inputs/${file}`, import.meta.url), 'utf8')) as BadInputFile;

const main = load('jwt-bad-inputs.json');
const huge = load('jwt-bad-inputs-huge.json');

// ---------------------------------------------------------------------------
// Mapping a case onto verify()

/** The case's verify_options as VerifyOptions. Refuses options that have no webjwt equivalent. */
function optionsFor(c: BadInputCase): VerifyOptions {
  const o = c.verify_options;
  if (o.allow_unsecured || !o.jwt) {
    throw new Error(`case ${c.name} needs an option this harness cannot map`);
  }
  const options: VerifyOptions = {
    currentDate: new Date(o.now * 1000),
    clockTolerance: o.clock_tolerance_s,
    requiredClaims: o.required_claims,
    crit: o.supported_crit,
    maxTokenLength: o.max_token_bytes ?? Number.MAX_SAFE_INTEGER,
  };
  if (o.algorithms !== null) options.algorithms = o.algorithms as JWSAlgorithm[];
  if (o.issuer !== null) options.issuer = o.issuer;
  if (o.audience !== null) options.audience = o.audience;
  // webjwt refuses a future iat by default; the cases' "reject_future_iat: false" turns that off.
  if (!o.reject_future_iat) options.allowFutureIssuedAt = true;
  return options;
}

/**
 * The case's key: its JWK as is. With `verify_key: null`, the case's `jwks` key
 * set as is (kid_path_traversal_with_keyset: verify picks the key by kid and
 * alg, and finds none), else a resolver that finds nothing
 * (alg_none_no_key_supplied: webjwt has no "no key" mode; calling verify
 * without any key is a caller's TypeError, asserted separately below). A
 * resolver that returns no key is ERR_JWKS_NO_MATCHING_KEY, never an empty key.
 */
function keyFor(c: BadInputCase): JWK | JWKS | KeyResolver {
  if (c.verify_key) return c.verify_key;
  if (c.verify_options.jwks) return c.verify_options.jwks;
  return (() => undefined) as unknown as KeyResolver;
}

const verifyCase = (c: BadInputCase) => verify(c.token, keyFor(c), optionsFor(c));

/** What the token's payload segment says, decoded independently of webjwt. */
function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------
// Mapping a case's reason onto webjwt's errors

const CODE_OF_REASON: Readonly<Record<string, JWTErrorCode>> = {
  malformed: 'ERR_JWT_INVALID',
  invalid_base64url: 'ERR_JWT_INVALID',
  invalid_header: 'ERR_JWT_INVALID',
  invalid_payload: 'ERR_JWT_INVALID',
  unsupported_crit: 'ERR_JWT_INVALID',
  unsupported_header: 'ERR_JWT_INVALID',
  too_large: 'ERR_JWT_INVALID',
  alg_not_allowed: 'ERR_JWT_ALG_NOT_ALLOWED',
  invalid_signature: 'ERR_JWT_SIGNATURE_INVALID',
  no_matching_key: 'ERR_JWKS_NO_MATCHING_KEY',
  expired: 'ERR_JWT_EXPIRED',
  not_yet_valid: 'ERR_JWT_NOT_YET_VALID',
  invalid_claim: 'ERR_JWT_CLAIM_INVALID',
  audience_mismatch: 'ERR_JWT_CLAIM_INVALID',
  issuer_mismatch: 'ERR_JWT_CLAIM_INVALID',
  missing_claim: 'ERR_JWT_CLAIM_INVALID',
  iat_in_future: 'ERR_JWT_CLAIM_INVALID',
};

const CLAIM_FAILURE_OF_REASON: Readonly<Record<string, JWTClaimFailure>> = {
  invalid_claim: 'invalid',
  audience_mismatch: 'mismatch',
  issuer_mismatch: 'mismatch',
  missing_claim: 'missing',
  iat_in_future: 'future',
};

const CLAIMS = ['iss', 'aud', 'exp', 'nbf', 'iat'];

/** The claim a claims case is about: its name starts with it (`aud_number`, `exp_missing_but_required`). */
function claimOf(c: BadInputCase): string {
  const claim = c.name.split('_')[0]!;
  expect(CLAIMS, `claim of case ${c.name}`).toContain(claim);
  return claim;
}

/** The JWTError `promise` rejects with; fails the test if it resolves or rejects with anything else. */
async function rejection(promise: Promise<unknown>): Promise<JWTError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a JWTError').toBeInstanceOf(JWTError);
  return error as JWTError;
}

/** The JWTError `fn` throws synchronously. */
function thrown(fn: () => unknown): JWTError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a JWTError').toBeInstanceOf(JWTError);
  return error as JWTError;
}

/** Checks that `c` gives its expected outcome through verify(). */
async function checkCase(c: BadInputCase): Promise<void> {
  if (c.expected === 'accept') {
    const { payload } = await verifyCase(c);
    expect(payload).toEqual(payloadOf(c.token));
    return;
  }
  const error = await rejection(verifyCase(c));
  const reason = c.reason!;
  expect(CODE_OF_REASON, `reason ${reason} is mapped`).toHaveProperty([reason]);
  expect(error.code).toBe(CODE_OF_REASON[reason]);
  if (reason in CLAIM_FAILURE_OF_REASON) {
    expect({ claim: error.claim, reason: error.reason }).toEqual({
      claim: claimOf(c),
      reason: CLAIM_FAILURE_OF_REASON[reason],
    });
  }
  if (reason === 'expired') {
    expect(error.expiredAt).toBeInstanceOf(Date);
    expect(error.expiredAt!.getTime()).toBe((payloadOf(c.token).exp as number) * 1000);
  }
  if (reason === 'not_yet_valid') expect(error.claim).toBe('nbf');
}

const title = (c: BadInputCase) =>
  `${c.name}: ${c.expected}${c.reason ? ` (${c.reason})` : ''}` +
  (c.also_acceptable ? ` [${c.requirement}; ${c.also_acceptable} also acceptable]` : '');

/**
 * Runs `check` with `fetch` replaced by a spy that fails, and asserts it was
 * never called: no case may cause a network request (the key_headers cases
 * carry `jku` and `x5u` URLs).
 */
async function offline(check: () => Promise<void>): Promise<void> {
  const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network access from a vector test'));
  try {
    await check();
    expect(fetchSpy).not.toHaveBeenCalled();
  } finally {
    fetchSpy.mockRestore();
  }
}

// ---------------------------------------------------------------------------

describe('jwt-bad-inputs.json', () => {
  it('has the shape this harness reads', () => {
    expect(main.format).toBe('jwt-bad-inputs/1');
    expect(main.cases).toHaveLength(130);
    expect(new Set(main.cases.map((c) => c.name)).size).toBe(main.cases.length);
    const keyTypes = new Set(main.cases.map((c) => c.verify_key?.kty ?? null));
    expect(keyTypes).toEqual(new Set(['oct', 'RSA', 'EC', 'OKP', null]));
  });

  it('gives each SHOULD case that allows acceptance the strict outcome, reject', () => {
    const lenient = main.cases.filter((c) => c.also_acceptable === 'accept');
    expect(lenient.length).toBeGreaterThan(0);
    for (const c of lenient) expect(c.expected, c.name).toBe('reject');
  });

  const categories = [...new Set(main.cases.map((c) => c.category))];
  describe.each(categories)('%s', (category) => {
    for (const c of main.cases.filter((h) => h.category === category)) {
      it(title(c), () => offline(() => checkCase(c)));
    }
  });
});

/**
 * The algorithm-confusion attack itself. Each alg_confusion token is HS256,
 * validly MACed with the exact text of the verifier's public key (a PEM, or
 * the JWK's JSON), so a library that took that text as an HMAC secret would
 * accept it. Here the text is the key: webjwt parses a PEM as the public key it
 * is, which cannot serve HS256 (ERR_JWT_ALG_NOT_ALLOWED), and refuses JWK JSON
 * text as a secret outright (ERR_JWT_KEY_INVALID). Checked with the case's
 * options and again without an allow-list, as a string and as the bytes of a file.
 */
describe('alg_confusion: the exact public key text as the key', () => {
  const confusion = main.cases.filter((c) => c.category === 'alg_confusion');
  const isPemText = (text: string) => text.startsWith('-----BEGIN ');

  it('covers every alg_confusion case; each secret is a keys_pem text (or minus its final newline) or the JWK JSON', () => {
    expect(confusion).toHaveLength(7);
    const pems = Object.values(main.keys_pem ?? {});
    expect(pems).toHaveLength(3);
    for (const c of confusion) {
      const secret = c.hmac_secret_used!;
      const known = isPemText(secret) ? pems.includes(secret) || pems.includes(`${secret}\n`) : secret === JSON.stringify(c.verify_key);
      expect(known, c.name).toBe(true);
      expect(c.facts?.hmac_sha256_valid_with_secret, c.name).toBe(true);
    }
  });

  for (const c of confusion) {
    const secret = c.hmac_secret_used!;
    const code: JWTErrorCode = isPemText(secret) ? 'ERR_JWT_ALG_NOT_ALLOWED' : 'ERR_JWT_KEY_INVALID';
    it(`${c.name}: the MAC is valid under the text, and verify refuses the text as a key (${code})`, async () => {
      // The attack is real: HMAC-SHA256 under the text reproduces the token's MAC.
      const [header, payload, mac] = c.token.split('.');
      expect(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')).toBe(mac);

      const { algorithms: _, ...noAllowList } = optionsFor(c);
      for (const options of [optionsFor(c), noAllowList]) {
        for (const key of [secret, new TextEncoder().encode(secret)]) {
          expect((await rejection(verify(c.token, key, options))).code).toBe(code);
        }
      }
    });
  }
});

describe('beyond the case mapping', () => {
  const byName = (name: string) => {
    const found = main.cases.find((c) => c.name === name);
    if (!found) throw new Error(`no case ${name}`);
    return found;
  };

  it('iat_in_future_unchecked: with the default options, a future iat is refused', async () => {
    const c = byName('iat_in_future_unchecked');
    const { allowFutureIssuedAt, ...defaults } = optionsFor(c);
    expect(allowFutureIssuedAt).toBe(true);
    const error = await rejection(verify(c.token, keyFor(c), defaults));
    expect({ code: error.code, claim: error.claim, reason: error.reason }).toEqual({
      code: 'ERR_JWT_CLAIM_INVALID',
      claim: 'iat',
      reason: 'future',
    });
  });

  it('alg_none_no_key_supplied: verify without any key is a caller error (TypeError)', async () => {
    const c = byName('alg_none_no_key_supplied');
    const noKey = undefined as unknown as JWK;
    await expect(verify(c.token, noKey, optionsFor(c))).rejects.toThrow(TypeError);
  });

  it('kid_path_traversal_with_keyset: the key set is handed to verify as is, and holds the key that MACed the token', async () => {
    const c = byName('kid_path_traversal_with_keyset');
    expect(keyFor(c)).toBe(c.verify_options.jwks);
    // Only the kid keeps it out: the set's one key does verify the token when given alone.
    const { payload } = await verify(c.token, c.verify_options.jwks!.keys[0]!, optionsFor(c));
    expect(payload).toEqual(payloadOf(c.token));
  });
});

/**
 * decode() runs the same strict parser as verify() but checks no signature, no
 * claims and no crit against a caller's list. So every case refused for its
 * structure is refused by decode() too, and accepted cases decode.
 */
describe('decode() on the same cases', () => {
  const STRUCTURAL_CATEGORIES = ['structure', 'base64url', 'header_json', 'payload_json', 'b64'];
  const STRUCTURAL_REASONS = ['malformed', 'invalid_base64url', 'invalid_header', 'invalid_payload', 'unsupported_header'];
  const structural = main.cases.filter(
    (c) => STRUCTURAL_CATEGORIES.includes(c.category) || STRUCTURAL_REASONS.includes(c.reason ?? ''),
  );

  it.each(structural.map((c) => [c.name, c] as const))('%s: ERR_JWT_INVALID', (_, c) => {
    expect(thrown(() => decode(c.token)).code).toBe('ERR_JWT_INVALID');
  });

  it.each(main.cases.filter((c) => c.expected === 'accept').map((c) => [c.name, c] as const))(
    '%s: decodes',
    (_, c) => {
      expect(decode(c.token).payload).toEqual(payloadOf(c.token));
    },
  );
});

/** The size cases: two with a limit (refused as ERR_JWT_INVALID), one without (verifies). */
describe('jwt-bad-inputs-huge.json', () => {
  it('has three size cases, which make the collection\'s 133 with the main file', () => {
    expect(huge.format).toBe('jwt-bad-inputs/1');
    expect(huge.cases.map((c) => c.verify_options.max_token_bytes)).toEqual([65536, null, 65536]);
    expect(main.cases.length + huge.cases.length).toBe(133);
  });

  for (const c of huge.cases) it(title(c), () => offline(() => checkCase(c)));

  it('the default limit (64 KiB) refuses the 1.4 MB tokens too, and decode applies it', async () => {
    for (const c of huge.cases) {
      const { maxTokenLength: _, ...options } = optionsFor(c);
      expect((await rejection(verify(c.token, c.verify_key!, options))).code).toBe('ERR_JWT_INVALID');
      expect(thrown(() => decode(c.token)).code).toBe('ERR_JWT_INVALID');
      expect(decode(c.token, { maxTokenLength: c.token.length }).header.alg).toBe('HS256');
    }
  });
});
