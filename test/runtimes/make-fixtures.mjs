#!/usr/bin/env node
/**
 * The data the runtime-neutral suite (suite.js) needs, as one JSON value: the
 * committed throw-away keys (keys.json), the test certificates, the compact
 * RFC vectors with what `verify` must say about each, a sample of the
 * malicious-token corpus, and the RFC thumbprints. The suite reads no files
 * (browsers and workers cannot), so each runner hands this value to it.
 *
 *   node test/runtimes/make-fixtures.mjs [out]   (default: test/runtimes/.out/fixtures.json, git-ignored)
 *
 * Deterministic: the same inputs give the same file, so it is built on every
 * run rather than committed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const json = (path) => JSON.parse(read(path));

/** ~35 cases of jwt-bad-inputs.json, at least one of every category and every key type (oct, RSA, EC, OKP, none). */
export const CORPUS_SAMPLE = [
  'valid_hs256', 'valid_rs256', 'valid_ps256', 'valid_es256', 'valid_eddsa',
  'alg_none_empty_signature', 'alg_nOnE_empty_signature', 'alg_none_no_key_supplied',
  'alg_confusion_hs256_rsa_spki_pem', 'alg_confusion_hs256_rsa_jwk_json', 'alg_confusion_hs256_ec_spki_pem_no_allowlist',
  'alg_not_in_allowlist_rs256_vs_es256', 'alg_key_restricted_by_jwk_alg', 'alg_missing',
  'hs256_wrong_secret', 'es256_der_encoded_signature', 'rs256_signature_leading_byte_stripped',
  'crit_unknown_extension', 'crit_lists_registered_name',
  'b64_false_with_crit_in_jwt',
  'four_segments', 'trailing_newline', 'bearer_prefix',
  'padding_in_signature', 'non_canonical_signature_trailing_bits',
  'header_duplicate_alg_none_last', 'header_with_bom',
  'payload_duplicate_exp_valid_last',
  'exp_equals_now', 'exp_past_within_leeway', 'exp_number_overflows_to_infinity', 'nbf_in_future',
  'iat_in_future_checked', 'aud_array_without_expected', 'iss_array',
  'kid_path_traversal_with_keyset', 'kid_sql_injection_empty_key',
  'jwk_embedded_attacker_key', 'jku_remote_legit_signed',
];

/** Whether a vector's payload is a JSON object, i.e. a JWT claims set. */
function isClaimsSet(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export function makeFixtures() {
  const rfc = json('../vectors/data/rfc/jws-rfc-vectors.json');
  const corpus = json('../vectors/data/bad-inputs/jwt-bad-inputs.json');
  const { note: _, ...keys } = json('./keys.json');
  const hs256 = rfc.vectors.find((v) => v.id === 'rfc7515-A.1');

  // Every compact RFC vector, with what the public verify() must answer: a JWT
  // verifies before its exp (and is expired at it); a payload that is not a
  // claims set (A.4, RFC 7520, 7797, 8037) and b64:false (RFC 7797 §4.2) are
  // ERR_JWT_INVALID; a detached payload (RFC 7520 §4.5: "h..s") fails its
  // signature, which is checked before the payload is parsed; alg "none" (A.5,
  // RFC 7519 §6.1) is ERR_JWT_ALG_NOT_ALLOWED, here with A.1's key.
  const vectors = rfc.vectors
    .filter((v) => v.compact)
    .map((v) => {
      const unsecured = v.expected === 'unsecured';
      const jwt = !unsecured && !v.detached && v.b64 && isClaimsSet(v.payload);
      return {
        id: v.id,
        alg: unsecured ? 'HS256' : v.alg,
        token: v.compact,
        key: unsecured ? hs256.verify_key : v.verify_key,
        expect: jwt ? 'valid'
          : unsecured ? 'ERR_JWT_ALG_NOT_ALLOWED'
          : v.detached && v.b64 ? 'ERR_JWT_SIGNATURE_INVALID'
          : 'ERR_JWT_INVALID',
        ...(jwt && { header: JSON.parse(v.protected_header), payload: JSON.parse(v.payload) }),
      };
    });

  // The RFC private keys, once each: the suite signs a new JWT with each and verifies it with the public JWK.
  const seen = new Set();
  const rfcKeys = rfc.vectors
    .filter((v) => v.compact && v.key && v.verify_key && v.expected === 'valid')
    .filter((v) => !seen.has(`${v.alg} ${JSON.stringify(v.verify_key)}`) && seen.add(`${v.alg} ${JSON.stringify(v.verify_key)}`))
    .map((v) => ({ id: v.id, alg: v.alg, key: v.key, verifyKey: v.verify_key }));

  const byName = new Map(corpus.cases.map((c) => [c.name, c]));
  const cases = CORPUS_SAMPLE.map((name) => {
    const c = byName.get(name);
    if (!c) throw new Error(`make-fixtures: no case ${name} in jwt-bad-inputs.json`);
    const { name: n, category, token, verify_key, verify_options, expected, reason } = c;
    return { name: n, category, token, verify_key, verify_options, expected, reason };
  });
  const missing = [...new Set(corpus.cases.map((c) => c.category))].filter((k) => !cases.some((c) => c.category === k));
  if (missing.length) throw new Error(`make-fixtures: the sample misses categories ${missing.join(', ')}`);

  const certificates = {};
  for (const [family, name] of [['RSA', 'rsa'], ['P-256', 'ec'], ['Ed25519', 'ed25519']]) {
    certificates[family] = { certificate: read(`../fixtures/${name}-cert.pem`), privateKey: read(`../fixtures/${name}-cert-key.pem`) };
  }

  return {
    secret: 'a runtime-suite secret of 64 bytes or more, long enough for HS512',
    keys,
    certificates,
    vectors,
    rfcKeys,
    cases,
    thumbprints: rfc.thumbprints.map(({ id, jwk, thumbprint_sha256_b64u }) => ({ id, jwk, thumbprint_sha256_b64u })),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? fileURLToPath(new URL('./.out/fixtures.json', import.meta.url));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(makeFixtures()));
  console.log(`wrote ${out}`);
}
