/**
 * The conformance suite in Node.js (20, 22, 24) and Bun, against the package
 * as a user has it: `import 'webjwt'` and `require('webjwt')` resolve through
 * the package's exports map. The orchestrator installs the packed tarball into
 * a temporary app and runs a copy of this file there, so `webjwt` is that
 * app's node_modules/webjwt. (Package self-reference, `webjwt` resolving to
 * the repository's own dist/, does not work from test/runtimes/: the nearest
 * package.json there is test/runtimes/package.json, not webjwt's.)
 *
 * The suite runs three times: on the ESM build (import) and on the CommonJS
 * build (require), both signing with node:crypto, each with `webjwt/testing`
 * of the same build; and on the Web Crypto build (`webjwt/web`, what browsers
 * and workers get), with the ESM `webjwt/testing`. The builds must interoperate.
 *
 * Usage: node run-node.mjs <fixtures.json>   |   bun run-node.mjs <fixtures.json>
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as esm from 'webjwt';
import * as web from 'webjwt/web';
import * as esmTesting from 'webjwt/testing';
import { assert, checks, report } from './report.mjs';
import { runSuite } from './suite.js';

const fixtures = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const require = createRequire(import.meta.url);
const cjs = require('webjwt');
const cjsTesting = require('webjwt/testing');
const runtime = typeof Bun === 'undefined' ? `Node.js ${process.versions.node}` : `Bun ${Bun.version}`;

const { results, check } = checks();
// The package must not make the runtime warn (a deprecation, an experimental API): users would see it.
const warnings = [];
process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`));

const imported = import.meta.resolve('webjwt');
const required = require.resolve('webjwt');
console.log(`${runtime}: import 'webjwt' -> ${imported}; require('webjwt') -> ${required}`);

await check("import 'webjwt' loads dist/index.js and require('webjwt') dist/index.cjs", () => {
  assert(imported.endsWith('/dist/index.js'), `import resolved to ${imported}`);
  assert(required.endsWith('/dist/index.cjs'), `require resolved to ${required}`);
});
await check("import 'webjwt/testing' loads dist/testing.js and require('webjwt/testing') dist/testing.cjs", () => {
  const importedTesting = import.meta.resolve('webjwt/testing');
  const requiredTesting = require.resolve('webjwt/testing');
  assert(importedTesting.endsWith('/dist/testing.js'), `import resolved to ${importedTesting}`);
  assert(requiredTesting.endsWith('/dist/testing.cjs'), `require resolved to ${requiredTesting}`);
  assert(Object.keys(esmTesting).join() === 'createTestIssuer' && Object.keys(cjsTesting).join() === 'createTestIssuer', 'exports');
});
await check("require('webjwt') gives the same API as import", () => {
  const names = (m) => Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort();
  assert(names(cjs).join() === names(esm).join(), `require: ${names(cjs)}; import: ${names(esm)}`);
  for (const name of names(esm)) assert(typeof cjs[name] === typeof esm[name], `${name} is a ${typeof cjs[name]} under require`);
});
await check('the CommonJS and ESM builds interoperate: tokens, keys and JWTErrors cross', async () => {
  const secret = fixtures.secret;
  const token = await cjs.sign({ sub: 'cjs' }, secret);
  assert((await esm.verify(token, secret)).payload.sub === 'cjs', 'a CJS token verifies with ESM');
  const key = await esm.importJWK(fixtures.keys['P-256'].privateJwk, 'ES256');
  await cjs.verify(await cjs.sign({}, key), fixtures.keys['P-256'].publicJwk);
  const error = await cjs.verify(token, `${secret}!`).catch((e) => e);
  assert(!(error instanceof esm.JWTError), 'two builds, two JWTError classes (expected: dual package)');
  assert(esm.isJWTError(error, 'ERR_JWT_SIGNATURE_INVALID'), "ESM's isJWTError recognises a CJS JWTError");
});

await check("'webjwt/web' is the Web Crypto build, and its tokens verify with the default build and back", async () => {
  assert(import.meta.resolve('webjwt/web').endsWith('/dist/web.js'), 'webjwt/web resolves to dist/web.js');
  const key = fixtures.keys['P-256'];
  await esm.verify(await web.sign({}, key.privateJwk), key.publicJwk);
  await web.verify(await esm.sign({}, fixtures.secret), fixtures.secret);
});

const imports = await runSuite(esm, fixtures, esmTesting);
const requires = await runSuite(cjs, fixtures, cjsTesting);
const webs = await runSuite(web, fixtures, esmTesting);
await new Promise((resolve) => setTimeout(resolve, 10)); // warnings are emitted on a later tick
await check('no warning from the runtime (a non-extractable CryptoKey stays with Web Crypto: DEP0204 on Node.js 24)', () => {
  assert(warnings.length === 0, warnings.join('; '));
});
results.push(
  ...imports.results,
  ...requires.results.map((r) => ({ ...r, name: `[require] ${r.name}` })),
  ...webs.results.map((r) => ({ ...r, name: `[webjwt/web] ${r.name}` })),
);
report({ results }, runtime);
