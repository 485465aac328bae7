/** `webjwt inspector`: where the offline inspector page is, and `--open` to open it. */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command.js';
import { err, out } from '../io.js';

export const inspectorCommand: Command = {
  spec: {
    name: 'inspector',
    summary: 'Print the path of the offline token inspector page, dist/inspector.html in this package.',
    operands: '',
    maxOperands: 0,
    options: {
      open: { type: 'boolean', help: 'also open it in the default browser' },
    },
    notes: [
      'The page works from file://, offline: its Content-Security-Policy forbids every network',
      'connection, so a token pasted into it goes nowhere.',
    ],
  },
  async run(args) {
    // Beside this file: dist/cli.js and dist/inspector.html.
    const page = fileURLToPath(new URL('./inspector.html', import.meta.url));
    if (!existsSync(page)) {
      err(`the inspector page is missing from this installation (${page})`);
      return 1;
    }
    out(page);
    if (args.flag('open')) return openInBrowser(page);
    return 0;
  },
};

/** The platform's "open this file" command, detached: the CLI does not wait for the browser. */
function openInBrowser(path: string): Promise<number> {
  const [command, argv] =
    process.platform === 'darwin' ? ['open', [path]] :
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', path]] :
    ['xdg-open', [path]];
  return new Promise((resolve) => {
    const child = spawn(command, argv, { detached: true, stdio: 'ignore' });
    child.on('error', () => {
      err(`could not run ${command}; open the file above in a browser`);
      resolve(1);
    });
    child.on('spawn', () => {
      child.unref();
      resolve(0);
    });
  });
}
