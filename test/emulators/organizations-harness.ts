import { OrganizationsClient } from '@aws-sdk/client-organizations';
import {
  credentialsFor,
  OrganizationsEmulator,
  type EmulatedEvent,
  type OrganizationsEmulatorOptions,
} from '../../shared/local/emulators/organizations';

/** The management account of every test organization. */
export const MANAGEMENT = '111111111111';

/** A running emulator with a settable clock and SDK clients per account. */
export interface OrganizationsHarness {
  emulator: OrganizationsEmulator;
  endpoint: string;
  /** Events delivered to onEvent, in order. */
  delivered: EmulatedEvent[];
  now(): Date;
  setNow(date: Date): void;
  advanceDays(days: number): void;
  /** A real SDK client whose requests come from `accountId`. */
  client(accountId: string, kind?: 'orgwarden' | 'scenario'): OrganizationsClient;
  stop(): Promise<void>;
}

/**
 * Starts an Organizations emulator over HTTP for a test. Clients never retry, so a failing request
 * reaches the emulator exactly once.
 */
export async function startOrganizations(
  start = new Date('2026-03-10T12:00:00Z'),
  options: Partial<OrganizationsEmulatorOptions> = {},
): Promise<OrganizationsHarness> {
  let now = start;
  const delivered: EmulatedEvent[] = [];
  let seed = 42;
  const emulator = new OrganizationsEmulator({
    clock: () => now,
    managementAccountId: MANAGEMENT,
    // A deterministic generator keeps ids stable from run to run.
    random: () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    },
    onEvent: async (event) => {
      await Promise.resolve();
      delivered.push(event);
    },
    ...options,
  });
  const { endpoint } = await emulator.start();
  const clients: OrganizationsClient[] = [];
  return {
    emulator,
    endpoint,
    delivered,
    now: () => now,
    setNow: (date) => {
      now = date;
    },
    advanceDays: (days) => {
      now = new Date(now.getTime() + days * 86_400_000);
    },
    client: (accountId, kind = 'scenario') => {
      const client = new OrganizationsClient({
        endpoint,
        region: 'us-east-1',
        credentials: credentialsFor(accountId, kind),
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    stop: async () => {
      clients.forEach((client) => client.destroy());
      await emulator.stop();
    },
  };
}
