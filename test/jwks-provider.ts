/**
 * A fake identity provider for the remote key set tests: a real node:http server
 * on 127.0.0.1 at a random port, serving a JWKS (and whatever a test makes it
 * serve), counting the requests per path. Never a mocked fetch. Also the test
 * clock: remote sets read `clock.now`, which tests move instead of sleeping.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, beforeEach } from 'vitest';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, sign, type JWK, type JWTPayload, type SignOptions } from '../src/index.js';
import { clock } from '../src/lib/jwks/state.js';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface Provider {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** origin + /jwks */
  jwksURL: string;
  /** The keys /jwks serves. */
  keys: JWK[];
  /** Extra response headers of /jwks (e.g. cache-control). */
  headers: Record<string, string>;
  /** Replaces the default handler (the JWKS at /jwks, 404 elsewhere) when set. */
  handler?: Handler;
  /** Requests received, by path (with query). */
  hits: Record<string, number>;
  /** Requests to /jwks. */
  readonly jwksHits: number;
  close(): Promise<void>;
}

export async function startProvider(keys: JWK[] = []): Promise<Provider> {
  const provider: Provider = {
    origin: '',
    jwksURL: '',
    keys,
    headers: {},
    hits: {},
    get jwksHits() {
      return provider.hits['/jwks'] ?? 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    provider.hits[path] = (provider.hits[path] ?? 0) + 1;
    if (provider.handler) return provider.handler(request, response);
    if (path !== '/jwks') return json(response, 404, { error: 'not found' });
    json(response, 200, { keys: provider.keys }, provider.headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.jwksURL = `${provider.origin}/jwks`;
  return provider;
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** An ES256 key pair: the public JWK (with `kid`) to serve, and a function that signs tokens with its private key. */
export async function signingKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'ES256' };
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid };
  return {
    kid,
    publicJwk,
    privateJwk,
    token: (payload: JWTPayload = { sub: 'user' }, options: SignOptions = {}) => sign(payload, privateKey, { kid, ...options }),
  };
}

/** The test clock: starts at the real time and moves only when told. */
export function useTestClock() {
  let now = Date.now();
  clock.now = () => now;
  return {
    advance(seconds: number) {
      now += seconds * 1000;
    },
    get now() {
      return now;
    },
    restore() {
      clock.now = () => Date.now();
    },
  };
}

/** Resolves once `condition()` holds (checked every few milliseconds); fails after 10 s. Synchronisation, not timing. */
export async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error('the condition did not come true within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export type TestClock = ReturnType<typeof useTestClock>;

/** A fresh provider serving `keys` and a fresh test clock for each test of the file (`ctx.provider`, `ctx.time`). */
export function providerPerTest(keys: JWK[]): { provider: Provider; time: TestClock } {
  const ctx = {} as { provider: Provider; time: TestClock };
  beforeEach(async () => {
    ctx.provider = await startProvider([...keys]);
    ctx.time = useTestClock();
  });
  afterEach(async () => {
    ctx.time.restore();
    await ctx.provider.close();
  });
  return ctx;
}
