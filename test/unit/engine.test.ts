/**
 * Which engine signs and verifies: node:crypto in the default build (this
 * Node.js has it), Web Crypto in the Web Crypto build. The vitest projects
 * "library" and "web" run every test once with each (vitest.config.ts).
 */
import { describe, expect, it } from 'vitest';
import { signer } from '../../src/lib/crypto/select.js';
import { nativeEngine } from '../../src/lib/crypto/native.js';

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
