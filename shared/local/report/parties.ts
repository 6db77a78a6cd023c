/**
 * Who a subject is about, in a few words for a person: who was invited, who pays whose bill, whose
 * account it is. Read from a snapshot's data as stored; every field is optional (a deployed table of
 * an older release, a masked party), so each part is shown only when it is there.
 */
import type { LocalReport } from '../scenario/report';

type Snapshot = LocalReport['snapshots'][number];

/** An outside party as events and handshakes name it. */
export interface Party {
  readonly id: string;
  readonly type: string;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** A time as a person reads it: `2026-12-01 00:00Z`. */
const when = (iso: string | undefined): string | undefined =>
  iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + 'Z' : iso;

/** The parties of a list as read; anything that is not `{ id, type }` is left out. */
export const partiesIn = (value: unknown): Party[] =>
  Array.isArray(value)
    ? value.flatMap((p) => (isRecord(p) && text(p.id) ? [{ id: String(p.id), type: text(p.type) ?? 'PARTY' }] : []))
    : [];

/** `account 444444444444`, `email ops@example.net`, `organization o-abc`. */
export const partyText = (party: Party): string => `${party.type.toLowerCase()} ${party.id}`;

/** The parties as one phrase, or undefined when there are none. */
export const partiesText = (parties: readonly Party[]): string | undefined =>
  parties.length === 0 ? undefined : parties.map(partyText).join(', ');

const handshakeWho = (data: Record<string, unknown>): string[] => {
  const action = text(data.action);
  const inbound = data.direction === 'inbound';
  const who = partiesText(partiesIn(data.counterparties));
  const kind =
    action === 'TRANSFER_RESPONSIBILITY' ? 'billing-transfer invitation' : action ? `${action} handshake` : '';
  return [
    [kind, who ? `${inbound ? 'received from' : 'sent to'} ${who}` : inbound ? 'received' : '']
      .filter(Boolean)
      .join(' '),
  ].filter(Boolean);
};

const transferWho = (data: Record<string, unknown>): string[] => {
  const source = text(data.sourceAccountId);
  const target = text(data.targetAccountId);
  // outbound: another organization manages (pays) this one's bill; inbound: this one pays another's.
  const pays =
    data.direction === 'inbound'
      ? `this organization pays the bill of ${source ? `account ${source}'s organization` : 'another organization'}`
      : `${target ? `account ${target}'s organization` : 'another organization'} pays this organization's bill`;
  const period = [
    text(data.startAt) && `from ${when(text(data.startAt))}`,
    text(data.endAt) && `until ${when(text(data.endAt))}`,
  ]
    .filter(Boolean)
    .join(' ');
  return [pays, ...(period ? [period] : [])];
};

const accountWho = (data: Record<string, unknown>): string[] => {
  const parts = [text(data.name), text(data.email), text(data.joinedMethod)?.toLowerCase()].filter(Boolean);
  return parts.length > 0 ? [parts.join(' · ')] : [];
};

const membershipWho = (data: Record<string, unknown>): string[] => {
  const units = Array.isArray(data.organizationalUnits) ? data.organizationalUnits.length : undefined;
  const mode = text(data.coverageMode);
  const parts = [
    text(data.name),
    mode && `covers ${mode === 'OrganizationalUnits' && units !== undefined ? `${units} OU(s)` : mode}`,
    text(data.membershipDeactivationTimestamp) && `ends ${when(text(data.membershipDeactivationTimestamp))}`,
  ].filter(Boolean);
  return parts.length > 0 ? [parts.join(' · ')] : [];
};

const generalWho = (data: Record<string, unknown>): string[] => {
  const parts = [
    text(data.accountId) && `account ${text(data.accountId)}`,
    text(data.email),
    text(data.region),
    text(data.membershipId) && `membership ${text(data.membershipId)}`,
    Array.isArray(data.accountIds) && data.accountIds.length > 0 && `account(s) ${data.accountIds.join(', ')}`,
  ].filter(Boolean);
  return parts.length > 0 ? [parts.join(' · ')] : [];
};

/**
 * What a person needs to know of a subject beyond its state: its counterparties (who was invited, who
 * pays), or whose it is. Empty when the data says nothing useful.
 */
export const whoOf = (snapshot: Pick<Snapshot, 'subject' | 'data'> | undefined): string[] => {
  if (!snapshot || !isRecord(snapshot.data)) return [];
  const kind = snapshot.subject.split(':')[0];
  if (kind === 'handshake') return handshakeWho(snapshot.data);
  if (kind === 'transfer') return transferWho(snapshot.data);
  if (kind === 'account') return accountWho(snapshot.data);
  if (kind === 'membership') return membershipWho(snapshot.data);
  return generalWho(snapshot.data);
};
