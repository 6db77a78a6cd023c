import { describe, expect, it } from 'vitest';
import { membershipSubjects } from '../../shared/config/memberships';
import { SubjectNotFoundError, UpstreamUnavailableError } from '../../shared/domain/errors';
import type { LedgerEntry } from '../../shared/domain/ledger';
import { defaultPolicy, policySchema } from '../../shared/domain/policy/policy';
import { membershipType } from '../../shared/domain/subjects/membership';
import {
  SecurityIrMembershipNotRestorableError,
  type SecurityIncidentResponse,
  type SecurityIrMembership,
} from '../../shared/ports/security-ir';
import type { SecurityIrEvent } from '../../shared/schemas/security-ir-event';
import { membershipChanged, nativeCauseId } from '../../shared/use-cases/memberships/membership-changed';
import { reactionsOf } from '../../shared/use-cases/reactions/reaction-table';
import {
  restoreMembershipExecutor,
  type RestoreMembershipPayload,
} from '../../shared/use-cases/memberships/restore-membership';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import type { Change } from '../../shared/use-cases/pipeline/commit-changes';
import { ManualClock } from '../support/fakes';
import { inMemoryWorld } from '../support/pipeline';

const ID = 'm-abcd1234efgh';
const membership = (status: SecurityIrMembership['status'], deactivatedAt?: string): SecurityIrMembership => ({
  id: ID,
  status,
  coverageMode: 'OrganizationalUnits',
  coverEntireOrganization: false,
  organizationalUnits: [],
  ...(deactivatedAt ? { deactivatedAt } : {}),
});

/** The user guide's examples: one envelope id for every membership event. */
const guideEvent = (detailType: string, id = '8e5622e6-ad1e-5a3a-a35e-62a9e8e2e8c1'): SecurityIrEvent =>
  ({
    version: '0',
    id,
    'detail-type': detailType,
    source: 'aws.security-ir',
    account: '111111111111',
    time: '2026-06-20T16:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { membershipId: ID },
  }) as unknown as SecurityIrEvent;

describe('membership events: the journal key', () => {
  it('tells apart events that share an envelope id (the user guide examples) and keeps a real duplicate a duplicate', () => {
    // Act
    const keys = ['Membership Created', 'Membership Closed', 'Membership Terminated'].map((t) =>
      nativeCauseId(guideEvent(t) as never),
    );

    // Assess
    expect(new Set(keys).size).toBe(3);
    expect(nativeCauseId(guideEvent('Membership Closed') as never)).toBe(keys[1]);
    expect(keys.every((k) => k.startsWith('8e5622e6-ad1e-5a3a-a35e-62a9e8e2e8c1:') && k.length <= 128)).toBe(true);
  });
});

describe('membership events through the pipeline (the in-memory store, a fake Security IR)', () => {
  it('processes the guide examples in their order although they share one envelope id, and a late, older event leaves the newest state', async () => {
    // Prepare
    const world = await inMemoryWorld('2026-06-20T16:00:00Z');
    let current = membership('Active');
    const securityIr = { getMembership: () => Promise.resolve(current) } as unknown as SecurityIncidentResponse;
    const observe = observeSubjects(
      world.deps(
        world.store,
        undefined,
        membershipSubjects(() => securityIr),
      ),
    );
    const react = membershipChanged({ observe });

    // Act
    const created = await react(guideEvent('Membership Created'), 30_000);
    current = membership('Cancelled', '2026-06-29T00:00:00.000Z');
    world.clock.advance(60_000);
    const closed = await react(guideEvent('Membership Closed'), 30_000);
    current = membership('Terminated', '2026-06-29T00:00:00.000Z');
    world.clock.advance(60_000);
    const terminated = await react(guideEvent('Membership Terminated'), 30_000);
    // A duplicate of the Closed event arrives last; the membership reads Terminated, nothing moves back.
    world.clock.advance(60_000);
    const late = await react(guideEvent('Membership Closed'), 30_000);
    const lateCopy = await react(guideEvent('Membership Cancelled', 'another-envelope-id'), 30_000);

    // Assess
    expect(
      [created, closed, terminated, late, lateCopy].map((r) =>
        'recorded' in r ? r.recorded.map((x) => x.outcome).join() : 'ignored',
      ),
    ).toEqual(['changed', 'changed', 'changed', 'duplicate', 'unchanged']);
    expect((await world.store.listHistory(`membership:${ID}`)).map((h) => h.to)).toEqual([
      'Active',
      'Cancelled',
      'Terminated',
    ]);
    expect(await world.store.getSnapshot(`membership:${ID}`)).toMatchObject({ state: 'Terminated', version: 3 });
  });

  it('records a known membership the service no longer returns as Terminated (coverage lost, announced), and refuses an id never seen', async () => {
    // Prepare
    const world = await inMemoryWorld('2026-06-20T16:00:00Z');
    let current: SecurityIrMembership | undefined = membership('Active');
    const securityIr = {
      getMembership: () =>
        current ? Promise.resolve(current) : Promise.reject(new SubjectNotFoundError(`membership:${ID}`)),
    } as unknown as SecurityIncidentResponse;
    const observe = observeSubjects(
      world.deps(
        world.store,
        undefined,
        membershipSubjects(() => securityIr),
      ),
    );
    const react = membershipChanged({ observe });
    await react(guideEvent('Membership Created'), 30_000);
    // Act: the membership is gone from the API.
    current = undefined;
    world.clock.advance(60_000);
    const gone = await react(guideEvent('Membership Updated', 'later-envelope'), 30_000);
    const again = await react(guideEvent('Membership Updated', 'even-later'), 30_000);
    // Assess
    expect('recorded' in gone && gone.recorded.map((r) => r.outcome)).toEqual(['changed']);
    expect('recorded' in again && again.recorded.map((r) => r.outcome)).toEqual(['unchanged']);
    expect((await world.store.listHistory(`membership:${ID}`)).map((h) => h.to)).toEqual(['Active', 'Terminated']);
    const unknown = {
      ...guideEvent('Membership Updated', 'unknown'),
      detail: { membershipId: 'm-neverseen1234' },
    } as unknown as SecurityIrEvent;
    await expect(react(unknown, 30_000)).rejects.toBeInstanceOf(SubjectNotFoundError);
  });

  it('refuses as stale a reading that would move a Terminated membership back', () => {
    // Assess
    expect(membershipType.canMove('Terminated', 'Cancelled')).toBe(false);
    expect(membershipType.canMove('Terminated', 'Active')).toBe(false);
    // the delegated administrator removed, or an immediate end
    expect(membershipType.canMove('Active', 'Terminated')).toBe(true);
  });
});

