/**
 * Algorithm confusion through secrets (issue 11, finding 1): a public key in
 * any common wrapping must never work as an HMAC secret, or anyone holding the
 * public key could MAC `{"alg":"HS256"}` tokens that verify.
 *
 * A grid: every key type webjwt knows and several it does not × every wrapping
 * keys are seen in × the three ways a secret arrives (a string, bytes, an `oct`
 * JWK's `k`). Each cell is a forged HS256 token, MACed by hand with exactly the
 * bytes webjwt would use, that must be refused. And the other way round: random
 * secrets of every length and shape are still accepted.
 */
import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJWTError, sign, verify } from '../../src/index.js';
import { b64u } from '../helpers.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const now = NOW.getTime() / 1000;
const claims = { sub: 'admin', iat: now - 10, exp: now + 600 };

// ---------------------------------------------------------------------------
// The keys: public halves, as an attacker copies them from a JWKS endpoint or a config file.

const KEYS: Record<string, KeyObject> = {
  RSA: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
  'P-256': generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey,
  'P-384': generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey,
  'P-521': generateKeyPairSync('ec', { namedCurve: 'P-521' }).publicKey,
  Ed25519: generateKeyPairSync('ed25519').publicKey,
  // Types webjwt does not support are still keys.
  secp256k1: generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey,
  X25519: generateKeyPairSync('x25519').publicKey,
  X448: generateKeyPairSync('x448').publicKey,
  Ed448: generateKeyPairSync('ed448').publicKey,
  'RSA-PSS': generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey,
  // Form-encoding turns a final "+" into a final space, which trimming alone would drop: 1 P-384 key in 64
  // (its 120-byte SPKI is base64 without padding, the last character random).
  'P-384 whose base64 ends in "+"': endingInPlus(() => generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey),
};

/** A key whose SPKI DER in base64 ends in "+". */
function endingInPlus(generate: () => KeyObject): KeyObject {
  for (let tries = 0; tries < 10_000; tries++) {
    const key = generate();
    if (key.export({ type: 'spki', format: 'der' }).toString('base64').endsWith('+')) return key;
  }
  throw new Error('no key whose base64 ends in "+" in 10,000 tries');
}

