// Runtime smoke test, ES module: the round trip of smoke.cjs on import('webjwt'), then the
// dual-package hazard. Run by scripts/check-package.mjs; prints one JSON line.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { roundTrip, report } = require('./smoke.cjs');

await report(
  (async () => {
    const webjwt = await import('webjwt');
    const names = await roundTrip(webjwt, 'esm', await import('webjwt/testing'));
    // The CommonJS copy is a separate module instance: its tokens verify here and its errors are
    // still recognised by this copy's isJWTError (by brand, not by instanceof).
    const cjs = require('webjwt');
    if (cjs.sign === webjwt.sign) throw new Error('expected two copies (ESM and CJS)');
    const secret = webjwt.generateSecret('HS256');
    await webjwt.verify(await cjs.sign({ sub: 'from-cjs' }, secret), secret);
    const fromCjs = await cjs.verify(await webjwt.sign({}, secret), webjwt.generateSecret('HS256')).catch((e) => e);
    if (fromCjs instanceof webjwt.JWTError || !webjwt.isJWTError(fromCjs, 'ERR_JWT_SIGNATURE_INVALID')) {
      throw new Error('cross-copy isJWTError');
    }
    return names;
  })(),
);
