/**
 * Both signing engines through the engine interface itself, whichever the
 * build selects (the vitest project `library` signs with node:crypto, `web`
 * with Web Crypto; mutation testing runs only `library`): every algorithm's
 * key forms, signatures each engine makes verified by the other, the key
 * checks an engine makes on import, and which engine serves what.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALGORITHMS, ALGORITHM_NAMES, type AlgorithmSpec } from '../../src/lib/algorithms.js';
import type { KeyMaterial, SigningEngine } from '../../src/lib/crypto/engine.js';
import { nativeEngine } from '../../src/lib/crypto/native.js';
import { engineFor, signer } from '../../src/lib/crypto/select.js';
import { exportDER, generateKey, webCryptoEngine } from '../../src/lib/crypto/webcrypto.js';
import { sign, verify, type JWK, type JWSAlgorithm } from '../../src/index.js';
import { expectDistinctFailures } from './kit.js';

const native = nativeEngine()!;
const ENGINES: [string, SigningEngine][] = [['node:crypto', native], ['webcrypto', webCryptoEngine]];
const DATA = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0';
const b64u = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('base64url'));

/** Key material of every form for one algorithm: made once per key type and curve. */
const pairs = new Map<string, { privateKey: KeyObject; publicKey: KeyObject }>();
function pairFor(spec: AlgorithmSpec) {
  const id = `${spec.kty}:${spec.crv ?? ''}`;
  if (!pairs.has(id)) {
    if (spec.kty === 'RSA') pairs.set(id, generateKeyPairSync('rsa', { modulusLength: 2048 }));
    else if (spec.kty === 'EC') pairs.set(id, generateKeyPairSync('ec', { namedCurve: spec.crv! }));
    else pairs.set(id, generateKeyPairSync('ed25519'));
  }
  return pairs.get(id)!;
}
function materials(spec: AlgorithmSpec): { sign: KeyMaterial[]; verify: KeyMaterial[] } {
  if (spec.kty === 'oct') {
    const raw: KeyMaterial = { format: 'raw', bytes: new Uint8Array(randomBytes(spec.minKeyBytes!)) };
    return { sign: [raw], verify: [raw] };
  }
  const { privateKey, publicKey } = pairFor(spec);
  const { d: _, ...publicJWK } = privateKey.export({ format: 'jwk' }) as JsonWebKey;
  const pkcs8: KeyMaterial = { format: 'pkcs8', der: new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })) };
  return {
    sign: [pkcs8, { format: 'jwk', jwk: privateKey.export({ format: 'jwk' }) as JsonWebKey }],
    verify: [{ format: 'spki', der: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })) }, { format: 'jwk', jwk: publicJWK }, pkcs8],
  };
}
const signature = async (engine: SigningEngine, spec: AlgorithmSpec, key: object, data: string | Uint8Array<ArrayBuffer>) =>
  b64u(await engine.sign(spec, key, data));

describe.each(ALGORITHM_NAMES.map((alg) => [alg]))('%s', (alg: JWSAlgorithm) => {
  const spec = ALGORITHMS[alg];

  it('each engine verifies what either engine signs, from every key form, and refuses a changed input or signature', async () => {
    const { sign, verify } = materials(spec);
    for (const [signerName, by] of ENGINES) {
      for (const material of sign) {
        const key = await by.importKey(spec, material, 'sign');
        const made = await signature(by, spec, key, DATA);
        const fromBytes = await signature(by, spec, key, new TextEncoder().encode(DATA));
        expect(await by.verify(spec, await by.importKey(spec, verify[0]!, 'verify'), fromBytes, DATA), 'bytes sign as their text').toBe(true);
        expect(await by.verify(spec, await by.importKey(spec, verify[0]!, 'verify'), made, new TextEncoder().encode(DATA)), 'text verifies as its bytes').toBe(true);
        for (const [verifierName, check] of ENGINES) {
          for (const publicMaterial of verify) {
            const publicKey = await check.importKey(spec, publicMaterial, 'verify');
            const what = `${signerName} (${material.format}) -> ${verifierName} (${publicMaterial.format})`;
            expect(await check.verify(spec, publicKey, made, DATA), what).toBe(true);
            expect(await check.verify(spec, publicKey, made, `${DATA}x`), `${what}, changed data`).toBe(false);
            const flipped = `${made.slice(0, 10)}${made[10] === 'A' ? 'B' : 'A'}${made.slice(11)}`;
            expect(await check.verify(spec, publicKey, flipped, DATA), `${what}, changed signature`).toBe(false);
          }
        }
      }
    }
  });

  it('an imported key says what it is: public for verifying (even from a private key), private or secret for signing', async () => {
    const { sign, verify } = materials(spec);
    for (const [name, engine] of ENGINES) {
      const signing = engine.details(await engine.importKey(spec, sign[0]!, 'sign'));
      expect(signing.type, name).toBe(spec.kty === 'oct' ? 'secret' : 'private');
      for (const material of verify) {
        const details = engine.details(await engine.importKey(spec, material, 'verify'));
        expect(details.type, `${name} ${material.format}`).toBe(spec.kty === 'oct' ? 'secret' : 'public');
        if (spec.kty === 'RSA') expect(details, name).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
        else expect(details, name).not.toHaveProperty('modulusLength');
      }
    }
  });
});

