import { RandomIds } from '../common/ids';
import type { InvitationRecord, MemberRecord, RelationshipStatus, SessionRecord } from './types';

/**
 * The statuses in which an account is a current member of its administrator: what ListMembers
 * returns by default ("only current member accounts", API reference). AWS does not list them; a
 * paused member is still a member (the user guide's "Paused (Suspended)": Macie suspended for a
 * member account), the others are not (guess).
 */
export const ASSOCIATED: ReadonlySet<RelationshipStatus> = new Set(['Enabled', 'Paused']);

/**
 * Statuses in which an account is bound to its administrator: another one cannot add it (a member has one administrator
 * at a time).
 */
export const BOUND: ReadonlySet<RelationshipStatus> = new Set([
  'Enabled',
  'Paused',
  'RegionDisabled',
  'AccountSuspended',
]);

/** Ids with the formats of the macie2 model (invitation ids are opaque strings: 32 hex digits, a guess). */
export class MacieIds extends RandomIds {
  invitationId(): string {
    return this.pick('0123456789abcdef', 32);
  }
}

/**
 * Macie in one region: sessions (Macie enabled per account), the members of each administrator,
 * the invitations each account received, the delegated administrator, and tags by ARN. It owns
 * lookups and ARNs; the handlers own the rules.
 */
export class RegionState {
  readonly sessions = new Map<string, SessionRecord>();
  /** administrator account id → member account id → member. */
  readonly members = new Map<string, Map<string, MemberRecord>>();
  /** invited account id → invitations received, by administrator account id. */
  readonly invitations = new Map<string, Map<string, InvitationRecord>>();
  readonly tags = new Map<string, Record<string, string>>();
  delegatedAdministrator: string | undefined;

  constructor(readonly region: string) {}

  /** The members of `administrator`, created empty on first use. */
  membersOf(administrator: string): Map<string, MemberRecord> {
    let members = this.members.get(administrator);
    if (!members) {
      members = new Map<string, MemberRecord>();
      this.members.set(administrator, members);
    }
    return members;
  }

  /** Every member record of `accountId`, whatever administrator holds it. */
  recordsOf(accountId: string): MemberRecord[] {
    return [...this.members.values()].flatMap((members) => {
      const record = members.get(accountId);
      return record ? [record] : [];
    });
  }

  /** The record binding `accountId` to an administrator (at most one: a member has one administrator at a time). */
  boundRecordOf(accountId: string): MemberRecord | undefined {
    return this.recordsOf(accountId).find((record) => BOUND.has(record.status));
  }

  /** Whether `accountId` administers members that are still associated (it then cannot pause, disable or join). */
  hasAssociatedMembers(accountId: string): boolean {
    return [...(this.members.get(accountId)?.values() ?? [])].some((m) => ASSOCIATED.has(m.status));
  }

  invitationsOf(accountId: string): Map<string, InvitationRecord> {
    let received = this.invitations.get(accountId);
    if (!received) {
      received = new Map<string, InvitationRecord>();
      this.invitations.set(accountId, received);
    }
    return received;
  }

  /**
   * A member's ARN. AWS publishes no example; this follows the form of Macie's other resource ARNs
   * (`arn:aws:macie2:<region>:<account>:<type>/<id>`), owned by the administrator (a guess).
   */
  memberArn(member: Pick<MemberRecord, 'administratorAccountId' | 'accountId'>): string {
    return `arn:aws:macie2:${this.region}:${member.administratorAccountId}:member/${member.accountId}`;
  }

  /** The member an ARN names, if it exists in this region. */
  memberByArn(arn: string): MemberRecord | undefined {
    const match = /^arn:aws:macie2:([a-z0-9-]+):(\d{12}):member\/(\d{12})$/.exec(arn);
    if (!match || match[1] !== this.region) return undefined;
    return this.members.get(match[2]!)?.get(match[3]!);
  }

  /** Changes a member's status, noting when the relationship last changed. */
  setStatus(member: MemberRecord, status: RelationshipStatus, now: Date): void {
    member.status = status;
    member.heldStatus = undefined;
    member.updatedAt = now;
  }
}

/** The service-linked role Macie creates in every account it is enabled for (documented name). */
export const serviceRoleOf = (accountId: string): string =>
  `arn:aws:iam::${accountId}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`;
