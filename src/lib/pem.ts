/**
 * PEM keys (RFC 7468) -> DER in the two forms Web Crypto imports: SPKI for
 * public keys, PKCS#8 for private keys. PKCS#1 RSA keys are wrapped, an X.509
 * certificate gives up its SubjectPublicKeyInfo, a SEC1 EC key is wrapped.
 */

import { JWTError } from '../errors.js';
import { TAG, children, contents, encodeElement, readElement, readTop, type DERElement } from './asn1.js';

export type KeyFamily = { kty: 'RSA' } | { kty: 'EC'; crv: 'P-256' | 'P-384' | 'P-521' } | { kty: 'OKP'; crv: 'Ed25519' };

export interface DERKey {
  format: 'spki' | 'pkcs8';
  der: Uint8Array<ArrayBuffer>;
  family: KeyFamily;
}

const invalid = (message: string) => new JWTError('ERR_JWT_KEY_INVALID', message);

// Object identifiers, as the hex of their DER contents.
const OID_RSA = '2a864886f70d010101'; // rsaEncryption, RFC 8017
const OID_EC = '2a8648ce3d0201'; // id-ecPublicKey, RFC 5480
const OID_ED25519 = '2b6570'; // id-Ed25519, RFC 8410
// A Map, not an object: a DER OID must never find an inherited member.
const CURVES: ReadonlyMap<string, 'P-256' | 'P-384' | 'P-521'> = /* @__PURE__ */ new Map([
  ['2a8648ce3d030107', 'P-256'],
  ['2b81040022', 'P-384'],
  ['2b81040023', 'P-521'],
]);

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----([A-Za-z0-9+/=\s]*)-----END \1-----/g;

/** Whether `text` holds a PEM block (wherever it starts). */
export function isPEM(text: string): boolean {
  return text.includes('-----BEGIN ');
}

const EXPLICIT_CURVE =
  'the EC key has explicit curve parameters, which are not supported: ' +
  'convert it to a named curve with `openssl ec -in key.pem -param_enc named_curve -out named.pem`';

export const HOW_TO_DECRYPT =
  'encrypted keys are not supported: decrypt it first, e.g. `openssl pkey -in key.pem -out key-decrypted.pem` ' +
  '(keep the decrypted key in a secret store)';

/**
 * Parses the one PEM key or certificate in `text`. One more block is allowed:
 * the `EC PARAMETERS` block that `openssl ecparam -genkey` writes before an
 * `EC PRIVATE KEY`, when it names the key's own curve. Anything else with
 * several blocks (a certificate chain, a key and its certificate) is refused,
 * naming the blocks: webjwt does not guess which one was meant.
 */
export function parsePEM(text: string): DERKey {
  const blocks = [...text.matchAll(PEM_BLOCK)];
  const begins = text.split('-----BEGIN ').length - 1;
  // A BEGIN line without a well-formed block (headers, a stray character) must not be skipped over.
  if (blocks.length === 0 || begins !== blocks.length) {
    if (/Proc-Type: *4, *ENCRYPTED/.test(text)) throw invalid(`the PEM key is encrypted: ${HOW_TO_DECRYPT}`);
    throw invalid('expected exactly one well-formed PEM block');
  }
  const labels = blocks.map((block) => block[1]!);
  const decode = (block: RegExpMatchArray) => {
    const der = decodeBase64(block[2]!);
    if (!der) throw invalid('the PEM body is not base64');
    return der;
  };
  if (labels.length === 2 && labels[0] === 'EC PARAMETERS' && labels[1] === 'EC PRIVATE KEY') {
    const key = parseDERAs(decode(blocks[1]!), 'EC PRIVATE KEY');
    const named = ecParametersCurve(decode(blocks[0]!));
    if (named !== (key.family as { crv?: string }).crv) throw invalid('the EC PARAMETERS block names another curve than the EC PRIVATE KEY');
    return key;
  }
  if (labels.length > 1) {
    const chain = labels.every((label) => label === 'CERTIFICATE');
    throw invalid(
      `expected one PEM block, got ${labels.length} (${labels.join(', ')})` +
        (chain ? ': for a certificate chain, pass only the leaf certificate (the first block)' : ''),
    );
  }
  return parseDERAs(decode(blocks[0]!), labels[0]!);
}

