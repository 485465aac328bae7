/**
 * webjwt: JSON Web Tokens on the Web Crypto API, with no dependencies.
 *
 * @packageDocumentation
 */

export { sign } from './sign.js';
export { verify } from './verify.js';
export { decode } from './decode.js';
export { createRemoteJWKSet, discoverJWKS } from './jwks.js';
export { JWTError, isJWTError } from './errors.js';
export type {
  JWTErrorCode,
  JWTClaimFailure,
  JWTSchemaIssue,
  JWTErrorDetails,
  JWTErrorDetailsByCode,
  JWTErrorOf,
  JWTErrorConstructor,
  JWTErrorBase,
} from './errors.js';
export type {
  DecodeOptions,
  DecodedJWT,
  ValidatedJWT,
  Duration,
  DurationUnit,
  JWK,
  JWKS,
  JWSAlgorithm,
  JWTHeader,
  JWTPayload,
  KeyInput,
  NodeKeyObject,
  KeyResolver,
  RegisteredClaims,
  SignOptions,
  SignPayload,
  NotAPlainObject,
  RegisteredClaimTypes,
  VerifyOptions,
  WebCryptoKey,
  WebCryptoKeyPair,
  CryptoKeyShape,
  RemoteJWKSet,
  RemoteJWKSetOptions,
  JWKSCache,
  JWKSCacheEntry,
  JWKSFetch,
  JWKSFetchInit,
  JWKSFetchResponse,
  WebAbortSignal,
  WebURL,
  AbortSignalShape,
} from './types.js';
export type { StandardSchemaV1, JWTPayloadSchema } from './standard-schema.js';
export { generateKeyPair, generateSecret, importJWK, importPEM, exportJWK, exportPEM, toPublicJWK } from './keys.js';
export type { ImportOptions } from './keys.js';
export { exportPublicJWK, exportJWKS } from './publish.js';
export type { PublishOptions } from './publish.js';
export { thumbprint, thumbprintURI } from './thumbprint.js';
export type { ThumbprintHash } from './thumbprint.js';
