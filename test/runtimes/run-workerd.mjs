/**
 * The conformance suite inside a real Cloudflare worker (workerd, through
 * miniflare), with and without the nodejs_compat flag. The worker is bundled
 * with esbuild the way wrangler bundles one, from the installed package.
 * Usage: node run-workerd.mjs <app dir> <fixtures.json> [nodejs_compat]
 */
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { join } from 'node:path';
import { report } from './report.mjs';

const [appDir, fixturesPath, flag] = process.argv.slice(2);
const WORKER = `
  import * as webjwt from 'webjwt';
  import * as testing from 'webjwt/testing';
  import { runSuite } from './suite.js';
  import fixtures from ${JSON.stringify(fixturesPath)};
  export default { async fetch() { return Response.json(await runSuite(webjwt, fixtures, testing)); } };
`;
const bundle = await build({
  stdin: { contents: WORKER, resolveDir: appDir, sourcefile: 'worker.js' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  write: false,
  nodePaths: [join(appDir, 'node_modules')],
});
const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate: '2026-04-01',
  compatibilityFlags: flag ? [flag] : [],
  cf: false, // else miniflare looks up workers.cloudflare.com for Request.cf: nothing may leave this machine
});
try {
  const response = await mf.dispatchFetch('http://localhost/');
  report(await response.json());
} finally {
  await mf.dispose();
}
