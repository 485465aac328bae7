import { testingChecks } from './suite-testing.js';

/**
 * The runtime-neutral conformance suite. It imports nothing but its own
 * suite-testing.js: each runner passes in the built package (and
 * `webjwt/testing`), imported the way a user would, and the fixtures
 * (make-fixtures.mjs), and prints what `runSuite` returns. It uses
 * only web-standard globals (crypto.subtle, TextEncoder, atob/btoa, Date), so
 * the same file runs in Node.js, Deno, Bun, Chromium and workerd.
 *
 * Each algorithm is first probed with Web Crypto directly
 * (`crypto.subtle.generateKey`): if the platform answers NotSupportedError,
 * that algorithm's checks are reported as `skip` with the reason, never as
 * `pass`. Every check catches its own errors: an exception is a `fail` that
 * names the error and its code.
 *
 * @param {object} webjwt the package's exports
 * @param {object} fixtures what make-fixtures.mjs builds
 * @param {object} [testing] the exports of `webjwt/testing`: its checks run when given
 * @returns {Promise<{ results: { name: string, status: 'pass' | 'fail' | 'skip', detail?: string }[] }>}
 */
export async function runSuite(webjwt, fixtures, testing) {
  const { sign, verify, decode, isJWTError } = webjwt;
  const { keys, secret } = fixtures;
  const results = [];
  const support = await detectSupport();

  /** Runs one check, unless an algorithm it needs is missing here (then it is a skip). */
  async function check(name, algs, run) {
    const missing = algs.filter((alg) => !support[alg]?.ok);
    const unknown = missing.find((alg) => !support[alg]?.notSupported);
    if (missing.length && !unknown) {
      results.push({ name, status: 'skip', detail: `not supported here: ${missing.map((alg) => `${alg} (${support[alg].why})`).join(', ')}` });
      return;
    }
    try {
      if (unknown) throw new Error(`feature detection for ${unknown} failed: ${support[unknown]?.why ?? 'not an algorithm of this suite'}`);
      await run();
      results.push({ name, status: 'pass' });
    } catch (error) {
      results.push({ name, status: 'fail', detail: describe(error) });
    }
  }

  /** Asserts that `promise` rejects with a JWTError of `code`; returns the error. */
  async function refused(promise, code) {
    const error = await Promise.resolve(promise).then(() => undefined, (e) => e);
    assert(error !== undefined, `expected ${code}, but it was accepted`);
    assert(isJWTError(error, code), `expected ${code}, got ${describe(error)}`);
    return error;
  }

  // -------------------------------------------------------------------------
  // 1. Every algorithm: sign -> verify -> decode with each key form, and a
  //    tampered token refused.

  const secretBytes = new TextEncoder().encode(secret);
  for (const [alg, { family }] of Object.entries(ALGORITHMS)) {
    const forms = family === 'oct'
      ? {
          'string secret': async () => [secret, secret],
          'Uint8Array secret': async () => [secretBytes, secretBytes],
          'oct JWK': async () => [{ kty: 'oct', k: base64url(secretBytes) }, { kty: 'oct', k: base64url(secretBytes) }],
          generateSecret: async () => {
            const bytes = webjwt.generateSecret(alg);
            assert(bytes instanceof Uint8Array && bytes.length === HASH_BYTES[alg], 'generateSecret length');
            return [bytes, bytes];
          },
        }
      : {
          'PEM PKCS#8 / SPKI': async () => [keys[family].pkcs8, keys[family].spki],
          'JWK private / public': async () => [keys[family].privateJwk, keys[family].publicJwk],
          'generateKeyPair CryptoKeys': async () => {
            const { privateKey, publicKey } = await webjwt.generateKeyPair(alg);
            assert(privateKey.type === 'private' && publicKey.type === 'public', 'key pair types');
            return [privateKey, publicKey];
          },
        };
    for (const [form, makeKeys] of Object.entries(forms)) {
      await check(`${alg} sign/verify/decode (${form})`, [alg], async () => {
        const [signingKey, verifyingKey] = await makeKeys();
        const token = await sign({ sub: 'suite', n: 1, nested: { ok: true } }, signingKey, {
          alg, kid: 'k1', expiresIn: '5m', issuer: 'https://issuer.example', audience: 'api',
        });
        const verified = await verify(token, verifyingKey, { algorithms: [alg], issuer: 'https://issuer.example', audience: 'api' });
        assert(verified.header.alg === alg && verified.header.typ === 'JWT' && verified.header.kid === 'k1', 'header');
        assert(verified.payload.sub === 'suite' && verified.payload.nested.ok === true, 'payload');
        assert(verified.payload.exp - verified.payload.iat === 300, 'exp is iat + 5m');
        assert(same(decode(token), verified), 'decode gives what verify gives');
        assert(same(decode(token).payload, JSON.parse(base64urlDecode(token.split('.')[1]))), 'decode matches the segment');
      });
    }
    await check(`${alg} tampered token refused (ERR_JWT_SIGNATURE_INVALID)`, [alg], async () => {
      const [signingKey, verifyingKey] = await forms[family === 'oct' ? 'string secret' : 'JWK private / public']();
      const token = await sign({ sub: 'alice' }, signingKey, { alg });
      const [header, payload, signature] = token.split('.');
      const forged = `${header}.${base64url(JSON.stringify({ ...decode(token).payload, sub: 'mallory' }))}.${signature}`;
      await refused(verify(forged, verifyingKey), 'ERR_JWT_SIGNATURE_INVALID');
      await refused(verify(`${header}.${payload}.${flipBit(signature)}`, verifyingKey), 'ERR_JWT_SIGNATURE_INVALID');
    });
  }

  // An algorithm the platform lacks must be refused as unsupported, not crash or pass.
  for (const alg of ASYMMETRIC.filter((a) => !support[a].ok && support[a].notSupported)) {
    await check(`unsupported here: generateKeyPair('${alg}') is ERR_JWT_ALG_UNSUPPORTED`, [], async () => {
      await refused(webjwt.generateKeyPair(alg), 'ERR_JWT_ALG_UNSUPPORTED');
    });
  }

  // -------------------------------------------------------------------------
  // 2. The RFC vectors (RFC 7515, 7519, 7520, 7797, 8037), compact form, through verify().

  for (const v of fixtures.vectors) {
    await check(`RFC vector ${v.id} (${v.alg}): ${v.expect === 'valid' ? 'verifies' : v.expect}`, [v.alg], async () => {
      if (v.expect !== 'valid') {
        await refused(verify(v.token, v.key), v.expect);
        return;
      }
      const { exp } = v.payload;
      const { header, payload } = await verify(v.token, v.key, { currentDate: new Date((exp - 60) * 1000) });
      assert(same(header, v.header) && same(payload, v.payload), 'header and claims as the RFC prints them');
      const expired = await refused(verify(v.token, v.key, { currentDate: new Date(exp * 1000) }), 'ERR_JWT_EXPIRED');
      assert(expired.expiredAt instanceof Date && expired.expiredAt.getTime() === exp * 1000, 'expiredAt');
    });
  }
  for (const k of fixtures.rfcKeys) {
    await check(`RFC key of ${k.id} (${k.alg}): signs a JWT its public JWK verifies`, [k.alg], async () => {
      const token = await sign({ sub: k.id }, k.key, { alg: k.alg });
      assert((await verify(token, k.verifyKey, { algorithms: [k.alg] })).payload.sub === k.id, 'round trip');
    });
  }

  // -------------------------------------------------------------------------
  // 3. A sample of the malicious-token corpus, each with its outcome and error code.

  for (const c of fixtures.cases) {
    const name = `corpus ${c.category}/${c.name}: ${c.expected}${c.reason ? ` (${CODE_OF_REASON[c.reason]})` : ''}`;
    await check(name, algorithmsOfCase(c), () => withoutNetwork(async () => {
      const attempt = verify(c.token, keyForCase(c), optionsForCase(c));
      if (c.expected === 'accept') {
        const { payload } = await attempt;
        assert(same(payload, JSON.parse(base64urlDecode(c.token.split('.')[1]))), 'the payload as signed');
        return;
      }
      const code = CODE_OF_REASON[c.reason];
      assert(code, `reason ${c.reason} is mapped`);
      const error = await refused(attempt, code);
      if (CLAIM_FAILURE_OF_REASON[c.reason]) {
        const claim = c.name.split('_')[0];
        assert(error.claim === claim && error.reason === CLAIM_FAILURE_OF_REASON[c.reason],
          `claim ${claim}/${CLAIM_FAILURE_OF_REASON[c.reason]}, got ${error.claim}/${error.reason}`);
      }
      if (c.reason === 'expired') {
        const { exp } = JSON.parse(base64urlDecode(c.token.split('.')[1]));
        assert(error.expiredAt instanceof Date && error.expiredAt.getTime() === exp * 1000, 'expiredAt');
      }
      if (c.reason === 'not_yet_valid') assert(error.claim === 'nbf', 'claim nbf');
    }));
  }

  // -------------------------------------------------------------------------
  // 4. Keys: import and export in PEM and JWK forms, certificates, thumbprints, a local JWKS.

  await check('importPEM: RSA SPKI, PKCS#8, PKCS#1 public and private', ['RS256'], async () => {
    const rsa = keys.RSA;
    const signers = [await webjwt.importPEM(rsa.pkcs8, 'RS256'), await webjwt.importPEM(rsa.pkcs1Private, 'RS256'), rsa.pkcs1Private];
    const verifiers = [await webjwt.importPEM(rsa.spki, 'RS256'), await webjwt.importPEM(rsa.pkcs1Public, 'RS256'), rsa.pkcs1Public];
    assert(signers.slice(0, 2).every((k) => k.type === 'private') && verifiers.slice(0, 2).every((k) => k.type === 'public'), 'key types');
    for (const signer of signers) {
      const token = await sign({}, signer, { alg: 'RS256' });
      for (const verifier of verifiers) await verify(token, verifier, { algorithms: ['RS256'] });
    }
  });
  await check('importPEM: EC SEC1 private key', ['ES256'], async () => {
    const token = await sign({}, await webjwt.importPEM(keys['P-256'].sec1, 'ES256'));
    await verify(token, keys['P-256'].spki, { algorithms: ['ES256'] });
    await verify(await sign({}, keys['P-256'].sec1), keys['P-256'].publicJwk);
  });
  for (const [family, alg] of [['RSA', 'PS256'], ['P-256', 'ES256'], ['P-384', 'ES384'], ['P-521', 'ES512'], ['Ed25519', 'EdDSA']]) {
    await check(`importJWK/exportJWK/exportPEM/toPublicJWK round trip (${family}, ${alg})`, [alg], async () => {
      const k = keys[family];
      const privateKey = await webjwt.importJWK(k.privateJwk, alg, { extractable: true });
      const publicKey = await webjwt.importJWK(k.publicJwk, alg);
      const publicJwk = await webjwt.exportJWK(publicKey);
      for (const member of ['kty', 'crv', 'x', 'y', 'n', 'e']) assert(publicJwk[member] === k.publicJwk[member], `exported JWK ${member}`);
      const exported = webjwt.toPublicJWK(await webjwt.exportJWK(privateKey));
      assert(exported.d === undefined && (await webjwt.thumbprint(exported)) === (await webjwt.thumbprint(k.publicJwk)), 'toPublicJWK of the exported private key');
      assert(pemBody(await webjwt.exportPEM(publicKey)) === pemBody(k.spki), 'exportPEM(public) is the SPKI');
      const pkcs8 = await webjwt.exportPEM(privateKey);
      assert(pkcs8.startsWith('-----BEGIN PRIVATE KEY-----'), 'exportPEM(private) is PKCS#8');
      const token = await sign({}, await webjwt.importPEM(pkcs8, alg), { alg });
      await verify(token, publicKey, { algorithms: [alg] });
      await verify(token, await webjwt.importPEM(k.spki, alg), { algorithms: [alg] });
      assert((await webjwt.thumbprint(k.privateJwk)) === (await webjwt.thumbprint(k.publicJwk)), 'thumbprint of private = public');
    });
  }
  for (const [family, alg] of [['RSA', 'RS256'], ['P-256', 'ES256'], ['Ed25519', 'EdDSA']]) {
    await check(`X.509 CERTIFICATE PEM verifies (${family}, ${alg})`, [alg], async () => {
      const { certificate, privateKey } = fixtures.certificates[family];
      const token = await sign({}, privateKey, { alg });
      await verify(token, certificate, { algorithms: [alg] });
      assert((await webjwt.importPEM(certificate, alg)).type === 'public', 'certificate imports as a public key');
    });
  }
  await check('a PEM or JWK public key is never an HMAC secret', ['RS256', 'HS256'], async () => {
    for (const text of [keys.RSA.spki, JSON.stringify(keys.RSA.publicJwk)]) {
      const error = await Promise.resolve(sign({}, text, { alg: 'HS256' })).then(() => undefined, (e) => e);
      assert(isJWTError(error), `signing HS256 with key text must be refused, got ${describe(error)}`);
    }
  });
  for (const t of fixtures.thumbprints) {
    await check(`RFC thumbprint ${t.id}`, [], async () => {
      assert((await webjwt.thumbprint(t.jwk)) === t.thumbprint_sha256_b64u, 'thumbprint');
      assert((await webjwt.thumbprintURI(t.jwk)) === `urn:ietf:params:oauth:jwk-thumbprint:sha-256:${t.thumbprint_sha256_b64u}`, 'URI');
    });
  }

  const jwks = {
    keys: [
      { ...keys['P-256'].publicJwk, kid: 'ec', use: 'sig' },
      { ...keys['P-384'].publicJwk, kid: 'ec384' },
      { ...keys.RSA.publicJwk, kid: 'rsa', alg: 'RS256' },
    ],
  };
  await check('local JWKS: the key is picked by kid, or by alg without one', ['ES256', 'ES384', 'RS256'], async () => {
    const es256 = await sign({ sub: 'a' }, keys['P-256'].privateJwk, { kid: 'ec' });
    const rs256 = await sign({ sub: 'b' }, keys.RSA.pkcs8, { kid: 'rsa' });
    const es384 = await sign({ sub: 'c' }, keys['P-384'].privateJwk); // no kid: only one key fits ES384
    assert((await verify(es256, jwks)).payload.sub === 'a', 'ES256 by kid');
    assert((await verify(rs256, jwks)).payload.sub === 'b', 'RS256 by kid');
    assert((await verify(es384, jwks)).payload.sub === 'c', 'ES384 by alg');
  });
  await check('local JWKS: no key for the kid, or a key of the wrong type, is ERR_JWKS_NO_MATCHING_KEY', ['ES256', 'RS256'], async () => {
    await refused(verify(await sign({}, keys['P-256'].privateJwk, { kid: 'unknown' }), jwks), 'ERR_JWKS_NO_MATCHING_KEY');
    await refused(verify(await sign({}, keys['P-256'].privateJwk, { kid: 'rsa' }), jwks), 'ERR_JWKS_NO_MATCHING_KEY');
    await refused(verify(await sign({}, keys.RSA.pkcs8, { kid: 'ec' }), jwks), 'ERR_JWKS_NO_MATCHING_KEY');
  });
  await check('local JWKS: a set with two keys of one kid is ERR_JWT_KEY_INVALID', ['ES256'], async () => {
    const twice = { keys: [jwks.keys[0], { ...jwks.keys[1], kid: 'ec' }] };
    await refused(verify(await sign({}, keys['P-256'].privateJwk, { kid: 'ec' }), twice), 'ERR_JWT_KEY_INVALID');
  });
  await check('local JWKS: the right kid with another key is ERR_JWT_SIGNATURE_INVALID', ['ES256'], async () => {
    const { privateKey } = await webjwt.generateKeyPair('ES256');
    await refused(verify(await sign({}, privateKey, { kid: 'ec' }), jwks), 'ERR_JWT_SIGNATURE_INVALID');
  });
  await check('a key resolver function picks the key from the header', ['ES256'], async () => {
    const token = await sign({ sub: 'r' }, keys['P-256'].privateJwk, { kid: 'ec' });
    const seen = [];
    const { payload } = await verify(token, async (header) => {
      seen.push(header.kid);
      return jwks.keys.find((k) => k.kid === header.kid);
    });
    assert(payload.sub === 'r' && seen.join() === 'ec', 'resolver');
  });

  // -------------------------------------------------------------------------
  // 5. Errors: stable codes, isJWTError, caller mistakes as TypeError, no secrets in messages.

  await check('isJWTError and JWTError', ['HS256'], async () => {
    const error = await refused(verify(await sign({}, secret), `${secret}!`), 'ERR_JWT_SIGNATURE_INVALID');
    assert(error instanceof webjwt.JWTError && error instanceof Error && error.name === 'JWTError', 'class and name');
    assert(isJWTError(error) && !isJWTError(error, 'ERR_JWT_EXPIRED'), 'isJWTError with and without a code');
    assert(!isJWTError(new Error('x')) && !isJWTError(null) && !isJWTError({ code: 'ERR_JWT_INVALID' }), 'not JWTErrors');
  });
  await check('caller mistakes are TypeErrors, not JWTErrors', ['HS256'], async () => {
    const token = await sign({}, secret);
    for (const attempt of [() => verify(123, secret), () => verify(token, secret, { audiance: 'api' }), () => sign({}, secret, { expiresIn: {} })]) {
      const error = await Promise.resolve().then(attempt).then(() => undefined, (e) => e);
      assert(error instanceof TypeError && !isJWTError(error), `expected a TypeError, got ${describe(error)}`);
    }
  });
  await check('error messages never contain the token, key or secret', ['HS256', 'ES256'], async () => {
    const token = await sign({ sub: 'secret-subject' }, secret, { audience: 'api' });
    const ecToken = await sign({}, keys['P-256'].privateJwk);
    const failures = [
      await refused(verify(token, `${secret}!`), 'ERR_JWT_SIGNATURE_INVALID'),
      await refused(verify(`${token}.x`, secret), 'ERR_JWT_INVALID'),
      await refused(verify(token, secret, { audience: 'other' }), 'ERR_JWT_CLAIM_INVALID'),
      await refused(verify(token, 'short secret'), 'ERR_JWT_KEY_INVALID'),
      await refused(verify(ecToken, keys['P-384'].privateJwk), 'ERR_JWT_ALG_NOT_ALLOWED'),
      await refused(sign({}, keys['P-256'].publicJwk), 'ERR_JWT_KEY_INVALID'),
    ];
    const forbidden = [token, ...token.split('.'), ecToken.split('.')[2], secret, 'short secret', 'secret-subject',
      keys['P-384'].privateJwk.d, keys['P-256'].publicJwk.x, pemBody(keys['P-256'].pkcs8).slice(0, 40)];
    for (const error of failures) {
      const text = `${error.message} ${error.stack ?? ''}`;
      const leak = forbidden.find((s) => text.includes(s));
      assert(leak === undefined, `the ${error.code} message contains ${leak?.slice(0, 12)}…`);
    }
  });

  // -------------------------------------------------------------------------
  // 6. webjwt/testing, imported by name like the package (suite-testing.js).

  if (testing) await testingChecks({ webjwt, testing, check, refused, assert, algorithms: Object.keys(ALGORITHMS) });

  return { results };
}

