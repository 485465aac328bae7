/**
 * JWT claims validation (RFC 7519 §4.1), run only after the signature has
 * verified. Types first (a wrong type is never "absent"), then presence, then
 * time, then the expected values.
 */

import { JWTError, type JWTClaimFailure } from '../errors.js';
import type { JWTHeader, JWTPayload } from '../types.js';
import { own } from './assert.js';
import { isNumericDate } from './time.js';

/** Validated options, durations in seconds, times in NumericDate. */
export interface ClaimPolicy {
  now: number;
  clockTolerance: number;
  issuer: readonly string[] | undefined;
  audience: readonly string[] | undefined;
  subject: string | undefined;
  typ: string | undefined;
  maxTokenAge: number | undefined;
  requiredClaims: readonly string[] | undefined;
  allowFutureIssuedAt: boolean;
}

const STRING_CLAIMS = ['iss', 'sub', 'jti'] as const;
const TIME_CLAIMS = ['exp', 'nbf', 'iat'] as const;

/**
 * The first registered claim of the wrong type, if any: `iss`, `sub`, `jti`
 * must be strings (`["evil", "good"]` must not pass as "good", CVE-2025-30144);
 * `exp`, `nbf`, `iat` finite numbers (CVE-2026-44459); `aud` a string or an
 * array of strings.
 */
export function findMistypedClaim(payload: JWTPayload): string | undefined {
  for (const claim of STRING_CLAIMS) if (isSet(payload, claim) && typeof payload[claim] !== 'string') return claim;
  for (const claim of TIME_CLAIMS) if (isSet(payload, claim) && !isNumericDate(payload[claim])) return claim;
  const aud = own(payload, 'aud');
  const isAudience = typeof aud === 'string' || (Array.isArray(aud) && aud.every((v) => typeof v === 'string'));
  return isSet(payload, 'aud') && !isAudience ? 'aud' : undefined;
}

/** An own claim with a value (`undefined` counts as unset: JSON has no undefined). */
const isSet = (payload: JWTPayload, claim: string) => own(payload, claim) !== undefined;

export function validateClaims(payload: JWTPayload, header: JWTHeader, policy: ClaimPolicy): void {
  const mistyped = findMistypedClaim(payload);
  if (mistyped) throw claimError(payload, mistyped, 'invalid', `"${mistyped}" claim has the wrong type`);

  // Presence. An expected value implies the claim is required (CVE-2025-62610).
  for (const claim of policy.requiredClaims ?? []) requirePresent(payload, claim);
  if (policy.issuer) requirePresent(payload, 'iss');
  if (policy.audience) requirePresent(payload, 'aud');
  if (policy.subject !== undefined) requirePresent(payload, 'sub');
  if (policy.maxTokenAge !== undefined) requirePresent(payload, 'iat');

  // Time (RFC 7519 §4.1.4-4.1.6), each boundary as the RFC words it:
  const { now, clockTolerance: tolerance } = policy;
  const exp = own(payload, 'exp') as number | undefined;
  const nbf = own(payload, 'nbf') as number | undefined;
  const iat = own(payload, 'iat') as number | undefined;
  // "the current date/time MUST be before the expiration date/time": expired at exp itself.
  if (exp !== undefined && now >= exp + tolerance) throw expired(exp, payload);
  // "MUST be after or equal to the not-before date/time": valid from nbf itself.
  if (nbf !== undefined && now < nbf - tolerance) {
    throw new JWTError('ERR_JWT_NOT_YET_VALID', 'the token is not valid yet ("nbf")', {
      claim: 'nbf',
      notBefore: new Date(nbf * 1000),
      payload,
    });
  }
  // An iat after now is a token from the future; iat equal to now is fine.
  if (iat !== undefined && !policy.allowFutureIssuedAt && iat > now + tolerance) {
    throw claimError(payload, 'iat', 'future', '"iat" claim is in the future');
  }
  // maxTokenAge: refused when the token is older than the limit, not when its age equals it.
  if (policy.maxTokenAge !== undefined && now - iat! > policy.maxTokenAge + tolerance) {
    throw expired(iat! + policy.maxTokenAge, payload, 'iat', 'the token is older than maxTokenAge');
  }

  // Expected values: exact, case-sensitive string comparison (RFC 7519 §4.1.1-4.1.3).
  const { iss, sub, aud } = payload as { iss?: string; sub?: string; aud?: string | string[] }; // own: checked above
  if (policy.issuer && !policy.issuer.includes(iss!)) throw claimError(payload, 'iss', 'mismatch', '"iss" claim is not an expected issuer');
  if (policy.subject !== undefined && sub !== policy.subject) {
    throw claimError(payload, 'sub', 'mismatch', '"sub" claim is not the expected subject');
  }
  if (policy.audience) {
    const audiences = typeof aud === 'string' ? [aud] : aud!;
    if (!audiences.some((value) => policy.audience!.includes(value))) {
      throw claimError(payload, 'aud', 'mismatch', '"aud" claim has no expected audience');
    }
  }
  if (policy.typ !== undefined) {
    const typ = own(header, 'typ') as string | undefined;
    if (typ === undefined) throw claimError(payload, 'typ', 'missing', 'the "typ" header is missing');
    if (mediaType(typ) !== mediaType(policy.typ)) throw claimError(payload, 'typ', 'mismatch', 'the "typ" header is not the expected type');
  }
}

function requirePresent(payload: JWTPayload, claim: string): void {
  if (!Object.hasOwn(payload, claim) || payload[claim] === null) throw claimError(payload, claim, 'missing', `"${claim}" claim is missing`);
}

function claimError(payload: JWTPayload, claim: string, reason: JWTClaimFailure, message: string) {
  return new JWTError('ERR_JWT_CLAIM_INVALID', message, { claim, reason, payload });
}

/**
 * RFC 7515 §4.1.9: media types compare case-insensitively, and a value with no
 * "/" stands for "application/" + value. So "JWT" is "application/jwt", while
 * "application/text/plain" stays itself and never matches "text/plain".
 */
function mediaType(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.includes('/') ? lower : `application/${lower}`;
}

function expired(at: number, payload: JWTPayload, claim = 'exp', message = 'the token has expired ("exp")') {
  return new JWTError('ERR_JWT_EXPIRED', message, { claim, expiredAt: new Date(at * 1000), payload });
}
