import { defineConfig } from 'tsup';

// One readable, unminified file per format: users may copy dist/index.js as a reference implementation.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: false,
  sourcemap: false,
  minify: false,
  treeshake: true,
});
