/**
 * src/lib/pem.ts: which rule refused a PEM text, word for word (a table test of
 * messages). Every refusal is ERR_JWT_KEY_INVALID, so only the message tells
 * the rules apart: a label of the wrong length taken for a block, a wrong
 * curve taken for explicit parameters, two blocks taken for `openssl ecparam`
 * output all fail here with another rule's message.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePEM } from '../../src/lib/pem.js';
import { failure } from './kit.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const b64 = (bytes: Uint8Array | readonly number[]) => Buffer.from(Uint8Array.from(bytes)).toString('base64');
const block = (label: string, body: Uint8Array | readonly number[]) => `-----BEGIN ${label}-----\n${b64(body)}\n-----END ${label}-----\n`;
const hexBytes = (hex: string) => [...Buffer.from(hex, 'hex')];
/** One DER element with a short length. */
const tlv = (tag: number, ...contents: (readonly number[])[]) => [tag, contents.flat().length, ...contents.flat()];

const OID_EC = hexBytes('06072a8648ce3d0201');
const OID_P256 = hexBytes('06082a8648ce3d030107');
const OID_P384 = hexBytes('06052b81040022');
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
const sec1 = (key: typeof p256.privateKey) => key.export({ type: 'sec1', format: 'pem' }) as string;
const spkiPEM = p256.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const legacyHeaders = (headers: string) =>
  `-----BEGIN RSA PRIVATE KEY-----\n${headers}\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n`;

const ENCRYPTED =
  'the PEM key is encrypted: encrypted keys are not supported: decrypt it first, e.g. ' +
  '`openssl pkey -in key.pem -out key-decrypted.pem` (keep the decrypted key in a secret store)';
const NO_BLOCK = 'expected exactly one well-formed PEM block';
const EXPLICIT =
  'the EC key has explicit curve parameters, which are not supported: ' +
  'convert it to a named curve with `openssl ec -in key.pem -param_enc named_curve -out named.pem`';
const OTHER_CURVE = 'the EC key is not on P-256, P-384 or P-521';
const LABEL40 = 'A'.repeat(40);
const LABEL41 = 'A'.repeat(41);

