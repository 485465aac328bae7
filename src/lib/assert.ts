/**
 * Checks of the caller's arguments. A caller's mistake is a TypeError (wrong
 * type, unknown option) or a RangeError (a value out of range), with one
 * message format: `"name" expected X, got Y`.
 */

import { isAlgorithm } from './algorithms.js';
import type { JWSAlgorithm } from '../types.js';

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  return typeof value;
}

export function expected(name: string, what: string, value: unknown): TypeError {
  return new TypeError(`"${name}" expected ${what}, got ${describe(value)}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null; // any realm's Object.prototype
}

/**
 * Checks that `options` is undefined or a plain object naming only `known`
 * options (so `audiance` fails loudly instead of turning a check off), and
 * returns it with the undefined ones dropped.
 */
export function checkOptions<T extends object>(options: unknown, known: readonly string[], label: string): T {
  if (options === undefined) return {} as T;
  if (!isPlainObject(options)) throw expected(label, 'an object', options);
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) throw new TypeError(`${label}: unknown option "${name}"`);
  }
  return options as T;
}

export function checkString(name: string, value: unknown): string | undefined {
  if (value !== undefined && typeof value !== 'string') throw expected(name, 'a string', value);
  return value;
}

export function checkBoolean(name: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw expected(name, 'a boolean', value);
  return value;
}

/** A string or a non-empty array of strings, as an array. */
export function checkStrings(name: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw expected(name, 'a string or an array of strings', value);
  }
  if (value.length === 0) throw new RangeError(`"${name}" expected at least one value, got an empty array`);
  return value;
}

export function checkAlgorithm(name: string, value: unknown): JWSAlgorithm {
  if (typeof value !== 'string') throw expected(name, 'an algorithm name', value);
  if (!isAlgorithm(value)) throw new RangeError(`"${name}" expected a supported algorithm, got "${value.slice(0, 20)}"`);
  return value;
}

export function checkDate(name: string, value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date)) throw expected(name, 'a Date', value);
  if (Number.isNaN(value.getTime())) throw new RangeError(`"${name}" expected a valid Date, got an invalid Date`);
  return value;
}

export function checkStringArray(name: string, value: unknown): string[] | undefined {
  if (value !== undefined && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
    throw expected(name, 'an array of strings', value);
  }
  return value;
}
