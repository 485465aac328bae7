/**
 * The crypto.subtle baseline, written by hand: the signature and nothing else
 * (no header checks, no claims), with CryptoKeys imported once. What a
 * library on Web Crypto alone could at best reach; runs in every runtime.
 * It also serves the bench as an independent check of what the contenders sign.
 */
const PARAMS = {
  HS256: { import: { name: 'HMAC', hash: 'SHA-256' }, sign: { name: 'HMAC' } },
  RS256: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, sign: { name: 'RSASSA-PKCS1-v1_5' } },
  ES256: { import: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { import: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
};

const utf8 = new TextEncoder();
const text = new TextDecoder();

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGITS = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) DIGITS[ALPHABET.charCodeAt(i)] = i;

/**
 * base64url to bytes, unchecked: the runtime's own decoder where it has one
 * (TC39 Uint8Array.fromBase64), else a table (measured in Node.js 20: atob
 * would make this baseline's decode 6× slower than the table).
 */
const decodeBase64url = Uint8Array.fromBase64
  ? (s) => Uint8Array.fromBase64(s, { alphabet: 'base64url' })
  : (s) => {
      const bytes = new Uint8Array((s.length * 3) >> 2);
      let [value, bits, at] = [0, 0, 0];
      for (let i = 0; i < s.length; i++) {
        value = (value << 6) | DIGITS[s.charCodeAt(i)];
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          bytes[at++] = (value >> bits) & 255;
        }
      }
      return bytes;
    };

const encodeBase64url = Uint8Array.prototype.toBase64
  ? (bytes) => bytes.toBase64({ alphabet: 'base64url', omitPadding: true })
  : (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const json = (segment) => JSON.parse(text.decode(decodeBase64url(segment)));

/** Header and payload, decoded without any check. */
export function decodeJWT(token) {
  const [header, payload] = token.split('.');
  return { header: json(header), payload: json(payload) };
}

/** The public (or secret) CryptoKey for `alg`, from the fixtures' JWK or secret. */
function importKey(fx, alg, usage) {
  const { subtle } = globalThis.crypto;
  if (alg === 'HS256') return subtle.importKey('raw', utf8.encode(fx.secret), PARAMS[alg].import, false, [usage]);
  const jwk = fx.keys[alg][usage === 'sign' ? 'privateJwk' : 'publicJwk'];
  return subtle.importKey('jwk', jwk, PARAMS[alg].import, false, [usage]);
}

/** A signature-only verifier: resolves true, or rejects. */
export async function signatureVerifier(fx, alg) {
  const { subtle } = globalThis.crypto;
  const key = await importKey(fx, alg, 'verify');
  const params = PARAMS[alg].sign;
  return async (token) => {
    const dot = token.lastIndexOf('.');
    const ok = await subtle.verify(params, key, decodeBase64url(token.slice(dot + 1)), utf8.encode(token.slice(0, dot)));
    if (!ok) throw new Error('invalid signature');
    return true;
  };
}

export default async function webCryptoRows(fx) {
  const { subtle } = globalThis.crypto;
  const row = {
    name: 'crypto.subtle by hand',
    signatureOnly: true,
    note: 'signature only',
    decode: decodeJWT,
    sign: {},
    verify: {},
  };
  for (const alg of Object.keys(PARAMS)) {
    const valid = fx.tokens[alg].valid;
    const signingInput = valid.slice(0, valid.lastIndexOf('.'));
    const key = await importKey(fx, alg, 'sign');
    const params = PARAMS[alg].sign;
    row.sign[alg] = async () =>
      `${signingInput}.${encodeBase64url(new Uint8Array(await subtle.sign(params, key, utf8.encode(signingInput))))}`;
    row.verify[alg] = await signatureVerifier(fx, alg);
  }
  return [row];
}
