/**
 * Errors. A token that fails is a {@link JWTError} with a stable `code`; a
 * caller's mistake (a token that is not a string, an unknown option) is a
 * plain `TypeError` or `RangeError`. Messages say what failed and never
 * contain the token, the key or the secret.
 */

import type { JWTPayload } from './types.js';

/** The stable error codes. Match on these, never on messages. */
export type JWTErrorCode =
  /** Not a well-formed JWT (or no token at all): structure, base64url, UTF-8, JSON, header members, `crit`, `b64`, length. */
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

/**
 * Why a claim failed: absent, of the wrong type, not the expected value, `iat` in the future,
 * or refused by the caller's `schema` (then the error carries the schema's `issues`).
 */
export type JWTClaimFailure = 'missing' | 'invalid' | 'mismatch' | 'future' | 'schema';

/**
 * One issue a `schema` found in a verified payload: the schema's message and where
 * (`['role']`, `['tenant', 'id']`, `[]` for the payload as a whole). Never the value.
 */
export interface JWTSchemaIssue {
  readonly message: string;
  readonly path: readonly (string | number)[];
}

/** The details each code always carries; codes not listed carry none. */
export interface JWTErrorDetailsByCode {
  ERR_JWT_EXPIRED: {
    /** `exp`, or `iat` when `maxTokenAge` was exceeded. */
    readonly claim: 'exp' | 'iat';
    /** When the token expired. */
    readonly expiredAt: Date;
    /** The verified, decoded claims (the signature was valid). */
    readonly payload: JWTPayload;
  };
  ERR_JWT_NOT_YET_VALID: {
    readonly claim: 'nbf';
    /** When the token becomes valid. */
    readonly notBefore: Date;
    readonly payload: JWTPayload;
  };
  ERR_JWT_CLAIM_INVALID:
    | {
        /** The claim (or header parameter, for `typ`) that failed. */
        readonly claim: string;
        readonly reason: Exclude<JWTClaimFailure, 'schema'>;
        readonly payload: JWTPayload;
        readonly issues?: undefined;
      }
    | {
        /** The first path segment of the schema's first issue (`''` when that issue is about the payload as a whole). */
        readonly claim: string;
        readonly reason: 'schema';
        /** The verified, decoded claims the schema refused. */
        readonly payload: JWTPayload;
        /** Every issue the schema reported: its message and path, never the value. */
        readonly issues: readonly JWTSchemaIssue[];
      };
}

/** The details a {@link JWTError} may be made with. */
export interface JWTErrorDetails {
  claim?: string;
  reason?: JWTClaimFailure;
  expiredAt?: Date;
  notBefore?: Date;
  payload?: JWTPayload;
  /** What a `schema` refused (`ERR_JWT_CLAIM_INVALID` with `reason: 'schema'`). */
  issues?: readonly JWTSchemaIssue[];
  /** The HTTP status a key set's server answered with (`ERR_JWKS_FETCH_FAILED`, when it answered). */
  status?: number;
  /** The lower-level error, where there was one. */
  cause?: unknown;
}

/** The error of one code, with the details that code always carries. */
export type JWTErrorOf<C extends JWTErrorCode> = JWTErrorBase & { readonly code: C } & (C extends keyof JWTErrorDetailsByCode
    ? JWTErrorDetailsByCode[C]
    : unknown);

/**
 * A token that failed: a union discriminated by `code`, so that checking the
 * code (with `isJWTError(e, code)`, `switch (e.code)` or `===`) makes that
 * code's details required: `expiredAt` after `'ERR_JWT_EXPIRED'`, `claim`
 * and `reason` after `'ERR_JWT_CLAIM_INVALID'`, and `issues` once `reason` is `'schema'`.
 *
 * @example
 * ```ts
 * try {
 *   await verify(token, secret);
 * } catch (e) {
 *   if (isJWTError(e, 'ERR_JWT_EXPIRED')) console.log('expired at', e.expiredAt.toISOString());
 *   else throw e;
 * }
 * ```
 */
export type JWTError = { [C in JWTErrorCode]: JWTErrorOf<C> }[JWTErrorCode];

/** The constructor of {@link JWTError}s (`instanceof JWTError` narrows to the union). */
export interface JWTErrorConstructor {
  new <C extends JWTErrorCode>(code: C, message: string, details?: JWTErrorDetails): Extract<JWTError, { code: C }>;
  readonly prototype: JWTError;
}

// Symbol.for is shared by every realm, so the brand survives iframes and vm contexts.
const BRAND = /* @__PURE__ */ Symbol.for('webjwt.JWTError');

/** The members every {@link JWTError} has; the union adds what each code carries. */
export interface JWTErrorBase extends Error {
  readonly code: JWTErrorCode;
  /** The claim (or header parameter, for `typ`) that failed. */
  readonly claim?: string;
  readonly reason?: JWTClaimFailure;
  readonly expiredAt?: Date;
  readonly notBefore?: Date;
  /** The verified, decoded claims (for the claim and time codes: the signature was valid). */
  readonly payload?: JWTPayload;
  /** What a `schema` refused (`ERR_JWT_CLAIM_INVALID` with `reason: 'schema'`). */
  readonly issues?: readonly JWTSchemaIssue[];
  /** The HTTP status a key set's server answered with (`ERR_JWKS_FETCH_FAILED`, when it answered). */
  readonly status?: number;
}

// A class expression named JWTError: stack traces and consoles show "JWTError".
const JWTErrorClass = class JWTError extends Error implements JWTErrorBase {
  readonly code: JWTErrorCode;
  // `declare`: present only on the errors that carry them, not as own undefined fields.
  declare readonly claim?: string;
  declare readonly reason?: JWTClaimFailure;
  declare readonly expiredAt?: Date;
  declare readonly notBefore?: Date;
  declare readonly payload?: JWTPayload;
  declare readonly issues?: readonly JWTSchemaIssue[];
  declare readonly status?: number;

  constructor(code: JWTErrorCode, message: string, details: JWTErrorDetails = {}) {
    super(message, Object.hasOwn(details, 'cause') ? { cause: details.cause } : undefined);
    this.name = 'JWTError'; // a string, not this.constructor.name: survives minifiers
    this.code = code;
    for (const name of ['claim', 'reason', 'expiredAt', 'notBefore', 'payload', 'issues', 'status'] as const) {
      if (Object.hasOwn(details, name) && details[name] !== undefined) {
        Object.defineProperty(this, name, { value: details[name], enumerable: true });
      }
    }
    Object.defineProperty(this, BRAND, { value: true });
  }
};

/** The error class of tokens that fail; see the {@link JWTError} type for its members. */
export const JWTError = JWTErrorClass as JWTErrorConstructor;

/**
 * Whether `error` is a {@link JWTError} (optionally with the given code), also
 * when it comes from another realm or another copy of webjwt.
 *
 * @example
 * ```ts
 * if (isJWTError(e, 'ERR_JWT_SIGNATURE_INVALID')) return new Response(null, { status: 401 });
 * ```
 */
export function isJWTError<C extends JWTErrorCode = JWTErrorCode>(
  error: unknown,
  code?: C,
): error is Extract<JWTError, { code: C }> {
  if (typeof error !== 'object' || error === null) return false;
  if (!(error instanceof JWTErrorClass) && (error as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (error as JWTError).code === code;
}
