/**
 * One-line descriptions of the header parameters and claims people meet in
 * JWTs, for the CLI's `inspect` and the inspector page. The registered ones
 * come from the IANA "JSON Web Token Claims" and "JSON Web Signature and
 * Encryption Header Parameters" registries; the others from OpenID Connect
 * Core 1.0 and OAuth (RFC 8693, RFC 9068), which put them in most tokens seen
 * in practice.
 */

/** Claims (RFC 7519 §4.1, OpenID Connect Core §2 and §5.1, RFC 8693 §4, RFC 9068 §2.2). */
export const CLAIM_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  iss: 'Issuer: who made and signed the token (RFC 7519 §4.1.1)',
  sub: 'Subject: whom the token is about, usually a user id (RFC 7519 §4.1.2)',
  aud: 'Audience: the recipients that may accept the token (RFC 7519 §4.1.3)',
  exp: 'Expiration time: the token must not be accepted from then on (RFC 7519 §4.1.4)',
  nbf: 'Not before: the token must not be accepted before then (RFC 7519 §4.1.5)',
  iat: 'Issued at: when the token was made (RFC 7519 §4.1.6)',
  jti: 'JWT ID: a unique identifier, for detecting replays (RFC 7519 §4.1.7)',
  auth_time: 'When the user last authenticated (OpenID Connect Core §2)',
  nonce: 'A value from the authentication request, tying the token to it (OpenID Connect Core §2)',
  acr: 'Authentication context class: how strongly the user authenticated (OpenID Connect Core §2)',
  amr: 'Authentication methods used, such as "pwd" or "mfa" (OpenID Connect Core §2, RFC 8176)',
  azp: 'Authorized party: the client the token was issued to (OpenID Connect Core §2)',
  at_hash: 'Hash of the access token issued with this ID token (OpenID Connect Core §3.1.3.6)',
  c_hash: 'Hash of the authorization code issued with this ID token (OpenID Connect Core §3.3.2.11)',
  sid: 'Session ID at the identity provider (OpenID Connect Front-Channel Logout §3)',
  scope: 'The scopes granted, separated by spaces (RFC 8693 §4.2)',
  scp: 'The scopes granted (a common non-standard spelling of "scope")',
  client_id: 'The OAuth client the token was issued to (RFC 8693 §4.3)',
  cnf: 'Confirmation: the key the holder must prove possession of (RFC 7800)',
  act: 'Actor: who acts on behalf of the subject (RFC 8693 §4.1)',
  may_act: 'Who may act on behalf of the subject (RFC 8693 §4.4)',
  roles: 'Roles of the subject (RFC 9068 §2.2.3.1)',
  groups: 'Groups the subject belongs to (RFC 9068 §2.2.3.1)',
  entitlements: 'Entitlements of the subject (RFC 9068 §2.2.3.1)',
  name: 'Full name of the user (OpenID Connect Core §5.1)',
  given_name: 'Given name of the user (OpenID Connect Core §5.1)',
  family_name: 'Family name of the user (OpenID Connect Core §5.1)',
  preferred_username: 'The name the user prefers to be shown (OpenID Connect Core §5.1)',
  email: 'E-mail address of the user (OpenID Connect Core §5.1)',
  email_verified: 'Whether the provider verified the e-mail address (OpenID Connect Core §5.1)',
  phone_number: 'Telephone number of the user (OpenID Connect Core §5.1)',
  picture: 'URL of a picture of the user (OpenID Connect Core §5.1)',
  locale: 'Language and region of the user (OpenID Connect Core §5.1)',
  zoneinfo: 'Time zone of the user (OpenID Connect Core §5.1)',
  updated_at: 'When the user\'s information was last updated (OpenID Connect Core §5.1)',
});

/** Header parameters (RFC 7515 §4.1, RFC 7519 §5, RFC 8725 §3.11). */
export const HEADER_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  alg: 'Algorithm the token is signed with (RFC 7515 §4.1.1)',
  typ: 'Media type of the token, usually "JWT" (RFC 7515 §4.1.9, RFC 8725 §3.11)',
  cty: 'Content type: set only for nested tokens (RFC 7519 §5.2)',
  kid: 'Key ID: which of the issuer\'s keys signed the token (RFC 7515 §4.1.4)',
  crit: 'Extensions the recipient must understand, or refuse the token (RFC 7515 §4.1.11)',
  jku: 'URL of a key set: never fetch keys from a URL the token names (RFC 7515 §4.1.2)',
  jwk: 'A key carried in the token: never verify with it (RFC 7515 §4.1.3)',
  x5u: 'URL of a certificate chain: never fetch it from the token\'s say-so (RFC 7515 §4.1.5)',
  x5c: 'A certificate chain carried in the token (RFC 7515 §4.1.6)',
  x5t: 'SHA-1 thumbprint of the signing certificate (RFC 7515 §4.1.7)',
  'x5t#S256': 'SHA-256 thumbprint of the signing certificate (RFC 7515 §4.1.8)',
  b64: 'Unencoded payload option: not allowed in JWTs (RFC 7797 §7)',
});

/** The claims whose values are times (NumericDate, RFC 7519 §2), in the order people read them. */
export const TIME_CLAIMS = ['iat', 'auth_time', 'nbf', 'exp'] as const;

/** A claim whose value is a time. */
export type TimeClaim = (typeof TIME_CLAIMS)[number];

/**
 * The description of a claim (`part: 'payload'`) or header parameter
 * (`part: 'header'`), or `undefined` for a name nobody registered.
 *
 * @example
 * ```ts
 * describeMember('payload', 'exp'); // 'Expiration time: the token must not be accepted from then on (RFC 7519 §4.1.4)'
 * ```
 */
export function describeMember(part: 'header' | 'payload', name: string): string | undefined {
  const table = part === 'header' ? HEADER_DESCRIPTIONS : CLAIM_DESCRIPTIONS;
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
