/**
 * A vitest reporter for CI (`.ci/run` adds it to `npm test`): every minute, it
 * names each test file that was queued more than five minutes ago and has not
 * finished, with the last test that started in it. No file of this suite takes
 * a minute, so a name printed here is a file that hangs.
 *
 * Why it exists: one local run in many stalled after 24 files with its worker
 * idle (no test timed out, nothing printed), and the default reporter names
 * only files that finish, so that run could not say which file it was.
 */
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

const STALLED_AFTER_MS = 5 * 60_000;

const key = (module: TestModule) => `${module.project.name}\0${module.moduleId}`;

export default class Watchdog implements Reporter {
  /**
   * The files queued and not finished, by project and file (vitest hands the
   * hooks different TestModule objects for one file): when each was queued,
   * and the last test that started in it.
   */
  private readonly open = new Map<string, { module: TestModule; since: number; test?: string }>();
  private timer: ReturnType<typeof setInterval> | undefined;

  onTestRunStart(): void {
    this.timer = setInterval(() => this.report(), 60_000);
    this.timer.unref();
  }

  onTestModuleQueued(module: TestModule): void {
    this.open.set(key(module), { module, since: Date.now() });
  }

  onTestCaseReady(test: TestCase): void {
    const entry = this.open.get(key(test.module));
    if (entry) entry.test = test.fullName;
  }

  onTestModuleEnd(module: TestModule): void {
    this.open.delete(key(module));
  }

  onTestRunEnd(): void {
    clearInterval(this.timer);
  }

  private report(): void {
    const now = Date.now();
    for (const { module, since, test } of this.open.values()) {
      if (now - since < STALLED_AFTER_MS) continue;
      const file = relative(process.cwd(), module.moduleId);
      const minutes = Math.floor((now - since) / 60_000);
      console.error(`watchdog: ${module.project.name} ${file} queued ${minutes} min ago, not finished; last test started: ${test ?? 'none (still loading?)'}`);
    }
  }
}
