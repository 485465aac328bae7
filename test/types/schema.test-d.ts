/**
 * Type-level tests of the `schema` option (vitest typecheck; nothing here runs):
 * verify's payload is the schema's output with no generic argument, for zod,
 * valibot and arktype; a schema whose output is not an object is a type error;
 * `verify<Claims>` without a schema is unchanged.
 */
import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  isJWTError,
  sign,
  verify,
  type DecodedJWT,
  type JWTHeader,
  type JWTPayload,
  type JWTPayloadSchema,
  type JWTSchemaIssue,
  type SignOptions,
  type StandardSchemaV1,
  type ValidatedJWT,
  type VerifyOptions,
} from '../../src/index.js';

declare const token: string;
declare const secret: string;
type Claims = { sub: string; role: 'admin' | 'user' };

describe('verify with a schema', () => {
  it('zod: payload is the output, without a generic argument', async () => {
    const schema = z.object({ sub: z.string(), role: z.enum(['admin', 'user']) });
    const { header, payload } = await verify(token, secret, { schema, audience: 'api' });
    expectTypeOf(payload).toEqualTypeOf<Claims>();
    expectTypeOf(payload.role).toEqualTypeOf<'admin' | 'user'>();
    expectTypeOf(header).toEqualTypeOf<JWTHeader>();
  });

  it('valibot', async () => {
    const schema = v.object({ sub: v.string(), role: v.picklist(['admin', 'user']) });
    expectTypeOf((await verify(token, secret, { schema })).payload).toEqualTypeOf<Claims>();
  });

  it('arktype', async () => {
    const schema = type({ sub: 'string', role: "'admin' | 'user'" });
    expectTypeOf((await verify(token, secret, { schema })).payload).toEqualTypeOf<Claims>();
  });

  it('transforms and defaults: the output type, not the input type', async () => {
    const schema = z.object({ roles: z.string().transform((s) => s.split(' ')), tier: z.string().default('free') });
    const { payload } = await verify(token, secret, { schema });
    expectTypeOf(payload).toEqualTypeOf<{ roles: string[]; tier: string }>();
    const async = v.objectAsync({ n: v.pipeAsync(v.string(), v.transform(Number)) });
    expectTypeOf((await verify(token, secret, { schema: async })).payload).toEqualTypeOf<{ n: number }>();
  });

  it('a hand-written Standard Schema', async () => {
    const schema: StandardSchemaV1<unknown, { n: number }> = {
      '~standard': { version: 1, vendor: 'me', validate: (value) => ({ value: value as { n: number } }) },
    };
    expectTypeOf(verify(token, secret, { schema })).toEqualTypeOf<Promise<ValidatedJWT<{ n: number }>>>();
  });

  it('a schema whose output is not an object is a type error', () => {
    // @ts-expect-error: a string is not a claims set
    void verify(token, secret, { schema: z.string() });
    // @ts-expect-error: nor a number
    void verify(token, secret, { schema: v.number() });
    // @ts-expect-error: nor a union with null
    void verify(token, secret, { schema: type({ sub: 'string' }).or('null') });
    // @ts-expect-error: nor an object transformed into a string
    void sign({}, secret, { schema: z.object({ sub: z.string() }).transform((o) => o.sub) });
    expectTypeOf(z.string()).not.toExtend<JWTPayloadSchema>();
    expectTypeOf(z.object({})).toExtend<JWTPayloadSchema>();
  });

  it('other options are still checked beside a schema', () => {
    // @ts-expect-error: a misspelt option
    void verify(token, secret, { schema: z.object({}), audiance: 'api' });
  });

  it('verify<Claims> without a schema works as before', async () => {
    expectTypeOf(verify<Claims>(token, secret)).toEqualTypeOf<Promise<DecodedJWT<Claims>>>();
    expectTypeOf((await verify(token, secret)).payload).toEqualTypeOf<JWTPayload>();
    const options: VerifyOptions = { audience: 'api' };
    expectTypeOf(verify<Claims>(token, secret, options)).toEqualTypeOf<Promise<DecodedJWT<Claims>>>();
  });

  it('a schema is an option like the others (VerifyOptions, SignOptions)', () => {
    const schema = z.object({ sub: z.string() });
    expectTypeOf({ schema, audience: 'api' }).toExtend<VerifyOptions>();
    expectTypeOf({ schema, expiresIn: '5m' as const }).toExtend<SignOptions>();
  });
});

describe('a schema refusal', () => {
  it('narrows to its issues once reason is "schema"', () => {
    const error: unknown = new Error();
    if (isJWTError(error, 'ERR_JWT_CLAIM_INVALID')) {
      expectTypeOf(error.issues).toEqualTypeOf<readonly JWTSchemaIssue[] | undefined>();
      if (error.reason === 'schema') {
        expectTypeOf(error.issues).toEqualTypeOf<readonly JWTSchemaIssue[]>();
        expectTypeOf(error.issues[0]!.path).toEqualTypeOf<readonly (string | number)[]>();
        expectTypeOf(error.claim).toEqualTypeOf<string>();
      } else {
        expectTypeOf(error.issues).toEqualTypeOf<undefined>();
        expectTypeOf(error.reason).toEqualTypeOf<'missing' | 'invalid' | 'mismatch' | 'future'>();
      }
    }
  });
});