/** The RFC 4253 §6.6 binary form of an SSH public key, for the types SSH has. */
function sshBlob(key: KeyObject): Buffer | undefined {
  const string = (value: Buffer | string) => {
    const bytes = Buffer.from(value);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const mpint = (value: Buffer) => string(value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
  if (!['ed25519', 'rsa', 'ec'].includes(key.asymmetricKeyType!)) return undefined;
  const jwk = key.export({ format: 'jwk' });
  const raw = (member: string | undefined) => Buffer.from(member!, 'base64url');
  if (key.asymmetricKeyType === 'ed25519') return Buffer.concat([string('ssh-ed25519'), string(raw(jwk.x))]);
  if (key.asymmetricKeyType === 'rsa') return Buffer.concat([string('ssh-rsa'), mpint(raw(jwk.e)), mpint(raw(jwk.n))]);
  if (jwk.crv === 'P-256') {
    const point = Buffer.concat([Buffer.from([4]), raw(jwk.x), raw(jwk.y)]);
    return Buffer.concat([string('ecdsa-sha2-nistp256'), string('nistp256'), string(point)]);
  }
  return undefined;
}

type Wrapping = { name: string; text?: string; bytes?: Buffer };

/** Every wrapping of one public key: text forms (used as a string and as UTF-8 bytes) and binary forms. */
function wrappings(key: KeyObject): Wrapping[] {
  const der = key.export({ type: 'spki', format: 'der' });
  const pem = key.export({ type: 'spki', format: 'pem' }) as string;
  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = (text: string) => Buffer.from(utf16le(text).swap16());
  const out: Wrapping[] = [
    { name: 'SPKI PEM', text: pem },
    { name: 'PEM, CRLF', text: pem.replace(/\n/g, '\r\n') },
    { name: 'PEM after junk', text: `key:\n  ${pem}` },
    { name: 'PEM whose line breaks are the two characters \\n', text: pem.replace(/\n/g, '\\n') },
    { name: 'PEM as a JSON string', text: JSON.stringify(pem) },
    { name: 'base64 of the whole PEM', text: Buffer.from(pem).toString('base64') },
    { name: 'base64 of the whole PEM, wrapped at 76', text: Buffer.from(pem).toString('base64').replace(/.{76}/g, '$&\n') },
    { name: 'PEM in UTF-16LE with a BOM', bytes: utf16le(pem) },
    { name: 'PEM in UTF-16BE with a BOM', bytes: utf16be(pem) },
    { name: 'PEM in UTF-16LE without a BOM', bytes: Buffer.from(pem, 'utf16le') },
    { name: 'PEM behind a UTF-8 BOM', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pem)]) },
    { name: 'DER', bytes: der },
    { name: 'DER followed by a NUL byte', bytes: Buffer.concat([der, Buffer.from([0])]) },
    { name: 'DER followed by a newline', bytes: Buffer.concat([der, Buffer.from('\n')]) },
    { name: 'bare base64 DER', text: der.toString('base64') },
    { name: 'bare base64 DER with a trailing newline and NUL', text: `${der.toString('base64')}\n\0` },
    { name: 'base64 DER wrapped at 64', text: der.toString('base64').replace(/.{64}/g, '$&\n') },
    { name: 'base64 DER without padding', text: der.toString('base64').replace(/=+$/, '') },
    { name: 'base64url DER', text: der.toString('base64url') },
    { name: 'hex DER', text: der.toString('hex') },
    { name: 'HEX DER', text: der.toString('hex').toUpperCase() },
    { name: 'hex DER with colons', text: der.toString('hex').replace(/..(?!$)/g, '$&:') },
    // Found by the review of the first fix: each wrapping a config system or a paste can produce.
    { name: 'base64 DER in double quotes (an env file)', text: `"${der.toString('base64')}"` },
    { name: 'base64 DER in single quotes', text: `'${der.toString('base64')}'` },
    { name: 'JSON {"key": base64 DER}', text: JSON.stringify({ key: der.toString('base64') }) },
    { name: 'JSON array of base64 DER (x5c)', text: JSON.stringify([der.toString('base64')]) },
    { name: 'base64 of base64 DER', text: Buffer.from(der.toString('base64')).toString('base64') },
    { name: 'hex of base64 DER', text: Buffer.from(der.toString('base64')).toString('hex') },
    { name: 'base64 of hex DER', text: Buffer.from(der.toString('hex')).toString('base64') },
    { name: 'base64 of base64 of the PEM', text: Buffer.from(Buffer.from(pem).toString('base64')).toString('base64') },
    { name: 'percent-encoded PEM', text: encodeURIComponent(pem) },
    { name: 'percent-encoded base64 DER', text: encodeURIComponent(der.toString('base64')) },
    { name: 'form-encoded base64 DER ("+" as spaces)', text: der.toString('base64').replace(/\+/g, ' ') },
    { name: 'PEM without its BEGIN line', text: pem.slice(pem.indexOf('\n') + 1) },
    { name: 'PEM body without armour', text: pem.split('\n').slice(1, -2).join('\n') },
    { name: 'PEM with lower-case armour', text: pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, (m) => m.toLowerCase()) },
    { name: 'PEM with four-dash armour', text: pem.replace(/-----/g, '----') },
    { name: 'PEM with em-dash armour', text: pem.replace(/-----/g, '\u2014') },
    { name: 'PEM body lines joined by backslash-newline', text: pem.split('\n').slice(1, -2).join('\\\n') },
    { name: 'base64 DER after a comment line', text: `# the signing key\n${pem.split('\n').slice(1, -2).join('\n')}` },
    { name: '.env line', text: `JWT_PUBLIC_KEY=${der.toString('base64')}` },
    { name: 'YAML block', text: `publicKey: |\n  ${pem.split('\n').slice(1, -2).join('\n  ')}\n` },
    { name: 'DER followed by other bytes', bytes: Buffer.concat([der, Buffer.from('trailing text \xff')]) },
    { name: 'DER twice (a DER chain)', bytes: Buffer.concat([der, der]) },
    { name: 'base64 of DER twice', text: Buffer.concat([der, der]).toString('base64') },
    { name: 'hex DER with 0x', text: `0x${der.toString('hex')}` },
    { name: 'hex DER as \\x escapes', text: [...der].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('') },
    { name: 'hex DER as a C array', text: [...der].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ') },
    { name: 'DER as a JSON byte array', text: JSON.stringify([...der]) },
    { name: 'PEM in UTF-32LE', bytes: Buffer.from([...pem].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])) },
    { name: 'PEM in UTF-16LE with an odd trailing NUL', bytes: Buffer.concat([Buffer.from(pem, 'utf16le'), Buffer.from([0])]) },
  ];
  let jwk: Record<string, unknown> | undefined;
  try {
    jwk = key.export({ format: 'jwk' }) as Record<string, unknown>;
  } catch {
    // RSA-PSS has no JWK form in node:crypto
  }
  if (jwk) {
    const json = JSON.stringify(jwk);
    out.push(
      { name: 'JWK JSON', text: json },
      { name: 'JWK JSON, pretty', text: JSON.stringify(jwk, null, 2) },
      { name: 'JWK JSON with escaped member names', text: json.replace(/"kty"/, '"\\u006bty"').replace(/"([a-z])"/g, (_, c: string) => `"\\u00${c.charCodeAt(0).toString(16)}"`) },
      { name: 'JWK JSON encoded twice', text: JSON.stringify(json) },
      { name: 'JWK JSON encoded three times', text: JSON.stringify(JSON.stringify(json)) },
      { name: 'JWK JSON, quotes escaped but not wrapped', text: json.replace(/"/g, '\\"') },
      { name: 'JWKS JSON', text: JSON.stringify({ keys: [jwk] }) },
      { name: 'a JSON array of JWKs', text: JSON.stringify([jwk]) },
      { name: 'JWK JSON in base64', text: Buffer.from(json).toString('base64') },
      { name: 'JWK JSON in base64url', text: Buffer.from(json).toString('base64url') },
      { name: 'JWKS JSON in UTF-16LE with a BOM', bytes: utf16le(JSON.stringify({ keys: [jwk] })) },
      { name: 'JWK nested under another name', text: JSON.stringify({ jwk }) },
      { name: 'JWK with a trailing comma', text: `${json.slice(0, -1)},}` },
      { name: 'JWK as a Python dict', text: json.replace(/"/g, "'") },
      { name: 'JWK as a JS literal (unquoted names)', text: json.replace(/"(\w+)":/g, '$1:') },
      { name: 'JWK as YAML', text: Object.entries(jwk).map(([name, value]) => `${name}: ${String(value)}`).join('\n') },
      { name: 'JWK without kty', text: JSON.stringify({ ...jwk, kty: undefined }) },
      { name: 'JWK after "jwk="', text: `jwk=${json}` },
    );
    if (typeof jwk.x === 'string' && typeof jwk.y === 'string') {
      const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
      out.push({ name: 'raw uncompressed point (VAPID)', bytes: point }, { name: 'raw uncompressed point in base64url', text: point.toString('base64url') });
    }
  }
  if (key.asymmetricKeyType === 'rsa') {
    const pkcs1 = key.export({ type: 'pkcs1', format: 'der' });
    out.push(
      { name: 'PKCS#1 PEM', text: key.export({ type: 'pkcs1', format: 'pem' }) as string },
      { name: 'PKCS#1 DER', bytes: pkcs1 },
      { name: 'PKCS#1 in base64', text: pkcs1.toString('base64') },
      { name: 'PKCS#1 in hex', text: pkcs1.toString('hex') },
    );
  }
  const blob = sshBlob(key);
  if (blob) {
    const type = blob.subarray(4, 4 + blob.readUInt32BE(0)).toString();
    out.push(
      { name: 'authorized_keys line with options', text: `from="10.0.0.1",no-pty ${type} ${blob.toString('base64')} user@host` },
      { name: 'known_hosts line', text: `host.test,10.0.0.1 ${type} ${blob.toString('base64')}` },
      { name: '@cert-authority line', text: `@cert-authority *.test ${type} ${blob.toString('base64')}` },
      { name: 'SSH public key line', text: `${type} ${blob.toString('base64')} user@host` },
      { name: 'SSH public key line without a comment', text: `${type} ${blob.toString('base64')}` },
      { name: 'SSH key blob in base64', text: blob.toString('base64') },
      { name: 'SSH key blob', bytes: blob },
      { name: 'RFC 4716 SSH2 public key', text: `---- BEGIN SSH2 PUBLIC KEY ----\n${blob.toString('base64')}\n---- END SSH2 PUBLIC KEY ----\n` },
    );
    if (type === 'ssh-ed25519') {
      out.push({ name: 'sk-ssh-ed25519 key line', text: `sk-ssh-ed25519@openssh.com ${blob.toString('base64')} user@host` });
    }
  }
  return out;
}

/** Private keys, OpenSSH and PuTTY files: never secrets either (fail closed). */
function privateWrappings(): Wrapping[] {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const sec1 = privateKey.export({ type: 'sec1', format: 'der' });
  const openssh = Buffer.concat([Buffer.from('openssh-key-v1\0'), Buffer.alloc(64, 7)]);
  return [
    { name: 'PKCS#8 PEM', text: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string },
    { name: 'PKCS#8 DER', bytes: pkcs8 },
    { name: 'PKCS#8 in base64', text: pkcs8.toString('base64') },
    { name: 'SEC1 DER', bytes: sec1 },
    { name: 'SEC1 in base64', text: sec1.toString('base64') },
    { name: 'encrypted PKCS#8 PEM', text: privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }) as string },
    { name: 'encrypted PKCS#8 DER', bytes: privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'x' }) },
    { name: 'OpenSSH private key PEM', text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${openssh.toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n` },
    { name: 'OpenSSH private key body', bytes: openssh },
    { name: 'OpenSSH private key body in base64', text: openssh.toString('base64') },
    { name: 'PuTTY key file', text: 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\n' },
    { name: 'certificate PEM', text: readFileSync(new URL('../fixtures/ec-cert.pem', import.meta.url), 'utf8') },
  ];
}

/** The three ways a secret arrives, each with the exact bytes webjwt MACs with. */
function arrivals(wrapping: Wrapping): { how: string; key: string | Uint8Array | object; bytes: Buffer }[] {
  const bytes = wrapping.bytes ?? Buffer.from(wrapping.text!);
  // A binary wrapping as a string: read from a file as latin1 ("binary"), one character per byte.
  const text = wrapping.text ?? bytes.toString('latin1');
  return [
    { how: 'string', key: text, bytes: Buffer.from(text) },
    { how: 'bytes', key: new Uint8Array(bytes), bytes },
    { how: 'oct JWK', key: { kty: 'oct', k: bytes.toString('base64url') }, bytes },
  ];
}

const forge = (secret: Buffer) => {
  const input = `${b64u({ alg: 'HS256', typ: 'JWT' })}.${b64u(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

const cells = [
  ...Object.entries(KEYS).flatMap(([type, key]) => wrappings(key).map((w) => ({ type, ...w }))),
  ...privateWrappings().map((w) => ({ type: 'private', ...w })),
].flatMap((w) => arrivals(w).map((a) => ({ title: `${w.type}, ${w.name}, as ${a.how}`, ...a })));

describe('a key in any wrapping is never an HMAC secret', () => {
  it('the grid covers every key type and wrapping', () => {
    expect(new Set(cells.map((c) => c.title.split(',')[0])).size).toBe(Object.keys(KEYS).length + 1);
    expect(cells.length).toBeGreaterThan(2000);
  });

  it.each(cells.map((c) => [c.title, c] as const))('%s: the forged HS256 token is refused', async (_, cell) => {
    const error = await verify(forge(cell.bytes), cell.key as never, { currentDate: NOW, algorithms: ['HS256'] }).then(
      () => 'accepted',
      (e: unknown) => e,
    );
    // A PEM webjwt can read is a public key (HS256 does not fit it); anything else is refused as a secret.
    expect(isJWTError(error) ? error.code : error).toMatch(/^ERR_JWT_(KEY_INVALID|ALG_NOT_ALLOWED)$/);
    // And sign refuses to MAC with it.
    const signed = await sign({}, cell.key as never, { alg: 'HS256' }).then(() => 'signed', (e: unknown) => e);
    expect(isJWTError(signed) ? signed.code : signed).toMatch(/^ERR_JWT_(KEY_INVALID|ALG_NOT_ALLOWED)$/);
  });
});

describe('real secrets stay secrets', () => {
  const roundTrip = async (secret: string | Uint8Array) => {
    const options = { currentDate: NOW, allowInsecureKeySizes: true };
    const { payload } = await verify(await sign({ sub: 'u' }, secret, options), secret, options);
    return payload.sub;
  };

  it('random bytes of every length from 1 to 300', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        expect(await roundTrip(bytes)).toBe('u');
      }),
      { numRuns: 400 },
    );
  });

  it('random strings, and random bytes as base64, base64url and hex text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
          fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b).toString('base64')),
          fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b).toString('base64url')),
          fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b).toString('hex')),
        ),
        async (secret) => {
          expect(await roundTrip(secret)).toBe('u');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('secrets that merely mention key words', async () => {
    const secrets = [
      'my kty is secret, 32 bytes long!!',
      'BEGIN the secret --- of 32+ bytes',
      'a {"json": "secret"} of 32+ bytes',
      '"a quoted secret of 32 or more bytes"',
      "hy?Gfkaxq|n|FKEGp0XoQVYAGK-|qxe:kTY=1#CvFfax;*+aZE#q\\><krjf6'IJ(5d", // random; once matched a looser JWK rule
      'correct horse battery staple and then some more words',
    ];
    for (const secret of secrets) {
      expect(await roundTrip(secret)).toBe('u');
    }
  });
});
