/**
 * webjwt, as its README shows it: a string secret and PEM keys straight into
 * `sign` and `verify`. One row per build found in dist/: the default build (as
 * this runtime resolves `import 'webjwt'`) and, when dist/web.js exists, the
 * Web Crypto build that the `browser`, `worker` and `workerd` conditions
 * select. A new build needs only a line in BUILDS.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AUDIENCE, ISSUER, keyText } from '../fixtures.mjs';

const dist = (file) => new URL(`../../dist/${file}`, import.meta.url).href;

/** The builds benchmarked, each imported from its built file (never from src/). */
const BUILDS = [
  { name: 'webjwt', url: () => resolveDefaultBuild() },
  { name: 'webjwt (Web Crypto build)', url: () => dist('web.js') },
];

/** What `import 'webjwt'` gives in this runtime (the package refers to itself by name); dist/index.js where that fails. */
function resolveDefaultBuild() {
  try {
    const url = import.meta.resolve('webjwt');
    if (url.startsWith('file:')) return url;
  } catch {
    // Deno does not resolve a package's own name: fall back to the file the `import` condition names.
  }
  return dist('index.js');
}

export default async function webjwtRows(fx) {
  const rows = [];
  const seen = new Set();
  for (const build of BUILDS) {
    const url = build.url();
    if (seen.has(url) || !existsSync(fileURLToPath(url))) continue;
    seen.add(url);
    const { sign, verify, decode } = await import(url);
    const options = { issuer: ISSUER, audience: AUDIENCE };
    const row = { name: build.name, library: 'webjwt', file: fileURLToPath(url), decode, sign: {}, verify: {} };
    for (const alg of Object.keys(fx.tokens)) {
      const privateKey = keyText(fx, alg, 'private');
      const publicKey = keyText(fx, alg, 'public');
      row.sign[alg] = () => sign(fx.claims, privateKey);
      row.verify[alg] = (token) => verify(token, publicKey, options);
    }
    rows.push(row);
  }
  return rows;
}
