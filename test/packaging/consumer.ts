/**
 * A consumer of the packed webjwt: scripts/check-package.mjs copies this file into a
 * temporary project that installs the tarball, and type-checks it (never runs it) with
 * moduleResolution node16, nodenext and bundler; with lib ES2022 + DOM, ES2022 alone,
 * and ES2022 + @types/node; as an ES module and, copied into a `"type": "commonjs"`
 * folder, as a CommonJS module (which resolves to dist/index.d.cts).
 *
 * It must compile with no DOM and no Node globals: no `console`, `TextEncoder`, `Buffer`,
 * and no `CryptoKey` written out (the key type is taken from the API itself).
 */
import {
  createRemoteJWKSet,
  decode,
  discoverJWKS,
  exportJWK,
  exportPEM,
  generateKeyPair,
  generateSecret,
  importJWK,
  importPEM,
  isJWTError,
  JWTError,
  sign,
  thumbprint,
  thumbprintURI,
  toPublicJWK,
  verify,
  type DecodedJWT,
  type Duration,
  type ImportOptions,
  type JWK,
  type JWKS,
  type JWKSCache,
  type JWKSCacheEntry,
  type JWKSFetch,
  type JWSAlgorithm,
  type JWTClaimFailure,
  type JWTErrorCode,
  type JWTErrorDetails,
  type JWTHeader,
  type JWTPayload,
  type KeyInput,
  type KeyResolver,
  type RegisteredClaims,
  type RemoteJWKSet,
  type RemoteJWKSetOptions,
  type SignOptions,
  type ThumbprintHash,
  type VerifyOptions,
  type StandardSchemaV1,
  type JWTPayloadSchema,
  type JWTSchemaIssue,
  type ValidatedJWT,
} from 'webjwt';
import { createTestIssuer, type TestIssuer, type TestIssuerOptions, type TestIssuerServer } from 'webjwt/testing';

// Exact type equality: a mismatch makes the `expectType<...>(true)` call below fail to compile.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(value: T): T {
  return value;
}

/** The key type of the environment (DOM's CryptoKey, or whatever the package falls back to), named through the API. */
type Key = Awaited<ReturnType<typeof importJWK>>;

interface Claims {
  role: 'admin' | 'user';
  tenant: string;
}