const change = (
  from: string | null,
  to: string,
  data: Record<string, unknown> = { id: ID, coverageMode: 'OrganizationalUnits', organizationalUnits: [] },
): Change => ({
  type: membershipType,
  snapshot: {
    subject: `membership:${ID}`,
    kind: 'membership',
    state: to,
    version: 2,
    observedAt: '2026-11-10T14:00:00.000Z',
    data: { ...data, state: to },
  },
  transition: {
    subject: `membership:${ID}`,
    from,
    to,
    at: '2026-11-10T14:00:00.000Z',
    version: 2,
    cause: { eventId: 'e', eventName: 'Membership Cancelled', source: 'aws.security-ir' },
  },
});

describe('the membership reactions of the policy', () => {
  const enforce = policySchema.parse({ version: 1, reactions: { restoreCancelledMembership: 'enforce' } });
  const off = policySchema.parse({ version: 1, reactions: { restoreCancelledMembership: 'off' } });

  it('plans one restore of a cancellation under enforce, none under notify', () => {
    // Act / Assess
    expect(reactionsOf(enforce, change('Active', 'Cancelled')).map((e) => e.action)).toEqual(['restore-membership']);
    expect(reactionsOf(defaultPolicy, change('Active', 'Cancelled'))).toEqual([]);
  });

  it('reports a termination as unrecoverable under notify and enforce (the delegated administrator removed: Active to Terminated), never under off', () => {
    // Act
    const [effect] = reactionsOf(defaultPolicy, change('Active', 'Terminated'));

    // Assess
    expect(effect).toMatchObject({ action: 'publish', key: 'publish:unrecoverable' });
    expect((effect!.payload as { detailType: string; detail: Record<string, unknown> }).detailType).toBe(
      'Reaction Failed',
    );
    expect((effect!.payload as { detail: Record<string, unknown> }).detail).toMatchObject({
      action: 'restore-membership',
      outcome: 'failed',
      target: ID,
    });
    expect(reactionsOf(enforce, change('Cancelled', 'Terminated')).map((e) => e.key)).toEqual([
      'publish:unrecoverable',
    ]);
    expect(reactionsOf(off, change('Active', 'Terminated'))).toEqual([]);
  });
});

describe('restore-membership executor', () => {
  const entry: LedgerEntry<RestoreMembershipPayload> = {
    id: `membership:${ID}#v2#restore-membership`,
    subject: `membership:${ID}`,
    version: 2,
    action: 'restore-membership',
    payload: { membershipId: ID },
    status: 'claimed',
    leaseUntil: '',
    attempts: 1,
    createdAt: '',
  };
  const clock = new ManualClock(new Date('2026-11-10T14:00:00Z'));

  it('records a refused restore of a terminated membership as failed with its reason, never to retry', async () => {
    // Prepare
    const securityIr = {
      restoreMembership: () =>
        Promise.reject(new SecurityIrMembershipNotRestorableError(ID, 'Terminated', 'terminated')),
    } as unknown as SecurityIncidentResponse;

    // Act
    const [outcome] = await restoreMembershipExecutor(() => securityIr, clock).run([entry]);

    // Assess
    expect(outcome).toMatchObject({ status: 'failed', failure: { name: 'SecurityIrMembershipNotRestorableError' } });
    const announced = (
      outcome as unknown as { followUps: Array<{ payload: { detailType: string; detail: { reason: string } } }> }
    ).followUps[0]!.payload;
    expect(announced.detailType).toBe('Reaction Failed');
    expect(announced.detail.reason).toContain('unrecoverable');
  });

  it('retries throttling, and counts an Active membership as already done', async () => {
    // Prepare
    const throttled = {
      restoreMembership: () => Promise.reject(new UpstreamUnavailableError('throttled')),
    } as unknown as SecurityIncidentResponse;
    const active = {
      restoreMembership: () => Promise.resolve('already-active'),
    } as unknown as SecurityIncidentResponse;

    // Act
    const [retry] = await restoreMembershipExecutor(() => throttled, clock).run([entry]);
    const [done] = await restoreMembershipExecutor(() => active, clock).run([entry]);

    // Assess
    expect(retry!.status).toBe('retry');
    expect(done).toMatchObject({ status: 'done' });
    expect(
      (done as unknown as { followUps: Array<{ payload: { detail: { outcome: string } } }> }).followUps[0]!.payload
        .detail.outcome,
    ).toBe('already-done');
  });
});
