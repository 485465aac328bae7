// Runtime smoke test, run by scripts/check-package.mjs inside a temporary project that installed
// the packed webjwt: `node smoke.cjs` checks require('webjwt'); smoke.mjs runs the same round trip
// on import('webjwt'). Prints one JSON line.
'use strict';

/** The round trip both module systems must pass; returns the exported names. */
async function roundTrip(webjwt, label) {
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
  return Object.keys(webjwt).sort();
}

/** Prints the outcome as one JSON line. */
function report(run) {
  return run.then(
    (names) => console.log(JSON.stringify({ ok: true, names })),
    (error) => {
      console.log(JSON.stringify({ ok: false, error: String((error && error.stack) || error) }));
      process.exitCode = 1;
    },
  );
}

module.exports = { roundTrip, report };
if (require.main === module) report(roundTrip(require('webjwt'), 'cjs'));
