/**
 * webjwt/testing's serve() against a stand-in `node:http` (reached through
 * process.getBuiltinModule, as in the module): how it listens, what a listen
 * error does, how it answers a request without a URL or method, a HEAD, and a
 * close on a runtime whose servers lack closeAllConnections. Then the base64url
 * of an HS issuer's secret, with bytes that need every substitution.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestIssuer } from '../../src/testing.js';
import { failure } from './kit.js';

type Listener = (request: { url?: string; method?: string }, response: unknown) => void;

/** A `node:http` whose one server records what it is asked; `listenError` makes listen fail. */
function fakeHTTP({ listenError, closeAll }: { listenError?: Error; closeAll?: () => void } = {}) {
  const state: { listener?: Listener; host?: string; port?: number; closed: boolean } = { closed: false };
  const errorListeners: ((error: unknown) => void)[] = [];
  const server = {
    listen(port: number, host: string, listening: () => void) {
      Object.assign(state, { port, host });
      if (listenError && errorListeners.length > 0) errorListeners.forEach((listener) => listener(listenError));
      else listening();
    },
    once(event: string, listener: (error: unknown) => void) {
      if (event === 'error') errorListeners.push(listener);
    },
    address: () => ({ port: 4321 }),
    close(closed: () => void) {
      state.closed = true;
      closed();
    },
    ...(closeAll ? { closeAllConnections: closeAll } : {}),
  };
  const http = {
    createServer(listener: Listener) {
      state.listener = listener;
      return server;
    },
  };
  /** What the server answers `request`: the status, headers and the body it ended with. */
  const ask = (request: { url?: string; method?: string }) => {
    const sent: { status?: number; headers?: Record<string, string>; body?: string; ended: boolean } = { ended: false };
    state.listener!(request, {
      writeHead(status: number, headers: Record<string, string>) {
        Object.assign(sent, { status, headers });
        return { end: (body?: string) => Object.assign(sent, { body, ended: true }) };
      },
    });
    return sent;
  };
  return { http, state, ask };
}

function useHTTP(http: object) {
  const { getBuiltinModule } = process;
  vi.spyOn(process, 'getBuiltinModule').mockImplementation(((id: string) =>
    id === 'node:http' ? http : getBuiltinModule(id)) as typeof process.getBuiltinModule);
}

afterEach(() => vi.restoreAllMocks());

describe('createTestIssuer: serve() on a stand-in node:http', () => {
  it('listens on 127.0.0.1, port 0; answers GET, HEAD without a body, and 404/405 otherwise', async () => {
    const idp = await createTestIssuer({ issuer: 'https://idp.test/realm' });
    const { http, state, ask } = fakeHTTP();
    useHTTP(http);
    const server = await idp.serve();
    expect([state.host, state.port]).toEqual(['127.0.0.1', 0]);
    expect(server).toMatchObject({ url: 'http://127.0.0.1:4321/realm', jwksURL: 'http://127.0.0.1:4321/realm/.well-known/jwks.json' });
    const jwks = ask({ url: '/realm/.well-known/jwks.json', method: 'GET' });
    expect([jwks.status, jwks.headers, JSON.parse(jwks.body!)]).toEqual([200, { 'content-type': 'application/jwk-set+json' }, idp.jwks]);
    const metadata = ask({ url: '/realm/.well-known/openid-configuration?x=1', method: 'GET' });
    expect(JSON.parse(metadata.body!)).toMatchObject({ issuer: 'https://idp.test/realm', jwks_uri: server.jwksURL });
    const head = ask({ url: '/realm/.well-known/jwks.json', method: 'HEAD' });
    expect([head.status, head.ended, head.body]).toEqual([200, true, undefined]);
    expect(ask({ method: 'GET' }).status).toBe(404); // no URL: "/"
    expect(ask({ url: '/realm/.well-known/jwks.json' }).status).toBe(405); // no method
    expect(ask({ url: '/realm/.well-known/jwks.json', method: 'PUT' }).status).toBe(405);
  });

  it('close() resolves once the server has closed, with or without closeAllConnections', async () => {
    const idp = await createTestIssuer();
    const without = fakeHTTP();
    useHTTP(without.http);
    await (await idp.serve()).close();
    expect(without.state.closed).toBe(true);
    vi.restoreAllMocks();
    const closeAll = vi.fn();
    const withIt = fakeHTTP({ closeAll });
    useHTTP(withIt.http);
    await (await idp.serve()).close();
    expect([withIt.state.closed, closeAll.mock.calls.length]).toEqual([true, 1]);
  });

  it('a listen error rejects serve() with that error', async () => {
    const idp = await createTestIssuer();
    const busy = new Error('EADDRINUSE');
    useHTTP(fakeHTTP({ listenError: busy }).http);
    expect((await failure(idp.serve())).error).toBe(busy);
  });

  it('a node:http without createServer is none (its message)', async () => {
    const idp = await createTestIssuer();
    useHTTP({});
    const outcome = await failure(idp.serve());
    expect([outcome.kind, outcome.message]).toEqual([
      'TypeError',
      '"serve" expected a runtime with node:http (Node.js, Deno, Bun), got one without: use the issuer\'s fetch',
    ]);
  });
});

describe('createTestIssuer: serve() where there is no node:http', () => {
  const MESSAGE = '"serve" expected a runtime with node:http (Node.js, Deno, Bun), got one without: use the issuer\'s fetch';

  /** serve() reads node:http before its first await: `without` holds only for that synchronous part. */
  async function serveWithout(idp: Awaited<ReturnType<typeof createTestIssuer>>, without: () => () => void) {
    const restore = without();
    let pending: Promise<unknown>;
    try {
      pending = idp.serve();
    } finally {
      restore();
    }
    return failure(pending);
  }

  it('no process (a browser), or a process without getBuiltinModule: a TypeError that says so', async () => {
    const idp = await createTestIssuer();
    const noProcess = await serveWithout(idp, () => {
      const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'process')!;
      Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
      return () => Object.defineProperty(globalThis, 'process', descriptor);
    });
    expect([noProcess.kind, noProcess.message]).toEqual(['TypeError', MESSAGE]);
    const noBuiltins = await serveWithout(idp, () => {
      const { getBuiltinModule } = process;
      Object.assign(process, { getBuiltinModule: undefined });
      return () => Object.assign(process, { getBuiltinModule });
    });
    expect([noBuiltins.kind, noBuiltins.message]).toEqual(['TypeError', MESSAGE]);
  });
});

describe('createTestIssuer: an HS issuer\'s secret as a JWK', () => {
  it.each([['HS256', 32], ['HS384', 48], ['HS512', 64]] as const)('%s: k is the base64url of its bytes (every "+" and "/" and the padding replaced)', async (alg, length) => {
    // 0xfb 0xfb 0xfb is "+/v7" in base64: each substitution is needed; 32 and 64 bytes end in padding.
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(((bytes: Uint8Array) => bytes.fill(0xfb)) as never);
    const idp = await createTestIssuer({ alg });
    vi.restoreAllMocks();
    expect(idp.jwks.keys[0]!.k).toBe(Buffer.alloc(length, 0xfb).toString('base64url'));
  });
});
