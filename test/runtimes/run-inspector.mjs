/**
 * The inspector page (dist/inspector.html of the installed package), end to end in
 * Chromium (Debian's /usr/bin/chromium, headless, driven by playwright-core, launched
 * as run-chromium.mjs launches it). The tokens and keys are real: made by the same
 * installed package, in Node.js. The page is opened from file://, as people open it,
 * and from a server on 127.0.0.1, which counts what it is asked for.
 *
 * Every request any page makes is recorded: the page itself is the only one allowed.
 * The clock is fixed (Playwright's clock), so relative times and the screenshot are
 * the same on every run; moving it shows the page following the time.
 *
 * Usage: node run-inspector.mjs <app dir> [screenshot.png]
 *   The test:runtimes row saves test/runtimes/.out/inspector.png; the README's docs/inspector.png
 *   is a copy of it (the fixed clock keeps its dates and relative times the same).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { makeFixtures, key, text, token, waitForText } from './inspector-kit.mjs';
import { pageChecks } from './inspector-page-checks.mjs';
import { assert, checks, report } from './report.mjs';

const [appDir, screenshotPath] = process.argv.slice(2);
const installed = join(appDir, 'node_modules', 'webjwt', 'dist');
const webjwt = await import(pathToFileURL(join(installed, 'index.js')).href);
const pagePath = join(installed, 'inspector.html');
const fileURL = pathToFileURL(pagePath).href;

// ---------------------------------------------------------------------------
// Tokens and keys, made by the package under test. Times relative to a fixed "now".
const fixtures = await makeFixtures(webjwt);
const { NOW, at, secret, tokens, malformed, base64Secret, jwks, esJWK, otherJWK, rsPEM } = fixtures;

// ---------------------------------------------------------------------------
const { results, check } = checks((error) => String(error?.message ?? error).split('\n').slice(0, 4).join(' | '));

/** Every request of every page, and every page error and CSP violation. */
const requests = [];
const pageErrors = [];
const served = [];
const server = createServer((request, response) => {
  served.push(request.url);
  if (request.url === '/inspector.html') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(pagePath));
  else response.writeHead(404).end();
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await launchChromium({ viewport: { width: 1100, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
const { context } = browser;
context.on('request', (request) => requests.push(request.url()));
context.on('weberror', (error) => pageErrors.push(error.error().message));
await context.clock.setFixedTime(NOW);
await context.addInitScript(() => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
});

/** A fresh page on the inspector, from file:// unless a URL is given. */
async function open(url = fileURL) {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

try {
  const page = await open();

  await check('the page loads from file:// with a textarea labelled "Token" and says it is offline', async () => {
    assert(await token(page).count() === 1, 'no textarea labelled Token');
    assert((await token(page).evaluate((node) => node.tagName)) === 'TEXTAREA', 'Token is not a textarea');
    assert(/connect-src 'none'/.test(await page.locator('.offline').innerText()), 'the page does not say it is offline');
  });

  await check('a valid token: its payload, its claims described, state "valid"', async () => {
    await token(page).fill(tokens.valid);
    await waitForText(page, 'state', /^valid: expires in 14 min/);
    const payload = JSON.parse(await text(page, 'payload-json'));
    assert(payload.sub === 'user-123' && payload.role === 'admin' && payload.aud === 'api', `payload: ${JSON.stringify(payload)}`);
    assert(JSON.parse(await text(page, 'header-json')).alg === 'HS256', 'header');
    const claimsTable = await text(page, 'claims-table');
    assert(/Expiration time/.test(claimsTable) && /Issuer/.test(claimsTable), 'claim descriptions missing');
    assert(/2026-05-01 12:14:00 \+00:00/.test(claimsTable) && /expires in 14 min/.test(claimsTable), `exp date or relative time missing: ${claimsTable}`);
  });

  await check('the raw token is shown in three coloured segments', async () => {
    const segments = await page.locator('#segments span').evaluateAll((spans) => spans.map((s) => [s.className, s.textContent, getComputedStyle(s).color]));
    assert(segments.map((s) => s[0]).join() === 'seg-header,seg-payload,seg-signature', `segments: ${segments.map((s) => s[0])}`);
    assert(segments.map((s) => s[1]).join('.') === tokens.valid, 'the segments do not spell the token');
    assert(new Set(segments.map((s) => s[2])).size === 3, `colours: ${segments.map((s) => s[2])}`);
  });

  await check('relative times follow the clock, every second: a minute later "expires in 13 min"', async () => {
    await context.clock.setFixedTime(at(1));
    await waitForText(page, 'claims-table', /expires in 13 min/);
    await waitForText(page, 'state', /^valid: expires in 13 min/);
    await context.clock.setFixedTime(NOW);
    await waitForText(page, 'state', /^valid: expires in 14 min/);
  });

  await check('verify with the right secret: "verified", with the algorithm', async () => {
    await key(page).fill(secret);
    await waitForText(page, 'verdict', /^verified/);
    assert(/algorithm HS256/.test(await text(page, 'verdict')), await text(page, 'verdict'));
    assert(/32|\d+ bytes of text/.test(await text(page, 'key-kind')), await text(page, 'key-kind'));
  });

  await check('verify with a wrong secret: refused, ERR_JWT_SIGNATURE_INVALID', async () => {
    await key(page).fill(`${secret}, but not quite`);
    await waitForText(page, 'verdict', /^refused: ERR_JWT_SIGNATURE_INVALID/);
  });

  await check('when the clock passes exp, the state turns "expired" and the verdict ERR_JWT_EXPIRED', async () => {
    await key(page).fill(secret);
    await waitForText(page, 'verdict', /^verified/);
    await context.clock.setFixedTime(at(16));
    await waitForText(page, 'state', /^expired 2 min ago/);
    await waitForText(page, 'verdict', /^refused: ERR_JWT_EXPIRED/);
    await context.clock.setFixedTime(NOW);
    await waitForText(page, 'verdict', /^verified/);
  });

  await check('an expired token: state "expired", and the library refuses it with ERR_JWT_EXPIRED', async () => {
    await token(page).fill(tokens.expired);
    await waitForText(page, 'state', /^expired 3 h ago/);
    await waitForText(page, 'verdict', /^refused: ERR_JWT_EXPIRED/);
  });

  await check('a token not valid yet: state "not yet valid", ERR_JWT_NOT_YET_VALID', async () => {
    await token(page).fill(tokens.notYet);
    await waitForText(page, 'state', /^not yet valid, for another 10 min/);
    await waitForText(page, 'verdict', /^refused: ERR_JWT_NOT_YET_VALID/);
  });

  await check('a malformed token: "malformed" with the library\'s code and message, the page still working', async () => {
    await token(page).fill(malformed);
    await waitForText(page, 'state', /^malformed: ERR_JWT_INVALID\n.+/);
    await waitForText(page, 'verdict', /^refused: ERR_JWT_INVALID/);
    assert(await text(page, 'payload-json') === '', 'a malformed token left a payload on the page');
    await token(page).fill('two.segments');
    await waitForText(page, 'state', /^malformed: ERR_JWT_INVALID/);
  });

  await check('a base64 secret (the "base64" choice), and the same text as UTF-8 refused', async () => {
    await token(page).fill(tokens.base64);
    await key(page).fill(base64Secret);
    await waitForText(page, 'verdict', /^refused: ERR_JWT_SIGNATURE_INVALID/);
    await page.getByLabel('base64 or base64url').check();
    await waitForText(page, 'verdict', /^verified/);
    assert(/32 bytes from base64/.test(await text(page, 'key-kind')), await text(page, 'key-kind'));
    await page.getByLabel('text (UTF-8)').check();
  });

  await check('a JWKS of two keys: the key is picked by kid, "verified" with ES256 and kid "es-1"', async () => {
    await token(page).fill(tokens.es);
    await key(page).fill(jwks);
    await waitForText(page, 'verdict', /^verified/);
    assert(/algorithm ES256, kid "es-1"/.test(await text(page, 'verdict')), await text(page, 'verdict'));
    assert(/key set \(JWKS\) of 2 keys/.test(await text(page, 'key-kind')), await text(page, 'key-kind'));
  });

  await check('a JWK alone, and the other key of the set refused', async () => {
    await key(page).fill(JSON.stringify(esJWK));
    await waitForText(page, 'verdict', /^verified/);
    await key(page).fill(JSON.stringify({ ...otherJWK, kid: undefined }));
    await waitForText(page, 'verdict', /^refused: ERR_JWT_SIGNATURE_INVALID/);
  });

  await check('a PEM public key (RS256)', async () => {
    await token(page).fill(tokens.rs);
    await key(page).fill(rsPEM);
    await waitForText(page, 'verdict', /^verified/);
    assert(/algorithm RS256/.test(await text(page, 'verdict')), await text(page, 'verdict'));
  });

  await check('a public key never verifies an HS256 token: ERR_JWT_ALG_NOT_ALLOWED', async () => {
    await token(page).fill(tokens.valid);
    await waitForText(page, 'verdict', /^refused: ERR_JWT_ALG_NOT_ALLOWED/);
  });

  await check('warnings: a claim that looks like a secret', async () => {
    await token(page).fill(tokens.secretClaim);
    await waitForText(page, 'warnings', /"password" looks like a secret/);
    await waitForText(page, 'warnings', /no "exp"/);
  });

  await pageChecks({ check, context, open, page, fixtures, fileURL, origin, served, screenshotPath });

  await check('no page made a network request: every request was for the page itself', async () => {
    const own = new Set([fileURL, `${origin}/inspector.html`]);
    const others = requests.filter((url) => !own.has(url.replace(/[?#].*$/, '')));
    assert(requests.length > 0, 'no request was recorded at all (is the listener working?)');
    assert(others.length === 0, `requests: ${others.join(', ')}`);
  });

  await check('no script error and no CSP violation in any page', async () => {
    const violations = (await Promise.all(context.pages().map((p) => p.evaluate(() => window.__violations ?? [])))).flat();
    assert(pageErrors.length === 0, `errors: ${pageErrors.join(' | ')}`);
    assert(violations.length === 0, `violations: ${violations.join(' | ')}`);
  });

  await check('the policy holds: a fetch from the page is blocked by connect-src and never reaches the server', async () => {
    const probe = await open();
    const before = served.length;
    const outcome = await probe.evaluate((url) => fetch(url).then(() => 'sent', () => 'blocked'), `${origin}/probe`);
    const violations = await probe.evaluate(() => window.__violations);
    assert(outcome === 'blocked', `fetch was ${outcome}`);
    assert(served.length === before, `the server saw ${served.slice(before)}`);
    assert(violations.some((v) => v.startsWith('connect-src')), `violations: ${violations}`);
    await probe.close();
  });
} finally {
  await browser.close();
  server.close();
}
report({ results });
