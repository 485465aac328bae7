/**
 * hono's JWT helper (`hono/jwt`), as its documentation shows it: a string
 * secret, and PEM strings for the asymmetric algorithms (hono imports a PEM
 * into a CryptoKey on every call: that cost is part of its rows).
 */
import { decode, sign, verify } from 'hono/jwt';
import { AUDIENCE, ISSUER, keyText } from '../fixtures.mjs';

export default function honoRows(fx) {
  const row = { name: 'hono/jwt', library: 'hono', note: 'PEM imported on every call', decode, sign: {}, verify: {} };
  for (const alg of Object.keys(fx.tokens)) {
    const privateKey = keyText(fx, alg, 'private');
    const publicKey = keyText(fx, alg, 'public');
    const options = { alg, iss: ISSUER, aud: AUDIENCE };
    row.sign[alg] = () => sign(fx.claims, privateKey, alg);
    row.verify[alg] = (token) => verify(token, publicKey, options);
  }
  return [row];
}
