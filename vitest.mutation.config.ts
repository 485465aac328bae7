/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`, see
 * stryker.config.mjs): the `library` project of vitest.config.ts, as it is,
 * less what cannot kill a mutant of src/ or only repeats other tests slowly.
 *
 * - the type tests (`typecheck`): they check declarations, not behaviour;
 * - test/unit/runtime-suite.test.ts: the runtime conformance suite, which
 *   repeats checks of test/api/ and test/vectors/ in seconds per run (every
 *   mutant it covers would wait for it first);
 * - test/api/jwks-process.test.ts: a child process, which never runs a mutant;
 * - test/unit/bench.test.ts, test/unit/architecture.test.ts,
 *   test/unit/watchdog.test.ts: bench/, the import graph and the CI reporter,
 *   not the library's behaviour.
 *
 * The `web` project (the same tests on Web Crypto) is not run: the engines'
 * own tests (test/mutation/engines.test.ts) reach the Web Crypto engine.
 *
 * Files run quickest first (test/mutation/sequencer.ts): a mutant stops at
 * its first failing test, so one that a quick test kills never waits for the
 * slow files.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';
import QuickestFirst from './test/mutation/sequencer.js';

type Project = { test?: { name?: string; exclude?: string[] } } & Record<string, unknown>;
const library = (base.test?.projects as Project[]).find((project) => project.test?.name === 'library');
if (!library?.test) throw new Error('vitest.config.ts has no "library" project');

export default defineConfig({
  test: {
    sequence: { sequencer: QuickestFirst },
    projects: [
      {
        ...library,
        test: {
          ...library.test,
          typecheck: { enabled: false },
          exclude: [
            ...(library.test.exclude ?? []),
            'test/unit/runtime-suite.test.ts',
            'test/api/jwks-process.test.ts',
            'test/unit/bench.test.ts',
            'test/unit/architecture.test.ts',
            'test/unit/watchdog.test.ts',
          ],
        },
      },
    ],
  },
});
