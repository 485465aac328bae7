/**
 * @tsndr/cloudflare-worker-jwt, as its README shows it: a string secret or
 * PEM, `throwError: true` so a refused token throws. It checks `exp` and
 * `nbf` but neither `iss` nor `aud`: a user checks those by hand after
 * verify, and so does this row. It has no EdDSA and imports the key on every call.
 */
import jwt from '@tsndr/cloudflare-worker-jwt';
import { AUDIENCE, ISSUER, keyText } from '../fixtures.mjs';

export default function tsndrRows(fx) {
  const row = {
    name: '@tsndr/cloudflare-worker-jwt',
    library: '@tsndr/cloudflare-worker-jwt',
    note: 'iss/aud checked by hand; key imported on every call; no EdDSA',
    decode: jwt.decode,
    sign: {},
    verify: {},
  };
  for (const alg of ['HS256', 'RS256', 'ES256']) {
    const privateKey = keyText(fx, alg, 'private');
    const publicKey = keyText(fx, alg, 'public');
    const options = { algorithm: alg, throwError: true };
    row.sign[alg] = () => jwt.sign(fx.claims, privateKey, { algorithm: alg });
    row.verify[alg] = async (token) => {
      const { payload } = await jwt.verify(token, publicKey, options);
      if (payload.iss !== ISSUER) throw new Error('unexpected issuer');
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.includes(AUDIENCE)) throw new Error('unexpected audience');
      return payload;
    };
  }
  return [row];
}
