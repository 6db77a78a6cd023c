import { macieRelationshipStatuses, type MacieMemberData } from '../../domain/subjects/macie-member';
import { notesOf, unrecognizedPart } from '../../domain/unrecognized';
import type { MacieMember, MacieReader } from '../../ports/macie';

/** A member as the subject records it (absent fields left out, so that equal readings compare equal). */
export const macieMemberData = (member: MacieMember): MacieMemberData => ({
  region: member.region,
  accountId: member.accountId,
  state: member.relationshipStatus,
  ...(member.administratorAccountId ? { administratorAccountId: member.administratorAccountId } : {}),
  ...(member.updatedAt ? { updatedAt: member.updatedAt } : {}),
  ...(member.invitedAt ? { invitedAt: member.invitedAt } : {}),
  // A status AWS added since (as it added `RegionDisabled`): recorded as read, announced as unrecognized.
  ...unrecognizedPart(notesOf(macieRelationshipStatuses, member.relationshipStatus, 'macieMember.relationshipStatus')),
});

/** Re-reads a member (`<region>:<account>`) with GetMember; `undefined` once Macie no longer knows it. */
export const readMacieMember =
  (macie: () => MacieReader) =>
  async (id: string): Promise<MacieMemberData | undefined> => {
    const colon = id.lastIndexOf(':');
    const member = await macie().getMember(id.slice(0, colon), id.slice(colon + 1));
    return member ? macieMemberData(member) : undefined;
  };
