import { describe, expect, it } from 'vitest';
import { dueAtWith } from '../../shared/domain/deadlines';
import { subjectTypes } from '../../shared/domain/subjects/catalog';
import { defaultPolicy } from '../../shared/domain/policy/policy';
import type { TransferData } from '../../shared/domain/subjects/transfer';
import { handshakeChanged } from '../../shared/use-cases/organizations/handshake-changed';
import { observeSubjects, type PipelineDeps } from '../../shared/use-cases/pipeline/observe-subjects';
import { handleDueSubject } from '../../shared/use-cases/sweep/deadlines';
import { sweepDue } from '../../shared/use-cases/sweep/sweep-due';
import { handshake } from '../support/fakes';
import { inMemoryWorld, organizationsEvent, sweepDeps } from '../support/pipeline';

const PARTNER = '777777777777';
const HANDSHAKE = 'h-billinvite01';
const TRANSFER = 'rt-billtransfer01';
/** The invitation's own ExpirationTimestamp: 41 days before the transfer's start - 24 h (2026-12-31). */
const EXPIRES = '2026-11-20T00:00:00.000Z';

/**
 * The invitation and its transfer in a fake Organizations, and the real pipeline and sweep over the in-memory store
 * under the default policy.
 */
const invitationWorld = async (invitationFields: { readonly direction?: 'inbound' }) => {
  const world = await inMemoryWorld('2026-11-02T10:00:00Z');
  const invitation = {
    ...handshake(HANDSHAKE, 'OPEN', PARTNER),
    action: 'TRANSFER_RESPONSIBILITY' as const,
    ...invitationFields,
    expiresAt: EXPIRES,
    transferId: TRANSFER,
  };
  const transfer: TransferData = {
    id: TRANSFER,
    state: 'PENDING_ACCEPTANCE',
    status: 'REQUESTED',
    direction: 'inbound',
    sourceAccountId: PARTNER,
    targetAccountId: '111111111111',
    startAt: '2027-01-01T00:00:00.000Z',
    handshakeId: HANDSHAKE,
  };
  world.organizations.handshakes.set(HANDSHAKE, invitation);
  world.organizations.transfers.set(TRANSFER, transfer);
  const policy = defaultPolicy;
  const deps: PipelineDeps = {
    ...world.deps(),
    dueAt: dueAtWith((kind) => subjectTypes.get(kind), policy.warnings.leadTimes),
  };
  const observe = observeSubjects(deps);
  const swept = sweepDeps(deps);
  const sweep = sweepDue({
    ...swept,
    onSubjectDue: handleDueSubject({
      store: world.store,
      clock: world.clock,
      executors: deps.executors,
      authority: swept.authority,
      subjects: deps.subjects,
      policy,
      observe,
    }),
  });
  return { world, invitation, transfer, observe, sweep };
};

/**
 * A billing-transfer invitation whose handshake expires before the transfer's start - 24 h: the real
 * pipeline, sweep and deadline handling on the in-memory store, with a fake Organizations that reports
 * the handshake's ExpirationTimestamp as AWS does.
 */
describe('a billing-transfer invitation that expires before its start - 24 h', () => {
  it('warns before the invitation expires, at each lead time once, as its transfer', async () => {
    // Prepare
    const { world, invitation, transfer, observe, sweep } = await invitationWorld({});
    const react = handshakeChanged({
      observe,
      organizations: () => world.organizations,
      records: world.store,
      clock: world.clock,
    });
    await react(
      organizationsEvent('e-invite', 'InviteOrganizationToTransferResponsibility', {
        responseElements: { handshake: { id: HANDSHAKE } },
      }),
      30_000,
    );

    // Act: the sweep runs at every due time until a day after the invitation expired (no event says it did).
    const runs: string[] = [];
    for (let run = 0; run < 40; run++) {
      const due = await world.store.earliestDue();
      if (!due || due > '2026-11-21T00:00:00.000Z') break;
      world.clock.advance(Math.max(0, Date.parse(due) - world.clock.now().getTime()));
      if (world.clock.now().toISOString() >= EXPIRES) {
        world.organizations.handshakes.set(HANDSHAKE, { ...invitation, state: 'EXPIRED' });
        world.organizations.transfers.set(TRANSFER, { ...transfer, state: 'EXPIRED', status: 'EXPIRED' });
      }
      runs.push(world.clock.now().toISOString());
      await sweep(() => 60_000);
    }

    // Assess
    const warnings = world.publisher.published
      .filter((e) => e.detailType.endsWith('Expiring'))
      .map((e) => ({
        type: e.detailType,
        time: e.time,
        ...(e.detail as { subject: string; deadline: string; dueAt: string; leadTime: string }),
      }));
    expect(warnings.map((w) => `${w.type} ${w.subject} ${w.deadline} ${w.dueAt} ${w.leadTime}`)).toEqual(
      ['7d', '1d', '1h'].map(
        (lead) => `Responsibility Transfer Expiring transfer:${TRANSFER} acceptance ${EXPIRES} ${lead}`,
      ),
    );
    for (const warning of warnings) expect(warning.time < EXPIRES).toBe(true);
    expect(runs.some((at) => at >= EXPIRES)).toBe(true);
    expect((await world.store.getSnapshot(`transfer:${TRANSFER}`))?.state).toBe('EXPIRED');
  });

  it('is not warned about under the handshake while its transfer is not recorded (its event lost): the transfer warns once it is (chaos seeds 138, 203, 227, 250)', async () => {
    // Prepare: only the invitation is recorded (as the sweep's poll of received invitations finds it).
    const { world, observe, sweep } = await invitationWorld({ direction: 'inbound' });
    await observe({
      cause: { eventId: 'poll-1', eventName: 'ListHandshakesForAccount', source: 'orgwarden.sweep' },
      subjects: [{ kind: 'handshake', id: HANDSHAKE }],
      remainingMs: 30_000,
    });
    const expiring = () =>
      world.publisher.published
        .filter((e) => e.detailType.endsWith('Expiring'))
        .map(
          (e) =>
            `${e.detailType} ${(e.detail as { subject: string; leadTime: string }).subject} ${(e.detail as { leadTime: string }).leadTime}`,
        );

    // Act: within 7 days of the expiry, the sweep looks at the invitation; then the transfer is recorded and the sweep
    // runs again.
    world.clock.advance(Date.parse('2026-11-14T00:00:00.000Z') - world.clock.now().getTime());
    await sweep(() => 60_000);
    const beforeTransfer = expiring();
    await observe({
      cause: { eventId: 'audit-1', eventName: 'Audit', source: 'orgwarden.audit' },
      subjects: [{ kind: 'transfer', id: TRANSFER }],
      remainingMs: 30_000,
    });
    // The invitation is looked at again within minutes while its warning waits for its transfer.
    world.clock.advance(10 * 60_000);
    await sweep(() => 60_000);

    // Assess: nothing under the handshake; the 7-day warning once, as the transfer.
    expect(beforeTransfer).toEqual([]);
    expect(expiring()).toEqual([`Responsibility Transfer Expiring transfer:${TRANSFER} 7d`]);
  });
});
