/**
 * The runtime-neutral conformance suite (test/runtimes/suite.js), run here
 * against src/ in this Node.js, and its feature detection: an algorithm the
 * platform lacks must be reported as skipped, never as passed or failed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as webjwt from '../../src/index.js';
import * as testing from '../../src/testing.js';
// @ts-expect-error plain JavaScript modules without declarations
import { makeFixtures } from '../runtimes/make-fixtures.mjs';
// @ts-expect-error plain JavaScript modules without declarations
import { runSuite, summarize } from '../runtimes/suite.js';

interface Outcome { results: { name: string; status: 'pass' | 'fail' | 'skip'; detail?: string }[] }
const fixtures = makeFixtures() as object;

// The whole suite (RSA key generation included) takes seconds on a loaded 2-core machine: not the 5 s default.
describe('runtime conformance suite', { timeout: 60_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes every check in this runtime', async () => {
    const outcome = (await runSuite(webjwt, fixtures, testing)) as Outcome;
    expect(outcome.results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(summarize(outcome).passed).toBeGreaterThan(90);
    expect(outcome.results.filter((r) => r.name.startsWith('webjwt/testing:')).length).toBeGreaterThan(14);
  });

  it('reports an algorithm the platform lacks as skipped', async () => {
    const generateKey = crypto.subtle.generateKey.bind(crypto.subtle);
    vi.spyOn(crypto.subtle, 'generateKey').mockImplementation(((algorithm: AlgorithmIdentifier, ...rest: never[]) => {
      if ((algorithm as Algorithm).name === 'Ed25519') return Promise.reject(new DOMException('no', 'NotSupportedError'));
      return (generateKey as (...args: unknown[]) => unknown)(algorithm, ...rest);
    }) as typeof crypto.subtle.generateKey);
    const { results } = (await runSuite(webjwt, fixtures, testing)) as Outcome;
    const eddsa = results.filter((r) => /^(EdDSA|Ed25519) |(EdDSA|Ed25519) issuer|rotate\(\)/.test(r.name));
    expect(eddsa.length).toBeGreaterThan(0);
    expect(eddsa.every((r) => r.status === 'skip')).toBe(true);
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
  });
});
