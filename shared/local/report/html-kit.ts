/**
 * The report's HTML pieces: escaping, state chips, tables, sections. Every class name comes from
 * fixed sets here, never from the data; every text from the data goes through {@link escapeHtml}.
 */
import { safeText } from '../cli/io';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Text made safe for HTML content and quoted attribute values; control and bidirectional characters
 * shown as their `\uXXXX` escape (an outside party's email must not reorder the page).
 */
export const escapeHtml = (value: string | number | undefined): string =>
  safeText(String(value ?? '')).replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);

/** A time as `2026-11-02 09:00:00Z`, machine-readable in its attribute. */
export const time = (iso: string): string =>
  `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace(/\.000Z$/, 'Z').replace('T', ' '))}</time>`;

const GOOD = new Set(['ACCEPTED', 'JOINED', 'ACTIVE', 'ENABLED', 'Active', 'Enabled', 'COMPLETE', 'COMPLETED']);
const GOOD_TOO = new Set(['Associated', 'executed', 'already-done']);
const BAD = new Set([
  'DECLINED',
  'CANCELED',
  'EXPIRED',
  'WITHDRAWN',
  'DEPARTED',
  'REMOVED',
  'LEFT',
  'Cancelled',
  'Terminated',
  'Removed',
  'AccountSuspended',
  'RegionDisabled',
  'failed',
]);
const OPEN = new Set(['OPEN', 'REQUESTED', 'PENDING', 'PENDING_ACCEPTANCE', 'ENDING', 'Invited', 'Paused']);
/** Not covered by the Security IR membership: a gap, in warning colours. */
const WARN = new Set(['Unassociated', 'Disassociated', 'Unknown']);

/** Over, neither good nor bad (a transfer that ran to its end). */
const NEUTRAL = new Set(['ENDED']);

/** The colour of a state: a class name from fixed sets, never from the data. */
export const toneOf = (state: string): string =>
  GOOD.has(state) || GOOD_TOO.has(state)
    ? 'tone-good'
    : BAD.has(state)
      ? 'tone-bad'
      : WARN.has(state)
        ? 'tone-warn'
        : OPEN.has(state)
          ? 'tone-open'
          : NEUTRAL.has(state) || /^(r|ou)-/.test(state)
            ? 'tone-new'
            : 'tone-other';

/** A state as a coloured chip; `(new)` for none. */
export const chip = (state: string | null | undefined, tone?: string): string =>
  state === null || state === undefined
    ? '<span class="chip tone-new">(new)</span>'
    : `<span class="chip ${tone ?? toneOf(state)}">${escapeHtml(state)}</span>`;

/** A table of cells already made HTML; `empty` when there are no rows. */
export const table = (headers: readonly string[], rows: ReadonlyArray<readonly string[]>, empty: string): string =>
  rows.length === 0
    ? `<p class="empty">${escapeHtml(empty)}</p>`
    : `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

export const section = (id: string, title: string, count: number | undefined, body: string, level = 2): string =>
  `<section id="${id}"><h${level}>${escapeHtml(title)}${
    count === undefined ? '' : ` <span class="count">${count}</span>`
  }</h${level}>${body}</section>`;

export const code = (value: string): string => `<code>${escapeHtml(value)}</code>`;

/** Lines of text under one another, muted. */
export const lines = (values: readonly string[]): string =>
  values.map((value) => `<span class="who">${escapeHtml(value)}</span>`).join('');

/** A headline card linking to its part of the page. */
export const card = (href: string, label: string, value: string | number, tone = ''): string =>
  `<a class="card ${tone}" href="#${href}"><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(label)}</span></a>`;
