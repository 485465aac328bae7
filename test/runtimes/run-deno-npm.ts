/**
 * The conformance suite in Deno, importing the package by name through
 * node_modules, as a Deno project with a package.json does: the orchestrator
 * copies this file, suite.js, report.mjs and deno.json ("nodeModulesDir":
 * "manual") into a temporary app where npm installed the packed tarball, and
 * runs there, offline (a DENO_DIR of its own, --no-remote --cached-only):
 *
 *   deno check run-deno-npm.ts
 *   deno run --no-remote --cached-only --allow-read run-deno-npm.ts <fixtures.json>
 *
 * Both `webjwt` (bare, from package.json) and `npm:webjwt` must resolve to
 * the installed copy (never to the registry), with the package's own types.
 * The suite runs on the default build and on the Web Crypto build (`webjwt/web`).
 */
import * as webjwt from 'webjwt';
import * as viaNpm from 'npm:webjwt';
import * as testing from 'webjwt/testing';
import * as web from 'webjwt/web';
import { report } from './report.mjs';
import { runSuite } from './suite.js';

/** Typed use of the API: `deno check` fails if the declarations are missing, wrong or `any`. */
async function typedUse(): Promise<void> {
  const secret: Uint8Array = webjwt.generateSecret('HS512');
  const token: string = await viaNpm.sign({ sub: 'u' }, secret, { alg: 'HS512' });
  const { payload } = await webjwt.verify<{ sub: string }>(token, secret);
  const sub: string = payload.sub;
  // @ts-expect-error verify's options do not have "audiance": an error here means the types were not loaded
  const typo: webjwt.VerifyOptions = { audiance: 'api' };
  if (sub !== 'u' || !typo) throw new Error('typed use');
  const idp: testing.TestIssuer = await testing.createTestIssuer({ alg: 'EdDSA' });
  const keys = await webjwt.discoverJWKS(idp.issuer, { fetch: idp.fetch });
  const { payload: fromIssuer } = await webjwt.verify(await idp.sign({ sub: 'deno' }), keys);
  if (fromIssuer.sub !== 'deno') throw new Error('typed use of webjwt/testing');
}

const fixtures = JSON.parse(await Deno.readTextFile(Deno.args[0]!));
const outcome = await runSuite(webjwt, fixtures, testing);
const webOutcome = await runSuite(web, fixtures, testing);
outcome.results.push(...webOutcome.results.map((r) => ({ ...r, name: `[webjwt/web] ${r.name}` })));
const check = async (name: string, run: () => unknown) => {
  try {
    await run();
    outcome.results.push({ name, status: 'pass' });
  } catch (error) {
    outcome.results.push({ name, status: 'fail', detail: String(error) });
  }
};
await check("'webjwt' and 'npm:webjwt' are the same installed module", () => {
  if (webjwt.verify !== viaNpm.verify) throw new Error('two copies');
  const resolved = import.meta.resolve('webjwt');
  console.log(`import 'webjwt' -> ${resolved}`);
});
await check("require('webjwt') (createRequire) gives the same API", async () => {
  // Imported at run time and untyped: a static `node:` import would make `deno check` need
  // @types/node in node_modules, which this offline app does not have.
  const nodeModule = 'node:module';
  const { createRequire } = await import(nodeModule);
  const cjs = createRequire(import.meta.url)('webjwt');
  if (Object.keys(cjs).sort().join() !== Object.keys(webjwt).sort().join()) throw new Error('different exports');
});
await check('typed use of the API (deno check)', typedUse);
report(outcome, `Deno ${Deno.version.deno}`);
