import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'library',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/cli/**'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'test/tsconfig.json' },
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
