/**
 * The contenders, in one list. `everywhere` rows also run under Bun and Deno
 * (bench/runtime.mjs); the others are Node.js libraries or are timed in Node
 * only. Each module's default export makes its rows from the fixtures.
 */
const CONTENDERS = [
  { module: './node-crypto.mjs', everywhere: true },
  { module: './web-crypto.mjs', everywhere: true },
  { module: './fast-jwt.mjs' },
  { module: './jsonwebtoken.mjs' },
  { module: './jose.mjs' },
  { module: './hono.mjs' },
  { module: './tsndr.mjs' },
  { module: './webjwt.mjs', everywhere: true },
];

/** The rows of every contender (or, with `everywhereOnly`, of those that run in every runtime). */
export async function loadRows(fx, { everywhereOnly = false } = {}) {
  const rows = [];
  for (const contender of CONTENDERS) {
    if (everywhereOnly && !contender.everywhere) continue;
    const { default: makeRows } = await import(contender.module);
    rows.push(...(await makeRows(fx)));
  }
  return rows;
}

/** What the results keep of a row: its name, library and note. */
export const describeRow = ({ name, library, note, file }) => ({ name, library, note, file });
