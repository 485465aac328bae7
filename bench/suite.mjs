/**
 * The runtime-neutral part of the benchmark: what a contender row is, the
 * checks every row must pass before it is timed, and the timing (mitata's
 * `measure`, in interleaved rounds; per round the median sample, then the
 * median of the rounds).
 *
 * A row (made by a module in contenders/) is
 *   { name, library?, note?, signatureOnly?, decode?(token),
 *     sign: { [alg]: () => token }, verify: { [alg]: (token) => result } }
 * where each function may return a Promise; `verify` throws (or rejects) on a
 * token it refuses and returns the claims (or `{ payload }`) of one it accepts.
 * A `signatureOnly` row (a hand-written baseline) checks the signature alone.
 */
import { measure } from 'mitata';
import { decodeJWT, signatureVerifier } from './contenders/web-crypto.mjs';
import { TOKEN_CASES } from './fixtures.mjs';

export const ALGORITHMS = ['HS256', 'RS256', 'ES256', 'EdDSA'];

/** Every operation timed, in table order. */
export const OPERATIONS = [
  { id: 'decode', op: 'decode' },
  ...ALGORITHMS.flatMap((alg) => [
    { id: `sign ${alg}`, op: 'sign', alg },
    { id: `verify ${alg}`, op: 'verify', alg },
  ]),
];

/** The function to time for a row and an operation; undefined where the row does not support it. */
export function task(row, operation, fx) {
  if (operation.op === 'decode') {
    const token = fx.tokens.HS256.valid;
    return row.decode && (() => row.decode(token));
  }
  const fn = row[operation.op][operation.alg];
  if (!fn || operation.op === 'sign') return fn;
  const token = fx.tokens[operation.alg].valid;
  return () => fn(token);
}

/** A row that failed its checks: which row, which operation, and for verify which token case (a key of TOKEN_CASES). */
export class CheckFailure extends Error {
  constructor(row, operation, tokenCase, what) {
    super(`"${row}", ${operation}: ${what}. Nothing was timed: fix bench/contenders/ (or the library).`);
    Object.assign(this, { name: 'CheckFailure', row, operation, tokenCase });
  }
}

/**
 * Proves a row does the work before it is timed: decode returns the claims;
 * verify accepts the valid token and refuses every other case of
 * TOKEN_CASES (a signature-only baseline: the tampered one); sign makes a
 * token whose signature verifies (by the hand-written crypto.subtle
 * verifier) and whose claims are the ones given. Throws a CheckFailure that
 * says which row, which operation and what went wrong.
 */
export async function checkRow(row, fx) {
  const fail = (operation, what, tokenCase) => {
    throw new CheckFailure(row.name, operation, tokenCase, what);
  };
  if (row.decode) {
    const outcome = await settle(() => row.decode(fx.tokens.HS256.valid));
    if (!outcome.ok || !sameClaims(claimsOf(outcome.value), fx.claims)) fail('decode', `did not return the claims (${describe(outcome)})`);
  }
  for (const alg of ALGORITHMS) {
    const verify = row.verify[alg];
    const cases = row.signatureOnly ? ['valid', 'tampered'] : Object.keys(TOKEN_CASES);
    for (const name of verify ? cases : []) {
      const outcome = await settle(() => verify(fx.tokens[alg][name]));
      if (name !== 'valid' && outcome.ok) fail(`verify ${alg}`, `accepted ${TOKEN_CASES[name]}`, name);
      if (name === 'valid' && !outcome.ok) fail(`verify ${alg}`, `refused ${TOKEN_CASES.valid} (${describe(outcome)})`, name);
      if (name === 'valid' && !row.signatureOnly && !sameClaims(claimsOf(outcome.value), fx.claims)) {
        fail(`verify ${alg}`, 'accepted the valid token but did not return its claims', name);
      }
    }
    if (row.sign[alg]) {
      const outcome = await settle(row.sign[alg]);
      if (!outcome.ok || typeof outcome.value !== 'string') fail(`sign ${alg}`, `did not return a token (${describe(outcome)})`);
      const token = outcome.value;
      const signed = await settle(async () => (await signatureVerifier(fx, alg))(token));
      if (!signed.ok) fail(`sign ${alg}`, 'made a token whose signature does not verify');
      const { header, payload } = decodeJWT(token);
      if (header.alg !== alg || !sameClaims(payload, fx.claims)) fail(`sign ${alg}`, `made a token with another alg or other claims`);
    }
  }
}

/**
 * mitata's sampling: samples of up to 256 calls (its default, 4096, makes one
 * sample of a 20k ops/s row take 200 ms), at least 12 of them and `timeMs` in
 * all. A round's figure is the median sample, not the mean: on a shared
 * machine a neighbour's burst lands in a few samples and the median ignores
 * it, while garbage collection, spread over a sample's calls, stays counted.
 */
const MEASURE_OPTIONS = (timeMs) => ({ min_cpu_time: timeMs * 1e6, batch_samples: 256, min_samples: 12 });

/**
 * Times every (operation, row) pair `rounds` times, round-robin, so that a
 * slow spell of a shared machine spreads over all rows instead of one.
 * Returns `[{ operation, row, opsPerSec (median), runs: [opsPerSec…] }]`.
 */
export async function measureRows(rows, fx, { rounds, timeMs, log = () => {} }) {
  const runs = new Map();
  for (let round = 1; round <= rounds; round++) {
    const started = Date.now();
    // Each round starts the rows at another place, so no row always follows the same neighbour.
    const order = rows.map((_, i) => rows[(i + round) % rows.length]);
    for (const operation of OPERATIONS) {
      for (const row of order) {
        const fn = task(row, operation, fx);
        if (!fn) continue;
        const stats = await measure(fn, MEASURE_OPTIONS(timeMs));
        const key = `${operation.id}\u0000${row.name}`;
        runs.set(key, [...(runs.get(key) ?? []), 1e9 / stats.p50]);
      }
    }
    log(`round ${round}/${rounds} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return [...runs].map(([key, values]) => {
    const [operation, row] = key.split('\u0000');
    return { operation, row, opsPerSec: median(values), runs: values.map(Math.round) };
  });
}

/** Checks every row, then times them: the whole run of one runtime. */
export async function runSuite(rows, fx, options) {
  for (const row of rows) await checkRow(row, fx);
  options.log?.(`checks passed: ${rows.map((r) => r.name).join(', ')}`);
  return measureRows(rows, fx, options);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function settle(fn) {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

function describe(outcome) {
  if (outcome.ok) return `returned ${typeof outcome.value}`;
  return `threw ${String(outcome.error?.message ?? outcome.error).slice(0, 120)}`;
}

/** A verify or decode result's claims: the value itself, or its `payload`. */
function claimsOf(value) {
  return value && typeof value === 'object' && 'payload' in value ? value.payload : value;
}

function sameClaims(claims, expected) {
  return Boolean(claims) && ['sub', 'iss', 'aud', 'exp'].every((name) => claims[name] === expected[name]);
}
