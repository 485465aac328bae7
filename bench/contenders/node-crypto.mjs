/**
 * The node:crypto baseline, written by hand: the signature and nothing else
 * (no header checks, no claims), with KeyObjects made once. What a library on
 * node:crypto could at best reach. Runs wherever node:crypto exists (Node.js,
 * Bun, Deno).
 */
const PARAMS = {
  HS256: { hash: 'sha256' },
  RS256: { hash: 'sha256' },
  ES256: { hash: 'sha256', dsaEncoding: 'ieee-p1363' }, // JWS ECDSA signatures are r || s (RFC 7518 §3.4)
  EdDSA: { hash: null },
};

export default async function nodeCryptoRows(fx) {
  const crypto = await import('node:crypto');
  const { Buffer } = await import('node:buffer');
  const json = (segment) => JSON.parse(Buffer.from(segment, 'base64url').toString());
  const row = {
    name: 'node:crypto by hand',
    signatureOnly: true,
    note: 'signature only',
    decode(token) {
      const [header, payload] = token.split('.');
      return { header: json(header), payload: json(payload) };
    },
    sign: {},
    verify: {},
  };
  for (const [alg, { hash, dsaEncoding }] of Object.entries(PARAMS)) {
    const valid = fx.tokens[alg].valid;
    const signingInput = valid.slice(0, valid.lastIndexOf('.'));
    if (alg === 'HS256') {
      const secret = Buffer.from(fx.secret);
      row.sign[alg] = () => `${signingInput}.${crypto.createHmac(hash, secret).update(signingInput).digest('base64url')}`;
      row.verify[alg] = (token) => {
        const dot = token.lastIndexOf('.');
        const mac = crypto.createHmac(hash, secret).update(token.slice(0, dot)).digest();
        const signature = Buffer.from(token.slice(dot + 1), 'base64url');
        if (signature.length !== mac.length || !crypto.timingSafeEqual(signature, mac)) throw new Error('invalid signature');
        return true;
      };
      continue;
    }
    const privateKey = { key: crypto.createPrivateKey(fx.keys[alg].privatePem), dsaEncoding };
    const publicKey = { key: crypto.createPublicKey(fx.keys[alg].publicPem), dsaEncoding };
    row.sign[alg] = () =>
      `${signingInput}.${crypto.sign(hash, Buffer.from(signingInput), privateKey).toString('base64url')}`;
    row.verify[alg] = (token) => {
      const dot = token.lastIndexOf('.');
      const signature = Buffer.from(token.slice(dot + 1), 'base64url');
      if (!crypto.verify(hash, Buffer.from(token.slice(0, dot)), publicKey, signature)) throw new Error('invalid signature');
      return true;
    };
  }
  return [row];
}
