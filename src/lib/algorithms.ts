/**
 * The algorithm table: every JWS algorithm webjwt knows, in one place
 * (RFC 7518 §3.1, RFC 8037 §3.1, and the fully-specified `Ed25519`). Code
 * looks algorithms up here instead of switching on names.
 */

import type { JWSAlgorithm } from '../types.js';

export type KeyType = 'oct' | 'RSA' | 'EC' | 'OKP';
export type Curve = 'P-256' | 'P-384' | 'P-521' | 'Ed25519';
type Hash = 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface AlgorithmSpec {
  /** The JWK key type that serves it (RFC 7518 §6, RFC 8037 §2). */
  kty: KeyType;
  /** The curve an EC or OKP key must be on: the curve is bound to the algorithm (CVE-2022-23539). */
  crv?: Curve | undefined;
  /** The hash it signs with; none for EdDSA, whose hash is part of the algorithm. */
  hash?: Hash | undefined;
  /** Web Crypto parameters for importKey / generateKey. */
  importParams: HmacImportParams | RsaHashedImportParams | EcKeyImportParams | Algorithm;
  /** Web Crypto parameters for sign / verify. */
  signParams: Algorithm | RsaPssParams | EcdsaParams;
  /** HMAC: the smallest secure key in bytes, the hash output (RFC 7518 §3.2). */
  minKeyBytes?: number | undefined;
  /** ECDSA: the signature length in bytes, R ‖ S (RFC 7518 §3.4). */
  signatureBytes?: number | undefined;
  /** ECDSA: the order n of the curve's base point, for low-S signatures. */
  order?: bigint | undefined;
  /** The name that means the same algorithm (`EdDSA` ↔ `Ed25519`). */
  sameAs?: JWSAlgorithm | undefined;
}

/** RSA keys below this many bits are refused (RFC 7518 §3.3 requires 2048). */
export const MIN_RSA_BITS = 2048;

const bitsOf = (hash: Hash) => Number(hash.slice(4));

// Every entry has every field (absent ones undefined), so none is ever read through a (possibly polluted)
// prototype, and all entries share one shape (fast property access on the hot path).
const spec = (fields: AlgorithmSpec): AlgorithmSpec =>
  Object.freeze({ crv: undefined, hash: undefined, minKeyBytes: undefined, signatureBytes: undefined, order: undefined, sameAs: undefined, ...fields });

// Web Crypto's parameter dictionaries, without a prototype: a member they lack (HMAC's `length`, a
// `hash` for Ed25519) is looked up by the platform, and must not be found on a polluted Object.prototype.
const params = <T extends Algorithm>(fields: T): T => Object.freeze(Object.assign(Object.create(null) as T, fields));

const hmac = (hash: Hash) =>
  spec({ kty: 'oct', hash, importParams: params({ name: 'HMAC', hash }), signParams: params({ name: 'HMAC' }), minKeyBytes: bitsOf(hash) / 8 });

const rsa = (hash: Hash) =>
  spec({ kty: 'RSA', hash, importParams: params({ name: 'RSASSA-PKCS1-v1_5', hash }), signParams: params({ name: 'RSASSA-PKCS1-v1_5' }) });

// RFC 7518 §3.5: the salt is as long as the hash output.
const pss = (hash: Hash) =>
  spec({
    kty: 'RSA',
    hash,
    importParams: params({ name: 'RSA-PSS', hash }),
    signParams: params<RsaPssParams>({ name: 'RSA-PSS', saltLength: bitsOf(hash) / 8 }),
  });

const ecdsa = (crv: 'P-256' | 'P-384' | 'P-521', hash: Hash, signatureBytes: number, order: string) =>
  spec({
    kty: 'EC',
    crv,
    hash,
    importParams: params<EcKeyImportParams>({ name: 'ECDSA', namedCurve: crv }),
    signParams: params<EcdsaParams>({ name: 'ECDSA', hash }),
    signatureBytes,
    order: BigInt(`0x${order}`),
  });

const ed25519 = (sameAs: JWSAlgorithm) =>
  spec({ kty: 'OKP', crv: 'Ed25519', importParams: params({ name: 'Ed25519' }), signParams: params({ name: 'Ed25519' }), sameAs });

// An IIFE marked pure: a bundle that never looks an algorithm up (decode) drops the whole table.
export const ALGORITHMS: Readonly<Record<JWSAlgorithm, AlgorithmSpec>> = /* @__PURE__ */ (() =>
  Object.freeze({
    HS256: hmac('SHA-256'),
    HS384: hmac('SHA-384'),
    HS512: hmac('SHA-512'),
    RS256: rsa('SHA-256'),
    RS384: rsa('SHA-384'),
    RS512: rsa('SHA-512'),
    PS256: pss('SHA-256'),
    PS384: pss('SHA-384'),
    PS512: pss('SHA-512'),
    // The curve orders n (SEC 2 v2 §2.4.2, §2.5.1, §2.6.1; FIPS 186-5 / SP 800-186 §3.2.1).
    ES256: ecdsa('P-256', 'SHA-256', 64, 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
    ES384: ecdsa('P-384', 'SHA-384', 96,
      'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
    ES512: ecdsa('P-521', 'SHA-512', 132,
      '1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409'),
    EdDSA: ed25519('Ed25519'),
    Ed25519: ed25519('EdDSA'),
  }))();

export const ALGORITHM_NAMES = /* @__PURE__ */ Object.keys(ALGORITHMS) as JWSAlgorithm[];

/** Whether `name` is an algorithm of the table (exact, case-sensitive: RFC 7515 §4.1.1). */
export function isAlgorithm(name: unknown): name is JWSAlgorithm {
  return typeof name === 'string' && Object.hasOwn(ALGORITHMS, name);
}

/** Whether `list` allows `alg`, counting `EdDSA` and `Ed25519` as one. */
export function allows(list: readonly JWSAlgorithm[], alg: JWSAlgorithm): boolean {
  return list.includes(alg) || (ALGORITHMS[alg].sameAs !== undefined && list.includes(ALGORITHMS[alg].sameAs!));
}

/** The algorithms a key of this type (and curve) can serve, the default first. */
export function algorithmsFor(kty: KeyType, crv?: string): JWSAlgorithm[] {
  return ALGORITHM_NAMES.filter((alg) => ALGORITHMS[alg].kty === kty && ALGORITHMS[alg].crv === crv);
}
