// The conformance suite in Deno, importing the package by name through node_modules resolution.
import * as webjwt from 'webjwt';
import { report } from './report.mjs';
import { runSuite } from './suite.js';

report(await runSuite(webjwt, JSON.parse(await Deno.readTextFile(Deno.args[0]!))));
