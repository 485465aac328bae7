/**
 * Run by jwks-process.test.ts in a child Node.js process (node --import tsx):
 * verifies one token against a remote set after a timed-out fetch, prints the
 * result, and then simply ends. The process must exit by itself, at once: a
 * timer or a socket left behind would keep it alive.
 * Usage: jwks-exit.child.ts <provider origin> <token>
 */
import { createRemoteJWKSet, isJWTError, verify } from '../../src/index.js';

const [origin, token] = process.argv.slice(2) as [string, string];
process.on('unhandledRejection', () => {
  console.log('unhandled rejection');
  process.exitCode = 1;
});
const slow = await verify(token, createRemoteJWKSet(`${origin}/slow`, { timeout: 0.2 })).catch((e: unknown) => e);
console.log(isJWTError(slow, 'ERR_JWKS_TIMEOUT') ? 'timed out' : 'expected a timeout');
// An hour's timeout: a timer left running after the fetch would keep the process alive that long.
const { payload } = await verify(token, createRemoteJWKSet(`${origin}/jwks`, { timeout: '1h' }));
console.log(`verified ${payload.sub}`);
