import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeCreateAccountStatusCommand,
  ListRootsCommand,
  MoveAccountCommand,
} from '@aws-sdk/client-organizations';
import {
  CreateMembershipCommand,
  SecurityIRClient,
  type SecurityIRClientConfig,
} from '../../shared/adapters/security-ir';
import { credentialsFor } from '../../shared/local/emulators/organizations';
import {
  organizationTreeOf,
  SecurityIrEmulator,
  type EmulatedEvent,
  type SecurityIrEmulatorOptions,
} from '../../shared/local/emulators/security-ir';
import { MANAGEMENT, startOrganizations, type OrganizationsHarness } from './organizations-harness';

export { MANAGEMENT };

/** A valid incident response team (the model wants 2 to 10 responders). */
export const TEAM = [
  { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
  { name: 'Bob Smith', jobTitle: 'Security engineer', email: 'bob@example.com' },
];

/** A Security IR emulator over HTTP beside an Organizations emulator, on one settable clock. */
export interface SecurityIrHarness {
  emulator: SecurityIrEmulator;
  endpoint: string;
  organizations: OrganizationsHarness;
  /** Events delivered to onEvent, in order. */
  delivered: EmulatedEvent[];
  now(): Date;
  setNow(date: Date): void;
  /** The real client, its requests coming from `accountId`; it never retries unless told. */
  client(accountId?: string, config?: Partial<SecurityIRClientConfig>): SecurityIRClient;
  /** Creates a membership for the management account and returns its id. */
  createMembership(input?: { coverEntireOrganization?: boolean }): Promise<string>;
  /** The organization's root id. */
  rootId(): Promise<string>;
  /** Creates an OU under `parentId` (default the root) through the Organizations API; returns its id. */
  createOu(name: string, parentId?: string): Promise<string>;
  /** Creates a member account and moves it under `parentId` (default: it stays under the root); returns its id. */
  createAccount(name: string, parentId?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts both emulators for a test. Ids come from a seeded generator, so they are the same on
 * every run.
 */
export async function startSecurityIr(
  start = new Date('2026-03-10T12:00:00Z'),
  options: Partial<SecurityIrEmulatorOptions> = {},
): Promise<SecurityIrHarness> {
  const organizations = await startOrganizations(start);
  const delivered: EmulatedEvent[] = [];
  let seed = 7;
  const emulator = new SecurityIrEmulator({
    clock: () => organizations.now(),
    organization: organizationTreeOf(organizations.emulator),
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
  const clients: SecurityIRClient[] = [];
  const client = (accountId = MANAGEMENT, config: Partial<SecurityIRClientConfig> = {}): SecurityIRClient => {
    const made = new SecurityIRClient({
      region: 'us-east-1',
      endpoint,
      credentials: credentialsFor(accountId, 'scenario'),
      maxAttempts: 1,
      ...config,
    });
    clients.push(made);
    return made;
  };
  const orgs = organizations.client(MANAGEMENT);
  const rootId = async (): Promise<string> => (await orgs.send(new ListRootsCommand({}))).Roots![0]!.Id!;
  let accounts = 0;
  return {
    emulator,
    endpoint,
    organizations,
    delivered,
    now: () => organizations.now(),
    setNow: (date) => organizations.setNow(date),
    client,
    createMembership: async (input = {}) =>
      (
        await client().send(
          new CreateMembershipCommand({ membershipName: 'orgwarden', incidentResponseTeam: TEAM, ...input }),
        )
      ).membershipId!,
    rootId,
    createOu: async (name, parentId) =>
      (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: parentId ?? (await rootId()), Name: name })))
        .OrganizationalUnit!.Id!,
    createAccount: async (name, parentId) => {
      // CreateAccount answers IN_PROGRESS, as AWS does; the account id comes with the finished status.
      const requested = (
        await orgs.send(
          new CreateAccountCommand({ AccountName: name, Email: `account-${++accounts}-${name}@example.com` }),
        )
      ).CreateAccountStatus!;
      const status = await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requested.Id! }));
      const id = status.CreateAccountStatus!.AccountId!;
      if (parentId)
        await orgs.send(
          new MoveAccountCommand({ AccountId: id, SourceParentId: await rootId(), DestinationParentId: parentId }),
        );
      return id;
    },
    stop: async () => {
      clients.forEach((c) => c.destroy());
      await emulator.stop();
      await organizations.stop();
    },
  };
}

/** The detail-types of native (non-CloudTrail) events, in order. */
export const nativeTypes = (events: EmulatedEvent[]): string[] =>
  events.filter((e) => e['detail-type'] !== 'AWS API Call via CloudTrail').map((e) => e['detail-type']);
