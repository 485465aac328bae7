/** JWK members by key type (RFC 7518 §6, RFC 8037 §2), and what derives from them. */

import type { KeyType } from './algorithms.js';
import { encodeBase64url } from './base64url.js';
import { digest } from './crypto/webcrypto.js';
import { encodeUTF8 } from './utf8.js';

/** The members that carry key material; `thumbprint` lists the RFC 7638 §3.2 required members. */
export const KEY_MEMBERS: Readonly<Record<KeyType, { public: string[]; private: string[]; thumbprint: string[] }>> = {
  oct: { public: [], private: ['k'], thumbprint: ['k', 'kty'] },
  RSA: { public: ['n', 'e'], private: ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'], thumbprint: ['e', 'kty', 'n'] },
  EC: { public: ['crv', 'x', 'y'], private: ['d'], thumbprint: ['crv', 'kty', 'x', 'y'] },
  OKP: { public: ['crv', 'x'], private: ['d'], thumbprint: ['crv', 'kty', 'x'] },
};

export function isKeyType(kty: unknown): kty is KeyType {
  return typeof kty === 'string' && Object.hasOwn(KEY_MEMBERS, kty);
}

/** A copy without private members, `ext`, and `key_ops` other than "verify". */
export function publicMembers<T extends { kty?: string; key_ops?: string[] }>(jwk: T): T {
  const copy: Record<string, unknown> = { ...jwk };
  for (const name of KEY_MEMBERS[jwk.kty as KeyType].private) delete copy[name];
  delete copy.ext;
  if (Array.isArray(jwk.key_ops)) copy.key_ops = jwk.key_ops.filter((op) => op === 'verify');
  else delete copy.key_ops;
  return copy as T;
}

/**
 * The RFC 7638 §3 input: the required members in lexicographic order, no
 * whitespace; `undefined` when one is missing or not a string.
 */
export function thumbprintInput(jwk: Record<string, unknown>, kty: KeyType): string | undefined {
  const names = KEY_MEMBERS[kty].thumbprint;
  if (!names.every((name) => typeof jwk[name] === 'string')) return undefined;
  return `{${names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(jwk[name])}`).join(',')}}`;
}

/** Only `kty` and the key-material members: what an import needs, nothing it could trip on (`alg`, `key_ops`, `ext`). */
export function keyMaterialOf(jwk: Record<string, unknown>, kty: KeyType, withPrivate: boolean): JsonWebKey {
  const out: Record<string, unknown> = { kty };
  const members = KEY_MEMBERS[kty];
  for (const name of withPrivate ? [...members.public, ...members.private] : members.public) {
    if (jwk[name] !== undefined) out[name] = jwk[name];
  }
  return out as JsonWebKey;
}

/** The RFC 7638 thumbprint of a JWK whose required members are known to be present, base64url-encoded. */
export async function computeThumbprint(input: string, hash: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256'): Promise<string> {
  return encodeBase64url(await digest(hash, encodeUTF8(input)));
}
