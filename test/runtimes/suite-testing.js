/**
 * The conformance checks of `webjwt/testing`, run by suite.js in every
 * runtime when the runner passes the module in (imported by name, as a user
 * would: `import * as testing from 'webjwt/testing'`). Web-standard globals
 * only, like suite.js: the issuer's fetch answers in memory, so discovery and
 * remote key sets work with no network in Node.js, Deno, Bun, Chromium and
 * workerd. serve() must start a server on 127.0.0.1 where node:http is
 * reachable (process.getBuiltinModule), and be a TypeError elsewhere (browsers,
 * and workerd, whose nodejs_compat node:http listens on no real socket).
 *
 * @param {object} context webjwt, testing, and suite.js's check, refused, assert and algorithm table
 */
export async function testingChecks({ webjwt, testing, check, refused, assert, algorithms }) {
  const { verify, decode, discoverJWKS, createRemoteJWKSet } = webjwt;
  const { createTestIssuer } = testing;

  for (const alg of algorithms) {
    await check(`webjwt/testing: a ${alg} issuer signs with iss, aud, iat, exp (+5 min) and kid; its jwks verifies`, [alg], async () => {
      const idp = await createTestIssuer({ alg, issuer: 'https://idp.test', audience: 'api' });
      const token = await idp.sign({ sub: 'user-1' });
      const { header, payload } = await verify(token, idp.jwks, { issuer: 'https://idp.test', audience: 'api', algorithms: [alg] });
      assert(header.alg === alg && header.kid === idp.kid, 'header alg and kid');
      assert(payload.sub === 'user-1' && payload.iss === 'https://idp.test' && payload.aud === 'api', 'claims');
      assert(payload.exp - payload.iat === 300, 'exp is iat + 5 min');
    });
  }

  await check('webjwt/testing: expired, not yet valid, and another issuer\'s key are refused', ['ES256'], async () => {
    const idp = await createTestIssuer();
    await refused(verify(await idp.sign({ sub: 'u' }, { expiresIn: -60 }), idp.jwks), 'ERR_JWT_EXPIRED');
    await refused(verify(await idp.sign({ sub: 'u' }, { notBefore: '1h' }), idp.jwks), 'ERR_JWT_NOT_YET_VALID');
    const other = await createTestIssuer();
    assert(other.kid !== idp.kid, 'two issuers share a key');
    await refused(verify(await other.sign({ sub: 'u' }), idp.jwks), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  await check('webjwt/testing: discoverJWKS and createRemoteJWKSet through the issuer\'s fetch, no network', ['ES256'], async () => {
    const idp = await createTestIssuer({ audience: 'api' });
    const options = { issuer: idp.issuer, audience: 'api' };
    const token = await idp.sign({ sub: 'u' });
    const discovered = await discoverJWKS(idp.issuer, { fetch: idp.fetch });
    assert((await verify(token, discovered, options)).payload.sub === 'u', 'through discovery');
    const remote = createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch });
    assert((await verify(token, remote, options)).payload.sub === 'u', 'through the remote set');
    const metadata = await (await idp.fetch(`${idp.issuer}/.well-known/openid-configuration`)).json();
    assert(metadata.issuer === idp.issuer && metadata.jwks_uri === idp.jwksURL, 'the discovery document');
    assert((await idp.fetch('https://idp.test/elsewhere')).status === 404, '404 elsewhere');
  });

  await check('webjwt/testing: rotate() keeps the old key published until retire()', ['EdDSA'], async () => {
    const idp = await createTestIssuer({ alg: 'EdDSA' });
    const keys = createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch, maxAge: 0, cooldown: 0 });
    const old = await idp.sign({ sub: 'old' });
    await idp.rotate();
    const rotated = await idp.sign({ sub: 'new' });
    assert(decode(rotated).header.kid === idp.kid && decode(old).header.kid !== idp.kid, 'the new token has the new kid');
    await verify(old, keys);
    await verify(rotated, keys);
    idp.retire();
    await verify(rotated, keys);
    await refused(verify(old, keys), 'ERR_JWKS_NO_MATCHING_KEY');
  });

  // node:http as serve() finds it; workerd's (nodejs_compat) serves no real socket, and serve() refuses it.
  const http = globalThis.process?.getBuiltinModule?.('node:http');
  if (typeof http?.createServer === 'function' && globalThis.navigator?.userAgent !== 'Cloudflare-Workers') {
    await check('webjwt/testing: serve() answers on 127.0.0.1 (node:http here), for code that uses the global fetch', ['RS256'], async () => {
      const idp = await createTestIssuer({ alg: 'RS256' });
      const server = await idp.serve();
      try {
        assert(/^http:\/\/127\.0\.0\.1:\d+$/.test(server.url), `url ${server.url}`);
        const metadata = await (await fetch(`${server.url}/.well-known/openid-configuration`)).json();
        assert(metadata.jwks_uri === server.jwksURL, 'jwks_uri is the served one');
        await verify(await idp.sign({ sub: 'u' }), createRemoteJWKSet(server.jwksURL), { issuer: idp.issuer });
      } finally {
        await server.close();
      }
    });
  } else {
    await check('webjwt/testing: serve() is a TypeError without node:http; fetch serves all the same', ['ES256'], async () => {
      const idp = await createTestIssuer();
      const error = await idp.serve().then(() => undefined, (e) => e);
      assert(error instanceof TypeError, `expected a TypeError, got ${error?.name}: ${error?.message}`);
      assert((await idp.fetch(idp.jwksURL)).status === 200, 'fetch still serves');
    });
  }
}
