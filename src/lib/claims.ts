/**
 * JWT claims validation (RFC 7519 §4.1), run only after the signature has
 * verified. Types first (a wrong type is never "absent"), then presence, then
 * time, then the expected values.
 */

import { JWTError, type JWTClaimFailure } from '../errors.js';
import type { JWTHeader, JWTPayload } from '../types.js';
import { isNumericDate } from './time.js';

/** Validated options, durations in seconds, times in NumericDate. */
export interface ClaimPolicy {
  now: number;
  clockTolerance: number;
  issuer?: readonly string[];
  audience?: readonly string[];
  subject?: string;
  typ?: string;
  maxTokenAge?: number;
  requiredClaims?: readonly string[];
  allowFutureIssuedAt?: boolean;
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
  const has = (claim: string) => Object.hasOwn(payload, claim) && payload[claim] !== undefined;
  for (const claim of STRING_CLAIMS) if (has(claim) && typeof payload[claim] !== 'string') return claim;
  for (const claim of TIME_CLAIMS) if (has(claim) && !isNumericDate(payload[claim])) return claim;
  const { aud } = payload;
  const isAudience = typeof aud === 'string' || (Array.isArray(aud) && aud.every((v) => typeof v === 'string'));
  return has('aud') && !isAudience ? 'aud' : undefined;
}

export function validateClaims(payload: JWTPayload, header: JWTHeader, policy: ClaimPolicy): void {
  const fail = (claim: string, reason: JWTClaimFailure, message: string) =>
    new JWTError('ERR_JWT_CLAIM_INVALID', message, { claim, reason, payload });
  const has = (claim: string) => Object.hasOwn(payload, claim);

  const mistyped = findMistypedClaim(payload);
  if (mistyped) throw fail(mistyped, 'invalid', `"${mistyped}" claim has the wrong type`);

  // Presence. An expected value implies the claim is required (CVE-2025-62610).
  const required = new Set(policy.requiredClaims);
  if (policy.issuer) required.add('iss');
  if (policy.audience) required.add('aud');
  if (policy.subject !== undefined) required.add('sub');
  if (policy.maxTokenAge !== undefined) required.add('iat');
  for (const claim of required) {
    if (!has(claim) || payload[claim] === null) throw fail(claim, 'missing', `"${claim}" claim is missing`);
  }

  // Time (RFC 7519 §4.1.4-4.1.6).
  const { now, clockTolerance: tolerance } = policy;
  const { exp, nbf, iat } = payload as { exp?: number; nbf?: number; iat?: number };
  if (exp !== undefined && now >= exp + tolerance) throw expired(exp, payload);
  if (nbf !== undefined && now < nbf - tolerance) {
    throw new JWTError('ERR_JWT_NOT_YET_VALID', 'the token is not valid yet ("nbf")', { claim: 'nbf', payload });
  }
  if (iat !== undefined && !policy.allowFutureIssuedAt && iat > now + tolerance) {
    throw fail('iat', 'future', '"iat" claim is in the future');
  }
  if (policy.maxTokenAge !== undefined && now >= iat! + policy.maxTokenAge + tolerance) {
    throw expired(iat! + policy.maxTokenAge, payload, 'iat', 'the token is older than maxTokenAge');
  }

  // Expected values: exact, case-sensitive string comparison (RFC 7519 §4.1.1-4.1.3).
  if (policy.issuer && !policy.issuer.includes(payload.iss!)) throw fail('iss', 'mismatch', '"iss" claim is not an expected issuer');
  if (policy.subject !== undefined && payload.sub !== policy.subject) throw fail('sub', 'mismatch', '"sub" claim is not the expected subject');
  if (policy.audience) {
    const { aud } = payload;
    const audiences = typeof aud === 'string' ? [aud] : (aud as string[]);
    if (!audiences.some((value) => policy.audience!.includes(value))) {
      throw fail('aud', 'mismatch', '"aud" claim has no expected audience');
    }
  }
  if (policy.typ !== undefined) {
    if (header.typ === undefined) throw fail('typ', 'missing', 'the "typ" header is missing');
    if (normalizeTyp(header.typ) !== normalizeTyp(policy.typ)) throw fail('typ', 'mismatch', 'the "typ" header is not the expected type');
  }
}

/** RFC 7515 §4.1.9: media types compare case-insensitively, "application/" may be left out. */
function normalizeTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}

function expired(at: number, payload: JWTPayload, claim = 'exp', message = 'the token has expired ("exp")') {
  return new JWTError('ERR_JWT_EXPIRED', message, { claim, expiredAt: new Date(at * 1000), payload });
}
