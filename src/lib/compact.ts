/**
 * The JWS Compact Serialization (RFC 7515 §7.1): `header.payload.signature`,
 * parsed strictly. Anything that is not exactly one well-formed JWS is
 * `ERR_JWT_INVALID`, before any key is looked at or any crypto runs.
 */

import { JWTError } from '../errors.js';
import type { JWTHeader, JWTPayload } from '../types.js';
import { decodeBase64url } from './base64url.js';
import { parseJSONObject } from './json.js';
import { decodeUTF8 } from './utf8.js';

export interface ParsedJWS {
  header: JWTHeader;
  /** The payload as it was signed (for a JWT, UTF-8 JSON). */
  payloadBytes: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
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

/** Splits and decodes a compact JWS, checking its structure and its header. */
export function parseCompactJWS(token: string): ParsedJWS {
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  if (firstDot < 0 || secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
    throw invalid('a JWT has exactly three dot-separated segments');
  }
  const headerBytes = decodeBase64url(token.slice(0, firstDot));
  const payloadBytes = decodeBase64url(token.slice(firstDot + 1, secondDot));
  const signature = decodeBase64url(token.slice(secondDot + 1));
  if (!headerBytes || !payloadBytes || !signature) {
    throw invalid('a JWT segment is not canonical unpadded base64url');
  }
  const header = parseJSONSegment(headerBytes, 'header') as JWTHeader;
  const problem = findHeaderProblem(header);
  if (problem) throw invalid(problem);
  return { header, payloadBytes, signature, signingInput: token.slice(0, secondDot) };
}

/** The claims set of a JWT: a UTF-8 JSON object without duplicate names (RFC 7519 §7.2). */
export function parseJWTPayload(payloadBytes: Uint8Array): JWTPayload {
  return parseJSONSegment(payloadBytes, 'payload');
}

function parseJSONSegment(bytes: Uint8Array, segment: 'header' | 'payload'): Record<string, unknown> {
  const text = decodeUTF8(bytes);
  const value = text === undefined ? undefined : parseJSONObject(text);
  if (!value) throw invalid(`the ${segment} is not a UTF-8 JSON object with unique member names`);
  return value;
}

/**
 * What is wrong with a JOSE header, if anything: `alg` a non-empty string;
 * `typ`, `cty`, `kid` strings; no `b64`; a well-formed `crit`. `sign` checks
 * the headers it makes with this too.
 */
export function findHeaderProblem(header: Record<string, unknown>): string | undefined {
  if (typeof header.alg !== 'string' || header.alg === '') return 'the header "alg" is missing or not a string';
  for (const name of ['typ', 'cty', 'kid']) {
    if (header[name] !== undefined && typeof header[name] !== 'string') return `the header "${name}" is not a string`;
  }
  // RFC 7797 §7: JWTs never use the unencoded payload option, so "b64" has no place here.
  if (Object.hasOwn(header, 'b64')) return 'the header "b64" is not allowed in a JWT (RFC 7797 §7)';
  const { crit } = header;
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
