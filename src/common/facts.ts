/**
 * What a decoded token says, for people: its time claims as dates and
 * relative times, its state in one word, and warnings. Shared by the CLI's
 * `inspect` and the inspector page, so both say the same thing. Nothing here
 * verifies anything: the state is what the token claims about itself, judged
 * with `verify`'s rules for time (now ≥ `exp` has expired, now < `nbf` is not
 * valid yet, an `iat` in the future is refused).
 */

import type { DecodedJWT } from '../index.js';
import { TIME_CLAIMS, type TimeClaim } from './descriptions.js';
import { relativeTime, spanText } from './time.js';

/** The state of a well-formed token, before any signature check. */
export type TokenState = 'valid' | 'expired' | 'not yet valid' | 'unsigned' | 'invalid';

export interface TimeFact {
  claim: TimeClaim;
  /** Seconds since the epoch, as in the token. */
  value: number;
  date: Date;
  /** For example "expires in 14 min". */
  relative: string;
}

export interface Warning {
  /** Stable, for scripts reading `inspect --json`. */
  code: 'alg-none' | 'no-exp' | 'long-lifetime' | 'iat-future' | 'secret-claim' | 'mistyped-claim' | 'key-in-header';
  message: string;
}

export interface TokenFacts {
  state: TokenState;
  /** The state in one line, starting with the state: "valid: expires in 14 min (…)", "expired 3 h ago". */
  summary: string;
  times: TimeFact[];
  warnings: Warning[];
}

/** Registered claims and the type `verify` insists on (RFC 7519 §4.1). */
const CLAIM_TYPES: Readonly<Record<string, (value: unknown) => boolean>> = {
  iss: (v) => typeof v === 'string',
  sub: (v) => typeof v === 'string',
  jti: (v) => typeof v === 'string',
  aud: (v) => typeof v === 'string' || (Array.isArray(v) && v.every((item) => typeof item === 'string')),
  exp: isTime,
  nbf: isTime,
  iat: isTime,
};

/** Claim names that suggest a secret was put in a token, which anyone holding it can read. */
const SECRET_NAME = /pass(word|wd|phrase)|^pwd$|secret|api_?key|private_?key|credential|^ssn$|card_?number|^cvv$/;

/**
 * The facts of a decoded token at `now`.
 *
 * @example
 * ```ts
 * const facts = tokenFacts(decode(token), new Date());
 * facts.summary; // 'valid: expires in 14 min (signature not checked)'
 * ```
 */
export function tokenFacts({ header, payload }: DecodedJWT, now: Date): TokenFacts {
  const seconds = now.getTime() / 1000;
  const claims = payload as Record<string, unknown>;
  const times: TimeFact[] = [];
  for (const claim of TIME_CLAIMS) {
    const value = claims[claim];
    if (isTime(value)) times.push({ claim, value, date: new Date(value * 1000), relative: relativeTime(claim, value, seconds) });
  }
  const warnings = findWarnings(header, claims, seconds);
  return { ...stateOf(header.alg, claims, seconds), times, warnings };
}

function stateOf(alg: string, claims: Record<string, unknown>, now: number): { state: TokenState; summary: string } {
  const unchecked = ' (signature not checked)';
  if (alg.toLowerCase() === 'none') return { state: 'unsigned', summary: 'unsigned: alg "none", so verify always refuses it' };
  const mistyped = Object.keys(CLAIM_TYPES).find((claim) => Object.hasOwn(claims, claim) && !CLAIM_TYPES[claim]!(claims[claim]));
  if (mistyped) return { state: 'invalid', summary: `invalid: "${mistyped}" has the wrong type, so verify refuses it` };
  const { exp, nbf, iat } = claims as { exp?: number; nbf?: number; iat?: number };
  if (exp !== undefined && now >= exp) return { state: 'expired', summary: relativeTime('exp', exp, now) };
  if (nbf !== undefined && now < nbf) return { state: 'not yet valid', summary: `not yet valid, for another ${spanText(nbf - now)}` };
  if (iat !== undefined && iat > now) return { state: 'invalid', summary: `invalid: ${relativeTime('iat', iat, now)}` };
  const expiry = exp === undefined ? 'never expires' : relativeTime('exp', exp, now);
  return { state: 'valid', summary: `valid: ${expiry}${unchecked}` };
}

function findWarnings(header: DecodedJWT['header'], claims: Record<string, unknown>, now: number): Warning[] {
  const warnings: Warning[] = [];
  const warn = (code: Warning['code'], message: string) => warnings.push({ code, message });
  if (header.alg.toLowerCase() === 'none') warn('alg-none', 'alg is "none": the token is not signed, anyone can make one');
  for (const name of ['jku', 'jwk', 'x5u', 'x5c']) {
    if (Object.hasOwn(header, name)) warn('key-in-header', `the header carries "${name}": verify with your own key, never one the token names`);
  }
  for (const [claim, isValid] of Object.entries(CLAIM_TYPES)) {
    if (Object.hasOwn(claims, claim) && !isValid(claims[claim])) {
      warn('mistyped-claim', `"${claim}" is not a ${isTimeClaim(claim) ? 'number of seconds a date can hold' : claim === 'aud' ? 'string or list of strings' : 'string'}: verify refuses the token`);
    }
  }
  const { exp, nbf, iat } = claims;
  if (!Object.hasOwn(claims, 'exp')) warn('no-exp', 'no "exp": the token never expires');
  const start = isTime(nbf) ? nbf : isTime(iat) ? iat : undefined;
  if (isTime(exp) && start !== undefined && exp - start > 24 * 3600) {
    warn('long-lifetime', `the token lives ${spanText(exp - start)}, more than a day: a stolen copy stays useful that long`);
  }
  if (isTime(iat) && iat > now) warn('iat-future', `"iat" is ${spanText(iat - now)} in the future: verify refuses it (is a clock wrong?)`);
  for (const path of secretLookingNames(claims, '')) {
    warn('secret-claim', `claim "${path}" looks like a secret: a token is only encoded, anyone holding it can read it`);
  }
  return warnings;
}

/** Paths of members, at any depth, whose names look like secrets. */
function secretLookingNames(value: unknown, prefix: string, depth = 0): string[] {
  if (typeof value !== 'object' || value === null || depth > 20) return [];
  const found: string[] = [];
  for (const [name, member] of Object.entries(value)) {
    const path = Array.isArray(value) ? `${prefix}[${name}]` : prefix ? `${prefix}.${name}` : name;
    if (!Array.isArray(value) && SECRET_NAME.test(name.toLowerCase().replace(/-/g, '_'))) found.push(path);
    found.push(...secretLookingNames(member, path, depth + 1));
  }
  return found;
}

/** A time claim as `verify` takes it: a number of seconds a `Date` can hold (±8.64e12, as src/lib/time.ts checks). */
function isTime(value: unknown): value is number {
  return typeof value === 'number' && Math.abs(value) <= 8.64e12;
}

function isTimeClaim(claim: string): boolean {
  return claim === 'exp' || claim === 'nbf' || claim === 'iat';
}
