/**
 * Debian's Chromium (/usr/bin/chromium, or $CHROMIUM), headless, through playwright-core, with
 * the flags that work on this kind of machine (no sandbox as root, no GPU, nothing in the
 * background that would reach the network), in a fresh profile that `close` removes.
 * Used by run-chromium.mjs (the conformance suite) and run-inspector.mjs (the inspector page).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export async function launchChromium(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'webjwt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
