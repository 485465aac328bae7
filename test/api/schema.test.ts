/**
 * Standard Schema v1 in verify: zod, valibot and arktype (and a hand-written
 * schema) against valid, invalid, transforming and async payloads; the schema
 * runs only on a payload whose signature and registered claims passed; what a
 * refusal carries; and a schema that throws, which is a TypeError.
 */
import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { decode, isJWTError, sign, verify, type JWTPayload, type SignOptions, type StandardSchemaV1 } from '../../src/index.js';
import { expectJWTError, expectMistake, forgeHMAC, rejection } from '../helpers.js';
import { ALGORITHMS } from '../../src/lib/algorithms.js';
import { engineFor } from '../../src/lib/crypto/select.js';

const SECRET = 'schema-test-secret-0123456789abcdef-0123456789';
const NOW = new Date('2026-06-01T12:00:00Z');
const now = NOW.getTime() / 1000;
const signAt = (payload: object, options: SignOptions = {}) =>
  sign(payload as JWTPayload, SECRET, { currentDate: NOW, expiresIn: '5m', ...options });
const verifyAt = <O extends object>(token: string, schema: StandardSchemaV1<unknown, O>, options: object = {}) =>
  verify(token, SECRET, { currentDate: NOW, ...options, schema });

/** The same claims schema in each library: sub a string, role admin or user, tenant optional. */
const LIBRARIES = {
  zod: z.object({ sub: z.string(), role: z.enum(['admin', 'user']), tenant: z.string().optional() }),
  valibot: v.object({ sub: v.string(), role: v.picklist(['admin', 'user']), tenant: v.optional(v.string()) }),
  arktype: type({ sub: 'string', role: "'admin' | 'user'", 'tenant?': 'string' }),
};

/** A schema that counts its calls, around another. */
function counted<I, O>(schema: StandardSchemaV1<I, O>) {
  const counter = {
    calls: 0,
    schema: {
      '~standard': {
        ...schema['~standard'],
        validate: (value: unknown) => {
          counter.calls += 1;
          return schema['~standard'].validate(value);
        },
      },
    } as StandardSchemaV1<I, O>,
  };
  return counter;
}

describe.each(Object.entries(LIBRARIES))('%s', (_, schema) => {
  it('a valid payload comes back as the schema outputs it', async () => {
    const token = await signAt({ sub: 'u1', role: 'admin' });
    const { header, payload } = await verifyAt(token, schema);
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'u1', role: 'admin' });
  });

  it('a payload it refuses is ERR_JWT_CLAIM_INVALID with reason "schema", the claim and the issues', async () => {
    const token = await signAt({ sub: 'u1', role: 'root' });
    const error = await expectJWTError(verifyAt(token, schema), 'ERR_JWT_CLAIM_INVALID', { reason: 'schema', claim: 'role' });
    if (error.reason !== 'schema') throw new Error('narrowing');
    expect(error.issues).toHaveLength(1);
    expect(Object.keys(error.issues[0]!).sort()).toEqual(['message', 'path']); // never the value the library attaches
    expect(error.issues[0]!.path).toEqual(['role']);
    expect(typeof error.issues[0]!.message).toBe('string');
    expect(error.payload).toEqual(decode(token).payload); // the verified claims, as with the other claim failures
    expect(error.message).not.toContain('root'); // libraries quote the value in their messages: ours never does
  });

  it('every issue is reported, each with its path', async () => {
    const token = await signAt({ sub: 'u1', role: 'root', tenant: 7 });
    const error = await expectJWTError(verifyAt(token, schema), 'ERR_JWT_CLAIM_INVALID', { reason: 'schema' });
    const paths = (error.issues ?? []).map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['role', 'tenant']);
    expect(['role', 'tenant']).toContain(error.claim); // the first issue's, in the library's order
  });

  it('never runs on a token whose signature or registered claims fail', async () => {
    const counter = counted(schema);
    const good = { sub: 'u1', role: 'admin' };
    const attempts: [string, () => Promise<unknown>][] = [
      ['bad signature', async () => verifyAt(forgeHMAC({ alg: 'HS256' }, { ...good, exp: now + 60 }, `${SECRET}!`), counter.schema)],
      ['expired', async () => verifyAt(await signAt(good, { expiresIn: new Date(NOW.getTime() - 1000) }), counter.schema)],
      ['not yet valid', async () => verifyAt(await signAt(good, { notBefore: '1h' }), counter.schema)],
      ['wrong audience', async () => verifyAt(await signAt(good, { audience: 'other' }), counter.schema, { audience: 'api' })],
      ['mistyped exp', async () => verifyAt(forgeHMAC({ alg: 'HS256' }, { ...good, exp: 'later' }, SECRET), counter.schema)],
      ['malformed', async () => verifyAt('a.b.c', counter.schema)],
    ];
    for (const [label, attempt] of attempts) expect(isJWTError(await rejection(attempt)), label).toBe(true);
    expect(counter.calls).toBe(0);
    await verifyAt(await signAt(good), counter.schema);
    expect(counter.calls).toBe(1);
  });

  it('sign validates the claims before signing, and signs them as given', async () => {
    const token = await signAt({ sub: 'u1', role: 'user' }, { schema });
    expect(decode(token).payload).toEqual({ sub: 'u1', role: 'user', iat: now, exp: now + 300 });
    await expectMistake(signAt({ sub: 'u1', role: 'root' }, { schema }));
  });
});

