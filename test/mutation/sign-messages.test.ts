/**
 * sign's caller mistakes, word for word (a table: the messages are what a
 * developer reads to fix the call), and the header checks that only a
 * `toJSON` can reach: a parameter that appears only when the header is
 * serialised.
 */
import { describe, expect, it } from 'vitest';
import { decode, sign } from '../../src/index.js';
import { failure } from './kit.js';

const SECRET = 'sign-messages-secret-at-least-32-bytes-long';

describe('sign: messages', () => {
  it.each<[string, string, () => Promise<unknown>]>([
    ['header alg', '"header" may not set "alg"', () => sign({}, SECRET, { header: { alg: 'HS256' } as never })],
    ['header typ', '"header" may not set "typ": use the "typ" option', () => sign({}, SECRET, { header: { typ: 'JWT' } as never })],
    ['header kid', '"header" may not set "kid": use the "kid" option', () => sign({}, SECRET, { header: { kid: 'k' } as never })],
    ['header crit', '"header" may not set "crit"', () => sign({}, SECRET, { header: { crit: ['x'], x: 1 } as never })],
    ['header b64', '"header" may not set "b64"', () => sign({}, SECRET, { header: { b64: true } as never })],
    ['issuer conflict', '"issuer" conflicts with the payload\'s "iss" claim', () => sign({ iss: 'a' }, SECRET, { issuer: 'b' })],
    ['issuedAt conflict', '"issuedAt" conflicts with the payload\'s "iat" claim', () => sign({ iat: 1 }, SECRET, { issuedAt: 2 })],
    ['exp mistyped', '"payload.exp" expected a finite number of seconds since the epoch (RFC 7519 §4.1), got string', () => sign({ exp: 'x' } as never, SECRET)],
    ['nbf mistyped', '"payload.nbf" expected a finite number of seconds since the epoch (RFC 7519 §4.1), got string', () => sign({ nbf: 'x' } as never, SECRET)],
    ['iat mistyped', '"payload.iat" expected a finite number of seconds since the epoch (RFC 7519 §4.1), got string', () => sign({ iat: 'x' } as never, SECRET)],
    ['aud mistyped', '"payload.aud" expected a string or an array of strings (RFC 7519 §4.1), got number', () => sign({ aud: 5 } as never, SECRET)],
    ['iss mistyped', '"payload.iss" expected a string (RFC 7519 §4.1), got number', () => sign({ iss: 5 } as never, SECRET)],
    ['payload null', '"payload" expected a plain object, got null', () => sign(null as never, SECRET)],
    ['payload with toJSON', '"payload" expected a plain object without toJSON, got function', () => sign({ toJSON: () => ({}) }, SECRET)],
    ['no key', '"key" expected a key, got undefined', () => sign({}, undefined as never)],
    ['a null key', '"key" expected a key, got null', () => sign({}, null as never)],
    ['options not an object', '"sign options" expected an object, got string', () => sign({}, SECRET, 'x' as never)],
    ['alg not a string', '"alg" expected an algorithm name, got number', () => sign({}, SECRET, { alg: 5 as never })],
    ['allowInsecureKeySizes', '"allowInsecureKeySizes" expected a boolean, got string', () => sign({}, SECRET, { allowInsecureKeySizes: 'x' as never })],
    ['typ', '"typ" expected a string, got number', () => sign({}, SECRET, { typ: 5 as never })],
    ['kid', '"kid" expected a string, got number', () => sign({}, SECRET, { kid: 5 as never })],
    ['header not an object', '"header" expected a plain object, got number', () => sign({}, SECRET, { header: 5 as never })],
    ['header accessor', 'header: "x" expected a data property, got an accessor', () => sign({}, SECRET, { header: { get x() { return 1; } } })],
    ['currentDate', '"currentDate" expected a Date, got number', () => sign({}, SECRET, { currentDate: 5 as never })],
    ['issuedAt Date conflict', '"issuedAt" conflicts with the payload\'s "iat" claim', () => sign({ iat: 1 }, SECRET, { issuedAt: new Date() })],
    ['expiresIn conflict', '"expiresIn" conflicts with the payload\'s "exp" claim', () => sign({ exp: 1 }, SECRET, { expiresIn: 10 })],
    ['notBefore conflict', '"notBefore" conflicts with the payload\'s "nbf" claim', () => sign({ nbf: 1 }, SECRET, { notBefore: 10 })],
    ['subject conflict', '"subject" conflicts with the payload\'s "sub" claim', () => sign({ sub: 'a' }, SECRET, { subject: 'b' })],
    ['audience conflict', '"audience" conflicts with the payload\'s "aud" claim', () => sign({ aud: 'a' }, SECRET, { audience: 'b' })],
    ['jwtId conflict', '"jwtId" conflicts with the payload\'s "jti" claim', () => sign({ jti: 'a' }, SECRET, { jwtId: 'b' })],
    ['issuer', '"issuer" expected a string, got number', () => sign({}, SECRET, { issuer: 5 as never })],
    ['subject', '"subject" expected a string, got number', () => sign({}, SECRET, { subject: 5 as never })],
    ['jwtId', '"jwtId" expected a string, got number', () => sign({}, SECRET, { jwtId: 5 as never })],
    ['audience', '"audience" expected a string or an array of strings, got number', () => sign({}, SECRET, { audience: 5 as never })],
    ['issuedAt negative', '"issuedAt" expected a Date, non-negative seconds since the epoch, or false, got number', () => sign({}, SECRET, { issuedAt: -1 })],
  ])('%s', async (_name, message, attempt) => {
    const outcome = await failure(attempt);
    expect(outcome.kind).toBe('TypeError');
    expect(outcome.message).toBe(message);
  });

  it.each<[string, string, () => Promise<unknown>]>([
    ['alg unknown', '"alg" expected a supported algorithm, got "XX1"', () => sign({}, SECRET, { alg: 'XX1' as never })],
    ['issuedAt an invalid Date', '"issuedAt" expected a valid Date, got an invalid Date', () => sign({}, SECRET, { issuedAt: new Date(Number.NaN) })],
    ['notBefore', '"notBefore" expected a duration such as "30s", "15m", "2h", "7d" or "1w", got "soon"', () => sign({}, SECRET, { notBefore: 'soon' as never })],
    ['expiresIn', '"expiresIn" expected a duration such as "30s", "15m", "2h", "7d" or "1w", got "soon"', () => sign({}, SECRET, { expiresIn: 'soon' as never })],
  ])('%s (RangeError)', async (_name, message, attempt) => {
    const outcome = await failure(attempt);
    expect([outcome.kind, outcome.message]).toEqual(['RangeError', message]);
  });
});

