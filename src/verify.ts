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
  record,
} from './lib/assert.js';
import { validateClaims, type ClaimPolicy } from './lib/claims.js';
import { checkMaxTokenLength, checkToken, noToken, parseCompactJWS, parseJWTPayload } from './lib/compact.js';
import { keySource, verifyJWS, type JWSVerifyPolicy } from './lib/jws.js';
import { applySchema, readSchema, type PayloadValidator } from './lib/schema.js';
import { parseDuration } from './lib/time.js';
import type { JWTPayloadSchema, StandardSchemaV1 } from './standard-schema.js';
import type { DecodedJWT, JWKS, JWSAlgorithm, JWTPayload, KeyInput, KeyResolver, ValidatedJWT, VerifyOptions } from './types.js';

const OPTION_NAMES: readonly (keyof VerifyOptions)[] = [
  'algorithms', 'issuer', 'audience', 'subject', 'typ', 'maxTokenAge', 'clockTolerance',
  'currentDate', 'requiredClaims', 'crit', 'allowFutureIssuedAt', 'allowInsecureKeySizes', 'maxTokenLength', 'schema',
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
 * With a `schema` (any Standard Schema v1: zod, valibot, arktype…), the payload
 * that passed all of that is validated by it last, and `payload` is the schema's
 * output, typed as such; a payload it refuses is `ERR_JWT_CLAIM_INVALID` with
 * `reason: 'schema'` and the schema's `issues`. A schema that throws is a TypeError.
 *
 * @param key - The secret or public key ({@link KeyInput}), a key set ({@link JWKS}: the key is picked by the
 *   token's `kid` and `alg`), or a {@link KeyResolver} that picks it from the header.
 * @example
 * ```ts
 * const Claims = z.object({ sub: z.string(), role: z.enum(['admin', 'user']) });
 * const { payload } = await verify(token, secret, { issuer: 'https://auth.example.com', audience: 'api', schema: Claims });
 * payload.role; // 'admin' | 'user', checked
 * ```
 */
export function verify<S extends JWTPayloadSchema>(
  token: string,
  key: KeyInput | JWKS | KeyResolver,
  options: Omit<VerifyOptions, 'schema'> & { schema: S },
): Promise<ValidatedJWT<StandardSchemaV1.InferOutput<S>>>;
/**
 * Verifies a JWT and returns its header and claims, typed as `P` without checking their shape
 * (pass a `schema` for that).
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
export function verify<P extends object = JWTPayload>(
  token: string,
  key: KeyInput | JWKS | KeyResolver,
  options?: VerifyOptions,
): Promise<DecodedJWT<P>>;
export async function verify(
  token: string,
  key: KeyInput | JWKS | KeyResolver,
  options?: VerifyOptions,
): Promise<DecodedJWT | ValidatedJWT<object>> {
  const given = checkToken(token);
  if (key === undefined || key === null) throw expected('key', 'a key or a key resolver', key);
  const { jws: jwsPolicy, claims: claimPolicy, maxTokenLength, schema } = readOptions(options);
  const keys = keySource(key); // a key that can never work fails here, whatever the token
  if (given === undefined) throw noToken();

  const jws = parseCompactJWS(given, maxTokenLength);
  await verifyJWS(jws, given, keys, jwsPolicy);
  // Only now is the payload parsed: a token with a bad signature costs no JSON parsing of its claims.
  const payload = parseJWTPayload(jws.payloadBytes);
  validateClaims(payload, jws.header, claimPolicy);
  // The caller's schema last (src/lib/schema.ts): only a payload whose signature and claims passed reaches it.
  if (schema) return { header: jws.header, payload: await applySchema(schema, payload) };
  return { header: jws.header, payload };
}

interface VerifyPolicy { jws: JWSVerifyPolicy; claims: ClaimPolicy; maxTokenLength: number | undefined; schema: PayloadValidator | undefined }

function readOptions(input: unknown): VerifyPolicy {
  const options = checkOptions<VerifyOptions>(input, OPTION_NAMES, 'verify options');
  const algorithms = checkStringArray('algorithms', options.algorithms, `a non-empty array of ${ALGORITHM_NAMES.join(', ')}`);
  if (algorithms?.length === 0) throw expected('algorithms', `a non-empty array of ${ALGORITHM_NAMES.join(', ')}`, algorithms);
  algorithms?.forEach((alg) => checkAlgorithm('algorithms', alg));
  const currentDate = checkDate('currentDate', options.currentDate) ?? new Date();
  // Records with every field present: nothing is read through a (possibly polluted) prototype.
  const claims = record<ClaimPolicy>({
    now: currentDate.getTime() / 1000, // not rounded: an exp 0.5 s ago has passed
    clockTolerance: options.clockTolerance === undefined ? 0 : parseDuration('clockTolerance', options.clockTolerance),
    issuer: checkStrings('issuer', options.issuer),
    audience: checkStrings('audience', options.audience),
    subject: checkString('subject', options.subject),
    typ: checkString('typ', options.typ),
    maxTokenAge: options.maxTokenAge === undefined ? undefined : parseDuration('maxTokenAge', options.maxTokenAge),
    requiredClaims: checkStringArray('requiredClaims', options.requiredClaims),
    allowFutureIssuedAt: checkBoolean('allowFutureIssuedAt', options.allowFutureIssuedAt) === true,
  });
  const jws = record<JWSVerifyPolicy>({
    algorithms: algorithms as JWSAlgorithm[] | undefined,
    crit: checkStringArray('crit', options.crit),
    allowInsecureKeySizes: checkBoolean('allowInsecureKeySizes', options.allowInsecureKeySizes) === true,
  });
  return { jws, claims, maxTokenLength: checkMaxTokenLength(options.maxTokenLength), schema: readSchema(options.schema) };
}
