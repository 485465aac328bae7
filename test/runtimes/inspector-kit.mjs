/**
 * What run-inspector.mjs and inspector-page-checks.mjs share: real tokens and keys, made by the
 * installed package around a fixed NOW, and helpers that find the page's fields by their labels.
 */

/** Tokens and keys for the inspector's checks, made with `webjwt` (the installed package). */
export async function makeFixtures(webjwt) {
  const NOW = new Date('2026-05-01T12:00:00Z');
  const at = (minutes) => new Date(NOW.getTime() + minutes * 60_000);
  const secret = 'inspector-e2e secret: 32 bytes or more';
  const claims = { sub: 'user-123', name: 'Ada Lovelace', role: 'admin' };
  const common = { issuer: 'https://auth.example.com', audience: 'api' };
  const rawSecret = webjwt.generateSecret('HS256');
  const es = await webjwt.generateKeyPair('ES256', { extractable: true });
  const esJWK = { ...(await webjwt.exportJWK(es.publicKey)), kid: 'es-1', alg: 'ES256', use: 'sig' };
  const other = await webjwt.generateKeyPair('ES256', { extractable: true });
  const otherJWK = { ...(await webjwt.exportJWK(other.publicKey)), kid: 'es-2', alg: 'ES256', use: 'sig' };
  const rs = await webjwt.generateKeyPair('RS256', { extractable: true });
  const tokens = {
    valid: await webjwt.sign(claims, secret, { ...common, expiresIn: '15m', currentDate: at(-1) }),
    expired: await webjwt.sign(claims, secret, { ...common, expiresIn: '15m', currentDate: at(-195) }),
    notYet: await webjwt.sign(claims, secret, { ...common, notBefore: '10m', expiresIn: '1h', currentDate: NOW }),
    base64: await webjwt.sign(claims, rawSecret, { ...common, expiresIn: '15m', currentDate: NOW }),
    es: await webjwt.sign(claims, es.privateKey, { ...common, kid: 'es-1', expiresIn: '15m', currentDate: NOW }),
    rs: await webjwt.sign(claims, rs.privateKey, { ...common, expiresIn: '15m', currentDate: NOW }),
    secretClaim: await webjwt.sign({ sub: 'user-123', password: 'hunter2' }, secret, { currentDate: NOW }),
  };
  const malformed = `${tokens.valid.split('.').slice(0, 2).join('.')}.not base64!`;
  const base64Secret = Buffer.from(rawSecret).toString('base64');
  const jwks = JSON.stringify({ keys: [otherJWK, esJWK] });
  const rsPEM = await webjwt.exportPEM(rs.publicKey);
  return { NOW, at, secret, tokens, malformed, base64Secret, jwks, esJWK, otherJWK, rsPEM };
}

export const token = (page) => page.getByLabel('Token', { exact: true });
export const key = (page) => page.getByLabel('Key', { exact: true });
export const text = (page, id) => page.locator(`#${id}`).innerText();
export async function waitForText(page, id, pattern) {
  try {
    await page.waitForFunction(([id, source]) => new RegExp(source).test(document.getElementById(id)?.innerText ?? ''), [id, pattern.source], { timeout: 10_000 });
  } catch {
    throw new Error(`#${id} never matched ${pattern}: ${JSON.stringify(await text(page, id))}`);
  }
}
