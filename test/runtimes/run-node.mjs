/**
 * The conformance suite in Node.js (20, 22, 24) and Bun: the package is
 * imported by name, as a user would (Node's package self-reference resolves
 * `webjwt` to this repository's exports map, hence to dist/), and
 * `require('webjwt')` must give the same API.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as webjwt from 'webjwt';
import { report } from './report.mjs';
import { runSuite } from './suite.js';

const fixtures = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const outcome = await runSuite(webjwt, fixtures);
const required = createRequire(import.meta.url)('webjwt');
const same = Object.keys(required).sort().join() === Object.keys(webjwt).sort().join();
outcome.results.push({ name: "require('webjwt') gives the same API", status: same ? 'pass' : 'fail' });
report(outcome);