describe('pem: one message per rule', () => {
  it.each<[string, string, string]>([
    ['RFC 1421 headers of an encrypted key', legacyHeaders('Proc-Type: 4,ENCRYPTED'), ENCRYPTED],
    ['the same headers without spaces', legacyHeaders('Proc-Type:4,ENCRYPTED'), ENCRYPTED],
    ['the same headers with spaces', legacyHeaders('Proc-Type:  4,  ENCRYPTED'), ENCRYPTED],
    ['other RFC 1421 headers', legacyHeaders('Proc-Type: 4,MIC-ONLY'), NO_BLOCK],
    ['no block', 'just text', NO_BLOCK],
    ['an empty label', '-----BEGIN -----\nAAAA\n-----END -----\n', NO_BLOCK],
    ['a label of 41 characters', block(LABEL41, [0x05, 0x00]), NO_BLOCK],
    ['a label of 40 characters', block(LABEL40, [0x05, 0x00]), `PEM "${LABEL40}" is not a supported key type`],
    ['a label of one character', block('A', [0x05, 0x00]), 'PEM "A" is not a supported key type'],
    ['a label with digits', block('X509 CRL', [0x05, 0x00]), 'PEM "X509 CRL" is not a supported key type'],
    ['a body of the wrong length', '-----BEGIN PUBLIC KEY-----\nAAAAA\n-----END PUBLIC KEY-----', 'the PEM body is not base64'],
    ['too much padding', '-----BEGIN PUBLIC KEY-----\nA===\n-----END PUBLIC KEY-----', 'the PEM body is not base64'],
    ['padding in the middle', '-----BEGIN PUBLIC KEY-----\nAA==AAAA\n-----END PUBLIC KEY-----', 'the PEM body is not base64'],
    ['an encrypted PKCS#8 label', block('ENCRYPTED PRIVATE KEY', [0x05, 0x00]), ENCRYPTED],
    ['EC PARAMETERS of another curve', block('EC PARAMETERS', OID_P384) + sec1(p256.privateKey), 'the EC PARAMETERS block names another curve than the EC PRIVATE KEY'],
    ['EC PARAMETERS that are no OID', block('EC PARAMETERS', [0x05, 0x00]) + sec1(p256.privateKey), 'the EC PARAMETERS block names another curve than the EC PRIVATE KEY'],
    ['EC PARAMETERS after the key', sec1(p256.privateKey) + block('EC PARAMETERS', OID_P256), 'expected one PEM block, got 2 (EC PRIVATE KEY, EC PARAMETERS)'],
    ['a public key before an EC PRIVATE KEY', spkiPEM + sec1(p256.privateKey), 'expected one PEM block, got 2 (PUBLIC KEY, EC PRIVATE KEY)'],
    ['EC PARAMETERS before a public key', block('EC PARAMETERS', OID_P256) + spkiPEM, 'expected one PEM block, got 2 (EC PARAMETERS, PUBLIC KEY)'],
    ['two EC PARAMETERS', block('EC PARAMETERS', OID_P256) + block('EC PARAMETERS', OID_P256), 'expected one PEM block, got 2 (EC PARAMETERS, EC PARAMETERS)'],
    ['three blocks', block('EC PARAMETERS', OID_P256) + sec1(p256.privateKey) + spkiPEM, 'expected one PEM block, got 3 (EC PARAMETERS, EC PRIVATE KEY, PUBLIC KEY)'],
    ['a certificate chain', fixture('ec-cert.pem') + fixture('rsa-cert.pem'), 'expected one PEM block, got 2 (CERTIFICATE, CERTIFICATE): for a certificate chain, pass only the leaf certificate (the first block)'],
    ['a certificate and a key', fixture('ec-cert.pem') + spkiPEM, 'expected one PEM block, got 2 (CERTIFICATE, PUBLIC KEY)'],
    ['a key and a certificate', spkiPEM + fixture('ec-cert.pem'), 'expected one PEM block, got 2 (PUBLIC KEY, CERTIFICATE)'],
    ['an SPKI that is no SEQUENCE', block('PUBLIC KEY', [0x05, 0x00]), 'not a valid SPKI key'],
    ['a PKCS#8 key that is no SEQUENCE', block('PRIVATE KEY', [0x05, 0x00]), 'not a valid PKCS#8 key'],
    ['an SPKI whose algorithm is no OID', block('PUBLIC KEY', tlv(0x30, tlv(0x30, [0x05, 0x00]), [0x03, 0x01, 0x00])), 'not a valid SPKI key'],
    ['an EC SPKI without parameters', block('PUBLIC KEY', tlv(0x30, tlv(0x30, OID_EC), [0x03, 0x01, 0x00])), OTHER_CURVE],
    ['an EC SPKI with NULL parameters', block('PUBLIC KEY', tlv(0x30, tlv(0x30, OID_EC, [0x05, 0x00]), [0x03, 0x01, 0x00])), OTHER_CURVE],
    ['an EC SPKI with explicit parameters', block('PUBLIC KEY', tlv(0x30, tlv(0x30, OID_EC, tlv(0x30, [0x02, 0x01, 0x01])), [0x03, 0x01, 0x00])), EXPLICIT],
    ['an EC SPKI on secp256k1', k1.publicKey.export({ type: 'spki', format: 'pem' }) as string, OTHER_CURVE],
    ['a SEC1 key on secp256k1', sec1(k1.privateKey), OTHER_CURVE],
    ['an X25519 key', generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }) as string, 'the key algorithm is not RSA, EC (P-256, P-384, P-521) or Ed25519'],
    ['a PKCS#1 key of one field', block('RSA PUBLIC KEY', tlv(0x30, [0x02, 0x01, 0x01])), 'not a valid PKCS#1 RSA key'],
    ['a PKCS#1 key that is no SEQUENCE', block('RSA PRIVATE KEY', [0x05, 0x00]), 'not a valid PKCS#1 RSA key'],
    ['a SEC1 key without parameters', block('EC PRIVATE KEY', tlv(0x30, [0x02, 0x01, 0x01], [0x04, 0x01, 0x01])), 'the SEC1 EC key does not name its curve'],
    ['a SEC1 key whose parameters are NULL', block('EC PRIVATE KEY', tlv(0x30, [0x02, 0x01, 0x01], [0x04, 0x01, 0x01], tlv(0xa0, [0x05, 0x00]))), 'the SEC1 EC key does not name its curve'],
    ['a SEC1 key with explicit parameters', block('EC PRIVATE KEY', tlv(0x30, [0x02, 0x01, 0x01], [0x04, 0x01, 0x01], tlv(0xa0, tlv(0x30, [0x02, 0x01, 0x01])))), EXPLICIT],
    ['a certificate that is no SEQUENCE', block('CERTIFICATE', [0x05, 0x00]), 'not a valid X.509 certificate'],
    ['a certificate whose tbs is no SEQUENCE', block('CERTIFICATE', tlv(0x30, [0x02, 0x01, 0x01])), 'not a valid X.509 certificate'],
    ['a certificate of an empty tbs', block('CERTIFICATE', tlv(0x30, tlv(0x30))), 'not a valid X.509 certificate'],
    ['a SEC1 key that is no SEQUENCE', block('EC PRIVATE KEY', [0x05, 0x00]), 'the SEC1 EC key does not name its curve'],
    ['a certificate whose key is no SEQUENCE', block('CERTIFICATE', tlv(0x30, tlv(0x30, tlv(0xa0, [0x02, 0x01, 0x02]), ...Array(6).fill([0x02, 0x01, 0x01])))), 'not a valid X.509 certificate'],
    ['a certificate of too few fields', block('CERTIFICATE', tlv(0x30, tlv(0x30, [0x02, 0x01, 0x01]))), 'not a valid X.509 certificate'],
  ])('%s', async (_, text, message) => {
    const outcome = await failure(() => parsePEM(text));
    expect(outcome.kind).toBe('ERR_JWT_KEY_INVALID');
    expect(outcome.message).toBe(message);
  });
});
