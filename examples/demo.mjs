// A tour of webjwt: `npm run demo` builds the package and runs this file.
// It imports the package by name, exactly as an application would.
import { decode, isJWTError, sign, verify } from 'webjwt';

const secret = 'demo secret: use 32+ random bytes in production, e.g. from a vault';
const show = (label, value) => console.log(`${label.padEnd(26)} ${value}`);

// 1. Sign: an access token for user-123, valid for 15 minutes.
const token = await sign({ sub: 'user-123', role: 'admin' }, secret, {
  issuer: 'https://auth.example.com',
  audience: 'api',
  expiresIn: '15m',
});
show('signed token', token);

// 2. Verify: signature first, then the claims.
const { header, payload } = await verify(token, secret, {
  issuer: 'https://auth.example.com',
  audience: 'api',
});
show('verified header', JSON.stringify(header));
show('verified payload', JSON.stringify(payload));

// 3. Decode: look inside without verifying (for debugging, never for trust).
show('decoded expiry', new Date(decode(token).payload.exp * 1000).toISOString());

// 4. Refusals, each with a stable error code.
async function attempt(label, token, options) {
  try {
    await verify(token, secret, options);
    show(label, 'ACCEPTED (unexpected)');
    process.exitCode = 1;
  } catch (error) {
    if (!isJWTError(error)) throw error;
    show(label, `refused: ${error.code}${error.expiredAt ? ` (expired at ${error.expiredAt.toISOString()})` : ''}`);
  }
}

const [head, body, signature] = token.split('.');
const forged = Buffer.from(JSON.stringify({ ...payload, role: 'superuser' })).toString('base64url');
await attempt('tampered payload', `${head}.${forged}.${signature}`);
await attempt('changed signature', `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`);
const noneHeader = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
await attempt('alg "none"', `${noneHeader}.${body}.`);
const anHourAgo = new Date(Date.now() - 3600_000);
await attempt('expired', await sign({ sub: 'user-123' }, secret, { currentDate: anHourAgo, expiresIn: '15m' }));
await attempt('wrong audience', token, { audience: 'billing' });
await attempt('not a JWT', 'hello.world');
