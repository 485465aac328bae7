/**
 * webjwt: JSON Web Tokens on the Web Crypto API, with no dependencies.
 *
 * @packageDocumentation
 */

export { sign } from './sign.js';
export { verify } from './verify.js';
export { decode } from './decode.js';
export { JWTError, isJWTError } from './errors.js';
export type { JWTErrorCode, JWTClaimFailure, JWTErrorDetails } from './errors.js';
export type {
  DecodedJWT,
  Duration,
  JWK,
  JWSAlgorithm,
  JWTHeader,
  JWTPayload,
  KeyInput,
  KeyResolver,
  RegisteredClaims,
  SignOptions,
  VerifyOptions,
} from './types.js';
