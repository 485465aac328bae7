/**
 * The benchmark's fixtures, made fresh for each run with node:crypto alone (no
 * contender takes part): an HMAC secret, one key pair per asymmetric
 * algorithm as PEM and JWK, the claims every contender signs, and per
 * algorithm the tokens every verifier must accept or refuse before it is
 * timed. They are plain JSON, so the Bun and Deno runs read the same ones.
 */
import { createHmac, generateKeyPairSync, randomBytes, sign as signBytes } from 'node:crypto';

export const ISSUER = 'https://issuer.test';
export const AUDIENCE = 'bench-api';

/** The algorithms benchmarked, and how node:crypto makes their keys and signatures. */
const ALGORITHMS = {
  HS256: { hash: 'sha256' },
  RS256: { hash: 'sha256', pair: () => generateKeyPairSync('rsa', { modulusLength: 2048 }) },
  // JWS ECDSA signatures are IEEE P1363 (r || s), not DER (RFC 7518 §3.4).
  ES256: { hash: 'sha256', dsaEncoding: 'ieee-p1363', pair: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }) },
  EdDSA: { hash: null, pair: () => generateKeyPairSync('ed25519') }, // Ed25519 hashes internally
};

/** The tokens a verifier is shown before timing: one it must accept, and what it must refuse. */
export const TOKEN_CASES = {
  valid: 'a valid token',
  tampered: 'a tampered token (payload changed, signature kept)',
  expired: 'an expired token (exp an hour ago)',
  wrongAudience: `a token for another audience (aud "another-api", expected "${AUDIENCE}")`,
  wrongIssuer: `a token from another issuer (iss "https://other.test", expected "${ISSUER}")`,
};

/** A key as text, as libraries that take strings want it: the HS256 secret, else PKCS#8 or SPKI PEM. */
export const keyText = (fx, alg, half) => (alg === 'HS256' ? fx.secret : fx.keys[alg][half === 'private' ? 'privatePem' : 'publicPem']);

const b64url = (data) => Buffer.from(data).toString('base64url');
const encodeJSON = (value) => b64url(JSON.stringify(value));

/** Makes the fixtures: `{ now, secret, keys: { alg: { privatePem, publicPem, privateJwk, publicJwk } }, claims, tokens: { alg: { case: token } } }`. */
export function makeFixtures() {
  const now = Math.floor(Date.now() / 1000);
  // An ASCII string of 43 characters: at least 32 bytes, as RFC 7518 §3.2 asks of an HS256 secret.
  const secret = randomBytes(32).toString('base64url');
  const claims = { sub: 'user-123', name: 'Ada Lovelace', admin: false, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 86_400 };
  const keys = {};
  const tokens = {};
  for (const [alg, spec] of Object.entries(ALGORITHMS)) {
    const pair = spec.pair?.();
    if (pair) {
      keys[alg] = {
        privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
        publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }),
        privateJwk: pair.privateKey.export({ format: 'jwk' }),
        publicJwk: pair.publicKey.export({ format: 'jwk' }),
      };
    }
    const signature = (input) =>
      pair
        ? signBytes(spec.hash, Buffer.from(input), { key: pair.privateKey, dsaEncoding: spec.dsaEncoding })
        : createHmac(spec.hash, secret).update(input).digest();
    const make = (payload) => {
      const input = `${encodeJSON({ alg, typ: 'JWT' })}.${encodeJSON(payload)}`;
      return `${input}.${b64url(signature(input))}`;
    };
    const valid = make(claims);
    const [header, , sig] = valid.split('.');
    tokens[alg] = {
      valid,
      tampered: `${header}.${encodeJSON({ ...claims, sub: 'admin', admin: true })}.${sig}`,
      expired: make({ ...claims, iat: now - 7_200, exp: now - 3_600 }),
      wrongAudience: make({ ...claims, aud: 'another-api' }),
      wrongIssuer: make({ ...claims, iss: 'https://other.test' }),
    };
  }
  return { now, secret, keys, claims, tokens };
}
