/**
 * The Standard Schema v1 interface, copied as its specification invites
 * ("Libraries wishing to implement a spec can copy/paste the code block below
 * into their codebase": https://standardschema.dev, the `@standard-schema/spec`
 * package 1.1.0, MIT, © 2024 Colin McDonnell), so that webjwt needs no
 * dependency to accept the schemas of zod (≥ 3.24), valibot (≥ 1.0), arktype
 * (≥ 2.0) and every other implementer. Only the parts a consumer of schemas
 * needs are kept (not the Standard JSON Schema interface). Types only: no
 * runtime code lives here.
 */

/**
 * A Standard Schema v1: any object with a `~standard` property of this shape,
 * such as a zod, valibot or arktype schema. {@link verify} and {@link sign} take one
 * as their `schema` option.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * const Claims: StandardSchemaV1<unknown, { sub: string }> = z.object({ sub: z.string() });
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

/** The members of {@link StandardSchemaV1}, as the specification names them. */
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties interface. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Validates unknown input values. */
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    /** Inferred types associated with the schema. */
    readonly types?: Types<Input, Output> | undefined;
  }

  /** The result interface of the validate function. */
  export type Result<Output> = SuccessResult<Output> | FailureResult;

  /** The result interface if validation succeeds. */
  export interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** A falsy value for `issues` indicates success. */
    readonly issues?: undefined;
  }

  /** Options of the validate function. */
  export interface Options {
    /** Explicit support for additional vendor-specific parameters, if needed. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }

  /** The result interface if validation fails. */
  export interface FailureResult {
    /** The issues of failed validation. */
    readonly issues: ReadonlyArray<Issue>;
  }

  /** The issue interface of the failure output. */
  export interface Issue {
    /** The error message of the issue. */
    readonly message: string;
    /** The path of the issue, if any. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }

  /** The path segment interface of the issue. */
  export interface PathSegment {
    /** The key representing a path segment. */
    readonly key: PropertyKey;
  }

  /** The Standard types interface. */
  export interface Types<Input = unknown, Output = Input> {
    /** The input type of the schema. */
    readonly input: Input;
    /** The output type of the schema. */
    readonly output: Output;
  }

  /** Infers the input type of a Standard Schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];

  /** Infers the output type of a Standard Schema. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/**
 * A schema for a JWT's claims: a {@link StandardSchemaV1} whose output is an
 * object (a schema of a string or a number is a type error).
 *
 * @example
 * ```ts
 * const Claims: JWTPayloadSchema = z.object({ sub: z.string(), role: z.enum(['admin', 'user']) });
 * ```
 */
export type JWTPayloadSchema<Output extends object = object> = StandardSchemaV1<unknown, Output>;
