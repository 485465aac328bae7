/**
 * Which signing engine, decided once. The Web Crypto build (`dist/web.js`:
 * the `browser`, `worker` and `workerd` export conditions, and `webjwt/web`)
 * is built with `WEBJWT_WEB_ONLY` true, which leaves node:crypto out of it
 * entirely. Everywhere else: node:crypto where the runtime offers it (faster),
 * else Web Crypto.
 */

import type { AlgorithmSpec } from '../algorithms.js';
import type { SigningEngine } from './engine.js';
import { nativeEngine } from './native.js';
import { webCryptoEngine } from './webcrypto.js';

/** Replaced at build time (tsup `define`) and in the test projects (vitest `define`). */
declare const WEBJWT_WEB_ONLY: boolean;

/** The engine the build and runtime offer: node:crypto where it exists (and the build allows it), else Web Crypto. */
export const signer: SigningEngine = /* @__PURE__ */ (() =>
  (typeof WEBJWT_WEB_ONLY !== 'undefined' && WEBJWT_WEB_ONLY ? undefined : nativeEngine()) ?? webCryptoEngine)();

// Deno's node:crypto is faster than its Web Crypto for HMAC (2×) and EdDSA (1.3-1.6×) but slower for
// ECDSA (verify 0.57×) and no faster for RSA (measured with `npm run bench`, Deno 2.9).
const IN_DENO = /* @__PURE__ */ (() => typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined')();

/**
 * The engine for an algorithm and, when the caller gave one, a `CryptoKey`:
 * {@link signer}, but Web Crypto for RSA and ECDSA in Deno, and for a
 * non-extractable `CryptoKey` (node:crypto could take one only through
 * `KeyObject.from`, deprecated for non-extractable keys since Node.js 24: DEP0204).
 */
export function engineFor(spec: AlgorithmSpec, cryptoKey?: CryptoKey): SigningEngine {
  if (cryptoKey && !cryptoKey.extractable) return webCryptoEngine;
  return IN_DENO && (spec.kty === 'RSA' || spec.kty === 'EC') ? webCryptoEngine : signer;
}
