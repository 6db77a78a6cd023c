// What happens to Macie members with no API call at all: a Region disabled for an account, an
// account suspended, an invitation email being verified. AWS logs nothing for these and no event
// announces them; only GetMember / ListMembers show the new status.
import type { RegionState } from './state';
import type { MemberRecord, RelationshipStatus } from './types';

/** Addresses under this reserved top-level domain (RFC 2606) fail email verification. */
const UNDELIVERABLE = /\.invalid$/i;

/**
 * The state of the world around Macie: which accounts are suspended, which have a Region disabled.
 * While one of these holds, the member's status shows it (AccountSuspended wins over RegionDisabled,
 * as a suspension covers every Region); the status it hid is kept and given back when the world
 * changes back.
 */
export class MacieWorld {
  private readonly disabled = new Set<string>();
  private readonly suspended = new Set<string>();

  /** Whether the account can call Macie in the region at all. */
  blocks(accountId: string, region: string): 'RegionDisabled' | 'AccountSuspended' | undefined {
    if (this.suspended.has(accountId)) return 'AccountSuspended';
    return this.disabled.has(`${accountId}|${region}`) ? 'RegionDisabled' : undefined;
  }

  /** @returns whether anything changed */
  disableRegion(accountId: string, region: string): boolean {
    const key = `${accountId}|${region}`;
    if (this.disabled.has(key)) return false;
    this.disabled.add(key);
    return true;
  }

  enableRegion(accountId: string, region: string): boolean {
    return this.disabled.delete(`${accountId}|${region}`);
  }

  suspend(accountId: string): boolean {
    if (this.suspended.has(accountId)) return false;
    this.suspended.add(accountId);
    return true;
  }

  reinstate(accountId: string): boolean {
    return this.suspended.delete(accountId);
  }

  /**
   * Makes a member's status agree with the world: the world's status while it holds (the status
   * underneath kept), the kept status once it no longer does. Call it after every change of status.
   */
  settle(state: RegionState, member: MemberRecord, now: Date): void {
    const imposed: RelationshipStatus | undefined = this.blocks(member.accountId, state.region);
    if (imposed) {
      if (member.status === imposed) return;
      // A record already under the other imposed status keeps what it hid, not that status.
      const underneath = member.heldStatus ?? member.status;
      member.status = imposed;
      member.heldStatus = underneath;
      member.updatedAt = now;
    } else if (member.heldStatus) {
      member.status = member.heldStatus;
      member.heldStatus = undefined;
      member.updatedAt = now;
    }
  }

  /** Settles every record of `accountId` in a region. */
  settleAccount(state: RegionState, accountId: string, now: Date): void {
    for (const member of state.recordsOf(accountId)) this.settle(state, member, now);
  }
}

/**
 * The status an invitation leaves a member in, once its email is sent: EmailVerificationInProgress
 * while the verification runs, then Invited, or EmailVerificationFailed for an undeliverable address.
 * Without an email (`disableEmailNotification`) there is nothing to verify: Invited. AWS documents
 * neither the duration nor what makes a verification fail: both are the emulator's choices.
 */
export function invitedStatus(member: MemberRecord, withEmail: boolean, verifyingSeconds: number): RelationshipStatus {
  if (!withEmail) return 'Invited';
  if (verifyingSeconds > 0) return 'EmailVerificationInProgress';
  return UNDELIVERABLE.test(member.email) ? 'EmailVerificationFailed' : 'Invited';
}

/** When a member's email verification under way ends. */
const verificationEnd = (verifyingSince: Date, verifyingSeconds: number): Date =>
  new Date(verifyingSince.getTime() + verifyingSeconds * 1000);

/** When {@link completeVerifications} has something to change: the end of each email verification under way. */
export function verificationEnds(state: RegionState, verifyingSeconds: number): Date[] {
  return [...state.members.values()].flatMap((members) =>
    [...members.values()].flatMap((member) =>
      member.verifyingSince ? [verificationEnd(member.verifyingSince, verifyingSeconds)] : [],
    ),
  );
}

/**
 * Completes the email verifications of a region whose time has come (silently: no call, no event).
 * The member's `updatedAt` is the instant the verification ended, not the instant it was noticed.
 */
export function completeVerifications(
  state: RegionState,
  world: MacieWorld,
  verifyingSeconds: number,
  now: Date,
): void {
  for (const members of state.members.values()) {
    for (const member of members.values()) {
      if (!member.verifyingSince) continue;
      const done = verificationEnd(member.verifyingSince, verifyingSeconds);
      if (done.getTime() > now.getTime()) continue;
      member.verifyingSince = undefined;
      const outcome: RelationshipStatus = UNDELIVERABLE.test(member.email) ? 'EmailVerificationFailed' : 'Invited';
      // Under a world-imposed status the outcome is what shows once the world gives the status back.
      if (member.heldStatus === 'EmailVerificationInProgress') member.heldStatus = outcome;
      else if (member.status === 'EmailVerificationInProgress') state.setStatus(member, outcome, done);
      world.settle(state, member, now);
    }
  }
}