/** Counts results as the runners' RESULT line reports them. */
export function summarize({ results }) {
  const count = (status) => results.filter((r) => r.status === status).length;
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
}

// ---------------------------------------------------------------------------
// The algorithms, and how to probe each with Web Crypto

const RSA_PARAMS = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
const ALGORITHMS = {
  HS256: { family: 'oct', probe: { name: 'HMAC', hash: 'SHA-256' } },
  HS384: { family: 'oct', probe: { name: 'HMAC', hash: 'SHA-384' } },
  HS512: { family: 'oct', probe: { name: 'HMAC', hash: 'SHA-512' } },
  RS256: { family: 'RSA', probe: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', ...RSA_PARAMS } },
  RS384: { family: 'RSA', probe: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384', ...RSA_PARAMS } },
  RS512: { family: 'RSA', probe: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512', ...RSA_PARAMS } },
  PS256: { family: 'RSA', probe: { name: 'RSA-PSS', hash: 'SHA-256', ...RSA_PARAMS } },
  PS384: { family: 'RSA', probe: { name: 'RSA-PSS', hash: 'SHA-384', ...RSA_PARAMS } },
  PS512: { family: 'RSA', probe: { name: 'RSA-PSS', hash: 'SHA-512', ...RSA_PARAMS } },
  ES256: { family: 'P-256', probe: { name: 'ECDSA', namedCurve: 'P-256' } },
  ES384: { family: 'P-384', probe: { name: 'ECDSA', namedCurve: 'P-384' } },
  ES512: { family: 'P-521', probe: { name: 'ECDSA', namedCurve: 'P-521' } },
  EdDSA: { family: 'Ed25519', probe: { name: 'Ed25519' } },
  Ed25519: { family: 'Ed25519', probe: { name: 'Ed25519' } },
};
const ASYMMETRIC = Object.keys(ALGORITHMS).filter((alg) => ALGORITHMS[alg].family !== 'oct');
const HASH_BYTES = { HS256: 32, HS384: 48, HS512: 64 };

/**
 * For each algorithm, whether this platform's Web Crypto can generate a key
 * for it. NotSupportedError (the Web Crypto answer for an unknown algorithm or
 * curve) means skip; any other error is reported as a failure by `check`.
 */
async function detectSupport() {
  const support = {};
  const probes = new Map();
  for (const [alg, { probe }] of Object.entries(ALGORITHMS)) {
    const id = JSON.stringify(probe);
    if (!probes.has(id)) {
      probes.set(id, crypto.subtle.generateKey(probe, false, ['sign', 'verify']).then(
        () => ({ ok: true }),
        (error) => ({ ok: false, notSupported: error?.name === 'NotSupportedError', why: describe(error) }),
      ));
    }
    support[alg] = await probes.get(id);
  }
  return support;
}

// ---------------------------------------------------------------------------
// The corpus cases, mapped onto verify() as test/vectors/bad-inputs.test.ts maps them

const CODE_OF_REASON = {
  malformed: 'ERR_JWT_INVALID', invalid_base64url: 'ERR_JWT_INVALID', invalid_header: 'ERR_JWT_INVALID',
  invalid_payload: 'ERR_JWT_INVALID', unsupported_crit: 'ERR_JWT_INVALID', unsupported_header: 'ERR_JWT_INVALID',
  too_large: 'ERR_JWT_INVALID', alg_not_allowed: 'ERR_JWT_ALG_NOT_ALLOWED', invalid_signature: 'ERR_JWT_SIGNATURE_INVALID',
  no_matching_key: 'ERR_JWKS_NO_MATCHING_KEY', expired: 'ERR_JWT_EXPIRED', not_yet_valid: 'ERR_JWT_NOT_YET_VALID',
  invalid_claim: 'ERR_JWT_CLAIM_INVALID', audience_mismatch: 'ERR_JWT_CLAIM_INVALID', issuer_mismatch: 'ERR_JWT_CLAIM_INVALID',
  missing_claim: 'ERR_JWT_CLAIM_INVALID', iat_in_future: 'ERR_JWT_CLAIM_INVALID',
};
const CLAIM_FAILURE_OF_REASON = {
  invalid_claim: 'invalid', audience_mismatch: 'mismatch', issuer_mismatch: 'mismatch', missing_claim: 'missing', iat_in_future: 'future',
};

/** The algorithms a case's key needs from the platform (its JWK's, or HS256 without one). */
function algorithmsOfCase(c) {
  const jwk = c.verify_key;
  if (!jwk || jwk.kty === 'oct') return ['HS256'];
  if (jwk.kty === 'RSA') return [jwk.alg?.startsWith('PS') ? 'PS256' : 'RS256'];
  if (jwk.kty === 'OKP') return ['EdDSA'];
  return [{ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[jwk.crv]];
}

/** The case's key: its JWK; without one, its key set, else a resolver that finds nothing. */
function keyForCase(c) {
  if (c.verify_key) return c.verify_key;
  if (c.verify_options.jwks) return c.verify_options.jwks;
  return () => undefined;
}

function optionsForCase(c) {
  const o = c.verify_options;
  const options = {
    currentDate: new Date(o.now * 1000),
    clockTolerance: o.clock_tolerance_s,
    requiredClaims: o.required_claims,
    crit: o.supported_crit,
  };
  if (o.algorithms !== null) options.algorithms = o.algorithms;
  if (o.issuer !== null) options.issuer = o.issuer;
  if (o.audience !== null) options.audience = o.audience;
  if (!o.reject_future_iat) options.allowFutureIssuedAt = true;
  return options;
}

/** Runs `run` with fetch replaced by a stub, and fails if anything called it (jku, x5u headers). */
async function withoutNetwork(run) {
  const original = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = async () => {
    calls += 1;
    throw new Error('network access from the conformance suite');
  };
  try {
    await run();
  } finally {
    globalThis.fetch = original;
  }
  assert(calls === 0, 'verify tried to fetch');
}

// ---------------------------------------------------------------------------
// Small helpers, web-standard only

function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

function describe(error) {
  if (error === undefined) return 'nothing was thrown';
  const code = typeof error?.code === 'string' ? ` ${error.code}` : '';
  return `${error?.name ?? typeof error}${code}: ${error?.message ?? String(error)}`;
}

/** Deep equality of JSON values. */
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  return keysA.length === Object.keys(b).length && keysA.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
}

/** base64url of a string's UTF-8 bytes, or of bytes. */
function base64url(input) {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The UTF-8 text of a base64url segment. */
function base64urlDecode(segment) {
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}

/** A base64url signature with one bit of its middle byte flipped, still canonical. */
function flipBit(segment) {
  const binary = atob(segment.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  bytes[bytes.length >> 1] ^= 0x01;
  return base64url(bytes);
}

/** A PEM's base64 body, without armour or line breaks. */
function pemBody(pem) {
  return pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}
