import { afterEach, describe, expect, it } from 'vitest';
import {
  BatchGetMemberAccountDetailsCommand,
  GetMembershipCommand,
  UpdateMembershipCommand,
} from '../../shared/adapters/security-ir';
import { SecurityIrEmulator } from '../../shared/local/emulators/security-ir';
import { startSecurityIr, type SecurityIrHarness } from './security-ir-harness';

const START = new Date('2026-03-10T12:00:00Z');
const later = (seconds: number): Date => new Date(START.getTime() + seconds * 1000);

describe('Security IR emulator: coverage changes are applied asynchronously', () => {
  let h: SecurityIrHarness;
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  /** What the service reads for the account: its relationship status and the covered count. */
  const coverage = async (membershipId: string, accountId: string) => {
    const client = h.client();
    const { items = [] } = await client.send(
      new BatchGetMemberAccountDetailsCommand({ membershipId, accountIds: [accountId] }),
    );
    const got = await client.send(new GetMembershipCommand({ membershipId }));
    return {
      status: items[0]?.relationshipStatus,
      covered: got.numberOfAccountsCovered,
      ous: got.membershipAccountsConfigurations?.organizationalUnits,
    };
  };

  it('by default an OU added takes effect 300 s of scenario time later; GetMembership shows the request at once', async () => {
    // Prepare
    h = await startSecurityIr(START);
    const ou = await h.createOu('Workloads');
    const account = await h.createAccount('workload', ou);
    const membershipId = await h.createMembership();

    // Act
    await h.client().send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [ou] },
      }),
    );
    const atOnce = await coverage(membershipId, account);
    h.setNow(later(299));
    const justBefore = await coverage(membershipId, account);
    h.setNow(later(300));
    const after = await coverage(membershipId, account);

    // Assess
    expect(atOnce).toEqual({ status: 'Unassociated', covered: 0, ous: [ou] });
    expect(justBefore).toEqual({ status: 'Unassociated', covered: 0, ous: [ou] });
    expect(after).toEqual({ status: 'Associated', covered: 1, ous: [ou] });
  });

  it('an OU removed keeps covering its accounts until the change is in effect', async () => {
    // Prepare
    h = await startSecurityIr(START, { coveragePropagationSeconds: 60 });
    const ou = await h.createOu('Workloads');
    const account = await h.createAccount('workload', ou);
    const membershipId = await h.createMembership();
    await h.client().send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [ou] },
      }),
    );
    h.setNow(later(60));
    const added = await coverage(membershipId, account);

    // Act
    await h.client().send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToRemove: [ou] },
      }),
    );
    const whileRemoving = await coverage(membershipId, account);
    h.setNow(later(120));
    // A tick, without any request, puts the change in effect too.
    await h.emulator.tick();
    const removed = await coverage(membershipId, account);

    // Assess
    expect(added.status).toBe('Associated');
    expect(whileRemoving).toEqual({ status: 'Associated', covered: 1, ous: [] });
    expect(removed).toEqual({ status: 'Disassociated', covered: 0, ous: [] });
  });

  it('changes made one after the other take effect in order, each after its own delay', async () => {
    // Prepare
    h = await startSecurityIr(START, { coveragePropagationSeconds: 100 });
    const first = await h.createOu('First');
    const second = await h.createOu('Second');
    const inFirst = await h.createAccount('one', first);
    const inSecond = await h.createAccount('two', second);
    const membershipId = await h.createMembership();
    const add = (ou: string) =>
      h.client().send(
        new UpdateMembershipCommand({
          membershipId,
          membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [ou] },
        }),
      );

    // Act
    await add(first);
    h.setNow(later(50));
    await add(second);
    h.setNow(later(100));
    const halfway = [await coverage(membershipId, inFirst), await coverage(membershipId, inSecond)].map(
      (c) => c.status,
    );
    h.setNow(later(150));
    const done = [await coverage(membershipId, inFirst), await coverage(membershipId, inSecond)].map((c) => c.status);

    // Assess
    expect(halfway).toEqual(['Associated', 'Unassociated']);
    expect(done).toEqual(['Associated', 'Associated']);
  });

  it('coveragePropagationSeconds: 0 applies a change at once, coverEntireOrganization included', async () => {
    // Prepare
    h = await startSecurityIr(START, { coveragePropagationSeconds: 0 });
    const ou = await h.createOu('Workloads');
    const account = await h.createAccount('workload', ou);
    const membershipId = await h.createMembership();

    // Act
    await h.client().send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [ou] },
      }),
    );
    const byOu = await coverage(membershipId, account);
    await h.client().send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { coverEntireOrganization: true },
      }),
    );
    const entire = await coverage(membershipId, account);

    // Assess
    expect(byOu).toEqual({ status: 'Associated', covered: 1, ous: [ou] });
    expect(entire).toEqual({ status: 'Associated', covered: 2, ous: [] });
  });
});

describe('Security IR emulator: coveragePropagationSeconds', () => {
  it('refuses a negative delay', () => {
    // Prepare
    const make = () => new SecurityIrEmulator({ clock: () => START, coveragePropagationSeconds: -1 });

    // Act, Assess
    expect(make).toThrow(RangeError);
  });
});
