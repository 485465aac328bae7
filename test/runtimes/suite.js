/**
 * The runtime-neutral conformance suite. It imports nothing: each runner
 * passes in the built package (imported the way a user would) and the
 * fixtures (make-fixtures.mjs), and prints what `runSuite` returns. It uses
 * only web-standard globals, so the same file runs in Node.js, Deno, Bun,
 * Chromium and workerd.
 *
 * An algorithm the runtime lacks is detected first, with Web Crypto directly,
 * and its checks are reported as skipped, never as passed.
 */

const ALGORITHMS = {
  HS256: 'oct', HS384: 'oct', HS512: 'oct',
  RS256: 'RSA', RS384: 'RSA', RS512: 'RSA', PS256: 'RSA', PS384: 'RSA', PS512: 'RSA',
  ES256: 'P-256', ES384: 'P-384', ES512: 'P-521',
  EdDSA: 'Ed25519', Ed25519: 'Ed25519',
};

/** The Web Crypto parameters to probe each key family with. */
const PROBES = {
  oct: { name: 'HMAC', hash: 'SHA-256' },
  RSA: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  'P-256': { name: 'ECDSA', namedCurve: 'P-256' },
  'P-384': { name: 'ECDSA', namedCurve: 'P-384' },
  'P-521': { name: 'ECDSA', namedCurve: 'P-521' },
  Ed25519: { name: 'Ed25519' },
};

const REASON_CODES = {
  malformed: 'ERR_JWT_INVALID', invalid_base64url: 'ERR_JWT_INVALID', invalid_header: 'ERR_JWT_INVALID',
  invalid_payload: 'ERR_JWT_INVALID', unsupported_crit: 'ERR_JWT_INVALID', unsupported_header: 'ERR_JWT_INVALID',
  alg_not_allowed: 'ERR_JWT_ALG_NOT_ALLOWED', invalid_signature: 'ERR_JWT_SIGNATURE_INVALID',
  no_matching_key: 'ERR_JWT_KEY_INVALID', expired: 'ERR_JWT_EXPIRED', not_yet_valid: 'ERR_JWT_NOT_YET_VALID',
  invalid_claim: 'ERR_JWT_CLAIM_INVALID', audience_mismatch: 'ERR_JWT_CLAIM_INVALID', issuer_mismatch: 'ERR_JWT_CLAIM_INVALID',
  missing_claim: 'ERR_JWT_CLAIM_INVALID', iat_in_future: 'ERR_JWT_CLAIM_INVALID',
};

const SECRET = 'a runtime-suite secret: 64 bytes or more, enough for HS512 as well.';

