// The conformance suite in Deno, importing the installed package's file by relative path.
// @ts-types="./node_modules/webjwt/dist/index.d.ts"
import * as webjwt from './node_modules/webjwt/dist/index.js';
import { report } from './report.mjs';
import { runSuite } from './suite.js';

report(await runSuite(webjwt, JSON.parse(await Deno.readTextFile(Deno.args[0]!))));
