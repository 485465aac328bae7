/**
 * Errors. A token that fails is a {@link JWTError} with a stable `code`; a
 * caller's mistake (a token that is not a string, an unknown option) is a
 * plain `TypeError` or `RangeError`. Messages say what failed and never
 * contain the token, the key or the secret.
 */

import type { JWTPayload } from './types.js';

/** The stable error codes. Match on these, never on messages. */
export type JWTErrorCode =
  /** Not a well-formed JWT: structure, base64url, UTF-8, JSON, header members, `crit`, `b64`. */
  | 'ERR_JWT_INVALID'
  /** `alg` is not in the allow-list, does not fit the key, or is `none`. */
  | 'ERR_JWT_ALG_NOT_ALLOWED'
  /** The algorithm is known but this runtime cannot perform it. */
  | 'ERR_JWT_ALG_UNSUPPORTED'
  /** The signature does not verify with the key. */
  | 'ERR_JWT_SIGNATURE_INVALID'
  /** `exp` (or `iat` + `maxTokenAge`) has passed. */
  | 'ERR_JWT_EXPIRED'
  /** `nbf` has not been reached. */
  | 'ERR_JWT_NOT_YET_VALID'
  /** A claim is missing, has the wrong type, or does not match what was expected. */
  | 'ERR_JWT_CLAIM_INVALID'
  /** The key cannot be used at all: empty, too short, malformed, or the wrong kind; or a key set is unsound. */
  | 'ERR_JWT_KEY_INVALID'
  /** No key in the key set (a local one, or a remote one after the refetch it allows) fits the token's `kid` and `alg`. */
  | 'ERR_JWKS_NO_MATCHING_KEY'
  /** A remote key set could not be fetched and no usable copy is at hand; carries the HTTP `status` when there was one. */
  | 'ERR_JWKS_FETCH_FAILED'
  /** Fetching a remote key set took longer than its `timeout`, and no usable copy is at hand. */
  | 'ERR_JWKS_TIMEOUT';

/** Why a claim failed: absent, of the wrong type, not the expected value, or `iat` in the future. */
export type JWTClaimFailure = 'missing' | 'invalid' | 'mismatch' | 'future';

/** Details that some codes carry. */
export interface JWTErrorDetails {
  /** The claim (or header parameter, for `typ`) that failed. */
  claim?: string;
  reason?: JWTClaimFailure;
  /** When the token expired (`ERR_JWT_EXPIRED`). */
  expiredAt?: Date;
  /** The verified, decoded claims (claim errors only: the signature was valid). */
  payload?: JWTPayload;
  /** The HTTP status a key set's server answered with (`ERR_JWKS_FETCH_FAILED`, when it answered). */
  status?: number;
  /** The lower-level error, where there was one. */
  cause?: unknown;
}

// Symbol.for is shared by every realm, so the brand survives iframes and vm contexts.
const BRAND = Symbol.for('webjwt.JWTError');

/**
 * The one error class for tokens that fail.
 *
 * @example
 * ```ts
 * try {
 *   await verify(token, secret);
 * } catch (e) {
 *   if (isJWTError(e, 'ERR_JWT_EXPIRED')) console.log('expired at', e.expiredAt);
 *   else throw e;
 * }
 * ```
 */
export class JWTError extends Error {
  readonly code: JWTErrorCode;
  // `declare`: present only on the errors that carry them, not as own undefined fields.
  declare readonly claim?: string;
  declare readonly reason?: JWTClaimFailure;
  declare readonly expiredAt?: Date;
  declare readonly payload?: JWTPayload;
  declare readonly status?: number;

  constructor(code: JWTErrorCode, message: string, details: JWTErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'JWTError'; // a string, not this.constructor.name: survives minifiers
    this.code = code;
    if (details.claim !== undefined) this.claim = details.claim;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.expiredAt !== undefined) this.expiredAt = details.expiredAt;
    if (details.payload !== undefined) this.payload = details.payload;
    if (details.status !== undefined) this.status = details.status;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * Whether `error` is a {@link JWTError} (optionally with the given code), also
 * when it comes from another realm or another copy of webjwt.
 *
 * @example
 * ```ts
 * if (isJWTError(e, 'ERR_JWT_SIGNATURE_INVALID')) return new Response(null, { status: 401 });
 * ```
 */
export function isJWTError<C extends JWTErrorCode>(
  error: unknown,
  code?: C,
): error is JWTError & { code: C } {
  if (typeof error !== 'object' || error === null) return false;
  if (!(error instanceof JWTError) && (error as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (error as JWTError).code === code;
}
