/// <reference types="vite/client" />
/**
 * Every module that `npm run test:mutation` mutates loads without throwing.
 *
 * A mutant of module-level code (a curve's prime, a decoder's encoding, a table
 * of algorithms) can make a module throw while it loads. Every test file that
 * imports the module statically then fails before any of its tests starts, and
 * Stryker's vitest runner, which counts test results, sees no test at all and
 * reports the mutant as survived. Here each module is imported inside a test,
 * so such a mutant fails a test and counts as killed.
 */
import { describe, expect, it } from 'vitest';

// The files of stryker.config.mjs's `mutate` (src/ and src/lib/, not the CLI or the inspector).
const MODULES = import.meta.glob(['../../src/*.ts', '../../src/lib/**/*.ts']);

describe('module loading', () => {
  it('finds the modules', () => {
    expect(Object.keys(MODULES)).toEqual(expect.arrayContaining(['../../src/index.ts', '../../src/lib/key-shapes.ts']));
    expect(Object.keys(MODULES).length).toBeGreaterThan(30);
  });

  it.each(Object.keys(MODULES))('%s loads', async (path) => {
    await expect(MODULES[path]!()).resolves.toBeTypeOf('object');
  });
});
