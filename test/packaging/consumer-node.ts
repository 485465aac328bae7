/**
 * A Node consumer of the packed webjwt: scripts/check-package.mjs type-checks it (never runs it)
 * next to consumer.ts in the variants that load @types/node, with and without the DOM lib.
 *
 * Keys must cross between webjwt and Node's own Web Crypto in both directions: Node's
 * `webcrypto.CryptoKey` (and Buffers) into webjwt, and the keys webjwt returns into
 * `crypto.subtle`. Without the DOM lib webjwt types keys by its own fallback shape, which
 * must stay assignable to Node's type.
 */
import { readFileSync } from 'node:fs';
import { createPrivateKey, createSecretKey, webcrypto, type KeyObject } from 'node:crypto';
import { exportJWK, exportJWKS, exportPEM, exportPublicJWK, generateKeyPair, importJWK, importPEM, sign, verify, type JWK, type JWKS, type KeyInput } from 'webjwt';
import { createTestIssuer } from 'webjwt/testing';

export async function nodeInterop(jwk: JWK, pemFile: string): Promise<unknown[]> {
  // The test issuer's fetch stands in for Node's global fetch, for code that takes one
  const idp = await createTestIssuer();
  const asGlobalFetch: typeof fetch = idp.fetch;
  const metadata: unknown = await (await asGlobalFetch(`${idp.issuer}/.well-known/openid-configuration`)).json();

  // Node's keys and bytes into webjwt
  const nodeKey: webcrypto.CryptoKey = await webcrypto.subtle.importKey(
    'raw', new Uint8Array(32), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify'],
  );
  const asInput: KeyInput = nodeKey;
  const token = await sign({ sub: String(metadata) }, asInput);
  await verify(token, nodeKey);
  const exported: JWK = await exportJWK(nodeKey);
  const fromBuffer = await sign({}, Buffer.from('a secret of at least thirty-two bytes'));
  const pemBytes: KeyInput = readFileSync(pemFile);
  await verify(fromBuffer, pemBytes);

  // webjwt's keys into Node's Web Crypto
  const imported = await importJWK(jwk, 'ES256');
  const asNodeKey: webcrypto.CryptoKey = imported;
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const pair: webcrypto.CryptoKeyPair = { privateKey, publicKey };
  const signature = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, new Uint8Array(1));
  const viaGlobal = await globalThis.crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, new Uint8Array(1));
  const fromPem = await importPEM(readFileSync(pemFile, 'utf8'));
  await webcrypto.subtle.exportKey('spki', fromPem);

  // Node's KeyObjects, as jsonwebtoken users have them
  const keyObject: KeyObject = createPrivateKey(readFileSync(pemFile));
  const fromKeyObject = await sign({ sub: 'node' }, keyObject);
  await verify(fromKeyObject, createSecretKey(Buffer.from('a secret of at least thirty-two bytes')));
  const published: JWK = await exportPublicJWK(keyObject);
  const set: JWKS = await exportJWKS([keyObject, readFileSync(pemFile, 'utf8')]);
  return [exported, asNodeKey, viaGlobal, await exportPEM(imported), published, set];
}
