/**
 * The inspector page: decodes the token as the library does, shows what it
 * says, and verifies it with a pasted key through the library's own `verify`.
 * Nothing leaves the page: its CSP has connect-src 'none', and this code has
 * no reason to try.
 */

import { decode, isJWTError, verify, type DecodedJWT } from '../index.js';
import { tokenFacts, type TokenFacts } from '../common/facts.js';
import { readPastedKey } from './key.js';
import { el, refreshRelativeTimes, renderMembers, renderSegments, renderState, renderWarnings } from './render.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const tokenInput = $<HTMLTextAreaElement>('token');
const keyInput = $<HTMLTextAreaElement>('key');

/** The token being shown, decoded, and its facts as of the last tick. */
let current: { token: string; decoded?: DecodedJWT; facts?: TokenFacts } = { token: '' };
/** Verifications are async: only the latest one may write its verdict. */
let verification = 0;

function showToken(): void {
  const token = tokenInput.value;
  current = { token };
  renderSegments($('segments'), token);
  if (token === '') {
    renderState($('state'), undefined);
  } else {
    try {
      current.decoded = decode(token);
      current.facts = tokenFacts(current.decoded, new Date());
      renderState($('state'), { facts: current.facts });
    } catch (error) {
      if (!isJWTError(error)) throw error;
      const hint = token !== token.trim() ? ' (the token has whitespace around it: the library takes a token exactly as given)' : '';
      renderState($('state'), { code: error.code, message: `${error.message}${hint}` });
    }
  }
  const { decoded, facts } = current;
  $('header-json').textContent = decoded ? JSON.stringify(decoded.header, null, 2) : '';
  $('payload-json').textContent = decoded ? JSON.stringify(decoded.payload, null, 2) : '';
  renderMembers($('header-table'), 'header', decoded?.header ?? { alg: '' }, undefined);
  renderMembers($('claims-table'), 'payload', decoded?.payload ?? {}, facts);
  if (!decoded) $('header-table').replaceChildren();
  renderWarnings($('warnings-section'), $('warnings'), facts);
  void showVerdict();
}

async function showVerdict(): Promise<void> {
  const run = ++verification;
  const verdict = $('verdict');
  const encoding = (document.querySelector<HTMLInputElement>('input[name="encoding"]:checked')?.value ?? 'text') as 'text' | 'base64';
  const pasted = readPastedKey(keyInput.value, encoding);
  $('key-kind').textContent = pasted && 'kind' in pasted ? `Read as ${pasted.kind}.` : '';
  const say = (className: string, text: string, detail = '') => {
    if (run !== verification) return;
    verdict.className = `verdict ${className}`;
    verdict.replaceChildren(text, ...(detail ? [el('span', { class: 'detail' }, [detail])] : []));
  };
  if (pasted === undefined) return say('', current.token ? 'Paste a key to check the signature.' : '');
  if ('problem' in pasted) return say('bad', 'cannot use the key', pasted.problem);
  if (!current.token) return say('', 'Paste a token to verify.');
  const used = current.decoded
    ? `algorithm ${current.decoded.header.alg}${typeof current.decoded.header.kid === 'string' ? `, kid ${JSON.stringify(current.decoded.header.kid)}` : ', no kid'}`
    : '';
  say('pending', 'verifying…');
  try {
    await verify(current.token, pasted.key);
    say('good', 'verified: the library accepts this token', used);
  } catch (error) {
    if (isJWTError(error)) say('bad', `refused: ${error.code}`, `${error.message}${used ? ` (${used})` : ''}`);
    else say('bad', 'refused: a mistake in the key', error instanceof Error ? error.message : String(error));
  }
}

/** Every second: the relative times, and the state when time changes it (then the verdict too). */
function tick(): void {
  const now = new Date();
  refreshRelativeTimes(document, now.getTime() / 1000);
  if (!current.decoded || !current.facts) return;
  const facts = tokenFacts(current.decoded, now);
  const stateChanged = facts.state !== current.facts.state;
  if (facts.summary !== current.facts.summary) renderState($('state'), { facts });
  current.facts = facts;
  if (stateChanged) {
    // The token just expired, or became valid: the library's verdict changes with it.
    renderWarnings($('warnings-section'), $('warnings'), facts);
    void showVerdict();
  }
}

/** A token in the fragment (`#token=…`) only: the fragment is never sent to a server, the query string is. */
function tokenFromFragment(): void {
  const match = /^#token=([^&]*)/.exec(location.hash);
  if (!match) return;
  try {
    tokenInput.value = decodeURIComponent(match[1]!);
  } catch {
    tokenInput.value = match[1]!;
  }
  showToken();
}

$('query-warning').hidden = !new URLSearchParams(location.search).has('token');
tokenInput.addEventListener('input', showToken);
keyInput.addEventListener('input', () => void showVerdict());
document.querySelectorAll('input[name="encoding"]').forEach((radio) => radio.addEventListener('change', () => void showVerdict()));
window.addEventListener('hashchange', tokenFromFragment);
tokenFromFragment();
showToken();
setInterval(tick, 1000);
