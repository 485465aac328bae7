/**
 * The JWS Compact Serialization (RFC 7515 §7.1): `header.payload.signature`,
 * parsed strictly. Anything that is not exactly one well-formed JWS is
 * `ERR_JWT_INVALID`, before any key is looked at or any crypto runs.
 */

import { JWTError } from '../errors.js';
import type { JWTHeader, JWTPayload } from '../types.js';
import { expected, own } from './assert.js';
import { decodeBase64urlText, hasCanonicalEnd, isCanonicalBase64url } from './base64url.js';
import { parseJSONObject } from './json.js';

export interface ParsedJWS {
  header: JWTHeader;
  /** The payload segment, checked canonical but not yet decoded: verify decodes it after the signature. */
  payload: string;
  /** The signature segment, checked canonical: the engine decodes it if it needs bytes. */
  signature: string;
  /** `header.payload` in base64url: what the signature covers (RFC 7515 §5.1). */
  signingInput: string;
}

/**
 * Header Parameters that RFC 7515 §4.1 and RFC 7516 §4.1 define; `crit` must
 * not list them (RFC 7515 §4.1.11).
 */
const REGISTERED_HEADER_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit', 'enc', 'zip',
]);

const invalid = (message: string) => new JWTError('ERR_JWT_INVALID', message);

/**
 * The longest token parsed by default, in characters (64 KiB). Real tokens are
 * a few KB (HTTP servers cap a whole header block at 8-16 KB); the bound keeps
 * a hostile token from costing CPU and memory before its signature is checked.
 */
export const MAX_TOKEN_LENGTH = 65_536;

const SEGMENTS = ['header', 'payload', 'signature'] as const;
const SHAPE = /^[\w-]+\.[\w-]*\.[\w-]*$/;

/**
 * The token argument: a string; `undefined` for a missing one (`undefined`,
 * `null` or `''`, as `req.headers.authorization?.slice(7)` gives when there is
 * no header), which the verbs refuse as `ERR_JWT_INVALID`: the client's doing,
 * a 401, not a server error. Anything else is a caller's mistake.
 */
export function checkToken(token: unknown): string | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string') throw expected('token', 'a string', token);
  return token;
}

export const noToken = () => invalid('no token was given');

export function checkMaxTokenLength(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw expected('maxTokenLength', 'a number of characters', value);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`"maxTokenLength" expected a positive whole number of characters, got ${value}`);
  }
  return value;
}

/** Splits a compact JWS, checking its structure and its header; the payload waits, undecoded, for the signature. */
export function parseCompactJWS(token: string, maxLength = MAX_TOKEN_LENGTH): ParsedJWS {
  if (token.length > maxLength) {
    throw invalid(`the token is longer than ${maxLength} characters (see the maxTokenLength option)`);
  }
  // Three segments of the base64url alphabet in one pass over the token (the usual case); anything else
  // goes to the diagnosis, which says what is wrong.
  if (!SHAPE.test(token)) throw malformed(token);
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  const header = token.slice(0, firstDot);
  const payload = token.slice(firstDot + 1, secondDot);
  const signature = token.slice(secondDot + 1);
  if (!hasCanonicalEnd(header) || !hasCanonicalEnd(payload) || !hasCanonicalEnd(signature)) throw malformed(token);
  return { header: headerOf(header), payload, signature, signingInput: token.slice(0, secondDot) };
}

/** What is wrong with a token that is not three canonical segments, as an error. */
function malformed(token: string): JWTError {
  const segments = token.split('.');
  if (segments.length !== 3) return invalid(`a JWT has exactly three dot-separated segments${pasteMistake(token) ?? ''}`);
  // An empty header is no header; an empty payload (RFC 7515 Appendix F, detached) is for the signature to refuse.
  const bad = Math.max(0, segments.findIndex((segment, i) => !isCanonicalBase64url(segment) || (i === 0 && segment === '')));
  return invalid(`the JWT ${SEGMENTS[bad]} segment is not canonical unpadded base64url${pasteMistake(token, segments[bad]) ?? ''}`);
}

