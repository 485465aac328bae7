/**
 * The checks src/lib/import.ts runs before a key is used, each with a message
 * that says which rule refused the key; and the cache of imported keys, whose
 * slots are never read from a prototype.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { decode, sign, verify, type JWK } from '../../src/index.js';
import { failure } from './kit.js';

const SECRET = 'import-messages-test-secret-of-32-bytes!';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsaJWK = (overrides: Partial<JWK> = {}) => ({ ...(rsa.publicKey.export({ format: 'jwk' }) as JWK), ...overrides });

describe('each refusal of a key says which rule refused it', () => {
  it('a JWK whose key_ops do not allow the use', async () => {
    const { kind, message } = await failure(sign({}, { kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), key_ops: ['verify'] }));
    expect(kind).toBe('ERR_JWT_KEY_INVALID');
    expect(message).toContain('does not allow "sign"');
  });

  it('a short secret: the algorithm, the minimum, the size and the option', async () => {
    const { kind, message } = await failure(sign({}, new Uint8Array(31).fill(1)));
    expect(kind).toBe('ERR_JWT_KEY_INVALID');
    expect(message).toContain('too short for HS256: expected at least 32 bytes, got 31');
    expect(message).toContain('allowInsecureKeySizes');
  });

  it('an RSA public exponent that is even or under 3', async () => {
    const token = await sign({}, rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    for (const e of ['AQ', 'Ag']) {
      const { kind, message } = await failure(verify(token, rsaJWK({ e })));
      expect(kind).toBe('ERR_JWT_KEY_INVALID');
      expect(message).toContain('public exponent');
    }
  });
});

describe('the slots of imported keys', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>)['-1'];
  });

  it('are own and in range: a polluted Object.prototype["-1"] never stands for an imported key', async () => {
    // Only "-1": an array index (0 to 3, own in every slot list, see test/security) would be read by every
    // array in the process while the test awaits, the test runner's own included.
    const bogus = { engine: { sign: () => 'forged', verify: () => true }, key: {}, signatureBytes: undefined };
    Object.defineProperty(Object.prototype, '-1', { value: bogus, configurable: true, writable: true });
    const secret = `${SECRET}-slots`;
    const signed = [await sign({ a: 1 }, secret), await sign({ a: 2 }, secret, { allowInsecureKeySizes: true })];
    delete (Object.prototype as Record<string, unknown>)['-1'];
    for (const token of signed) expect(token.split('.')[2]).not.toBe('forged');
    await expect(verify(signed[1]!, secret)).resolves.toMatchObject({ payload: { a: 2 } });
    expect(decode(signed[0]!).payload).toMatchObject({ a: 1 });
  });
});
