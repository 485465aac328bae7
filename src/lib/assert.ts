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
 * A snapshot of an object's own enumerable data properties, in a
 * prototype-less object: each value is read exactly once, and nothing is ever
 * read through the prototype chain, so a polluted `Object.prototype`
 * (`Object.prototype.clockTolerance = '100y'`) cannot change what webjwt sees,
 * and a getter or proxy cannot answer differently on a second read. Accessor
 * properties are refused. `undefined` values are dropped.
 */
export function snapshot(value: Record<string, unknown>, label: string): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null);
  for (const name of Object.keys(value)) {
    const property = Object.getOwnPropertyDescriptor(value, name);
    if (!property) continue; // a proxy that lists a name it does not have
    if (!('value' in property)) throw new TypeError(`${label}: "${name}" expected a data property, got an accessor`);
    if (property.value !== undefined) copy[name] = property.value;
  }
  return copy;
}

/** Every known option, undefined: one template per list of option names (a module constant, not a fresh array per call). */
const TEMPLATES = new WeakMap<readonly string[], Readonly<Record<string, undefined>>>();

/**
 * Sets an own data property. Plain assignment would call a setter inherited
 * from a polluted prototype, so where the name is inherited it is defined
 * instead (defining is slower, hence only then).
 */
export function define(object: object, name: string, value: unknown): void {
  if (name in object && !Object.hasOwn(object, name)) {
    Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
  } else {
    (object as Record<string, unknown>)[name] = value;
  }
}

/** An own property of a parsed header or claims set, never one inherited from a prototype. */
export function own(object: object, name: string): unknown {
  return Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined;
}

/**
 * Checks that `options` is undefined or a plain object naming only `known`
 * options (so `audiance` fails loudly instead of turning a check off), and
 * returns a read-only record with every known option present (undefined when
 * not given): each given value read once from an own property, nothing read
 * through a prototype, one shape on every call.
 */
export function checkOptions<T extends object>(options: unknown, known: readonly string[], label: string): Readonly<T> {
  let template = TEMPLATES.get(known);
  if (!template) TEMPLATES.set(known, (template = Object.freeze(Object.fromEntries(known.map((name) => [name, undefined])))));
  if (options === undefined) return template as T; // frozen: no options, nothing to copy
  // Copied from the template (defined, not assigned: an inherited setter must not swallow an option).
  const copy: Record<string, unknown> = { ...template };
  if (!isPlainObject(options)) throw expected(label, 'an object', options);
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) throw new TypeError(`${label}: unknown option "${name}"`);
    copy[name] = options[name];
  }
  return copy as T;
}

export function checkString(name: string, value: unknown): string | undefined {
  if (value !== undefined && typeof value !== 'string') throw expected(name, 'a string', value);
  return value;
}

export function checkBoolean(name: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw expected(name, 'a boolean', value);
  return value;
}

/** A string or a non-empty array of strings, as an array (a copy). */
export function checkStrings(name: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  const strings = checkStringArray(name, value, 'a string or an array of strings');
  if (strings!.length === 0) throw new RangeError(`"${name}" expected at least one value, got an empty array`);
  return strings;
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

/**
 * A copy of an array's own elements, a hole as `undefined`: never read
 * through the prototype, where a polluted `Object.prototype[0]` would fill it.
 * Pushed while no prototype of an array has that index (measured 3× faster
 * than Array.from); else defined by Array.from, because push would call an
 * inherited index setter.
 */
export function ownElements(array: readonly unknown[]): unknown[] {
  const elements: unknown[] = [];
  for (let i = 0; i < array.length; i++) {
    if (Object.hasOwn(Array.prototype, i) || Object.hasOwn(Object.prototype, i)) {
      return Array.from({ length: array.length }, (_, j) => (Object.hasOwn(array, j) ? array[j] : undefined));
    }
    elements.push(Object.hasOwn(array, i) ? array[i] : undefined);
  }
  return elements;
}

/** An array of strings, as a copy of its own elements: a hole is refused. */
export function checkStringArray(name: string, value: unknown, what = 'an array of strings'): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw expected(name, what, value);
  const items = ownElements(value);
  if (!items.every((item) => typeof item === 'string')) throw expected(name, what, value);
  return items as string[];
}