/**
 * The header of a segment, checked (RFC 7515 §4). Issuers send the same header
 * on every token, so checked headers are remembered by their exact segment
 * text (a pure function of it) and each caller gets its own copy. Only headers
 * whose values are all primitives are remembered, so a copy shares nothing;
 * only short ones, keyed by a copy of the segment (a slice would keep the
 * whole token it came from alive, garbage signature and all).
 */
function headerOf(segment: string): JWTHeader {
  const known = HEADERS.get(segment);
  if (known) return { ...known };
  const header = parseJSONSegment(segment, 'header') as JWTHeader;
  const problem = findHeaderProblem(header);
  if (problem) throw invalid(problem);
  if (segment.length <= 1024 && Object.values(header).every((value) => typeof value !== 'object' || value === null)) {
    if (HEADERS.size >= 64) HEADERS.delete(HEADERS.keys().next().value!);
    HEADERS.set(segment.split('').join(''), { ...header });
  }
  return header;
}

const HEADERS = new Map<string, JWTHeader>();

/** Why a token might be malformed, where it is a common paste mistake (never quoting the token). */
function pasteMistake(token: string, segment = token): string | undefined {
  if (/^bearer\s/i.test(token)) return ': remove the "Bearer " prefix';
  if (/^\s|\s$/.test(token)) return ': it has surrounding whitespace';
  if (/^["']|["']$/.test(token)) return ': it is wrapped in quotes';
  if (/\s/.test(segment)) return ': it contains whitespace';
  if (segment.includes('=')) return ': it has "=" padding, which JWTs leave out';
  if (/[+/]/.test(segment)) return ': it uses "+" or "/" (standard base64) instead of "-" and "_"';
  return undefined;
}

/** The claims set of a JWT: a UTF-8 JSON object without duplicate names (RFC 7519 §7.2). */
export function parseJWTPayload(jws: ParsedJWS): JWTPayload {
  return parseJSONSegment(jws.payload, 'payload');
}

/** A header or payload segment (already checked canonical by parseCompactJWS) as a JSON object. */
function parseJSONSegment(segment: string, name: 'header' | 'payload'): Record<string, unknown> {
  const text = decodeBase64urlText(segment, true);
  const value = text === undefined ? undefined : parseJSONObject(text);
  if (!value) throw invalid(`the ${name} is not a UTF-8 JSON object with unique member names`);
  return value;
}

/**
 * What is wrong with a JOSE header, if anything: `alg` a non-empty string;
 * `typ`, `cty`, `kid` strings; no `b64`; a well-formed `crit`. `sign` checks
 * the headers it makes with this too.
 */
export function findHeaderProblem(header: Record<string, unknown>): string | undefined {
  // Own members only: a polluted Object.prototype must not supply an "alg" or a "crit".
  const alg = own(header, 'alg');
  if (typeof alg !== 'string' || alg === '') return 'the header "alg" is missing or not a non-empty string';
  for (const name of ['typ', 'cty', 'kid']) {
    const value = own(header, name);
    if (value !== undefined && typeof value !== 'string') return `the header "${name}" is not a string`;
  }
  // RFC 7797 §7: JWTs never use the unencoded payload option, so "b64" has no place here.
  if (Object.hasOwn(header, 'b64')) return 'the header "b64" is not allowed in a JWT (RFC 7797 §7)';
  const crit = own(header, 'crit');
  if (crit === undefined) return undefined;
  // RFC 7515 §4.1.11: a non-empty array of names, none registered, each present in the header.
  if (!Array.isArray(crit) || crit.length === 0) return 'the header "crit" is not a non-empty array';
  const seen = new Set<string>();
  for (const name of crit as unknown[]) {
    if (typeof name !== 'string' || name === '' || seen.has(name)) {
      return 'the header "crit" lists a name that is not a unique non-empty string';
    }
    if (REGISTERED_HEADER_NAMES.has(name)) return 'the header "crit" lists a registered parameter';
    if (!Object.hasOwn(header, name)) return 'the header "crit" lists a parameter the header does not have';
    seen.add(name);
  }
  return undefined;
}
