/**
 * The inspector page's qualities beyond what it computes: the token in the fragment only, the
 * keyboard, a phone's width, light and dark, a static server that is asked for nothing but the
 * page, and the screenshot for the README. Called by run-inspector.mjs with its browser context.
 */
import { resolve } from 'node:path';
import { assert } from './report.mjs';
import { key, text, token, waitForText } from './inspector-kit.mjs';

export async function pageChecks({ check, context, open, page, fixtures, fileURL, origin, served, screenshotPath }) {
  const { secret, tokens, jwks } = fixtures;
  await check('a token in the fragment (#token=) is read; one in the query string (?token=) is not, and the page says why', async () => {
    const fromFragment = await open(`${fileURL}#token=${tokens.valid}`);
    await waitForText(fromFragment, 'state', /^valid/);
    assert(await token(fromFragment).inputValue() === tokens.valid, 'the fragment token is not in the textarea');
    await fromFragment.close();
    const fromQuery = await open(`${fileURL}?token=${tokens.valid}`);
    assert(await token(fromQuery).inputValue() === '', 'a token in the query string was read');
    assert(await fromQuery.locator('#query-warning').isVisible(), 'no warning about the query string');
    await fromQuery.close();
  });

  await check('usable by keyboard: Tab reaches the token field, typing shows the token', async () => {
    const typed = await open();
    await typed.keyboard.press('Tab');
    assert(await typed.evaluate(() => document.activeElement?.id) === 'token', 'the first Tab does not reach the token field');
    await typed.keyboard.insertText(tokens.valid);
    await waitForText(typed, 'state', /^valid/);
    for (let i = 0; i < 10 && (await typed.evaluate(() => document.activeElement?.id)) !== 'key'; i++) await typed.keyboard.press('Tab');
    assert(await typed.evaluate(() => document.activeElement?.id) === 'key', 'Tab does not reach the key field');
    await typed.keyboard.insertText(secret);
    await waitForText(typed, 'verdict', /^verified/);
    await typed.close();
  });

  await check('readable on a phone: at 360 px nothing scrolls sideways, text stays at least 14 px', async () => {
    const phone = await open();
    await phone.setViewportSize({ width: 360, height: 780 });
    await token(phone).fill(tokens.es);
    await key(phone).fill(jwks);
    await waitForText(phone, 'verdict', /^verified/);
    const { scroll, width, smallest } = await phone.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
      smallest: Math.min(...[...document.querySelectorAll('p, td, th, pre, label, li, .state, .verdict')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
    }));
    assert(scroll <= width, `the page is ${scroll} px wide in a ${width} px viewport`);
    assert(smallest >= 14, `text as small as ${smallest} px`);
    await phone.close();
  });

  await check('light and dark: the page follows prefers-color-scheme', async () => {
    const themed = await open();
    const luminance = () => themed.evaluate(() => {
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
    await themed.emulateMedia({ colorScheme: 'light' });
    const light = await luminance();
    await themed.emulateMedia({ colorScheme: 'dark' });
    const dark = await luminance();
    assert(light > 0.8 && dark < 0.2, `background luminance light ${light.toFixed(2)}, dark ${dark.toFixed(2)}`);
    await themed.close();
  });

  await check('served from 127.0.0.1, the server is asked for the page and nothing else', async () => {
    const before = served.length;
    const remote = await open(`${origin}/inspector.html`);
    await token(remote).fill(tokens.es);
    await key(remote).fill(jwks);
    await waitForText(remote, 'verdict', /^verified/);
    await remote.close();
    assert(JSON.stringify(served.slice(before)) === '["/inspector.html"]', `the server was asked for ${JSON.stringify(served.slice(before))}`);
  });

  if (screenshotPath) {
    await check(`screenshot saved (${screenshotPath})`, async () => {
      await token(page).fill(tokens.valid);
      await key(page).fill(secret);
      await waitForText(page, 'verdict', /^verified/);
      await page.setViewportSize({ width: 1100, height: 900 });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.screenshot({ path: resolve(screenshotPath), fullPage: true });
    });
  }
}
