/**
 * The page's views, built with DOM nodes and `textContent` only: a token's
 * contents are attacker-controlled text and never become markup.
 */

import type { JWTHeader, JWTPayload } from '../index.js';
import { describeMember, type TimeClaim } from '../common/descriptions.js';
import type { TokenFacts, TokenState } from '../common/facts.js';
import { formatDate, relativeTime } from '../common/time.js';

type Children = (Node | string)[];

/** An element with attributes and children (strings become text nodes). */
export function el(tag: string, attributes: Record<string, string> = {}, children: Children = []): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** The raw token with its three segments coloured (and the dots between them plain). */
export function renderSegments(target: HTMLElement, token: string): void {
  const classes = ['seg-header', 'seg-payload', 'seg-signature'];
  const parts = token.split('.');
  const children: Children = [];
  parts.forEach((part, i) => {
    if (i > 0) children.push('.');
    children.push(el('span', { class: classes[i] ?? 'seg-extra' }, [part]));
  });
  target.replaceChildren(...children);
  target.hidden = token.length === 0;
}

/** A table of members with their descriptions; time claims get their date and a live relative time. */
export function renderMembers(table: HTMLElement, part: 'header' | 'payload', object: JWTHeader | JWTPayload, facts?: TokenFacts): void {
  const caption = table.querySelector('caption');
  const rows: Node[] = [el('tr', {}, [el('th', { scope: 'col' }, ['Name']), el('th', { scope: 'col' }, ['Value']), el('th', { scope: 'col' }, ['Meaning'])])];
  for (const [name, value] of Object.entries(object)) {
    const valueCell = el('td', { class: 'value' }, [JSON.stringify(value)]);
    const time = facts?.times.find((t) => t.claim === name);
    if (time) {
      valueCell.append(
        el('span', { class: 'when', title: formatDate(time.date, 'utc') }, [formatDate(time.date, 'local')]),
        el('span', { class: 'rel', 'data-claim': time.claim, 'data-value': String(time.value) }, [time.relative]),
      );
    }
    rows.push(el('tr', {}, [el('th', { scope: 'row' }, [name]), valueCell, el('td', { class: 'meaning' }, [describeMember(part, name) ?? ''])]));
  }
  table.replaceChildren(...(caption ? [caption] : []), el('tbody', {}, rows));
}

/** Brings every relative time on the page up to `now` (seconds since the epoch). */
export function refreshRelativeTimes(root: ParentNode, now: number): void {
  root.querySelectorAll<HTMLElement>('.rel').forEach((node) => {
    const text = relativeTime(node.dataset.claim as TimeClaim, Number(node.dataset.value), now);
    if (node.textContent !== text) node.textContent = text;
  });
}

const STATE_CLASS: Readonly<Record<TokenState, string>> = {
  valid: 'good', expired: 'bad', 'not yet valid': 'pending', unsigned: 'bad', invalid: 'bad',
};

/** The one-line state: valid, expired, not yet valid, unsigned, invalid, or malformed with the library's error. */
export function renderState(target: HTMLElement, state: { facts: TokenFacts } | { code: string; message: string } | undefined): void {
  if (state === undefined) {
    target.replaceChildren();
    target.className = 'state';
  } else if ('facts' in state) {
    target.className = `state ${STATE_CLASS[state.facts.state]}`;
    target.replaceChildren(state.facts.summary); // it starts with the state: "valid: …", "expired 3 h ago"
  } else {
    target.className = 'state bad';
    target.replaceChildren(`malformed: ${state.code}`, el('span', { class: 'detail' }, [state.message]));
  }
}

export function renderWarnings(section: HTMLElement, list: HTMLElement, facts: TokenFacts | undefined): void {
  const warnings = facts?.warnings ?? [];
  list.replaceChildren(...warnings.map((w) => el('li', { 'data-code': w.code }, [w.message])));
  section.hidden = warnings.length === 0;
}
