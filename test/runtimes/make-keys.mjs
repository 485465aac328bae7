#!/usr/bin/env node
/**
 * Writes test/runtimes/keys.json: THROW-AWAY TEST KEYS for the runtime
 * conformance suite, in every form it imports (PEM: PKCS#8, SPKI, PKCS#1,
 * SEC1; JWK: private and public). Key generation is random, so the file was
 * made once with node:crypto and committed; the suite only needs keys that are
 * valid, not particular ones. Run this again only to replace them:
 *
 *   node test/runtimes/make-keys.mjs
 *
 * Never use these keys for anything but tests: their private halves are public.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const PAIRS = {
  RSA: () => generateKeyPairSync('rsa', { modulusLength: 2048 }),
  'P-256': () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  'P-384': () => generateKeyPairSync('ec', { namedCurve: 'P-384' }),
  'P-521': () => generateKeyPairSync('ec', { namedCurve: 'P-521' }),
  Ed25519: () => generateKeyPairSync('ed25519'),
};

const keys = {
  note: 'Throw-away test keys for test/runtimes (made by make-keys.mjs with node:crypto). Never use them for anything else.',
};
for (const [family, generate] of Object.entries(PAIRS)) {
  const { privateKey, publicKey } = generate();
  keys[family] = {
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    spki: publicKey.export({ type: 'spki', format: 'pem' }),
    ...(family === 'RSA' && {
      pkcs1Private: privateKey.export({ type: 'pkcs1', format: 'pem' }),
      pkcs1Public: publicKey.export({ type: 'pkcs1', format: 'pem' }),
    }),
    ...(family.startsWith('P-') && { sec1: privateKey.export({ type: 'sec1', format: 'pem' }) }),
    privateJwk: privateKey.export({ format: 'jwk' }),
    publicJwk: publicKey.export({ format: 'jwk' }),
  };
}
writeFileSync(new URL('./keys.json', import.meta.url), `${JSON.stringify(keys, null, 2)}\n`);
