import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // The library as the default build runs it: node:crypto signs and verifies.
        extends: true,
        define: { WEBJWT_WEB_ONLY: 'false' },
        test: {
          name: 'library',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/cli/**'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'test/tsconfig.json' },
        },
      },
      {
        // The same tests as the Web Crypto build runs them (browsers, workers, `webjwt/web`).
        extends: true,
        define: { WEBJWT_WEB_ONLY: 'true' },
        test: {
          name: 'web',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/cli/**'],
        },
      },
      {
        // The CLI, run as a user runs it: the packed tarball installed in a temporary folder, once
        // (globalSetup, which vitest calls only when one of these files runs).
        extends: true,
        test: {
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          globalSetup: ['test/cli/install.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
