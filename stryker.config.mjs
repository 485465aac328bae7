// @ts-check
/**
 * Mutation testing (`npm run test:mutation`): StrykerJS changes the code of
 * src/lib/ and the public verbs one mutant at a time and runs the tests that
 * reach it; a mutant no test notices is a gap, or an equivalent mutant
 * (stryker.equivalent.json says which, and why). Not part of `npm test`: a full
 * run takes long (see the README's "Mutation testing"). Incremental: a rerun
 * tests only the mutants of changed code, or of code whose tests changed.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // Only the `library` project (see vitest.mutation.config.ts): `web` runs the same tests on the other engine, `cli` packs a tarball.
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/lib/**/*.ts', 'src/*.ts', '!src/index.ts', '!src/errors.ts', '!src/types.ts'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 95, low: 90, break: 90 },
  // The machine has two cores, shared: more runners only wait for each other.
  concurrency: 2,
  timeoutMS: 10_000,
  tempDirName: 'reports/mutation/tmp',
  // vitest transpiles without type checking: there is nothing to disable.
  disableTypeChecks: false,
  ignorePatterns: ['dist', 'docs/api', 'bench/results', 'reports', 'test/runtimes/node_modules'],
};
