/**
 * The CI watchdog reporter (test/reporters/watchdog.ts), driven through its
 * hooks with a fake clock: it names a file queued more than five minutes ago
 * and not finished, with the last test that started in it, and nothing else.
 * vitest hands each hook its own TestModule object for one file, so the test
 * does too: a reporter keyed by object would report every finished file.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestCase, TestModule } from 'vitest/node';
import Watchdog from '../reporters/watchdog.js';

/** A fresh TestModule-like object for `file` in `project`, as vitest passes one per hook. */
const module = (file: string, project = 'library') =>
  ({ moduleId: `${process.cwd()}/${file}`, project: { name: project } }) as unknown as TestModule;
const testCase = (file: string, fullName: string, project = 'library') =>
  ({ module: module(file, project), fullName }) as unknown as TestCase;

const MINUTE = 60_000;

describe('watchdog reporter', () => {
  let lines: string[];
  let watchdog: Watchdog;

  beforeEach(() => {
    vi.useFakeTimers();
    lines = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    watchdog = new Watchdog();
    watchdog.onTestRunStart();
  });

  afterEach(() => {
    watchdog.onTestRunEnd();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('names a file unfinished after five minutes, with the last test that started, once a minute', () => {
    watchdog.onTestModuleQueued(module('test/a.test.ts'));
    watchdog.onTestCaseReady(testCase('test/a.test.ts', 'suite > first'));
    watchdog.onTestCaseReady(testCase('test/a.test.ts', 'suite > second'));
    vi.advanceTimersByTime(4 * MINUTE);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(2 * MINUTE);
    expect(lines).toEqual([
      'watchdog: library test/a.test.ts queued 5 min ago, not finished; last test started: suite > second',
      'watchdog: library test/a.test.ts queued 6 min ago, not finished; last test started: suite > second',
    ]);
  });

  it('says when no test has started in the file', () => {
    watchdog.onTestModuleQueued(module('test/b.test.ts'));
    vi.advanceTimersByTime(5 * MINUTE);
    expect(lines).toEqual(['watchdog: library test/b.test.ts queued 5 min ago, not finished; last test started: none (still loading?)']);
  });

  it('forgets a finished file, though its end comes with another TestModule object', () => {
    watchdog.onTestModuleQueued(module('test/a.test.ts'));
    watchdog.onTestModuleQueued(module('test/c.test.ts'));
    watchdog.onTestModuleEnd(module('test/a.test.ts'));
    vi.advanceTimersByTime(10 * MINUTE);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.startsWith('watchdog: library test/c.test.ts '))).toBe(true);
  });

  it('tells projects apart: one file finished in one project is still open in another', () => {
    watchdog.onTestModuleQueued(module('test/a.test.ts', 'library'));
    watchdog.onTestModuleQueued(module('test/a.test.ts', 'web'));
    watchdog.onTestCaseReady(testCase('test/a.test.ts', 'on web', 'web'));
    watchdog.onTestModuleEnd(module('test/a.test.ts', 'library'));
    vi.advanceTimersByTime(5 * MINUTE);
    expect(lines).toEqual(['watchdog: web test/a.test.ts queued 5 min ago, not finished; last test started: on web']);
  });

  it('stops reporting when the run ends', () => {
    watchdog.onTestModuleQueued(module('test/a.test.ts'));
    watchdog.onTestRunEnd();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(lines).toEqual([]);
  });
});
