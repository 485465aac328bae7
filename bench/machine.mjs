/**
 * What a result is worth without: the machine (CPU model, cores, the cores
 * this process may use, its load) and the version of every library timed,
 * webjwt's with its commit.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';

/** The 1-minute load average: how busy the machine was, beside its cores (a shared machine's numbers need it). */
export const loadAverage = () => Math.round(loadavg()[0] * 10) / 10;

export function describeMachine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    allowedCores: allowedCores(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
  };
}

/** The cores this process may run on (Linux: Cpus_allowed_list), to show the pinning took effect. */
function allowedCores() {
  try {
    return readFileSync('/proc/self/status', 'utf8').match(/^Cpus_allowed_list:\s*(.+)$/m)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** `{ package: version }` for every library a row uses; webjwt's as `version (commit[, modified])`. */
export function libraryVersions(root, rows) {
  const versions = {};
  for (const library of new Set(rows.map((row) => row.library).filter(Boolean))) {
    const dir = library === 'webjwt' ? root : join(root, 'node_modules', library);
    versions[library] = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  }
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'src', 'package.json', 'tsup.config.ts') !== '';
    versions.webjwt += ` (${git('rev-parse', '--short', 'HEAD')}${dirty ? ', modified' : ''})`;
  } catch {
    // not a git checkout: the version alone
  }
  return versions;
}
