import { ALGORITHM_NAMES } from './lib/algorithms.js';
import {
  checkAlgorithm,
  checkBoolean,
  checkDate,
  checkOptions,
  checkString,
  checkStringArray,
  checkStrings,
  expected,
} from './lib/assert.js';
import { validateClaims, type ClaimPolicy } from './lib/claims.js';
import { parseCompactJWS, parseJWTPayload } from './lib/compact.js';
import { keySource, verifyJWS, type JWSVerifyPolicy } from './lib/jws.js';
import { parseDuration } from './lib/time.js';
import type { DecodedJWT, JWKS, JWTPayload, KeyInput, KeyResolver, VerifyOptions } from './types.js';

const OPTION_NAMES: readonly (keyof VerifyOptions)[] = [
  'algorithms', 'issuer', 'audience', 'subject', 'typ', 'maxTokenAge', 'clockTolerance',
  'currentDate', 'requiredClaims', 'crit', 'allowFutureIssuedAt', 'allowInsecureKeySizes',
];

/**
 * Verifies a JWT and returns its header and claims.
 *
 * In order: the token's structure (strict, as {@link decode}); `alg` against the
 * allow-list and the key (never trusting the token's choice; `none` never
 * passes); `crit`; the signature; then the claims: `exp`, `nbf` and `iat` must be
 * finite numbers, the token must be current, and `issuer`, `audience`,
 * `subject` and `typ` must match when given. Any failure is a {@link JWTError}
 * whose `code` says which.
 *
 * @param key - The secret or public key ({@link KeyInput}), a key set ({@link JWKS}: the key is picked by the
 *   token's `kid` and `alg`), or a {@link KeyResolver} that picks it from the header.
 * @example
 * ```ts
 * interface Claims { sub: string; role: 'admin' | 'user' }
 * const { payload } = await verify<Claims>(token, secret, {
 *   issuer: 'https://auth.example.com',
 *   audience: 'api',
 * });
 * payload.role; // 'admin' | 'user'
 * ```
 */
export async function verify<P extends object = JWTPayload>(
  token: string,
  key: KeyInput | JWKS | KeyResolver,
  options?: VerifyOptions,
): Promise<DecodedJWT<P>> {
  if (typeof token !== 'string') throw expected('token', 'a string', token);
  if (key === undefined || key === null) throw expected('key', 'a key or a key resolver', key);
  const { jws: jwsPolicy, claims: claimPolicy } = readOptions(options);
  const keys = keySource(key);

  const jws = parseCompactJWS(token);
  const payload = parseJWTPayload(jws.payloadBytes);
  await verifyJWS(jws, token, keys, jwsPolicy);
  validateClaims(payload, jws.header, claimPolicy); // only now: the claims are authentic
  return { header: jws.header, payload: payload as P & JWTPayload };
}

function readOptions(input: unknown): { jws: JWSVerifyPolicy; claims: ClaimPolicy } {
  const options = checkOptions<VerifyOptions>(input, OPTION_NAMES, 'verify options');
  const { algorithms } = options;
  if (algorithms !== undefined && (!Array.isArray(algorithms) || algorithms.length === 0)) {
    throw expected('algorithms', `a non-empty array of ${ALGORITHM_NAMES.join(', ')}`, algorithms);
  }
  algorithms?.forEach((alg) => checkAlgorithm('algorithms', alg));
  const allowInsecureKeySizes = checkBoolean('allowInsecureKeySizes', options.allowInsecureKeySizes);
  const currentDate = checkDate('currentDate', options.currentDate) ?? new Date();
  const claims: ClaimPolicy = {
    now: currentDate.getTime() / 1000, // not rounded: an exp 0.5 s ago has passed
    clockTolerance: options.clockTolerance === undefined ? 0 : parseDuration('clockTolerance', options.clockTolerance),
  };
  const issuer = checkStrings('issuer', options.issuer);
  const audience = checkStrings('audience', options.audience);
  const subject = checkString('subject', options.subject);
  const typ = checkString('typ', options.typ);
  const requiredClaims = checkStringArray('requiredClaims', options.requiredClaims);
  const allowFutureIssuedAt = checkBoolean('allowFutureIssuedAt', options.allowFutureIssuedAt);
  if (issuer) claims.issuer = issuer;
  if (audience) claims.audience = audience;
  if (subject !== undefined) claims.subject = subject;
  if (typ !== undefined) claims.typ = typ;
  if (requiredClaims) claims.requiredClaims = requiredClaims;
  if (allowFutureIssuedAt) claims.allowFutureIssuedAt = true;
  if (options.maxTokenAge !== undefined) claims.maxTokenAge = parseDuration('maxTokenAge', options.maxTokenAge);

  const jws: JWSVerifyPolicy = {};
  if (algorithms) jws.algorithms = algorithms;
  const crit = checkStringArray('crit', options.crit);
  if (crit) jws.crit = crit;
  if (allowInsecureKeySizes) jws.allowInsecureKeySizes = true;
  return { jws, claims };
}
