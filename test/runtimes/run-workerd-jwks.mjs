/**
 * Remote key sets inside a real Cloudflare worker (workerd, through miniflare),
 * with and without nodejs_compat: a worker verifies tokens against a JWKS that
 * a node:http server on 127.0.0.1 serves (counting its requests), creating the
 * set inside its handler as people do. Checked: a cold and a warm set;
 * concurrent requests on a cold set (none may hang: workerd never lets one
 * request finish I/O another started; see src/lib/jwks/remote.ts); concurrent
 * verifications within one request (one fetch); a request that ends while its
 * fetch is under way, followed by another; the set kept in KV through `cache`,
 * read by a new isolate without a request; failures as JWTErrors.
 * The worker is bundled with esbuild from the installed package, as
 * run-workerd.mjs does. Usage: node run-workerd-jwks.mjs <app dir> <fixtures.json>
 */
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { report } from './report.mjs';

const [appDir, fixturesPath] = process.argv.slice(2);
const { keys } = JSON.parse(readFileSync(fixturesPath, 'utf8'));
const webjwt = await import(pathToFileURL(join(appDir, 'node_modules', 'webjwt', 'dist', 'index.js')).href);
const publicJwk = { ...keys['P-256'].publicJwk, kid: 'k1' };
const token = (sub, kid = 'k1') => webjwt.sign({ sub }, keys['P-256'].privateJwk, { kid, expiresIn: '1h' });

// The worker: POST { jwks, tokens, mode } -> { ok, subs } or { ok: false, code }.
const WORKER = `
  import { createRemoteJWKSet, isJWTError, verify } from 'webjwt';
  const kv = (env) => ({ get: () => env.KEYS.get('jwks', 'json'), set: (entry) => env.KEYS.put('jwks', JSON.stringify(entry)) });
  export default {
    async fetch(request, env) {
      const { jwks, tokens, mode } = await request.json();
      const keys = createRemoteJWKSet(jwks, mode === 'kv' ? { cache: kv(env) } : {});
      if (mode === 'abandon') {
        verify(tokens[0], keys).catch(() => {}); // the response goes out while the fetch is under way
        return Response.json({ ok: true, subs: [] });
      }
      try {
        const verified = await Promise.all(tokens.map((t) => verify(t, keys)));
        return Response.json({ ok: true, subs: verified.map((v) => v.payload.sub) });
      } catch (error) {
        return Response.json({ ok: false, code: isJWTError(error) ? error.code : String(error) });
      }
    },
  };
`;
const bundle = await build({
  stdin: { contents: WORKER, resolveDir: appDir, sourcefile: 'worker.js' },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  write: false,
  nodePaths: [join(appDir, 'node_modules')],
});

// The provider: /<name> serves the JWKS after `delay[name]` ms (or `status[name]`), counting requests per name.
const hits = {};
const delay = {};
const status = {};
const server = createServer((request, response) => {
  const name = request.url.slice(1);
  hits[name] = (hits[name] ?? 0) + 1;
  setTimeout(() => {
    response.writeHead(status[name] ?? 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [publicJwk] }));
  }, delay[name] ?? 0);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const results = [];
