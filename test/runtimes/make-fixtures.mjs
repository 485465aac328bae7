/**
 * Builds the data the runtime-neutral suite needs, as one JSON value: RFC
 * vectors, a sample of the malicious-token corpus, and fresh throw-away keys
 * in PEM and JWK form. The suite itself reads no files (browsers and workers
 * cannot), so each runner hands this to it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';

const data = (path) => JSON.parse(readFileSync(new URL(`../vectors/data/${path}`, import.meta.url), 'utf8'));

export function makeFixtures() {
  const rfc = data('rfc/jws-rfc-vectors.json');
  const corpus = data('bad-inputs/jwt-bad-inputs.json');

  // The compact RFC vectors: a JWT payload verifies (before its exp); prose payloads are refused as malformed.
  const vectors = rfc.vectors
    .filter((v) => v.serialization === 'compact' && v.compact && !v.detached && v.b64 !== false && v.expected === 'valid')
    .map((v) => ({ id: v.id, alg: v.alg, token: v.compact, key: v.verify_key, isJWT: v.payload.trimStart().startsWith('{') }));

  // Three cases of every category, and every algorithm-confusion case.
  const seen = {};
  const cases = corpus.cases
    .filter((c) => !c.verify_options.max_token_bytes && c.token.length < 10_000)
    .filter((c) => c.category === 'alg_confusion' || (seen[c.category] = (seen[c.category] ?? 0) + 1) <= 3);

  const keys = {};
  const pairs = {
    RSA: generateKeyPairSync('rsa', { modulusLength: 2048 }),
    'P-256': generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    'P-384': generateKeyPairSync('ec', { namedCurve: 'P-384' }),
    'P-521': generateKeyPairSync('ec', { namedCurve: 'P-521' }),
    Ed25519: generateKeyPairSync('ed25519'),
  };
  for (const [name, { privateKey, publicKey }] of Object.entries(pairs)) {
    keys[name] = {
      pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      spki: publicKey.export({ type: 'spki', format: 'pem' }),
      privateJwk: privateKey.export({ format: 'jwk' }),
      publicJwk: publicKey.export({ format: 'jwk' }),
      ...(name === 'RSA' && {
        pkcs1Private: privateKey.export({ type: 'pkcs1', format: 'pem' }),
        pkcs1Public: publicKey.export({ type: 'pkcs1', format: 'pem' }),
      }),
    };
  }
  return { vectors, cases, keys, thumbprint: rfc.thumbprints[0] };
}
