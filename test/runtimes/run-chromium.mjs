/**
 * The conformance suite in Chromium (Debian's /usr/bin/chromium, headless,
 * driven by playwright-core): a page served from 127.0.0.1 imports the
 * installed package (and webjwt/testing) by name through an import map, as a browser app would:
 * the Web Crypto builds (dist/web.js and dist/testing.web.js, which the `browser` condition
 * selects), and the default builds (dist/index.js and dist/testing.js, which must work in a browser too).
 * Usage: node run-chromium.mjs <app dir> <fixtures.json>
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { report } from './report.mjs';

const [appDir, fixturesPath] = process.argv.slice(2);
const PAGE = `<!doctype html>
<script type="importmap">{ "imports": {
  "webjwt": "/node_modules/webjwt/dist/web.js", "webjwt/testing": "/node_modules/webjwt/dist/testing.web.js",
  "default/webjwt": "/node_modules/webjwt/dist/index.js", "default/webjwt/testing": "/node_modules/webjwt/dist/testing.js"
} }</script>
<script type="module">
  import * as webjwt from 'webjwt';
  import * as testing from 'webjwt/testing';
  import * as defaultBuild from 'default/webjwt';
  import * as defaultTesting from 'default/webjwt/testing';
  import { runSuite } from '/suite.js';
  const fixtures = await (await fetch('/fixtures.json')).json();
  const both = async () => {
    const web = await runSuite(webjwt, fixtures, testing);
    const other = await runSuite(defaultBuild, fixtures, defaultTesting);
    return { results: [...web.results, ...other.results.map((r) => ({ ...r, name: '[dist/index.js] ' + r.name }))] };
  };
  both().then((outcome) => (window.outcome = outcome), (error) => (window.outcome = { error: String(error) }));
</script>`;
const TYPES = { '.js': 'text/javascript', '.json': 'application/json' };

const server = createServer(async (request, response) => {
  const path = normalize(new URL(request.url, 'http://x').pathname);
  try {
    const body = path === '/' ? PAGE : await readFile(path === '/fixtures.json' ? fixturesPath : join(appDir, path));
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/html' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launchChromium();
const { context } = browser;
try {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => window.outcome, null, { timeout: 120_000 });
  const outcome = await page.evaluate(() => window.outcome);
  if (outcome.error) throw new Error(outcome.error);
  console.log(`browser ${await context.browser()?.version?.() ?? (await page.evaluate(() => navigator.userAgent))}`);
  report(outcome);
} finally {
  await browser.close();
  server.close();
}