const persist = mkdtempSync(join(tmpdir(), 'webjwt-workerd-kv-'));
const HANG_MS = 20_000;
try {
  for (const flags of [[], ['nodejs_compat']]) {
    const label = flags.length ? ' (nodejs_compat)' : '';
    const start = () =>
      new Miniflare({
        modules: true,
        script: bundle.outputFiles[0].text,
        compatibilityDate: '2026-04-01',
        compatibilityFlags: flags,
        kvNamespaces: ['KEYS'],
        kvPersist: join(persist, flags.join() || 'plain'),
        cf: false, // no request for Cloudflare's request metadata: nothing leaves this machine
      });
    let mf = start();
    const name = (n) => `${n}${flags.join()}`;
    /** One request to the worker; a hang is a failure, not a stuck runner. */
    const call = async (jwks, tokens, mode) => {
      const body = JSON.stringify({ jwks: `${origin}/${jwks}`, tokens: await Promise.all(tokens), mode });
      const answer = mf.dispatchFetch('http://worker/', { method: 'POST', body }).then((r) => r.json());
      const hang = new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${HANG_MS / 1000} s: hung`)), HANG_MS).unref());
      return Promise.race([answer, hang]);
    };
    const check = async (title, run) => {
      try {
        await run();
        results.push({ name: `${title}${label}`, status: 'pass' });
      } catch (error) {
        results.push({ name: `${title}${label}`, status: 'fail', detail: String(error?.message ?? error) });
      }
    };
    const expect = (condition, what) => {
      if (!condition) throw new Error(what);
    };

    await check('a cold set: fetched once, the token verifies', async () => {
      const answer = await call(name('a'), [token('alice')]);
      expect(answer.ok && answer.subs[0] === 'alice', `answer ${JSON.stringify(answer)}`);
      expect(hits[name('a')] === 1, `requests: ${hits[name('a')]}`);
    });
    await check('a warm set: the next request makes no request, though it creates the set again', async () => {
      const answer = await call(name('a'), [token('bob')]);
      expect(answer.ok && answer.subs[0] === 'bob', `answer ${JSON.stringify(answer)}`);
      expect(hits[name('a')] === 1, `requests: ${hits[name('a')]}`);
    });
    await check('concurrent verifications within one request make one request', async () => {
      const answer = await call(name('b'), Array.from({ length: 20 }, (_, i) => token(`u${i}`)));
      expect(answer.ok && answer.subs.length === 20, `answer ${JSON.stringify(answer)}`);
      expect(hits[name('b')] === 1, `requests: ${hits[name('b')]}`);
    });
    await check('concurrent requests on a cold set: every one verifies, none hangs', async () => {
      delay[name('c')] = 200;
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call(name('c'), [token(`c${i}`)])));
      expect(answers.every((a, i) => a.ok && a.subs[0] === `c${i}`), `answers ${JSON.stringify(answers)}`);
      // At most one fetch per request: a request never waits on another's.
      expect(hits[name('c')] >= 1 && hits[name('c')] <= 10, `requests: ${hits[name('c')]}`);
    });
    await check('a request that ends while its fetch is under way does not hang the next', async () => {
      delay[name('d')] = 300;
      expect((await call(name('d'), [token('gone')], 'abandon')).ok, 'the first request answers');
      const answer = await call(name('d'), [token('next')]);
      expect(answer.ok && answer.subs[0] === 'next', `answer ${JSON.stringify(answer)}`);
      expect(hits[name('d')] === 2, `requests: ${hits[name('d')]}`);
    });
    await check('the set kept in KV through `cache`: a new isolate verifies without a request', async () => {
      expect((await call(name('e'), [token('kv1')], 'kv')).ok, 'first verification');
      expect(hits[name('e')] === 1, `requests: ${hits[name('e')]}`);
      await mf.dispose();
      mf = start(); // a new isolate: nothing in memory, the same KV
      const answer = await call(name('e'), [token('kv2')], 'kv');
      expect(answer.ok && answer.subs[0] === 'kv2', `answer ${JSON.stringify(answer)}`);
      expect(hits[name('e')] === 1, `requests: ${hits[name('e')]}`);
    });
    await check('failures are JWTErrors and leave the worker working', async () => {
      status[name('f')] = 500;
      const failed = await call(name('f'), [token('x')]);
      expect(!failed.ok && failed.code === 'ERR_JWKS_FETCH_FAILED', `answer ${JSON.stringify(failed)}`);
      const unknown = await call(name('a'), [token('x', 'k9')]);
      expect(!unknown.ok && unknown.code === 'ERR_JWKS_NO_MATCHING_KEY', `answer ${JSON.stringify(unknown)}`);
      const fine = await call(name('a'), [token('still')]);
      expect(fine.ok && fine.subs[0] === 'still', `answer ${JSON.stringify(fine)}`);
    });
    await mf.dispose();
  }
} finally {
  server.closeAllConnections();
  server.close();
  rmSync(persist, { recursive: true, force: true });
}
report({ results });
