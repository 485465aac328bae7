/**
 * How a refusal reads on stderr: the library's error code and message, then,
 * for claim failures, the claim and the values involved ("expired 3 h ago").
 * The values come from the token and the command line's expectations, never
 * from a key or secret.
 */

import { decode, isJWTError, type JWTError, type JWTHeader, type JWTPayload, type VerifyOptions } from '../index.js';
import { formatDate, relativeTime, type DateZone } from '../common/time.js';
import { err, styleFor } from './io.js';

/** What a refusal's details may draw on: the token, the caller's expectations, the time of judgement. */
export interface RefusalContext {
  token?: string;
  options?: VerifyOptions;
  now?: Date;
  zone?: DateZone;
}

/** Prints a JWTError: `refused ERR_…: message` (or `error …`), and details under it. */
export function reportRefusal(
  error: JWTError,
  context: RefusalContext = {},
  label: 'refused' | 'error' = 'refused',
): void {
  const style = styleFor(process.stderr);
  err(`${style.red(style.bold(label))} ${style.bold(error.code)}: ${error.message}`);
  for (const line of details(error, context)) err(`  ${line}`);
}

function details(error: JWTError, { token, options = {}, now = new Date(), zone = 'local' }: RefusalContext): string[] {
  const seconds = now.getTime() / 1000;
  const payload: JWTPayload = error.payload ?? {};
  const at = (claim: 'exp' | 'nbf' | 'iat', value: number) => `${claim}: ${formatDate(new Date(value * 1000), zone)} (${relativeTime(claim, value, seconds)})`;
  switch (error.code) {
    case 'ERR_JWT_EXPIRED': {
      const expiredAt = error.expiredAt!.getTime() / 1000;
      const lines = [`expired at ${formatDate(error.expiredAt!, zone)}, ${relativeTime('exp', expiredAt, seconds).replace(/^expired /, '')}`];
      if (error.claim === 'iat' && typeof payload.iat === 'number') lines.push(at('iat', payload.iat), `max age: ${String(options.maxTokenAge)}`);
      return withTolerance(lines, options);
    }
    case 'ERR_JWT_NOT_YET_VALID':
      return withTolerance(typeof payload.nbf === 'number' ? [at('nbf', payload.nbf)] : [], options);
    case 'ERR_JWT_CLAIM_INVALID':
      return claimDetails(error, token, options, at);
    case 'ERR_JWT_SIGNATURE_INVALID':
    case 'ERR_JWT_ALG_NOT_ALLOWED':
    case 'ERR_JWT_ALG_UNSUPPORTED':
    case 'ERR_JWT_KEY_INVALID':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return headerDetails(token, options);
    case 'ERR_JWKS_FETCH_FAILED':
      return error.status === undefined ? [] : [`status: ${error.status}`];
    default:
      return [];
  }
}

function claimDetails(error: JWTError, token: string | undefined, options: VerifyOptions, at: (claim: 'iat', value: number) => string): string[] {
  const claim = error.claim ?? '?';
  const payload: Record<string, unknown> = error.payload ?? {};
  const lines = [`claim: ${claim} (${error.reason ?? 'invalid'})`];
  if (error.reason === 'future' && typeof payload.iat === 'number') return withTolerance([...lines, at('iat', payload.iat)], options);
  const expected: Record<string, unknown> = { iss: options.issuer, aud: options.audience, sub: options.subject, typ: options.typ };
  if (error.reason !== 'missing') lines.push(`token: ${show(claim === 'typ' ? headerOf(token)?.typ : payload[claim])}`);
  if (expected[claim] !== undefined) lines.push(`expected: ${show(expected[claim])}`);
  return lines;
}

/** The token's alg and kid, for failures about keys and signatures: which key was it asking for? */
function headerDetails(token: string | undefined, options: VerifyOptions): string[] {
  const header = headerOf(token);
  if (header === undefined) return [];
  const lines = [`token: alg ${header.alg}${typeof header.kid === 'string' ? `, kid ${JSON.stringify(header.kid)}` : ''}`];
  if (options.algorithms) lines.push(`allowed: ${options.algorithms.join(', ')}`);
  return lines;
}

function headerOf(token: string | undefined): JWTHeader | undefined {
  if (token === undefined) return undefined;
  try {
    return decode(token).header;
  } catch (error) {
    if (isJWTError(error)) return undefined;
    throw error;
  }
}

function withTolerance(lines: string[], options: VerifyOptions): string[] {
  return options.clockTolerance === undefined ? lines : [...lines, `clock tolerance: ${String(options.clockTolerance)}`];
}

/** A claim value in one line, as JSON, shortened. */
function show(value: unknown): string {
  const json = JSON.stringify(value) ?? 'nothing';
  return json.length > 200 ? `${json.slice(0, 200)}…` : json;
}
