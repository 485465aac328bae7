import {
  checkAlgorithm,
  checkBoolean,
  checkDate,
  checkOptions,
  checkString,
  checkStrings,
  expected,
  isPlainObject,
  define,
  own,
  snapshot,
} from './lib/assert.js';
import { encodeBase64url } from './lib/base64url.js';
import { findMistypedClaim } from './lib/claims.js';
import { findHeaderProblem } from './lib/compact.js';
import { parseJSONObject, stringifyOwn } from './lib/json.js';
import { signJWS } from './lib/jws.js';
import { inspectKey } from './lib/keys.js';
import { checkClaimsToSign, readSchema } from './lib/schema.js';
import { isNumericDate, parseDuration, toNumericDate } from './lib/time.js';
import type { JWSAlgorithm, JWTHeader, JWTPayload, KeyInput, SignOptions, SignPayload } from './types.js';

const OPTION_NAMES: readonly (keyof SignOptions)[] = [
  'alg', 'kid', 'typ', 'header', 'expiresIn', 'notBefore', 'issuedAt', 'issuer', 'subject',
  'audience', 'jwtId', 'currentDate', 'allowInsecureKeySizes', 'schema',
];

/** Header parameters `sign` sets itself (`typ` and `kid` through their options), or that a JWT must not carry (RFC 7797 §7). */
const RESERVED_HEADER = ['alg', 'typ', 'kid', 'crit', 'b64'];

/**
 * Signs a JWT.
 *
 * The header is `{ alg, typ: "JWT", kid? }` plus `options.header`. The claims
 * are `payload` plus those the options set; `iat` is now unless
 * `issuedAt: false`. A claim set both in `payload` and through an option is a
 * `TypeError`, as is a registered claim of the wrong type, and so are claims
 * that the `schema` option (a Standard Schema v1) refuses.
 *
 * @typeParam P - The claims; registered claims must have their registered types.
 * @param key - A private key (CryptoKey, JWK or PEM) or an HMAC secret (string, Uint8Array,
 *   CryptoKey or `oct` JWK) at least as long as the hash (32 bytes for HS256). See {@link KeyInput}.
 * @example
 * ```ts
 * const token = await sign({ sub: 'user-123', role: 'admin' }, secret, {
 *   issuer: 'https://auth.example.com',
 *   audience: 'api',
 *   expiresIn: '15m',
 * });
 * ```
 */
export async function sign<P extends object = JWTPayload>(
  payload: SignPayload<P>,
  key: KeyInput,
  options?: SignOptions,
): Promise<string> {
  if (!isPlainObject(payload)) throw expected('payload', 'a plain object', payload);
  if (key === undefined || key === null) throw expected('key', 'a key', key);
  const opts = checkOptions<SignOptions>(options, OPTION_NAMES, 'sign options');
  const schema = readSchema(opts.schema);
  const inspected = inspectKey(key);
  const alg = opts.alg === undefined ? inspected.algorithms[0]! : checkAlgorithm('alg', opts.alg);

  const header = buildHeader(alg, inspected.kid, opts);
  const claims = buildClaims({ ...payload } as JWTPayload, opts); // own enumerable members, each read once
  if (schema) await checkClaimsToSign(schema, claims); // src/lib/schema.ts: what verify's schema will see
  const signingInput = `${encodeJSON(header, true)}.${encodeJSON(claims)}`;
  return signJWS(signingInput, alg, inspected, checkBoolean('allowInsecureKeySizes', opts.allowInsecureKeySizes));
}

/**
 * The header as JSON text: `{ alg, typ, kid? }` and the caller's parameters.
 * What is checked is what was serialised: a parameter's `toJSON` could
 * otherwise rewrite the header after the checks (an RS256 signature under
 * `"alg":"ES256"`, or a `crit` that was refused).
 */
function buildHeader(alg: JWSAlgorithm, keyId: string | undefined, opts: SignOptions): string {
  const typ = checkString('typ', opts.typ) ?? 'JWT';
  const kid = checkString('kid', opts.kid) ?? keyId;
  if (opts.header === undefined) {
    // Strings only (JSON.stringify asks no primitive for a toJSON): written directly, in this order.
    const text = (value: string) => JSON.stringify(value);
    return `{"alg":${text(alg)},"typ":${text(typ)}${kid === undefined ? '' : `,"kid":${text(kid)}`}}`;
  }
  const header: JWTHeader = { alg, typ };
  if (kid !== undefined) define(header, 'kid', kid);
  if (!isPlainObject(opts.header)) throw expected('header', 'a plain object', opts.header);
  const extra = snapshot(opts.header, 'header');
  for (const name of Object.keys(extra)) {
    if (RESERVED_HEADER.includes(name)) {
      throw new TypeError(`"header" may not set "${name}"${name === 'typ' || name === 'kid' ? `: use the "${name}" option` : ''}`);
    }
    // Defined, not assigned: a parameter named "__proto__" must stay a parameter.
    define(header, name, extra[name]);
  }
  const json = stringifyOwn(header);
  const written = parseJSONObject(json) ?? {};
  const problem =
    findHeaderProblem(written) ??
    (['crit', 'b64'].find((name) => Object.hasOwn(written, name)) && 'a parameter serialised as "crit" or "b64"') ??
    (['alg', 'typ', 'kid'].some((name) => own(written, name) !== own(header, name))
      ? '"alg", "typ" or "kid" changed when the header was serialised (a toJSON method?)'
      : undefined);
  if (problem) throw new TypeError(`"header": ${problem}`);
  return json;
}

