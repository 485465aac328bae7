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
export type { JWTErrorCode, JWTClaimFailure, JWTErrorDetails } from './errors.js';
export type {
  DecodedJWT,
  Duration,
  JWK,
  JWKS,
  JWSAlgorithm,
  JWTHeader,
  JWTPayload,
  KeyInput,
  KeyResolver,
  RegisteredClaims,
  SignOptions,
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
export { generateKeyPair, generateSecret, importJWK, importPEM, exportJWK, exportPEM, toPublicJWK } from './keys.js';
export type { ImportOptions } from './keys.js';
export { thumbprint, thumbprintURI } from './thumbprint.js';
export type { ThumbprintHash } from './thumbprint.js';
