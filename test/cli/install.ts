/**
 * vitest globalSetup for test/cli: packs the package (npm pack runs prepack, which builds dist/),
 * installs the tarball into a temporary folder as a user would (offline: webjwt has no
 * dependencies), and provides that folder to the tests, which run node_modules/.bin/webjwt.
 */
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder with node_modules/.bin/webjwt from the installed tarball. */
    cliApp: string;
  }
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export default function setup(project: TestProject): () => void {
  const app = mkdtempSync(join(tmpdir(), 'webjwt-cli-'));
  const packs = join(app, 'pack');
  mkdirSync(packs);
  const quiet: ExecFileSyncOptions = { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] };
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packs], quiet);
  const tarball = readdirSync(packs).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack made no tarball');
  writeFileSync(join(app, 'package.json'), '{ "name": "webjwt-cli-test", "private": true }\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', join(packs, tarball)], { ...quiet, cwd: app });
  project.provide('cliApp', app);
  return () => rmSync(app, { recursive: true, force: true });
}