/** The claims as JSON text; checked as serialised, for the same reason as the header. */
function buildClaims(payload: JWTPayload, opts: SignOptions): string {
  // A toJSON method would serialise the claims as something else, perhaps not an object at all.
  const toJSON = own(payload, 'toJSON');
  if (typeof toJSON === 'function') throw expected('payload', 'a plain object without toJSON', toJSON);
  const claims = payload; // a copy already
  const currentDate = checkDate('currentDate', opts.currentDate);
  const now = currentDate ? toNumericDate(currentDate) : Math.floor(Date.now() / 1000);
  const set = (claim: string, option: keyof SignOptions, value: unknown) => {
    if (own(claims, claim) !== undefined) throw new TypeError(`"${option}" conflicts with the payload's "${claim}" claim`);
    define(claims, claim, value);
  };
  const issuedAt = opts.issuedAt;
  if (issuedAt === false) {
    // omit iat (one given in the payload stays)
  } else if (issuedAt === undefined) {
    if (own(claims, 'iat') === undefined) define(claims, 'iat', now);
  } else if (issuedAt instanceof Date) {
    set('iat', 'issuedAt', toNumericDate(checkDate('issuedAt', issuedAt)!));
  } else if (isNumericDate(issuedAt) && issuedAt >= 0) {
    set('iat', 'issuedAt', issuedAt);
  } else {
    throw expected('issuedAt', 'a Date, non-negative seconds since the epoch, or false', issuedAt);
  }
  if (opts.expiresIn !== undefined) set('exp', 'expiresIn', timeFromNow('expiresIn', opts.expiresIn, now));
  if (opts.notBefore !== undefined) set('nbf', 'notBefore', timeFromNow('notBefore', opts.notBefore, now));
  if (opts.issuer !== undefined) set('iss', 'issuer', checkString('issuer', opts.issuer));
  if (opts.subject !== undefined) set('sub', 'subject', checkString('subject', opts.subject));
  const audience = checkStrings('audience', opts.audience);
  if (audience) set('aud', 'audience', typeof opts.audience === 'string' ? opts.audience : audience);
  if (opts.jwtId !== undefined) set('jti', 'jwtId', checkString('jwtId', opts.jwtId));
  // Refuse to sign what verify would refuse to accept: the claims as given, then as serialised.
  checkClaimTypes(claims);
  const json = stringifyOwn(claims);
  // Only an object value can have a toJSON (JSON.stringify asks no primitive): with none, what was
  // checked is what was written, and the parse back is skipped (the common, flat claims set).
  if (Object.values(claims).some((value) => typeof value === 'object' && value !== null)) {
    const written = parseJSONObject(json);
    if (!written) throw expected('payload', 'claims that serialise to a JSON object', claims);
    checkClaimTypes(written);
  }
  return json;
}

function checkClaimTypes(claims: JWTPayload): void {
  const mistyped = findMistypedClaim(claims);
  if (mistyped === undefined) return;
  const what = /^(exp|nbf|iat)$/.test(mistyped) ? 'a finite number of seconds since the epoch' : mistyped === 'aud' ? 'a string or an array of strings' : 'a string';
  throw expected(`payload.${mistyped}`, `${what} (RFC 7519 §4.1)`, claims[mistyped]);
}

/** A `Date` as is; a duration from `now`. */
function timeFromNow(name: string, value: unknown, now: number): number {
  if (value instanceof Date) return toNumericDate(checkDate(name, value)!);
  return Math.floor(now + parseDuration(name, value));
}

/** JSON text as base64url; a header, the same on every token of a key, is encoded once. */
function encodeJSON(json: string, isHeader = false): string {
  if (!isHeader) return encodeBase64url(json);
  let encoded = HEADERS.get(json);
  if (encoded === undefined) {
    if (HEADERS.size >= 64) HEADERS.delete(HEADERS.keys().next().value!);
    HEADERS.set(json, (encoded = encodeBase64url(json)));
  }
  return encoded;
}

const HEADERS = new Map<string, string>();
