/** JWK members by key type (RFC 7518 §6, RFC 8037 §2), and what derives from them. */

import type { KeyType } from './algorithms.js';
import { own, ownElements } from './assert.js';
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

/** A copy of a JWK's own members without private members, `ext`, and `key_ops` other than "verify". */
export function publicMembers(jwk: Record<string, unknown>, kty: KeyType): Record<string, unknown> {
  const drop = [...KEY_MEMBERS[kty].private, 'ext', 'key_ops'];
  const entries = Object.keys(jwk).filter((name) => !drop.includes(name)).map((name) => [name, own(jwk, name)]);
  const keyOps = own(jwk, 'key_ops');
  if (Array.isArray(keyOps)) entries.push(['key_ops', ownElements(keyOps).filter((op) => op === 'verify')]);
  return Object.fromEntries(entries); // defined, not assigned
}

/**
 * The RFC 7638 §3 input: the required members in lexicographic order, no
 * whitespace; `undefined` when one is missing or not a string.
 */
export function thumbprintInput(jwk: Record<string, unknown>, kty: KeyType): string | undefined {
  const names = KEY_MEMBERS[kty].thumbprint;
  if (!names.every((name) => typeof own(jwk, name) === 'string')) return undefined;
  return `{${names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(own(jwk, name))}`).join(',')}}`;
}

/** Only `kty` and the key-material members: what an import needs, nothing it could trip on (`alg`, `key_ops`, `ext`). */
export function keyMaterialOf(jwk: Record<string, unknown>, kty: KeyType, withPrivate: boolean): JsonWebKey {
  const members = KEY_MEMBERS[kty];
  const names = withPrivate ? [...members.public, ...members.private] : members.public;
  // Own members read, into an object without a prototype: an importer that looks up a member it does
  // not find (a WebIDL dictionary conversion does) finds nothing inherited either.
  const material: Record<string, unknown> = Object.create(null);
  material.kty = kty;
  for (const name of names) if (own(jwk, name) !== undefined) material[name] = own(jwk, name);
  return material as JsonWebKey;
}

/** The RFC 7638 thumbprint of a JWK whose required members are known to be present, base64url-encoded. */
export async function computeThumbprint(input: string, hash: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256'): Promise<string> {
  return encodeBase64url(await digest(hash, encodeUTF8(input)));
}