describe('HMAC in each engine', () => {
  const spec = ALGORITHMS.HS256;
  const bytes = new Uint8Array(randomBytes(32));

  it.each(ENGINES)('%s: a secret imported for signing verifies too', async (_, engine) => {
    const key = await engine.importKey(spec, { format: 'raw', bytes }, 'sign');
    const mac = await signature(engine, spec, key, DATA);
    expect(await engine.verify(spec, key, mac, DATA)).toBe(true);
  });

  it.each(ENGINES)('%s: a MAC with characters added, or one short, does not verify', async (_, engine) => {
    const key = await engine.importKey(spec, { format: 'raw', bytes }, 'verify');
    const mac = await signature(engine, spec, key, DATA);
    for (const other of [`${mac}AAAA`, `${mac}A`, mac.slice(0, -1), mac.slice(0, -4), '']) {
      expect(await Promise.resolve().then(() => engine.verify(spec, key, other, DATA)).catch(() => false), other).toBe(false);
    }
  });
});

describe('engine imports refuse material of another type than the algorithm', () => {
  const rsa = materials(ALGORITHMS.RS256);
  const p256 = materials(ALGORITHMS.ES256);
  const p384 = materials(ALGORITHMS.ES384);
  const ed = materials(ALGORITHMS.EdDSA);

  it.each(ENGINES)('%s', async (_, engine) => {
    const refused = async (alg: JWSAlgorithm, material: KeyMaterial, usage: 'sign' | 'verify') =>
      expect(Promise.resolve().then(() => engine.importKey(ALGORITHMS[alg], material, usage)), `${alg} ${material.format}`).rejects.toThrow();
    await refused('ES256', rsa.verify[0]!, 'verify');
    await refused('ES256', p384.verify[0]!, 'verify');
    await refused('ES384', p256.sign[0]!, 'sign');
    await refused('ES256', ed.verify[1]!, 'verify');
    await refused('EdDSA', p256.verify[0]!, 'verify');
    await refused('RS256', ed.sign[0]!, 'sign');
    await refused('PS256', p256.verify[1]!, 'verify');
  });

  it('node:crypto names the expected key type in its refusal', async () => {
    expect(() => native.importKey(ALGORITHMS.ES256, p384.verify[0]!, 'verify')).toThrow('P-256');
    expect(() => native.importKey(ALGORITHMS.RS256, p256.verify[0]!, 'verify')).toThrow('RSA');
  });
});

describe('the native engine', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adopts a CryptoKey once, as a KeyObject of the same key', async () => {
    const { privateKey } = (await generateKey(ALGORITHMS.ES256, true)) as CryptoKeyPair;
    const adopted = native.adopt(privateKey);
    expect(native.adopt(privateKey)).toBe(adopted);
    expect(native.details(adopted).type).toBe('private');
  });

  it.each<[string, unknown]>([
    ['getBuiltinModule throws', { getBuiltinModule: () => { throw new Error('no'); } }],
    ['no node:crypto', { getBuiltinModule: () => undefined }],
    ['a node:crypto without createHmac', { getBuiltinModule: () => ({ KeyObject: { from() {} } }) }],
    ['a node:crypto without KeyObject.from', { getBuiltinModule: () => ({ createHmac() {}, KeyObject: {} }) }],
    ['a node:crypto without KeyObject', { getBuiltinModule: () => ({ createHmac() {} }) }],
    ['no getBuiltinModule', {}],
  ])('is not offered where %s', (_, process) => {
    vi.stubGlobal('process', process);
    expect(nativeEngine()).toBeUndefined();
  });

  it('is offered with a userAgent that is not workerd, or without a navigator at all (Node.js 20)', () => {
    vi.stubGlobal('navigator', { userAgent: 'Node.js/20' });
    expect(nativeEngine()?.name).toBe('node:crypto');
    vi.stubGlobal('navigator', undefined);
    expect(nativeEngine()?.name).toBe('node:crypto');
  });
});

