/** The command line itself: help, version, exit code 2, colour only on a terminal, the inspector command. */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ANSI, AT, SECRET, expectRun, joseToken, nowSeconds, secretBytes, webjwt } from './helpers.js';

const COMMANDS = ['decode', 'inspect', 'verify', 'sign', 'keygen', 'thumbprint', 'inspector'];
const token = await joseToken({ sub: 'u', exp: nowSeconds + 600 }, secretBytes);
const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

describe('webjwt: help, version, usage errors', () => {
  it('--help and -h on every command: exit 0, usage and options on stdout', async () => {
    for (const command of COMMANDS) {
      for (const flag of ['--help', '-h']) {
        const run = expectRun(await webjwt([command, flag]), 0);
        expect(run.stdout, command).toMatch(new RegExp(`^usage: webjwt ${command}`));
        expect(run.stdout, command).toMatch(/^ {2}-h, --help +show this help$/m);
        expect(run.stderr).toBe('');
      }
    }
    const overview = expectRun(await webjwt(['--help']), 0).stdout;
    for (const command of COMMANDS) expect(overview).toMatch(new RegExp(`^ {2}${command} `, 'm'));
  });

  it('--version prints the package version', async () => {
    expect(expectRun(await webjwt(['--version']), 0).stdout).toBe(`${version}\n`);
  });

  it('exit 2 with a short usage on stderr: no command, an unknown command, an unknown option, a missing value, too many arguments', async () => {
    const cases: [string[], RegExp][] = [
      [[], /^usage: webjwt <command>/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['decode', token, '--colour'], /webjwt decode: unknown option --colour\nusage: webjwt decode \[token\|-\] \[options\]/],
      [['verify', token, '--secret'], /option --secret needs a value/],
      [['decode', token, token], /takes at most 1 argument, got 2/],
      [['inspector', 'extra'], /takes no arguments/],
      [['keygen', 'ES256', '--jwk=yes'], /option --jwk takes no value/],
    ];
    for (const [args, message] of cases) {
      const run = expectRun(await webjwt(args), 2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });

  it('a value that looks like an option is never echoed in the message', async () => {
    const run = expectRun(await webjwt(['verify', token, '--secret', `-${SECRET}`]), 2, [SECRET]);
    expect(run.stderr).toMatch(/option --secret needs a value; a value that starts with "-" is written --secret=VALUE/);
  });
});

// `script` (util-linux) runs a command in a pseudo-terminal: the only way to give the CLI a TTY here.
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** Runs the installed webjwt on a pseudo-terminal; its output (stdout and stderr, as the terminal shows them) and exit code. */
function onTTY(args: string[], env: Record<string, string> = {}): { code: number | null; out: string } {
  const bin = join(inject('cliApp'), 'node_modules', '.bin', 'webjwt');
  const run = spawnSync('script', ['-qec', [bin, ...args].map(quote).join(' '), '/dev/null'], {
    env: { ...process.env, TZ: 'UTC', TERM: 'xterm', NO_COLOR: '', ...env },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout };
}

describe.skipIf(!hasScript)('webjwt on a terminal (through script(1); skipped where util-linux script is missing)', () => {
  it('colour on a TTY, on stdout and stderr', () => {
    expect(onTTY(['inspect', token, ...AT])).toMatchObject({ code: 0, out: expect.stringMatching(ANSI) });
    expect(onTTY(['verify', token, '--secret', 'wrong secret, but long enough to use', ...AT])).toMatchObject({ code: 1, out: expect.stringMatching(/\x1b\[31m/) });
  });

  it('never with NO_COLOR', () => {
    const { code, out } = onTTY(['inspect', token, ...AT], { NO_COLOR: '1' });
    expect(code).toBe(0);
    expect(out).toMatch(/State {2}valid/);
    expect(out).not.toMatch(ANSI);
  });

  it('no token and stdin a terminal: exit 2, not a hang', () => {
    expect(onTTY(['decode'])).toMatchObject({ code: 2, out: expect.stringMatching(/no token: give it as an argument, or on stdin/) });
  });
});

describe('webjwt inspector', () => {
  it('prints the path of dist/inspector.html in the installed package', async () => {
    const path = expectRun(await webjwt(['inspector']), 0).stdout.trim();
    expect(path).toBe(join(inject('cliApp'), 'node_modules', 'webjwt', 'dist', 'inspector.html'));
    expect(readFileSync(path, 'utf8')).toMatch(/connect-src 'none'/);
  });

  it('--open hands the page to the platform opener (xdg-open here), without waiting for it', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'webjwt-opener-'));
    const log = join(bin, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" > ${quote(log)}\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const run = expectRun(await webjwt(['inspector', '--open'], { env: { PATH: `${bin}:${process.env.PATH}` } }), 0);
    for (let i = 0; i < 100 && !existsSync(log); i++) await new Promise((resolve) => setTimeout(resolve, 50)); // the opener is detached
    expect(readFileSync(log, 'utf8').trim()).toBe(run.stdout.trim());
  });

  it('--open without an opener: exit 1, the path still printed', async () => {
    const onlyNode = mkdtempSync(join(tmpdir(), 'webjwt-no-opener-'));
    symlinkSync(process.execPath, join(onlyNode, 'node')); // for #!/usr/bin/env node, and nothing else
    const run = expectRun(await webjwt(['inspector', '--open'], { env: { PATH: onlyNode } }), 1);
    expect(run.stdout).toMatch(/inspector\.html\n$/);
    expect(run.stderr).toMatch(/could not run xdg-open/);
  });
});
