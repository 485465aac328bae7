// Runtime smoke test, run by scripts/check-package.mjs inside a temporary project that installed
// the packed webjwt: `node smoke.cjs` checks require('webjwt') and require('webjwt/testing');
// smoke.mjs runs the same round trip on import(). Prints one JSON line.
'use strict';

/** The round trip both module systems must pass; returns the exported names of both entries. */
async function roundTrip(webjwt, label, testing) {
  const { sign, verify, decode, generateSecret, generateKeyPair, exportJWK, importJWK, exportPEM, importPEM,
    toPublicJWK, thumbprint, isJWTError, JWTError } = webjwt;
  const secret = generateSecret('HS256');
  const token = await sign({ sub: label }, secret, { expiresIn: '5m', audience: 'api' });
  const { payload } = await verify(token, secret, { audience: 'api', algorithms: ['HS256'] });
  if (payload.sub !== label || decode(token).header.alg !== 'HS256') throw new Error('HS256 round trip');

  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const es = await sign({ sub: label }, privateKey);
  await verify(es, await importPEM(await exportPEM(publicKey)));
  const publicJwk = toPublicJWK(await exportJWK(privateKey));
  await verify(es, await importJWK(publicJwk));
  await verify(es, { keys: [publicJwk] });
  if ((await thumbprint(publicJwk)).length !== 43) throw new Error('thumbprint');

  const refused = await verify(token, generateSecret('HS256')).catch((error) => error);
  if (!(refused instanceof JWTError) || !isJWTError(refused, 'ERR_JWT_SIGNATURE_INVALID')) throw new Error('refusal');

  // webjwt/testing, on the same build of webjwt: discovery through the issuer's fetch, then verify.
  const idp = await testing.createTestIssuer({ alg: 'EdDSA', audience: 'api' });
  const keys = await webjwt.discoverJWKS(idp.issuer, { fetch: idp.fetch });
  const verified = await verify(await idp.sign({ sub: label }), keys, { issuer: idp.issuer, audience: 'api' });
  if (verified.payload.sub !== label) throw new Error('webjwt/testing round trip');
  const expired = await verify(await idp.sign({}, { expiresIn: -60 }), idp.jwks).catch((error) => error);
  if (!(expired instanceof JWTError) || expired.code !== 'ERR_JWT_EXPIRED') throw new Error('webjwt/testing: an expired token');
  return { names: Object.keys(webjwt).sort(), testingNames: Object.keys(testing).sort() };
}

/** Prints the outcome as one JSON line. */
function report(run) {
  return run.then(
    (names) => console.log(JSON.stringify({ ok: true, ...names })),
    (error) => {
      console.log(JSON.stringify({ ok: false, error: String((error && error.stack) || error) }));
      process.exitCode = 1;
    },
  );
}

module.exports = { roundTrip, report };
if (require.main === module) report(roundTrip(require('webjwt'), 'cjs', require('webjwt/testing')));
