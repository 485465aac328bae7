/**
 * The order of test files in a mutation run (vitest.mutation.config.ts).
 * Stryker runs each mutant's tests in one worker and stops at the first
 * failing test (bail 1), so the order decides how long a killed mutant takes:
 * first the files that failed in the previous run (the mutant just before,
 * often on the next line, died there), then the quickest files, by their
 * last duration, else by size. vitest's own order is the reverse (the slowest
 * files first, to spread a full run over several workers), which made every
 * mutant wait for the slowest file that covers it.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export default class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const rank = (spec: TestSpecification): number[] => {
      const key = `${spec.project.name}:${relative(config.root, spec.moduleId)}`;
      const results = cache.getFileTestResults(key);
      return [results?.failed ? 0 : 1, results?.duration ?? Number.MAX_VALUE, cache.getFileStats(key)?.size ?? Number.MAX_VALUE];
    };
    const ranks = new Map(files.map((spec) => [spec, rank(spec)]));
    const compare = (a: number[], b: number[]) => a.map((value, i) => value - b[i]!).find((difference) => difference !== 0) ?? 0;
    return [...files].sort((a, b) => compare(ranks.get(a)!, ranks.get(b)!));
  }
}