export async function useTheWholeApi(secretText: string, pem: string, jwks: JWKS): Promise<string[]> {
  const out: string[] = [];

  // sign / verify / decode, generic over the payload
  const signOptions: SignOptions = {
    alg: 'HS256',
    kid: 'k1',
    typ: 'JWT',
    header: { x5t: 'abc' },
    expiresIn: '15m',
    notBefore: new Date(0),
    issuedAt: false,
    issuer: 'https://auth.example.com',
    subject: 'user-123',
    audience: ['api', 'web'],
    jwtId: 'id-1',
    currentDate: new Date(),
    allowInsecureKeySizes: false,
  };
  const token: string = await sign<Claims>({ role: 'admin', tenant: 't1' }, secretText, signOptions);
  const untyped: Promise<string> = sign({ sub: 'x', custom: { nested: [1, 2] } }, secretText);
  out.push(await untyped);

  const verifyOptions: VerifyOptions = {
    algorithms: ['HS256', 'ES256', 'EdDSA'],
    issuer: ['https://auth.example.com'],
    audience: 'api',
    subject: 'user-123',
    typ: 'JWT',
    maxTokenAge: '1h',
    clockTolerance: 5,
    currentDate: new Date(),
    requiredClaims: ['jti'],
    crit: ['x-ours'],
    allowFutureIssuedAt: false,
    allowInsecureKeySizes: false,
  };
  const verified = await verify<Claims>(token, secretText, verifyOptions);
  expectType<Equal<typeof verified, DecodedJWT<Claims>>>(true);
  expectType<Equal<typeof verified.payload, Claims & JWTPayload>>(true);
  const role: 'admin' | 'user' = verified.payload.role;
  const exp: number | undefined = verified.payload.exp;
  const aud: string | string[] | undefined = verified.payload.aud;
  const other: unknown = verified.payload['anything'];
  const header: JWTHeader = verified.header;
  const alg: string = header.alg;
  out.push(role, String(exp), String(aud), String(other), alg);

  const fromJwks = await verify(token, jwks);
  expectType<Equal<typeof fromJwks, DecodedJWT<JWTPayload>>>(true);
  const resolver: KeyResolver = async (h: JWTHeader, raw: string) => (h.kid === 'k1' && raw ? secretText : jwks);
  await verify(token, resolver);
  await verify(token, (h) => ({ kty: 'oct', k: String(h.kid) }));

  const decoded = decode<Claims>(token);
  expectType<Equal<typeof decoded, DecodedJWT<Claims>>>(true);
  const decodedDefault: DecodedJWT = decode(token);
  const iat: number | undefined = decodedDefault.payload.iat;
  out.push(decoded.payload.tenant, String(iat));

  const registered: RegisteredClaims = { iss: 'a', sub: 'b', aud: ['c'], exp: 1, nbf: 0, iat: 0, jti: 'd' };
  const payload: JWTPayload = { ...registered, extra: true };
  out.push(await sign(payload, secretText));

  // Errors: the class, and narrowing with the guard
  try {
    await verify(token, secretText);
  } catch (error: unknown) {
    if (isJWTError(error, 'ERR_JWT_EXPIRED')) {
      expectType<Equal<typeof error.code, 'ERR_JWT_EXPIRED'>>(true);
      const at: Date = error.expiredAt; // required once the code is known
      out.push(at.toISOString());
    } else if (isJWTError(error, 'ERR_JWT_CLAIM_INVALID')) {
      const claim: string = error.claim;
      const reason: JWTClaimFailure = error.reason;
      out.push(claim, reason);
    } else if (isJWTError(error)) {
      const code: JWTErrorCode = error.code;
      const claim: string | undefined = error.claim;
      const reason: JWTClaimFailure | undefined = error.reason;
      const claims: JWTPayload | undefined = error.payload;
      out.push(code, String(claim), String(reason), String(claims));
    } else {
      throw error;
    }
  }
  const details: JWTErrorDetails = { claim: 'aud', reason: 'mismatch', cause: new Error('x') };
  const made = new JWTError('ERR_JWT_CLAIM_INVALID', 'message', details);
  const asError: Error = made;
  const name: string = asError.name;
  out.push(name, made.message, made.code);

  // Keys
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  expectType<Equal<typeof privateKey, Key>>(true);
  const keyInput: KeyInput = privateKey;
  const es256 = await sign({ sub: 'x' }, keyInput, { alg: 'ES256' });
  await verify(es256, publicKey, { algorithms: ['ES256'] });

  const secretBytes: Uint8Array = generateSecret('HS512');
  const asInput: KeyInput = secretBytes;
  out.push(await sign({}, asInput));

  const jwk: JWK = await exportJWK(privateKey);
  const publicJwk: JWK = toPublicJWK(jwk);
  const importOptions: ImportOptions = { extractable: true, allowInsecureKeySizes: false };
  const imported: Key = await importJWK(publicJwk, 'ES256', importOptions);
  const importedDefault = await importJWK(jwk);
  const fromPem: Key = await importPEM(pem, 'RS256', { extractable: true });
  const pemText: string = await exportPEM(imported);
  out.push(pemText, await exportPEM(fromPem), String(importedDefault === imported));

  const hash: ThumbprintHash = 'sha384';
  const tp: string = await thumbprint(publicJwk);
  const tpURI: string = await thumbprintURI(publicJwk, hash);
  out.push(tp, tpURI);

  const algs: JWSAlgorithm[] = ['HS256', 'RS256', 'PS512', 'ES512', 'EdDSA', 'Ed25519'];
  const durations: Duration[] = [30, '30s', '2 hours'];
  const set: JWKS = { keys: [publicJwk, { kty: 'oct', k: 'c2VjcmV0' }] };
  out.push(algs.join(), durations.join(), String(set.keys.length));

  // Remote key sets: a custom fetch and a cache adapter, typed whatever the lib
  const stored: { entry?: JWKSCacheEntry } = {};
  const cache: JWKSCache = {
    get: () => stored.entry,
    set: (entry) => {
      stored.entry = entry;
    },
  };
  const customFetch: JWKSFetch = async (url, init) => {
    out.push(url, init.method, init.redirect, String(init.signal.aborted), JSON.stringify(init.headers));
    return { status: 200, headers: { get: () => null }, body: null };
  };
  const remoteOptions: RemoteJWKSetOptions = {
    maxAge: '10m', cooldown: 30, timeout: '5s', staleIfError: '1d', headers: { 'x-tenant': 'a' }, fetch: customFetch, cache, allowHttp: false,
  };
  const remote: RemoteJWKSet = createRemoteJWKSet('https://idp.example.com/.well-known/jwks.json', remoteOptions);
  await verify(token, remote, { issuer: 'https://idp.example.com/' });
  await remote.reload();
  const current: JWKSCacheEntry | undefined = remote.current();
  const discovered: RemoteJWKSet = await discoverJWKS('https://idp.example.com/', { fetch: customFetch });
  out.push(String(current?.fetchedAt), typeof discovered);
  const caught: unknown = made;
  if (isJWTError(caught, 'ERR_JWKS_FETCH_FAILED')) out.push(String(caught.status));

  // A Standard Schema (hand-written here: the consumer project has no schema library): payload is its output
  const schema: StandardSchemaV1<unknown, { sub: string; n: number }> = {
    '~standard': { version: 1, vendor: 'consumer', validate: (value) => ({ value: value as { sub: string; n: number } }) },
  };
  const checked = await verify(token, secretText, { audience: 'api', schema });
  expectType<Equal<typeof checked, ValidatedJWT<{ sub: string; n: number }>>>(true);
  const asSchema: JWTPayloadSchema = schema;
  out.push(checked.payload.sub, String(checked.payload.n), await sign({ sub: 'x' }, secretText, { schema: asSchema }));
  if (isJWTError(made, 'ERR_JWT_CLAIM_INVALID') && made.reason === 'schema') {
    const issues: readonly JWTSchemaIssue[] = made.issues;
    out.push(...issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }

  // webjwt/testing: an issuer whose fetch feeds discovery and remote key sets
  const issuerOptions: TestIssuerOptions = { alg: 'ES256', issuer: 'https://idp.test', audience: 'api', expiresIn: '5m' };
  const idp: TestIssuer = await createTestIssuer(issuerOptions);
  const idpToken: string = await idp.sign({ sub: 'u' }, { expiresIn: -60, notBefore: '1h' });
  await verify(idpToken, await discoverJWKS(idp.issuer, { fetch: idp.fetch }));
  await verify(idpToken, createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch }));
  const idpKeys: JWKS = idp.jwks;
  await idp.rotate();
  idp.retire();
  const served: TestIssuerServer = await idp.serve();
  out.push(idp.kid, String(idpKeys.keys.length), served.url, served.jwksURL);
  await served.close();

  // Misuse the types must refuse
  // @ts-expect-error: a schema must output an object
  void verify(token, secretText, { schema: {} as StandardSchemaV1<unknown, string> });
  // @ts-expect-error: the test issuer's algorithm is its own
  void idp.sign({}, { alg: 'HS256' });
  // @ts-expect-error: an algorithm webjwt does not know
  void sign({}, secretText, { alg: 'none' });
  // @ts-expect-error: a misspelt option
  void verify(token, secretText, { audiance: 'api' });
  // @ts-expect-error: exp is a NumericDate
  void sign({ exp: 'soon' }, secretText);
  // @ts-expect-error: HMAC has no key pair
  void generateKeyPair('HS256');
  // @ts-expect-error: not an error code
  isJWTError(made, 'ERR_NOT_A_CODE');
  // @ts-expect-error: a number is no key
  void sign({}, 42);

  return out;
}
