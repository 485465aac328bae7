/**
 * jsonwebtoken, as its README shows it: a string secret or PEM, synchronous
 * calls. It has no EdDSA.
 */
import jwt from 'jsonwebtoken';
import { AUDIENCE, ISSUER, keyText } from '../fixtures.mjs';

export default function jsonwebtokenRows(fx) {
  const row = { name: 'jsonwebtoken', library: 'jsonwebtoken', note: 'sync; no EdDSA', decode: (token) => jwt.decode(token), sign: {}, verify: {} };
  for (const alg of ['HS256', 'RS256', 'ES256']) {
    const privateKey = keyText(fx, alg, 'private');
    const publicKey = keyText(fx, alg, 'public');
    const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
    row.sign[alg] = () => jwt.sign(fx.claims, privateKey, { algorithm: alg });
    row.verify[alg] = (token) => jwt.verify(token, publicKey, options);
  }
  return [row];
}
