/**
 * The conformance suite in Deno, importing the built package by relative
 * path, as a Deno user importing a file (or a copy of dist/index.js) would,
 * with its declarations for `deno check`; and dist/testing.js, which imports
 * ./index.js beside it: one copy of the library. The orchestrator runs, from the
 * repository root:
 *
 *   deno check --config test/runtimes/deno.json test/runtimes/run-deno.ts
 *   deno run --no-remote --cached-only --allow-read --config test/runtimes/deno.json test/runtimes/run-deno.ts <fixtures.json>
 *
 * (deno.json sets lib "deno.window", so Deno does not read the repository's
 * tsconfig with its DOM lib.) run-deno-npm.ts covers resolution through node_modules.
 */
// @ts-types="../../dist/index.d.ts"
import * as webjwt from '../../dist/index.js';
// @ts-types="../../dist/index.d.ts"
import * as web from '../../dist/web.js';
// @ts-types="../../dist/testing.d.ts"
import * as testing from '../../dist/testing.js';
// @ts-types="../../dist/testing.d.ts"
import * as webTesting from '../../dist/testing.web.js';
import { report } from './report.mjs';
import { runSuite } from './suite.js';

/** Typed use of the API: `deno check` fails if the declarations are missing, wrong or `any`. */
async function typedUse(): Promise<void> {
  interface Claims { role: 'admin' | 'user' }
  const secret: Uint8Array = webjwt.generateSecret('HS256');
  const token: string = await webjwt.sign({ sub: 'u', role: 'admin' }, secret, { expiresIn: '5m' });
  const { header, payload } = await webjwt.verify<Claims>(token, secret, { algorithms: ['HS256'] });
  const role: 'admin' | 'user' = payload.role;
  const alg: string = header.alg;
  // @ts-expect-error sign resolves to a string, not a number: an error here means the types were not loaded
  const wrong: number = await webjwt.sign({}, secret);
  const pair: webjwt.WebCryptoKeyPair = await webjwt.generateKeyPair('ES256');
  const key: CryptoKey = pair.publicKey; // with lib deno.window, WebCryptoKey is the platform's CryptoKey
  if (role !== 'admin' || alg !== 'HS256' || typeof wrong !== 'string' || key.type !== 'public') throw new Error('typed use');
  const idp: testing.TestIssuer = await testing.createTestIssuer({ alg: 'ES256', audience: 'api' });
  const keys = webjwt.createRemoteJWKSet(idp.jwksURL, { fetch: idp.fetch });
  const { payload: fromIssuer } = await webjwt.verify(await idp.sign({ sub: 'deno' }), keys, { audience: 'api' });
  // @ts-expect-error the test issuer's algorithm is its own: an error here means the testing types were not loaded
  void idp.sign({}, { alg: 'HS256' }).catch(() => {});
  if (fromIssuer.sub !== 'deno') throw new Error('typed use of webjwt/testing');
}

// Both builds: dist/index.js (node:crypto for HMAC and EdDSA in Deno) and dist/web.js (Web Crypto only),
// each with its webjwt/testing.
const fixtures = JSON.parse(await Deno.readTextFile(Deno.args[0]!));
const outcome = await runSuite(webjwt, fixtures, testing);
const webOutcome = await runSuite(web, fixtures, webTesting);
outcome.results.push(...webOutcome.results.map((r) => ({ ...r, name: `[dist/web.js] ${r.name}` })));
outcome.results.push(await typedUse().then(
  () => ({ name: 'typed use of the API (deno check)', status: 'pass' }),
  (error: Error) => ({ name: 'typed use of the API (deno check)', status: 'fail', detail: String(error) }),
));
report(outcome, `Deno ${Deno.version.deno}`);
