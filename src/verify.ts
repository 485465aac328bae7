import { ALGORITHM_NAMES } from './lib/algorithms.js';
import {
  checkAlgorithm,
  checkBoolean,
  checkDate,
  checkString,
  checkStringArray,
  checkStrings,
  expected,
  isPlainObject,
} from './lib/assert.js';
import { validateClaims, type ClaimPolicy } from './lib/claims.js';
import { checkMaxTokenLength, checkToken, noToken, parseCompactJWS, parseJWTPayload } from './lib/compact.js';
import { checkVerifiable } from './lib/import.js';
import { keySource, verifyJWS, type JWSVerifyPolicy } from './lib/jws.js';
import { applySchema, readSchema, type PayloadValidator } from './lib/schema.js';
import { parseDuration } from './lib/time.js';
import type { JWTPayloadSchema, StandardSchemaV1 } from './standard-schema.js';
import type { DecodedJWT, JWKS, JWSAlgorithm, JWTPayload, KeyInput, KeyResolver, ValidatedJWT, VerifyOptions } from './types.js';

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
  const keys = keySource(key);
  // A key that can never work fails here, whatever the token (src/lib/import.ts); a key set's or a resolver's per token.
  if (typeof keys !== 'function') {
    const importing = checkVerifiable(keys, jwsPolicy.algorithms, jwsPolicy.allowInsecureKeySizes === true);
    if (importing) await importing;
  }
  if (given === undefined) throw noToken();

  const jws = parseCompactJWS(given, maxTokenLength);
  const verified = verifyJWS(jws, given, keys, jwsPolicy);
  if (verified) await verified; // synchronous with node:crypto and a cached key
  // Only now is the payload parsed: a token with a bad signature costs no JSON parsing of its claims.
  const payload = parseJWTPayload(jws);
  validateClaims(payload, jws.header, claimPolicy);
  // The caller's schema last (src/lib/schema.ts): only a payload whose signature and claims passed reaches it.
  if (schema) return { header: jws.header, payload: await applySchema(schema, payload) };
  return { header: jws.header, payload };
}

/**
 * The policies of `verify`, from the options' own properties, each read once;
 * every field is present, so nothing is ever read through a (possibly
 * polluted) prototype. One pass over the names given, not over all names
 * (measured: this is on every call's path).
 */
interface VerifyPolicy {
  jws: JWSVerifyPolicy;
  claims: ClaimPolicy;
  maxTokenLength: number | undefined;
  schema: PayloadValidator | undefined;
}

function readOptions(input: unknown): VerifyPolicy {
  const jws: JWSVerifyPolicy = { algorithms: undefined, crit: undefined, allowInsecureKeySizes: false };
  const claims: ClaimPolicy = {
    now: 0,
    clockTolerance: 0,
    issuer: undefined,
    audience: undefined,
    subject: undefined,
    typ: undefined,
    maxTokenAge: undefined,
    requiredClaims: undefined,
    allowFutureIssuedAt: false,
  };
  let currentDate: Date | undefined;
  let maxTokenLength: number | undefined;
  let schema: PayloadValidator | undefined;
  if (input !== undefined) {
    if (!isPlainObject(input)) throw expected('verify options', 'an object', input);
    for (const name of Object.keys(input)) {
      const value = input[name];
      switch (name as keyof VerifyOptions) {
        case 'algorithms': jws.algorithms = checkAlgorithms(value); break;
        case 'crit': jws.crit = checkStringArray(name, value); break;
        case 'allowInsecureKeySizes': jws.allowInsecureKeySizes = checkBoolean(name, value) === true; break;
        case 'issuer': claims.issuer = checkStrings(name, value); break;
        case 'audience': claims.audience = checkStrings(name, value); break;
        case 'subject': claims.subject = checkString(name, value); break;
        case 'typ': claims.typ = checkString(name, value); break;
        case 'maxTokenAge': claims.maxTokenAge = value === undefined ? undefined : parseDuration(name, value); break;
        case 'clockTolerance': claims.clockTolerance = value === undefined ? 0 : parseDuration(name, value); break;
        case 'requiredClaims': claims.requiredClaims = checkStringArray(name, value); break;
        case 'allowFutureIssuedAt': claims.allowFutureIssuedAt = checkBoolean(name, value) === true; break;
        case 'currentDate': currentDate = checkDate(name, value); break;
        case 'maxTokenLength': maxTokenLength = checkMaxTokenLength(value); break;
        case 'schema': schema = readSchema(value); break;
        default: throw new TypeError(`verify options: unknown option "${name}"`);
      }
    }
  }
  claims.now = (currentDate ? currentDate.getTime() : Date.now()) / 1000; // not rounded: an exp 0.5 s ago has passed
  return { jws, claims, maxTokenLength, schema };
}

const ALGORITHMS_WANTED = /* @__PURE__ */ (() => `a non-empty array of ${ALGORITHM_NAMES.join(', ')}`)();

function checkAlgorithms(value: unknown): JWSAlgorithm[] | undefined {
  const algorithms = checkStringArray('algorithms', value, ALGORITHMS_WANTED);
  if (algorithms?.length === 0) throw expected('algorithms', ALGORITHMS_WANTED, algorithms);
  algorithms?.forEach((alg) => checkAlgorithm('algorithms', alg));
  return algorithms as JWSAlgorithm[] | undefined;
}
