import { MoveAccountCommand } from '@aws-sdk/client-organizations';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BatchGetMemberAccountDetailsCommand,
  CancelMembershipCommand,
  GetMembershipCommand,
  UpdateMembershipCommand,
  ValidationException,
  type SecurityIRClient,
} from '../../shared/adapters/security-ir';
import { SECURITY_IR_PRINCIPAL } from '../../shared/local/emulators/security-ir';
import { MANAGEMENT, startSecurityIr, type SecurityIrHarness } from './security-ir-harness';

const OUTSIDE = '999999999999';

describe('Security IR emulator: coverage answered from the Organizations emulator tree', () => {
  let h: SecurityIrHarness;
  let client: SecurityIRClient;
  let tree: { engineering: string; platform: string; finance: string; eng1: string; plat1: string; fin1: string };

  /** `status/type` per account, as BatchGetMemberAccountDetails answers. */
  const details = async (membershipId: string, accountIds: string[]): Promise<Record<string, string>> => {
    const { items = [] } = await client.send(new BatchGetMemberAccountDetailsCommand({ membershipId, accountIds }));
    return Object.fromEntries(
      items.map((i): [string, string] => [i.accountId!, `${i.relationshipStatus}/${i.relationshipType}`]),
    );
  };

  beforeEach(async () => {
    // Which accounts an OU covers, once a change is in effect; the propagation delay has its own tests.
    h = await startSecurityIr(undefined, { coveragePropagationSeconds: 0 });
    client = h.client();
    // Root ── Engineering ── Platform (child OU)
    //      └─ Finance
    const engineering = await h.createOu('Engineering');
    const platform = await h.createOu('Platform', engineering);
    const finance = await h.createOu('Finance');
    tree = {
      engineering,
      platform,
      finance,
      eng1: await h.createAccount('eng1', engineering),
      plat1: await h.createAccount('plat1', platform),
      fin1: await h.createAccount('fin1', finance),
    };
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    await h.stop();
  });

  it('an OU covers its accounts and those of its child OUs, nothing else', async () => {
    // Prepare
    const membershipId = await h.createMembership();

    // Act
    await client.send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [tree.engineering] },
      }),
    );
    const got = await client.send(new GetMembershipCommand({ membershipId }));
    const status = await details(membershipId, [tree.eng1, tree.plat1, tree.fin1, MANAGEMENT, OUTSIDE]);

    // Assess
    expect(got.numberOfAccountsCovered).toBe(2);
    expect(status).toEqual({
      [tree.eng1]: 'Associated/Organization',
      [tree.plat1]: 'Associated/Organization',
      [tree.fin1]: 'Unassociated/Organization',
      [MANAGEMENT]: 'Unassociated/Organization',
      [OUTSIDE]: 'Unassociated/Unrelated',
    });
  });

  it('coverEntireOrganization covers every account, those created later included', async () => {
    // Prepare
    const membershipId = await h.createMembership({ coverEntireOrganization: true });

    // Act
    const later = await h.createAccount('later', tree.finance);
    const got = await client.send(new GetMembershipCommand({ membershipId }));
    const status = await details(membershipId, [MANAGEMENT, tree.eng1, tree.plat1, tree.fin1, later]);

    // Assess
    expect(got.numberOfAccountsCovered).toBe(5);
    expect(Object.values(status)).toEqual(Array(5).fill('Associated/Organization'));
  });

  it('accounts no longer covered read Disassociated: OU removed, account moved out', async () => {
    // Prepare
    const membershipId = await h.createMembership();
    await client.send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [tree.platform, tree.finance] },
      }),
    );
    await details(membershipId, [tree.plat1, tree.fin1]);

    // Act
    await client.send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: { organizationalUnitsToRemove: [tree.finance] },
      }),
    );
    await h.organizations.client(MANAGEMENT).send(
      new MoveAccountCommand({
        AccountId: tree.plat1,
        SourceParentId: tree.platform,
        DestinationParentId: tree.finance,
      }),
    );
    const status = await details(membershipId, [tree.plat1, tree.fin1, tree.eng1]);

    // Assess
    expect(status).toEqual({
      [tree.plat1]: 'Disassociated/Organization',
      [tree.fin1]: 'Disassociated/Organization',
      [tree.eng1]: 'Unassociated/Organization',
    });
  });

  it('a terminated membership covers nothing any more', async () => {
    // Prepare
    const membershipId = await h.createMembership({ coverEntireOrganization: true });
    await details(membershipId, [tree.eng1]);
    await client.send(new CancelMembershipCommand({ membershipId }));

    // Act
    const whileCancelled = await details(membershipId, [tree.eng1]);
    h.setNow(new Date('2026-04-01T00:00:00Z'));
    const afterTermination = await details(membershipId, [tree.eng1]);

    // Assess
    expect(whileCancelled[tree.eng1]).toBe('Associated/Organization');
    expect(afterTermination[tree.eng1]).toBe('Disassociated/Organization');
  });

  it('refuses an OU the organization does not have, naming the field', async () => {
    // Prepare
    const membershipId = await h.createMembership();

    // Act
    const error = await client
      .send(
        new UpdateMembershipCommand({
          membershipId,
          membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [tree.finance, 'ou-zzzz-nothere1'] },
        }),
      )
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({
      reason: 'FIELD_VALIDATION_FAILED',
      fieldList: [{ name: 'membershipAccountsConfigurationsUpdate.organizationalUnitsToAdd[1]' }],
    });
  });

  it('refuses adding and removing OUs in one update, and OUs while covering the entire organization', async () => {
    // Prepare
    const membershipId = await h.createMembership({ coverEntireOrganization: true });

    // Act
    const both = await client
      .send(
        new UpdateMembershipCommand({
          membershipId,
          membershipAccountsConfigurationsUpdate: {
            coverEntireOrganization: false,
            organizationalUnitsToAdd: [tree.finance],
            organizationalUnitsToRemove: [tree.platform],
          },
        }),
      )
      .catch((e: unknown) => e);
    const whileEntire = await client
      .send(
        new UpdateMembershipCommand({
          membershipId,
          membershipAccountsConfigurationsUpdate: { organizationalUnitsToAdd: [tree.finance] },
        }),
      )
      .catch((e: unknown) => e);
    await client.send(
      new UpdateMembershipCommand({
        membershipId,
        membershipAccountsConfigurationsUpdate: {
          coverEntireOrganization: false,
          organizationalUnitsToAdd: [tree.finance],
        },
      }),
    );
    const got = await client.send(new GetMembershipCommand({ membershipId }));

    // Assess
    expect(both).toBeInstanceOf(ValidationException);
    expect(whileEntire).toBeInstanceOf(ValidationException);
    expect(got.membershipAccountsConfigurations).toEqual({
      coverEntireOrganization: false,
      organizationalUnits: [tree.finance],
    });
  });

  it('reads the tree as the service itself, never as orgwarden', async () => {
    // Prepare
    const membershipId = await h.createMembership({ coverEntireOrganization: true });
    const before = h.organizations.emulator.calls.length;

    // Act
    await details(membershipId, [tree.eng1]);

    // Assess
    const reads = h.organizations.emulator.calls.slice(before);
    expect(reads.length).toBeGreaterThan(0);
    expect(new Set(reads.map((c) => c.principal))).toEqual(new Set([SECURITY_IR_PRINCIPAL]));
    expect(reads.every((c) => /^List/.test(c.operation))).toBe(true);
    expect(h.organizations.delivered.filter((e) => e.detail.eventName === 'ListAccounts')).toEqual([]);
  });
});