/** The named curve of an `EC PARAMETERS` block (RFC 5480 §2.1.1: ECParameters is a choice, here the OID). */
function ecParametersCurve(der: Uint8Array): string | undefined {
  const oid = readTop(der, TAG.OID);
  return oid && CURVES.get(hex(contents(der, oid)));
}

const LABELS = ['PUBLIC KEY', 'PRIVATE KEY', 'CERTIFICATE', 'RSA PUBLIC KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];

/**
 * The key in DER bytes (the contents of a `.der` file), if they are exactly
 * one of the structures a PEM label names; `undefined` otherwise. Each match
 * needs a full structure with exact lengths (and, but for PKCS#1, a known
 * algorithm OID), so random secret bytes do not pass for a key.
 */
export function parseDER(der: Uint8Array<ArrayBuffer>): DERKey | undefined {
  for (const label of LABELS) {
    try {
      return parseDERAs(der, label);
    } catch {
      // not this structure; try the next
    }
  }
  return undefined;
}

function parseDERAs(der: Uint8Array<ArrayBuffer>, label: string): DERKey {
  switch (label) {
    case 'PUBLIC KEY':
      return asIs(der, 'spki');
    case 'PRIVATE KEY':
      return asIs(der, 'pkcs8');
    case 'RSA PUBLIC KEY':
      return fromPKCS1(der, 'spki');
    case 'RSA PRIVATE KEY':
      return fromPKCS1(der, 'pkcs8');
    case 'EC PRIVATE KEY':
      return fromSEC1(der);
    case 'CERTIFICATE':
      return fromCertificate(der);
    case 'ENCRYPTED PRIVATE KEY':
      throw invalid(`the PEM key is encrypted: ${HOW_TO_DECRYPT}`);
    default:
      throw invalid(`PEM "${label}" is not a supported key type`);
  }
}

/** The PEM text of a DER key. */
export function encodePEM(der: Uint8Array, format: 'spki' | 'pkcs8'): string {
  const label = format === 'spki' ? 'PUBLIC KEY' : 'PRIVATE KEY';
  let base64 = '';
  for (let i = 0; i < der.length; i += 0x8000) base64 += String.fromCharCode(...der.subarray(i, i + 0x8000));
  const lines = btoa(base64).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** An SPKI or PKCS#8 structure as it is, with the key family it names. */
function asIs(der: Uint8Array<ArrayBuffer>, format: 'spki' | 'pkcs8'): DERKey {
  return { format, der, family: familyOf(der, format) };
}

/** The key family an SPKI or PKCS#8 structure names in its AlgorithmIdentifier. */
function familyOf(der: Uint8Array, format: 'spki' | 'pkcs8'): KeyFamily {
  const top = readTop(der, TAG.SEQUENCE);
  const parts = top && children(der, top);
  // SPKI is { algorithm, BIT STRING }; PKCS#8 is { INTEGER, algorithm, OCTET STRING, … }. Without this
  // check an Ed25519 certificate ({ tbs, signatureAlgorithm Ed25519, BIT STRING }) passes for PKCS#8.
  const shaped =
    format === 'spki'
      ? parts?.length === 2 && parts[1]!.tag === TAG.BIT_STRING
      : parts !== undefined && parts.length >= 3 && parts[0]!.tag === TAG.INTEGER && parts[2]!.tag === TAG.OCTET_STRING;
  const algorithmId = shaped ? parts!.at(format === 'spki' ? 0 : 1) : undefined; // shaped: parts is there
  const ids = algorithmId?.tag === TAG.SEQUENCE ? children(der, algorithmId) : undefined;
  // .at(), never [i]: an index past the end would be read from a (possibly polluted) prototype.
  const first = ids?.at(0);
  const second = ids?.at(1);
  if (!first || first.tag !== TAG.OID) throw invalid(`not a valid ${format === 'spki' ? 'SPKI' : 'PKCS#8'} key`);
  const oid = hex(contents(der, first));
  if (oid === OID_RSA) return { kty: 'RSA' };
  if (oid === OID_ED25519) return { kty: 'OKP', crv: 'Ed25519' };
  if (oid === OID_EC) {
    const crv = second?.tag === TAG.OID ? CURVES.get(hex(contents(der, second))) : undefined;
    if (crv) return { kty: 'EC', crv };
    if (second?.tag === TAG.SEQUENCE) throw invalid(EXPLICIT_CURVE);
    throw invalid('the EC key is not on P-256, P-384 or P-521');
  }
  throw invalid('the key algorithm is not RSA, EC (P-256, P-384, P-521) or Ed25519');
}

const RSA_ALGORITHM_ID = /* @__PURE__ */ (() =>
  encodeElement(TAG.SEQUENCE, encodeElement(TAG.OID, unhex(OID_RSA)), encodeElement(TAG.NULL)))();
const VERSION_0 = /* @__PURE__ */ (() => encodeElement(TAG.INTEGER, new Uint8Array([0])))();

/** PKCS#1 RSAPublicKey/RSAPrivateKey (RFC 8017 A.1) wrapped into SPKI/PKCS#8. */
function fromPKCS1(der: Uint8Array<ArrayBuffer>, format: 'spki' | 'pkcs8'): DERKey {
  // RSAPublicKey is { n, e }; RSAPrivateKey is { version, n, e, d, p, q, dp, dq, qi } (two-prime).
  const top = readTop(der, TAG.SEQUENCE);
  const fields = top && children(der, top);
  if (fields?.length !== (format === 'spki' ? 2 : 9) || !fields.every((field) => field.tag === TAG.INTEGER)) {
    throw invalid('not a valid PKCS#1 RSA key');
  }
  const wrapped =
    format === 'spki'
      ? encodeElement(TAG.SEQUENCE, RSA_ALGORITHM_ID, encodeElement(TAG.BIT_STRING, new Uint8Array([0]), der))
      : encodeElement(TAG.SEQUENCE, VERSION_0, RSA_ALGORITHM_ID, encodeElement(TAG.OCTET_STRING, der));
  return { format, der: wrapped, family: { kty: 'RSA' } };
}

/** SEC1 ECPrivateKey (RFC 5915) wrapped into PKCS#8, its curve taken from its parameters. */
function fromSEC1(der: Uint8Array<ArrayBuffer>): DERKey {
  const top = readTop(der, TAG.SEQUENCE);
  const parts = top && children(der, top);
  const params = parts?.find((part) => part.tag === 0xa0); // [0] ECParameters
  const curveOID = params && readElement(der, params.start, params.end);
  if (curveOID?.tag === TAG.SEQUENCE) throw invalid(EXPLICIT_CURVE);
  if (!curveOID || curveOID.tag !== TAG.OID) throw invalid('the SEC1 EC key does not name its curve');
  const algorithmId = encodeElement(TAG.SEQUENCE, encodeElement(TAG.OID, unhex(OID_EC)), der.subarray(curveOID.offset, curveOID.end));
  const pkcs8 = encodeElement(TAG.SEQUENCE, VERSION_0, algorithmId, encodeElement(TAG.OCTET_STRING, der));
  return asIs(pkcs8, 'pkcs8');
}

/** The SubjectPublicKeyInfo of an X.509 certificate (RFC 5280 §4.1). */
function fromCertificate(der: Uint8Array): DERKey {
  const certificate = readTop(der, TAG.SEQUENCE);
  const tbs = certificate && readElement(der, certificate.start, certificate.end);
  const fields = tbs?.tag === TAG.SEQUENCE ? children(der, tbs) : undefined;
  // version [0] (optional), serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
  const spki: DERElement | undefined = fields?.at(fields.at(0)?.tag === 0xa0 ? 6 : 5);
  if (!spki || spki.tag !== TAG.SEQUENCE) throw invalid('not a valid X.509 certificate');
  const spkiDER = new Uint8Array(der.subarray(spki.offset, spki.end));
  return { format: 'spki', der: spkiDER, family: familyOf(spkiDER, 'spki') };
}

/** Standard base64 with whitespace (RFC 7468 §3), strict otherwise. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const binary = atob(compact);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function unhex(text: string): Uint8Array {
  return new Uint8Array(text.match(/../g)!.map((pair) => parseInt(pair, 16)));
}