describe('transforms and defaults', () => {
  const transforming = {
    zod: z.object({ sub: z.string(), roles: z.string().transform((s) => s.split(' ')), tier: z.string().default('free') }),
    valibot: v.object({
      sub: v.string(),
      roles: v.pipe(v.string(), v.transform((s) => s.split(' '))),
      tier: v.optional(v.string(), 'free'),
    }),
    arktype: type({ sub: 'string', roles: type('string').pipe((s) => s.split(' ')), tier: "string = 'free'" }),
  };

  it.each(Object.entries(transforming))('%s: payload is the output, typed as it', async (_, schema) => {
    const token = await signAt({ sub: 'u1', roles: 'read write' });
    const { payload } = await verifyAt(token, schema);
    expect(payload.roles).toEqual(['read', 'write']);
    expect(payload.tier).toBe('free');
  });

  it('an object schema that strips unknown keys strips the registered claims too (documented)', async () => {
    const { payload } = await verifyAt(await signAt({ sub: 'u1', role: 'user' }), LIBRARIES.zod);
    expect(payload).toEqual({ sub: 'u1', role: 'user' });
    const loose = z.looseObject({ sub: z.string() });
    expect((await verifyAt(await signAt({ sub: 'u1' }), loose)).payload).toEqual({ sub: 'u1', iat: now, exp: now + 300 });
  });

  it('sign signs the claims as given, not the output: verify transforms them once', async () => {
    const token = await signAt({ sub: 'u1', roles: 'read write' }, { schema: transforming.zod });
    expect(decode(token).payload.roles).toBe('read write');
    expect((await verifyAt(token, transforming.zod)).payload.roles).toEqual(['read', 'write']);
  });
});

describe('async schemas', () => {
  const known = new Set(['u1']);
  const lookup = async (sub: string) => known.has(sub);
  const asyncSchemas = {
    zod: z.object({ sub: z.string().refine(lookup, 'unknown user') }),
    valibot: v.objectAsync({ sub: v.pipeAsync(v.string(), v.checkAsync(lookup, 'unknown user')) }),
  };

  it.each(Object.entries(asyncSchemas))('%s: validate returns a Promise, which verify awaits', async (_, schema) => {
    const token = await signAt({ sub: 'u1' });
    expect(schema['~standard'].validate({ sub: 'u1' })).toBeInstanceOf(Promise);
    expect((await verifyAt(token, schema)).payload).toEqual({ sub: 'u1' });
    const error = await expectJWTError(verifyAt(await signAt({ sub: 'u2' }), schema), 'ERR_JWT_CLAIM_INVALID');
    expect(error).toMatchObject({ reason: 'schema', claim: 'sub', issues: [{ message: 'unknown user', path: ['sub'] }] });
  });

  it.each(Object.entries(asyncSchemas))('%s: sign awaits it too', async (_, schema) => {
    await signAt({ sub: 'u1' }, { schema });
    await expectMistake(signAt({ sub: 'u2' }, { schema }));
  });
});

/** A hand-written Standard Schema: whatever `validate` does. */
type HandMade = StandardSchemaV1<unknown, { sub?: string }>;
const handMade = (validate: (value: unknown) => unknown): HandMade => ({
  '~standard': { version: 1, vendor: 'test', validate: validate as HandMade['~standard']['validate'] },
});

