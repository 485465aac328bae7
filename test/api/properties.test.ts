/**
 * Properties, checked with fast-check over generated inputs: any JSON claims
 * set round-trips through sign/verify and sign/decode; any one-character
 * change of a valid token is refused; base64url is canonical both ways.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, isJWTError, sign, verify, type JWSAlgorithm , type JWTPayload } from '../../src/index.js';
import { decodeBase64url, encodeBase64url } from '../../src/lib/base64url.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;
const SECRET = 'property-test-secret:0123456789abcdef0123456789abcdef0123456789abcdef'; // 68 bytes
const NUM_RUNS = 200;

const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A JSON object claims set without registered claims (their types are constrained). fast-check includes keys such as "__proto__". */
const claimsArb = fc.dictionary(
  fc.string({ maxLength: 12 }).filter((key) => !REGISTERED.has(key)),
  fc.jsonValue({ maxDepth: 3 }),
  { maxKeys: 8 },
);
const algArb = fc.constantFrom<JWSAlgorithm>('HS256', 'HS384', 'HS512');

/** What JSON can carry of `value` (e.g. -0 becomes 0). */
const asJSON = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const signAt = (payload: object, alg: JWSAlgorithm) => sign(payload as JWTPayload, SECRET, { alg, currentDate: NOW });

describe('sign and verify', () => {
  it('(a) any JSON object payload verifies to itself plus iat', async () => {
    await fc.assert(
      fc.asyncProperty(claimsArb, algArb, async (claims, alg) => {
        const { header, payload } = await verify(await signAt(claims, alg), SECRET, { currentDate: NOW });
        expect(header).toEqual({ alg, typ: 'JWT' });
        expect(payload).toStrictEqual(asJSON({ ...claims, iat: now }));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('(c) decode(sign(p)) gives back p plus iat, and the header', async () => {
    await fc.assert(
      fc.asyncProperty(claimsArb, algArb, fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), async (claims, alg, kid) => {
        const token = await sign(claims, SECRET, { alg, currentDate: NOW, ...(kid === undefined ? {} : { kid }) });
        expect(decode(token)).toStrictEqual({
          header: { alg, typ: 'JWT', ...(kid === undefined ? {} : { kid }) },
          payload: asJSON({ ...claims, iat: now }),
        });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------

type Edit = { kind: 'replace'; at: number; char: string } | { kind: 'delete'; at: number } | { kind: 'insert'; at: number; char: string };

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: printable }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: printable }),
);

/** Applies `edit` at a position taken modulo the token's length; undefined if it would change nothing. */
function applyEdit(token: string, edit: Edit): string | undefined {
  if (edit.kind === 'insert') {
    const at = edit.at % (token.length + 1);
    return token.slice(0, at) + edit.char + token.slice(at);
  }
  const at = edit.at % token.length;
  if (edit.kind === 'delete') return token.slice(0, at) + token.slice(at + 1);
  return edit.char === token[at] ? undefined : token.slice(0, at) + edit.char + token.slice(at + 1);
}

describe('tampering', () => {
  it('(b) any one-character change of a valid token is refused with a JWTError', async () => {
    await fc.assert(
      fc.asyncProperty(claimsArb, algArb, editArb, async (claims, alg, edit) => {
        const token = await signAt(claims, alg);
        const tampered = applyEdit(token, edit);
        fc.pre(tampered !== undefined);
        const error = await verify(tampered!, SECRET, { currentDate: NOW }).then(
          () => 'accepted',
          (e: unknown) => e,
        );
        expect(isJWTError(error)).toBe(true);
        expect((error as { code?: unknown }).code).toMatch(/^ERR_JWT_/);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('(b) in particular, each single substitution in the signature of a fixed token is refused', async () => {
    const token = await signAt({ sub: 'user' }, 'HS256');
    const start = token.lastIndexOf('.') + 1;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: start, max: token.length - 1 }), fc.constantFrom(...ALPHABET), async (at, char) => {
        fc.pre(token[at] !== char);
        const tampered = token.slice(0, at) + char + token.slice(at + 1);
        await expect(verify(tampered, SECRET, { currentDate: NOW })).rejects.toSatisfy((e: unknown) => isJWTError(e));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------

describe('(d) base64url', () => {
  const overAlphabet = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 });
  /** Node's decoder is lenient; re-encoding shows whether a string is the canonical encoding of its bytes. */
  const isCanonical = (text: string) => Buffer.from(text, 'base64url').toString('base64url') === text;

  it('encode matches Node, and decode(encode(bytes)) gives the bytes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeBase64url(text)).toEqual(new Uint8Array(bytes));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('decode accepts exactly the canonical strings over the alphabet, with the same bytes as Node', () => {
    fc.assert(
      fc.property(overAlphabet, (text) => {
        const decoded = decodeBase64url(text);
        expect(decoded !== undefined).toBe(isCanonical(text));
        if (decoded) expect(Buffer.from(decoded)).toEqual(Buffer.from(text, 'base64url'));
      }),
      { numRuns: 1000 },
    );
  });

  it('decode refuses a canonical string with its last character changed to a non-canonical one', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 60 }), fc.constantFrom(...ALPHABET), (bytes, last) => {
        const text = encodeBase64url(bytes);
        const changed = text.slice(0, -1) + last;
        fc.pre(changed !== text);
        // Either other bytes (then canonical, and different) or not canonical at all.
        const decoded = decodeBase64url(changed);
        if (decoded) expect(Buffer.from(decoded)).not.toEqual(Buffer.from(bytes));
        expect(decoded !== undefined).toBe(isCanonical(changed));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('decode refuses any string with a character outside the alphabet (padding, +, /, whitespace, non-ASCII)', () => {
    const outsider = fc.oneof(
      fc.constantFrom('=', '+', '/', ' ', '\n', '\t', '.', '\u0000', 'é', '\u{1F511}', '\uFF21'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !ALPHABET.includes(c)),
    );
    fc.assert(
      fc.property(overAlphabet, outsider, fc.nat(), (text, bad, at) => {
        const i = at % (text.length + 1);
        expect(decodeBase64url(text.slice(0, i) + bad + text.slice(i))).toBeUndefined();
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
