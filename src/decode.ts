import { checkOptions } from './lib/assert.js';
import { checkMaxTokenLength, checkToken, noToken, parseCompactJWS, parseJWTPayload } from './lib/compact.js';
import type { DecodeOptions, DecodedJWT, JWTPayload } from './types.js';

const OPTION_NAMES = ['maxTokenLength'];

/**
 * Decodes a JWT **without verifying it**: for looking at a token, never for
 * trusting one. It runs the same strict parser as {@link verify} (three
 * segments, canonical base64url, UTF-8 JSON objects without duplicate names, a
 * well-formed header) and throws `ERR_JWT_INVALID` where that fails, but checks
 * no signature and no claims.
 *
 * @example
 * ```ts
 * const { header, payload } = decode(token);
 * console.log(header.alg, payload.exp);
 * ```
 */
export function decode<P extends object = JWTPayload>(token: string, options?: DecodeOptions): DecodedJWT<P> {
  const given = checkToken(token);
  const { maxTokenLength } = checkOptions<DecodeOptions>(options, OPTION_NAMES, 'decode options');
  const limit = checkMaxTokenLength(maxTokenLength);
  if (given === undefined) throw noToken();
  const jws = parseCompactJWS(given, limit);
  return { header: jws.header, payload: parseJWTPayload(jws) as P & JWTPayload };
}
