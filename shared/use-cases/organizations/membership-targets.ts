import { MalformedEventError } from '../../domain/errors';
import { accountIdPattern } from '../../domain/subjects/account';
import { handshakeIdPattern, handshakeType } from '../../domain/subjects/handshake';
import { refOf, type SubjectRef } from '../../domain/subjects/subject-type';
import type { StateStore } from '../../ports/state-store';
import type { OrganizationsEvent } from '../../schemas/organizations-event';
import type { Found } from '../pipeline/observe-subjects';

// What a membership event of Organizations (an account joined, departed, moved) tells handshake-changed
// to read: the member account it names, where it sits, and the invitation it accepted.

/**
 * The account a membership service event is about, from the record's documented fields: a member
 * named `accountId` (any capitalisation) in `serviceEventDetails`, at its top or inside the one
 * object that wraps it. Never the management account (the record's own account, its recipient or
 * caller), and never a field that merely ends in "accountId" (`managementAccountId`).
 */
export const memberAccountOf = (event: OrganizationsEvent): string => {
  const { detail } = event;
  const management = new Set([
    event.account,
    detail.recipientAccountId,
    typeof detail.userIdentity?.accountId === 'string' ? detail.userIdentity.accountId : undefined,
  ]);
  const details = detail.serviceEventDetails ?? {};
  const wrapped = Object.values(details).filter(
    (v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v),
  );
  const candidates = [details, ...wrapped].flatMap((fields) =>
    Object.entries(fields)
      .filter(
        ([key, value]) =>
          key.toLowerCase() === 'accountid' && typeof value === 'string' && accountIdPattern.test(value),
      )
      .map(([, value]) => value as string),
  );
  const members = [...new Set(candidates.filter((id) => !management.has(id)))];
  if (members.length === 1) return members[0]!;
  if (members.length === 0)
    throw new MalformedEventError(`${detail.eventName} names no member account in serviceEventDetails.accountId`);
  throw new MalformedEventError(`${detail.eventName} names ${members.length} different accounts`);
};

/**
 * An account and where it sits: read together whenever its membership can change, so that the audit
 * has the place an account joined in to compare with (a later move no event announced is a change).
 */
export const accountAndPlacement = (account: string): SubjectRef[] => [
  { kind: 'account', id: account },
  { kind: 'placement', id: account },
];

/**
 * The stored invitations (pending or accepted) to any of `parties`, as subjects to re-read. What the
 * table says is only a lead (any role may write there): ids that are not handshake ids are dropped, and
 * each one found is re-read from AWS before anything is recorded of it.
 */
export const invitationsTo = async (
  records: Pick<StateStore, 'findSubjects'>,
  parties: readonly string[],
): Promise<Found[]> => {
  const keys = [...new Set(parties.map((value) => value.toLowerCase()))];
  // One index query per key, side by side (the account id and its email).
  const found = new Set((await Promise.all(keys.map((key) => records.findSubjects(handshakeType.kind, key)))).flat());
  return [...found].flatMap((subject) => {
    const ref = refOf(subject);
    return ref.kind === handshakeType.kind && handshakeIdPattern.test(ref.id) ? [{ ref }] : [];
  });
};
