/**
 * Which engine signs and verifies: node:crypto in the default build (this
 * Node.js has it), Web Crypto in the Web Crypto build. The vitest projects
 * "library" and "web" run every test once with each (vitest.config.ts).
 */
import { KeyObject } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sign, verify } from '../../src/index.js';
import { ALGORITHMS } from '../../src/lib/algorithms.js';
import { engineFor, signer } from '../../src/lib/crypto/select.js';
import { nativeEngine } from '../../src/lib/crypto/native.js';
import { webCryptoEngine } from '../../src/lib/crypto/webcrypto.js';
import { importFor } from '../../src/lib/import.js';
import { inspectKey } from '../../src/lib/keys.js';

declare const WEBJWT_WEB_ONLY: boolean;

describe('engine selection', () => {
  it('is node:crypto in the default build and Web Crypto in the web build', () => {
    expect(signer.name).toBe(WEBJWT_WEB_ONLY ? 'webcrypto' : 'node:crypto');
  });

  it('offers no native engine where there is no process.getBuiltinModule, or in workerd', () => {
    const process = globalThis.process;
    try {
      Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true });
      expect(nativeEngine()).toBeUndefined();
    } finally {
      Object.defineProperty(globalThis, 'process', { value: process, configurable: true });
    }
    const navigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    try {
      Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Cloudflare-Workers' }, configurable: true });
      expect(nativeEngine()).toBeUndefined();
    } finally {
      if (navigator) Object.defineProperty(globalThis, 'navigator', navigator);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
    expect(nativeEngine()?.name).toBe('node:crypto');
  });
});

describe('a caller\'s CryptoKey', () => {
  afterEach(() => vi.restoreAllMocks());
  const hmacKey = (extractable: boolean) =>
    crypto.subtle.importKey('raw', new Uint8Array(32).fill(7), { name: 'HMAC', hash: 'SHA-256' }, extractable, ['sign', 'verify']);

  // node:crypto takes a CryptoKey only through KeyObject.from, which Node.js 24 deprecates for
  // non-extractable keys (DEP0204, a warning printed on the first call): those stay with Web Crypto.
  it('is used through Web Crypto when it is not extractable, in either build', async () => {
    const from = vi.spyOn(KeyObject, 'from');
    const key = await hmacKey(false);
    expect(engineFor(ALGORITHMS.HS256, key)).toBe(webCryptoEngine);
    expect((await importFor(inspectKey(key), 'HS256', 'verify')).engine).toBe(webCryptoEngine);
    const token = await sign({ sub: 'a' }, key);
    await expect(verify(token, key)).resolves.toMatchObject({ payload: { sub: 'a' } });
    expect(from).not.toHaveBeenCalled();
  });

  it('is used through the build\'s engine when it is extractable', async () => {
    const key = await hmacKey(true);
    expect(engineFor(ALGORITHMS.HS256, key)).toBe(signer);
    const imported = await importFor(inspectKey(key), 'HS256', 'sign');
    expect(imported.engine).toBe(signer);
    expect(imported.key === key).toBe(WEBJWT_WEB_ONLY);
    await expect(verify(await sign({ sub: 'b' }, key), key)).resolves.toMatchObject({ payload: { sub: 'b' } });
  });
});
