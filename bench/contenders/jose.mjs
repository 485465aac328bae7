/**
 * jose, as its documentation shows it: CryptoKeys from importPKCS8/importSPKI
 * (and, for HS256, one imported with crypto.subtle), and a second HS256 row
 * with the secret as a Uint8Array, the form jose's README uses.
 */
import { SignJWT, decodeJwt, importPKCS8, importSPKI, jwtVerify } from 'jose';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';

export default async function joseRows(fx) {
  const options = { issuer: ISSUER, audience: AUDIENCE };
  const signer = (alg, key) => () => new SignJWT(fx.claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
  const verifier = (key) => (token) => jwtVerify(token, key, options);

  const withCryptoKey = { name: 'jose', library: 'jose', note: 'CryptoKey', decode: decodeJwt, sign: {}, verify: {} };
  const secretBytes = new TextEncoder().encode(fx.secret);
  const hmacKey = await crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  withCryptoKey.sign.HS256 = signer('HS256', hmacKey);
  withCryptoKey.verify.HS256 = verifier(hmacKey);
  for (const alg of ['RS256', 'ES256', 'EdDSA']) {
    withCryptoKey.sign[alg] = signer(alg, await importPKCS8(fx.keys[alg].privatePem, alg));
    withCryptoKey.verify[alg] = verifier(await importSPKI(fx.keys[alg].publicPem, alg));
  }

  const withBytes = {
    name: 'jose (Uint8Array secret)',
    library: 'jose',
    note: 'the secret as bytes, imported by jose on every call',
    sign: { HS256: signer('HS256', secretBytes) },
    verify: { HS256: verifier(secretBytes) },
  };
  return [withCryptoKey, withBytes];
}