describe('which engine serves what', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('here: the selected engine for every algorithm', () => {
    for (const alg of ALGORITHM_NAMES) expect(engineFor(ALGORITHMS[alg]), alg).toBe(signer);
  });

  it('in Deno: Web Crypto for RSA and ECDSA, the selected engine for HMAC and EdDSA', async () => {
    vi.stubGlobal('Deno', {});
    vi.resetModules();
    const select = await import('../../src/lib/crypto/select.js');
    const names = Object.fromEntries(ALGORITHM_NAMES.map((alg) => [alg, select.engineFor(ALGORITHMS[alg]).name]));
    const selected = select.signer.name;
    expect(names).toEqual({
      HS256: selected, HS384: selected, HS512: selected,
      RS256: 'webcrypto', RS384: 'webcrypto', RS512: 'webcrypto', PS256: 'webcrypto', PS384: 'webcrypto', PS512: 'webcrypto',
      ES256: 'webcrypto', ES384: 'webcrypto', ES512: 'webcrypto',
      EdDSA: selected, Ed25519: selected,
    });
  });

  it('Web Crypto imports keys that cannot be exported again', async () => {
    const { sign } = materials(ALGORITHMS.ES256);
    const key = (await webCryptoEngine.importKey(ALGORITHMS.ES256, sign[0]!, 'sign')) as CryptoKey;
    expect(key.extractable).toBe(false);
    const secret = (await webCryptoEngine.importKey(ALGORITHMS.HS256, { format: 'raw', bytes: new Uint8Array(32) }, 'sign')) as CryptoKey;
    expect(secret.extractable).toBe(false);
  });

  it('Web Crypto generates RSA keys of 2048 bits with e = 65537, and exports DER', async () => {
    const { publicKey } = (await generateKey(ALGORITHMS.RS256, true)) as CryptoKeyPair;
    expect(webCryptoEngine.details(publicKey)).toEqual({ type: 'public', modulusLength: 2048, publicExponent: 65537n });
    const der = await exportDER(publicKey, 'spki');
    expect(der).toBeInstanceOf(Uint8Array);
    expect(der[0]).toBe(0x30);
  });
});

describe('platform failures and key checks on the way through an engine', () => {
  afterEach(() => vi.restoreAllMocks());
  const wycheproof = JSON.parse(
    readFileSync(new URL('../vectors/data/wycheproof/json_web_key_test.json', import.meta.url), 'utf8'),
  ) as { testGroups: { comment: string; public?: { keys: JWK[] } }[] };
  const rocaJWK = wycheproof.testGroups.find((g) => g.comment === 'jws_rsa_roca_key')!.public!.keys[0]!;
  const rsaToken = 'eyJhbGciOiJSUzI1NiJ9.e30.' + 'A'.repeat(342);

  it('a key check\'s own refusal passes through as it is; a platform failure becomes one of its own', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const roca = await crypto.subtle.importKey('jwk', rocaJWK, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
    await expectDistinctFailures([
      ['an RSA key too small', 'ERR_JWT_KEY_INVALID', () => sign({}, small, { alg: 'RS256' })],
      ['a ROCA CryptoKey', 'ERR_JWT_KEY_INVALID', () => verify(rsaToken, roca)],
      ['a platform failure', 'ERR_JWT_KEY_INVALID', () => {
        vi.spyOn(signer, 'importKey').mockImplementation(() => Promise.reject(new Error('platform')));
        return sign({}, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
      }],
    ]);
  });

  it('an engine that throws nothing at all still fails as a key that cannot be used', async () => {
    vi.spyOn(signer, 'sign').mockImplementation(() => {
      throw null; // eslint-disable-line no-throw-literal
    });
    await expect(sign({}, 'engines-test-secret-of-at-least-32-bytes!')).rejects.toMatchObject({ code: 'ERR_JWT_KEY_INVALID' });
  });
});
