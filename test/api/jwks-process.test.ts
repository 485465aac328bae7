/**
 * A process that verified a token against a remote set exits at once: no
 * timer (the fetch timeout is cleared) and no socket keeps it alive. A child
 * Node.js process runs jwks-exit.child.ts and must end by itself; it is killed
 * if it has not after 30 s (a hang check, not a timing assertion).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { signingKey, startProvider, type Provider } from '../jwks-provider.js';

let provider: Provider | undefined;
afterEach(() => provider?.close());

it('a process that verified one token against a remote set exits by itself', async () => {
  const k1 = await signingKey('k1');
  provider = await startProvider([k1.publicJwk]);
  const jwks = provider;
  provider.handler = (request, response) => {
    if (request.url === '/jwks') response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: jwks.keys }));
    // anything else (/slow) is never answered
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./jwks-exit.child.ts', import.meta.url)), provider.origin, await k1.token({ sub: 'child' })],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  clearTimeout(killer);
  expect({ code, signal, output: output.trim().split('\n') }).toEqual({ code: 0, signal: null, output: ['timed out', 'verified child'] });
  expect(provider.hits).toEqual({ '/slow': 1, '/jwks': 1 });
}, 40_000);