export async function runSuite(webjwt, fixtures) {
  const results = [];
  const supported = await detectFamilies();

  async function check(name, family, run) {
    if (family && !supported[family].ok) {
      results.push({ name, status: 'skip', detail: `${family} not supported here: ${supported[family].why}` });
      return;
    }
    try {
      await run();
      results.push({ name, status: 'pass' });
    } catch (error) {
      results.push({ name, status: 'fail', detail: `${error?.name ?? 'Error'} ${error?.code ?? ''} ${error?.message ?? error}` });
    }
  }

  const { sign, verify, decode, isJWTError } = webjwt;
  const { keys } = fixtures;

  // 1. Every algorithm: sign, verify, decode, and a tampered token refused, with each key form.
  for (const [alg, family] of Object.entries(ALGORITHMS)) {
    const forms = family === 'oct'
      ? [['string secret', SECRET, SECRET], ['JWK', { kty: 'oct', k: base64url(SECRET.repeat(2)) }, { kty: 'oct', k: base64url(SECRET.repeat(2)) }]]
      : [['PEM', keys[family].pkcs8, keys[family].spki], ['JWK', keys[family].privateJwk, keys[family].publicJwk]];
    for (const [form, privateKey, publicKey] of forms) {
      await check(`${alg} sign/verify/decode (${form})`, family, async () => {
        const token = await sign({ sub: 'suite', n: 1 }, privateKey, { alg, expiresIn: '5m', audience: 'api' });
        const { header, payload } = await verify(token, publicKey, { audience: 'api' });
        assert(header.alg === alg && payload.sub === 'suite' && decode(token).payload.n === 1, 'round trip');
        await expectCode(verify(tamper(token, decode(token).payload), publicKey), 'ERR_JWT_SIGNATURE_INVALID');
      });
    }
    if (family !== 'oct') {
      await check(`${alg} generateKeyPair`, family, async () => {
        const pair = await webjwt.generateKeyPair(alg);
        await verify(await sign({}, pair.privateKey, { alg }), pair.publicKey);
      });
    }
  }
  await check('RS256 with PKCS#1 PEM keys', 'RSA', async () => {
    await verify(await sign({}, keys.RSA.pkcs1Private), keys.RSA.pkcs1Public, { algorithms: ['RS256'] });
  });

  // 2. RFC vectors: JWT payloads verify before their exp; prose payloads are refused as malformed.
  for (const vector of fixtures.vectors) {
    await check(`RFC vector ${vector.id}`, ALGORITHMS[vector.alg], async () => {
      const attempt = verify(vector.token, vector.key, { currentDate: new Date(1_300_000_000_000) });
      if (vector.isJWT) await attempt;
      else await expectCode(attempt, 'ERR_JWT_INVALID');
    });
  }

  // 3. A sample of the malicious-token corpus, each with its outcome and code.
  for (const c of fixtures.cases) {
    const family = c.verify_key ? familyOf(c.verify_key) : 'oct';
    await check(`corpus ${c.name}`, family, async () => {
      const attempt = verify(c.token, keyFor(c), optionsFor(c));
      if (c.expected === 'accept') await attempt;
      else await expectCode(attempt, REASON_CODES[c.reason]);
    });
  }

  // 4. Keys: PEM and JWK import and export, thumbprints, a local JWKS.
  await check('importPEM / exportPEM / importJWK / exportJWK', 'P-256', async () => {
    const privateKey = await webjwt.importPEM(keys['P-256'].pkcs8, 'ES256', { extractable: true });
    const publicKey = await webjwt.importJWK(keys['P-256'].publicJwk, 'ES256');
    const token = await sign({}, privateKey);
    await verify(token, publicKey);
    await verify(token, await webjwt.exportPEM(publicKey));
    await verify(token, webjwt.toPublicJWK(await webjwt.exportJWK(privateKey)));
  });
  await check('RFC 7638 thumbprint', null, async () => {
    const { jwk, thumbprint_sha256_b64u: expected } = fixtures.thumbprint;
    assert((await webjwt.thumbprint(jwk)) === expected, 'thumbprint');
    assert((await webjwt.thumbprintURI(jwk)).endsWith(`:sha-256:${expected}`), 'thumbprint URI');
  });
  await check('local JWKS: the key is picked by kid', 'P-256', async () => {
    const jwks = { keys: [{ ...keys['P-256'].publicJwk, kid: 'a' }, { ...keys.RSA.publicJwk, kid: 'b' }] };
    await verify(await sign({}, keys['P-256'].privateJwk, { kid: 'a' }), jwks);
    await expectCode(verify(await sign({}, keys['P-256'].privateJwk, { kid: 'b' }), jwks), 'ERR_JWT_KEY_INVALID');
  });

  // 5. Errors: stable codes, recognised by isJWTError, never carrying the token or the secret.
  await check('errors carry codes and no secrets', null, async () => {
    const token = await sign({}, SECRET);
    const error = await verify(token, `${SECRET}!`).catch((e) => e);
    assert(isJWTError(error, 'ERR_JWT_SIGNATURE_INVALID') && error instanceof webjwt.JWTError, 'code');
    assert(![token, ...token.split('.'), SECRET].some((s) => String(error.message).includes(s)), 'no secret in the message');
    await expectCode(verify(`${token} `, SECRET), 'ERR_JWT_INVALID');
  });

  return { results };

  async function expectCode(promise, code) {
    const error = await promise.then(() => undefined, (e) => e);
    assert(error !== undefined, `expected ${code}, but it was accepted`);
    assert(isJWTError(error, code), `expected ${code}, got ${error?.code ?? error?.name}`);
  }
}

/** Which key families this runtime's Web Crypto supports, probed directly. */
async function detectFamilies() {
  const out = {};
  for (const [family, params] of Object.entries(PROBES)) {
    try {
      await crypto.subtle.generateKey(params, false, ['sign', 'verify']);
      out[family] = { ok: true };
    } catch (error) {
      out[family] = { ok: false, why: `${error?.name}: ${error?.message}` };
    }
  }
  return out;
}

function familyOf(jwk) {
  return jwk.kty === 'oct' ? 'oct' : jwk.kty === 'RSA' ? 'RSA' : jwk.crv;
}

/** The corpus case's key: its JWK, its key set, or a resolver that finds nothing. */
function keyFor(c) {
  if (c.verify_key) return c.verify_key;
  if (c.verify_options.jwks) return c.verify_options.jwks;
  return () => undefined;
}

function optionsFor(c) {
  const o = c.verify_options;
  const options = {
    currentDate: new Date(o.now * 1000),
    clockTolerance: o.clock_tolerance_s,
    requiredClaims: o.required_claims,
    crit: o.supported_crit,
    allowFutureIssuedAt: !o.reject_future_iat,
  };
  if (o.algorithms !== null) options.algorithms = o.algorithms;
  if (o.issuer !== null) options.issuer = o.issuer;
  if (o.audience !== null) options.audience = o.audience;
  return options;
}

/** The token with one claim changed and the signature kept. */
function tamper(token, payload) {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url(JSON.stringify({ ...payload, sub: 'mallory' }))}.${signature}`;
}

function base64url(text) {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Counts results as the runners' RESULT line reports them. */
export function summarize({ results }) {
  const count = (status) => results.filter((r) => r.status === status).length;
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
}