describe('what a refusal carries', () => {
  it('issue paths as keys: { key } segments unwrapped, numbers kept, symbols by description; no path is []', async () => {
    const token = await signAt({ sub: 'u1' });
    const schema = handMade(() => ({
      issues: [
        { message: 'nested', path: [{ key: 'tenant', value: 'secret-value' }, { key: 0 }, 'id'] },
        { message: 'symbol', path: [Symbol('s')] },
        { message: 'whole' },
      ],
    }));
    const error = await expectJWTError(verifyAt(token, schema), 'ERR_JWT_CLAIM_INVALID', { claim: 'tenant', reason: 'schema' });
    expect(error.issues).toEqual([
      { message: 'nested', path: ['tenant', 0, 'id'] },
      { message: 'symbol', path: ['s'] },
      { message: 'whole', path: [] },
    ]);
    expect(JSON.stringify(error.issues)).not.toContain('secret-value');
    expect(Object.isFrozen(error.issues) && Object.isFrozen(error.issues![0]) && Object.isFrozen(error.issues![0]!.path)).toBe(true);
  });

  it('an issue about the payload as a whole has claim ""', async () => {
    const schema = handMade(() => ({ issues: [{ message: 'no' }] }));
    await expectJWTError(verifyAt(await signAt({}), schema), 'ERR_JWT_CLAIM_INVALID', { claim: '', reason: 'schema' });
  });

  it('the schema sees exactly the verified claims', async () => {
    let seen: unknown;
    const token = await signAt({ sub: 'u1', nested: { a: [1, 2] } });
    await verifyAt(token, handMade((value) => ((seen = value), { value })));
    expect(seen).toEqual(decode(token).payload);
  });

  it('the other claim failures carry no issues', async () => {
    const error = await expectJWTError(verify(await signAt({}), SECRET, { audience: 'api', currentDate: NOW }), 'ERR_JWT_CLAIM_INVALID');
    expect(error.reason).toBe('missing');
    expect('issues' in error).toBe(false);
  });
});

describe('a broken schema is a TypeError (a bug in the calling code), never a JWTError', () => {
  it('validate throws, or its Promise rejects: a TypeError whose cause is the schema\'s error', async () => {
    const token = await signAt({ sub: 'u1' });
    const boom = new Error('boom');
    for (const schema of [
      handMade(() => {
        throw boom;
      }),
      handMade(() => Promise.reject(boom)),
      z.object({ sub: z.string() }).refine(() => {
        throw boom;
      }),
    ]) {
      const error = await rejection(verifyAt(token, schema));
      expect(error).toBeInstanceOf(TypeError);
      expect(isJWTError(error)).toBe(false);
      expect((error as TypeError).cause).toBe(boom);
      await expectMistake(signAt({ sub: 'u1' }, { schema }));
    }
  });

  it('validate answers with something that is not a result, or outputs something that is not an object', async () => {
    const token = await signAt({ sub: 'u1' });
    for (const result of [undefined, null, 'ok', { issues: 'bad' }, { value: 'text' }, { value: null }, { value: [1] }, {}]) {
      await expectMistake(verifyAt(token, handMade(() => result)));
    }
    await expectMistake(verifyAt(token, z.any().transform(() => 'x') as never));
  });

  it('a schema option that is not a Standard Schema v1 fails before the token is read', async () => {
    for (const schema of [{}, 'zod', () => {}, { '~standard': {} }, { '~standard': { version: 2, validate: () => ({}) } }, { '~standard': { version: 1 } }]) {
      await expectMistake(verify('not a token', SECRET, { schema: schema as never }));
      await expectMistake(sign({}, SECRET, { schema: schema as never }));
    }
  });

  it('"schema" is a known option of verify and sign; a misspelling is a TypeError', async () => {
    const token = await signAt({ sub: 'u1' });
    await expectMistake(verify(token, SECRET, { schemas: LIBRARIES.zod } as never));
    await expectMistake(sign({}, SECRET, { Schema: LIBRARIES.zod } as never));
  });

  it('an inherited "schema" (a polluted Object.prototype) is never used', async () => {
    const token = await signAt({ sub: 'u1' });
    const proto = Object.prototype as Record<string, unknown>;
    proto.schema = handMade(() => ({ value: { sub: 'admin' } }));
    try {
      expect((await verify(token, SECRET, { currentDate: NOW })).payload.sub).toBe('u1');
      expect(decode(await sign({ sub: 'u1' }, SECRET)).payload.sub).toBe('u1');
    } finally {
      delete proto.schema;
    }
  });
});

describe('sign with a schema', () => {
  const Claims = z.object({ sub: z.string(), iss: z.literal('https://idp.test'), exp: z.number() });

  it('sees the claims the options add, as verify will', async () => {
    await signAt({ sub: 'u1' }, { schema: Claims, issuer: 'https://idp.test' });
    const error = await rejection(signAt({ sub: 'u1' }, { schema: Claims }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError & { cause: { issues: unknown[] } }).cause.issues).toEqual([
      { message: expect.any(String), path: ['iss'] },
    ]);
  });

  it('signs nothing when the schema refuses', async () => {
    const key = (await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])) as CryptoKey;
    // The engine sign uses for this key (Web Crypto: the key is not extractable).
    const spy = vi.spyOn(engineFor(ALGORITHMS.HS256, key), 'sign');
    try {
      await expectMistake(sign({ sub: 'u1' }, key, { schema: Claims }));
      expect(spy).toHaveBeenCalledTimes(0);
      await sign({ sub: 'u1' }, key, { schema: Claims, issuer: 'https://idp.test', expiresIn: 60 });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
