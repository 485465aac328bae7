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

export default defineConfig([
  // One readable, unminified file per format: users may copy dist/index.js as a reference implementation.
  // The default build signs and verifies through node:crypto where the runtime has it (Node.js, Bun, Deno).
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: ['!cli.js'], // both configs build at once: leave the CLI's output alone
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
