/**
 * Each refusal of the JWS layer (src/lib/jws.ts) says which rule refused the
 * token: an unsecured token is not "an algorithm not allowed", and a resolver
 * that finds nothing is not one that returns something else. The codes are
 * asserted elsewhere; here, that each message names its rule.
 */
import { describe, expect, it } from 'vitest';
import { verify } from '../../src/index.js';
import { b64u } from '../helpers.js';
import { failure } from './kit.js';

const SECRET = 'jws-messages-test-secret-of-32-bytes!!';
const NOW = new Date('2026-01-01T00:00:00Z');
const tokenWith = (header: object) => `${b64u(header)}.${b64u({ sub: 'u' })}.c2lnbmF0dXJl`;
const refusal = (token: string, key: Parameters<typeof verify>[1] = SECRET, options = {}) => failure(verify(token, key, { currentDate: NOW, ...options }));

describe('the JWS layer names the rule that refused the token', () => {
  it.each(['none', 'NONE', 'None', 'nOnE'])('alg %j: unsecured JWTs are never accepted', async (alg) => {
    const { kind, message } = await refusal(tokenWith({ alg }));
    expect(kind).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    expect(message).toContain('alg "none"');
  });

  it.each(['ABCD', 'nonE5', 'non', 'HS25'])('alg %j: an algorithm not in the allowed list, not an unsecured JWT', async (alg) => {
    const { kind, message } = await refusal(tokenWith({ alg }));
    expect(kind).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    expect(message).toContain('not in the allowed list');
    expect(message).not.toContain('none');
  });

  it('an algorithm the caller did not allow', async () => {
    const { kind, message } = await refusal(tokenWith({ alg: 'HS384' }), SECRET, { algorithms: ['HS256'] });
    expect(kind).toBe('ERR_JWT_ALG_NOT_ALLOWED');
    expect(message).toContain('not in the allowed list');
  });

  it('a critical parameter the caller does not understand', async () => {
    const { kind, message } = await refusal(tokenWith({ alg: 'HS256', crit: ['x'], x: 1 }));
    expect(kind).toBe('ERR_JWT_INVALID');
    expect(message).toContain('critical');
  });

  it('a resolver that finds no key, and one that returns something that is not a key (the cause kept)', async () => {
    const token = tokenWith({ alg: 'HS256', kid: 'k' });
    const none = await refusal(token, () => undefined as never);
    expect(none.kind).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(none.message).toContain('found no key');
    const notAKey = await refusal(token, () => 5 as never);
    expect(notAKey.kind).toBe('ERR_JWT_KEY_INVALID');
    expect(notAKey.message).toContain('not a key');
    expect((notAKey.error as Error).cause).toBeInstanceOf(TypeError);
  });
});
