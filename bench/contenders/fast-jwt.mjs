/**
 * fast-jwt, as its README shows it: a string secret or PEM given to
 * createSigner/createVerifier once, synchronous calls, and its verified-token
 * cache off (`cache: false`), so every call really verifies.
 */
import { createDecoder, createSigner, createVerifier } from 'fast-jwt';
import { AUDIENCE, ISSUER, keyText } from '../fixtures.mjs';

export default function fastJwtRows(fx) {
  const row = { name: 'fast-jwt', library: 'fast-jwt', note: 'sync, no token cache', decode: createDecoder(), sign: {}, verify: {} };
  for (const alg of Object.keys(fx.tokens)) {
    const signer = createSigner({ key: keyText(fx, alg, 'private'), algorithm: alg });
    row.sign[alg] = () => signer(fx.claims);
    row.verify[alg] = createVerifier({ key: keyText(fx, alg, 'public'), algorithms: [alg], allowedIss: ISSUER, allowedAud: AUDIENCE, cache: false });
  }
  return [row];
}