describe('sign: what only the serialised header shows', () => {
  it('a crit that a header toJSON writes is refused, as is a changed kid', async () => {
    const crit = await failure(sign({}, SECRET, { header: { toJSON: () => ({ alg: 'HS256', typ: 'JWT', crit: ['x'], x: 1 }) } as never }));
    expect([crit.kind, crit.message]).toEqual(['TypeError', '"header": a parameter serialised as "crit" or "b64"']);
    const kid = await failure(sign({}, SECRET, { kid: 'k', header: { toJSON: () => ({ alg: 'HS256', typ: 'JWT', kid: 'other' }) } as never }));
    expect([kid.kind, kid.message]).toEqual(['TypeError', '"header": "alg", "typ" or "kid" changed when the header was serialised (a toJSON method?)']);
  });

  it('a header toJSON that writes the same header signs it', async () => {
    const token = await sign({}, SECRET, { kid: 'k', header: { toJSON: () => ({ alg: 'HS256', typ: 'JWT', kid: 'k', x: 1 }) } as never });
    expect(decode(token).header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k', x: 1 });
  });

  it('claims are checked as serialised: an aud whose toJSON writes a number is refused, even with no other claim', async () => {
    const aud = Object.assign(['api'], { toJSON: () => 5 });
    const refused = await failure(sign({ aud }, SECRET, { issuedAt: false }));
    expect([refused.kind, refused.message]).toEqual(['TypeError', '"payload.aud" expected a string or an array of strings (RFC 7519 §4.1), got number']);
  });

  it('the audience option is copied when read: a toJSON on the array given is not what is signed', async () => {
    const audience = Object.assign(['api'], { toJSON: () => 'other' });
    expect(decode(await sign({}, SECRET, { audience, issuedAt: false })).payload).toEqual({ aud: ['api'] });
  });

  it('issuedAt 0 is the epoch; a claim named toJSON that is not a function is a claim', async () => {
    expect(decode(await sign({}, SECRET, { issuedAt: 0 })).payload).toEqual({ iat: 0 });
    expect(decode(await sign({ toJSON: 5 }, SECRET, { issuedAt: false })).payload).toEqual({ toJSON: 5 });
  });
});
