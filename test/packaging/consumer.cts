/**
 * A CommonJS consumer of the packed webjwt, written the CommonJS way (`import = require`):
 * under moduleResolution node16/nodenext it resolves through the "require" condition to
 * dist/index.d.cts. scripts/check-package.mjs type-checks it (never runs it) next to
 * consumer.ts. No DOM or Node globals here either.
 */
import webjwt = require('webjwt');
import testing = require('webjwt/testing');
import type { DecodedJWT, JWK, JWKS, JWTPayload, KeyInput, SignOptions, VerifyOptions } from 'webjwt';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(value: T): T {
  return value;
}

interface Claims {
  role: 'admin' | 'user';
}

async function useFromCommonJS(secret: string, pem: string, jwks: JWKS): Promise<string[]> {
  const signOptions: SignOptions = { expiresIn: '15m', audience: 'api' };
  const token = await webjwt.sign<Claims>({ role: 'user' }, secret, signOptions);
  const verifyOptions: VerifyOptions = { audience: 'api', algorithms: ['HS256'] };
  const verified = await webjwt.verify<Claims>(token, secret, verifyOptions);
  expectType<Equal<typeof verified, DecodedJWT<Claims>>>(true);
  const role: 'admin' | 'user' = verified.payload.role;
  const payload: JWTPayload = webjwt.decode(token).payload;
  await webjwt.verify(token, jwks);

  let code = 'none';
  try {
    await webjwt.verify(token, secret);
  } catch (error: unknown) {
    if (webjwt.isJWTError(error, 'ERR_JWT_CLAIM_INVALID')) code = `${error.code}:${String(error.claim)}`;
    else if (error instanceof webjwt.JWTError) code = error.code;
    else throw error;
  }

  const { privateKey, publicKey } = await webjwt.generateKeyPair('EdDSA', { extractable: true });
  const key: KeyInput = privateKey;
  await webjwt.verify(await webjwt.sign({}, key), publicKey);
  const jwk: JWK = webjwt.toPublicJWK(await webjwt.exportJWK(privateKey));
  const imported = await webjwt.importJWK(jwk, 'EdDSA');
  const fromPem = await webjwt.importPEM(pem);
  const secretBytes: Uint8Array = webjwt.generateSecret();
  const idp = await testing.createTestIssuer({ alg: 'EdDSA', audience: 'api' });
  const remote = webjwt.createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch });
  const fromIssuer = await webjwt.verify(await idp.sign({ sub: 'cjs' }), remote, { audience: 'api' });
  return [
    String(fromIssuer.payload.sub),
    role,
    String(payload.exp),
    code,
    await webjwt.exportPEM(imported),
    await webjwt.exportPEM(fromPem),
    await webjwt.thumbprint(jwk, 'sha256'),
    await webjwt.thumbprintURI(jwk),
    String(secretBytes.length),
  ];
}

export = { useFromCommonJS };
