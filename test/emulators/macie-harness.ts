import {
  AcceptInvitationCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  EnableMacieCommand,
  GetMemberCommand,
  ListInvitationsCommand,
  Macie2Client,
  type Macie2ClientConfig,
  type RelationshipStatus,
} from '@aws-sdk/client-macie2';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { MacieEmulator, type EmulatedEvent, type MacieEmulatorOptions } from '../../shared/local/emulators/macie';

/** The organization's management account: it designates the delegated Macie administrator. */
export const MANAGEMENT = '123456789012';
/** The delegated Macie administrator (orgwarden's account in these tests). */
export const ADMIN = '111111111111';
/** Accounts of the organization. */
export const ORG_MEMBER = '222222222222';
export const ORG_MEMBER_2 = '333333333333';
/** An account outside the organization: it joins by invitation. */
export const OUTSIDER = '444444444444';
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
export const HOME = 'us-east-1';

/** A Macie emulator over HTTP with a settable clock, an organization as a set of accounts, and real clients. */
export interface MacieHarness {
  emulator: MacieEmulator;
  endpoint: string;
  /** Events delivered to onEvent, in order. */
  delivered: EmulatedEvent[];
  /** The accounts of the organization (the management account and the admin included); change it freely. */
  organization: Set<string>;
  now(): Date;
  setNow(date: Date): void;
  advanceSeconds(seconds: number): void;
  /** The real client for `accountId` in `region`; it never retries. */
  client(accountId?: string, region?: string, config?: Partial<Macie2ClientConfig>): Macie2Client;
  /** The member's relationshipStatus as its administrator reads it. */
  statusOf(accountId: string, region?: string, administrator?: string): Promise<RelationshipStatus | undefined>;
  /** Adds an organization member as ADMIN (enabling Macie for it). */
  addOrgMember(accountId: string, region?: string): Promise<void>;
  /** Takes `accountId` through Created → Invited → Enabled as a member of `administrator`. */
  invite(accountId: string, region?: string, administrator?: string): Promise<void>;
  /** CloudTrail event names delivered so far, as `account region eventName[:errorCode]`. */
  trail(): string[];
  stop(): Promise<void>;
}

/** Starts a Macie emulator for a test; ids come from a seeded generator, so they repeat from run to run. */
export async function startMacie(
  options: Partial<MacieEmulatorOptions> = {},
  start = new Date('2026-06-12T12:00:00Z'),
): Promise<MacieHarness> {
  let now = start;
  let seed = 11;
  const delivered: EmulatedEvent[] = [];
  const organization = new Set([MANAGEMENT, ADMIN, ORG_MEMBER, ORG_MEMBER_2]);
  const emulator = new MacieEmulator({
    clock: () => now,
    regions: [...REGIONS],
    administratorAccountId: ADMIN,
    organization: { isMember: (id) => organization.has(id), managementAccountId: MANAGEMENT },
    random: () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    },
    onEvent: (event) => {
      delivered.push(event);
    },
    ...options,
  });
  const { endpoint } = await emulator.start();
  const clients: Macie2Client[] = [];
  const client = (accountId = ADMIN, region: string = HOME, config: Partial<Macie2ClientConfig> = {}): Macie2Client => {
    const made = new Macie2Client({
      endpoint,
      region,
      credentials: credentialsFor(accountId, 'scenario'),
      maxAttempts: 1,
      ...config,
    });
    clients.push(made);
    return made;
  };
  const statusOf = async (
    accountId: string,
    region: string = HOME,
    administrator = ADMIN,
  ): Promise<RelationshipStatus | undefined> =>
    (await client(administrator, region).send(new GetMemberCommand({ id: accountId }))).relationshipStatus;
  return {
    emulator,
    endpoint,
    delivered,
    organization,
    now: () => now,
    setNow: (date) => {
      now = date;
    },
    advanceSeconds: (seconds) => {
      now = new Date(now.getTime() + seconds * 1000);
    },
    client,
    statusOf,
    addOrgMember: async (accountId, region = HOME) => {
      await client(ADMIN, region).send(
        new CreateMemberCommand({ account: { accountId, email: `${accountId}@example.com` } }),
      );
    },
    invite: async (accountId, region = HOME, administrator = ADMIN) => {
      const admin = client(administrator, region);
      await admin.send(new CreateMemberCommand({ account: { accountId, email: `${accountId}@example.com` } }));
      await admin.send(new CreateInvitationsCommand({ accountIds: [accountId] }));
      const member = client(accountId, region);
      await member.send(new EnableMacieCommand({})).catch(() => undefined);
      const { invitations } = await member.send(new ListInvitationsCommand({}));
      const invitation = invitations!.find((i) => i.accountId === administrator)!;
      await member.send(
        new AcceptInvitationCommand({ administratorAccountId: administrator, invitationId: invitation.invitationId! }),
      );
    },
    trail: () =>
      delivered.map((e) => {
        const detail = e.detail as { eventName: string; errorCode?: string };
        return `${e.account} ${e.region} ${detail.eventName}${detail.errorCode ? `:${detail.errorCode}` : ''}`;
      }),
    stop: async () => {
      clients.forEach((c) => c.destroy());
      await emulator.stop();
    },
  };
}
