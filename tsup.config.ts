import { defineConfig, type Options } from 'tsup';

/**
 * The CLI is a client of the library: its imports of the public API (`../index.js`) stay imports of
 * the built library beside it (`./index.js`), so `webjwt verify` runs exactly the code a server runs.
 */
const libraryBesideCLI: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'library-beside-cli',
  setup(build) {
    build.onResolve({ filter: /^(\.\.\/)+index\.js$/ }, () => ({ path: './index.js', external: true }));
  },
};

/**
 * `webjwt/testing` is a client of the library too: its `./index.js` imports stay imports of the
 * library beside it, in the format being built (`./index.cjs` from testing.cjs), so a test and
 * the code under test share one copy of webjwt, and the main bundle never contains the helper.
 */
const libraryBesideTesting = (build: 'index' | 'web'): NonNullable<Options['esbuildPlugins']>[number] => ({
  name: 'library-beside-testing',
  setup(esbuild) {
    const library = `./${build}.${esbuild.initialOptions.format === 'cjs' ? 'cjs' : 'js'}`;
    esbuild.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: library, external: true }));
  },
});

export default defineConfig([
  // One readable, unminified file per format: users may copy dist/index.js as a reference implementation.
  // The default build signs and verifies through node:crypto where the runtime has it (Node.js, Bun, Deno).
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: ['!cli.js', '!testing.*'], // the configs build at once: leave the others' output alone
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    sourcemap: false,
    minify: false,
    treeshake: true,
    define: { WEBJWT_WEB_ONLY: 'false' },
  },
  // The Web Crypto build (browsers, workers, workerd, and `webjwt/web`): the same code without the
  // node:crypto engine, which the constant drops. Types are the default build's (dist/index.d.ts).
  {
    entry: { web: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: false,
    clean: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    sourcemap: false,
    minify: false,
    treeshake: true,
    define: { WEBJWT_WEB_ONLY: 'true' },
  },
  // `webjwt/testing` (package.json "exports"): dist/testing.js and .cjs, with their .d.ts and .d.cts.
  {
    entry: { testing: 'src/testing.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    sourcemap: false,
    minify: false,
    esbuildPlugins: [libraryBesideTesting('index')],
  },
  // Its Web Crypto twin (dist/testing.web.js and .cjs), beside dist/web.js, for the browser conditions:
  // a browser test bundles one copy of the library.
  {
    entry: { 'testing.web': 'src/testing.ts' },
    format: ['esm', 'cjs'],
    dts: false,
    clean: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    sourcemap: false,
    minify: false,
    esbuildPlugins: [libraryBesideTesting('web')],
  },
  // The `webjwt` command (package.json "bin"): dist/cli.js, ESM for Node.js.
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    sourcemap: false,
    minify: false,
    banner: { js: '#!/usr/bin/env node' },
    removeNodeProtocol: false,
    esbuildPlugins: [libraryBesideCLI],
  },
]);
