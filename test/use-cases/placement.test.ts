import { describe, expect, it } from 'vitest';
import { publishing } from '../support/pipeline';
import type { LedgerEntry } from '../../shared/domain/ledger';
import { defaultPolicy, policySchema } from '../../shared/domain/policy/policy';
import { placementType } from '../../shared/domain/subjects/placement';
import type { CheckCoveragePayload } from '../../shared/use-cases/coverage/check-coverage';
import type { EffectExecutor } from '../../shared/use-cases/effects/effect';
import { handshakeChanged } from '../../shared/use-cases/organizations/handshake-changed';
import { observeSubjects } from '../../shared/use-cases/pipeline/observe-subjects';
import { type Change, planChange } from '../../shared/use-cases/pipeline/commit-changes';
import { policyPlanner, reactionsOf } from '../../shared/use-cases/reactions/reaction-table';
import { inMemoryWorld, organizationsEvent } from '../support/pipeline';

const ROOT = 'r-ab12';
const SANDBOX = 'ou-ab12-sandbox1';
const WORKLOADS = 'ou-ab12-workload';
const ACCOUNT = '222222222222';

const change = (from: string | null, to: string, eventName: string): Change => ({
  type: placementType,
  snapshot: {
    subject: `placement:${ACCOUNT}`,
    kind: 'placement',
    state: to,
    version: from === null ? 1 : 2,
    observedAt: '2026-11-02T10:00:00Z',
    data: { id: ACCOUNT, state: to },
  },
  transition: {
    subject: `placement:${ACCOUNT}`,
    from,
    to,
    at: '2026-11-02T10:00:00Z',
    version: from === null ? 1 : 2,
    cause: { eventId: 'e-1', eventName, source: 'aws.organizations' },
  },
});

const moveEvent = (id: string) =>
  organizationsEvent(id, 'MoveAccount', {
    requestParameters: { accountId: ACCOUNT, sourceParentId: ROOT, destinationParentId: SANDBOX },
    responseElements: null,
  });

describe('the placement reactions of the policy', () => {
  const planned = (c: Change, policy = defaultPolicy) =>
    reactionsOf(policy, c).map((e) => ({ action: e.action, payload: e.payload as CheckCoveragePayload }));

  it('plans the coverage check of a move from one parent to another, whatever found it (its event or the audit)', () => {
    expect(planned(change(ROOT, SANDBOX, 'Audit'))).toEqual([
      { action: 'check-coverage', payload: { accountId: ACCOUNT, trigger: 'moved', mode: 'notify' } },
    ]);
    expect(planned(change(WORKLOADS, ROOT, 'MoveAccount'))).toEqual([
      { action: 'check-coverage', payload: { accountId: ACCOUNT, trigger: 'moved', mode: 'notify' } },
    ]);
    const enforce = policySchema.parse({ version: 1, reactions: { coverageGap: 'enforce' } });
    expect(planned(change(ROOT, SANDBOX, 'Audit'), enforce).map((e) => e.payload.mode)).toEqual(['enforce']);
  });

  it('plans the check of a placement first seen only when a MoveAccount made orgwarden look', () => {
    expect(planned(change(null, SANDBOX, 'MoveAccount'))).toHaveLength(1);
    // The audit's import, an account joining or departing, a later audit: a baseline (the JOINED change checks an
    // account that joins).
    for (const eventName of ['AuditImport', 'AccountJoinedOrganization', 'CreateAccountResult', 'Audit'])
      expect(planned(change(null, SANDBOX, eventName))).toEqual([]);
  });

  it('plans nothing for an account that departs or comes back, nor under off', () => {
    expect(planned(change(SANDBOX, 'DEPARTED', 'AccountDepartedOrganization'))).toEqual([]);
    expect(planned(change(SANDBOX, 'DEPARTED', 'Audit'))).toEqual([]);
    expect(planned(change('DEPARTED', ROOT, 'AccountJoinedOrganization'))).toEqual([]);
    const off = policySchema.parse({ version: 1, reactions: { coverageGap: 'off' } });
    expect(planned(change(ROOT, SANDBOX, 'MoveAccount'), off)).toEqual([]);
  });

  it('is silent: kept in history, never announced as such', () => {
    expect(planChange(change(ROOT, SANDBOX, 'Audit'))).toEqual([]);
    expect(policyPlanner(defaultPolicy)(change(ROOT, SANDBOX, 'Audit')).map((e) => e.action)).toEqual([
      'check-coverage',
    ]);
  });

  it('moves between any two different places, and refuses a state that is neither a parent nor DEPARTED', () => {
    expect(placementType.canMove(ROOT, SANDBOX)).toBe(true);
    expect(placementType.canMove(SANDBOX, 'DEPARTED')).toBe(true);
    expect(placementType.canMove(SANDBOX, SANDBOX)).toBe(false);
    expect(placementType.canMove(ROOT, 'JOINED')).toBe(false);
  });
});

describe('MoveAccount through the pipeline (the in-memory store, fake Organizations)', () => {
  it('is observed as a placement transition with a coverage check planned, and a duplicate delivery costs no second check', async () => {
    // Prepare: the account is known where it sat (its join recorded it in the root), then moves.
    const world = await inMemoryWorld();
    world.organizations.accounts.set(ACCOUNT, { id: ACCOUNT, state: 'JOINED', joinedMethod: 'CREATED' });
    world.organizations.parents.set(ACCOUNT, ROOT);
    const checks: Array<LedgerEntry<CheckCoveragePayload>> = [];
    const checker: EffectExecutor<CheckCoveragePayload> = {
      action: 'check-coverage',
      run: (entries) => {
        checks.push(...entries);
        return Promise.resolve(entries.map(() => ({ status: 'done' as const })));
      },
    };
    const executors = { ...publishing(() => world.publisher), 'check-coverage': checker as EffectExecutor };
    const observe = observeSubjects({ ...world.deps(world.store, executors), plan: policyPlanner(defaultPolicy) });
    const react = handshakeChanged({
      observe,
      organizations: () => world.organizations,
      records: world.store,
      clock: world.clock,
    });
    await react(
      organizationsEvent(
        'joined-1',
        'AccountJoinedOrganization',
        { serviceEventDetails: { accountId: ACCOUNT, joinedMethod: 'CREATED' } },
        'AWS Service Event via CloudTrail',
      ),
      30_000,
    );
    const joinedChecks = checks.length;
    world.organizations.parents.set(ACCOUNT, SANDBOX);
    // Act
    const first = await react(moveEvent('move-1'), 30_000);
    const again = await react(moveEvent('move-1'), 30_000);
    // Assess
    expect(joinedChecks).toBe(1);
    expect(first).toMatchObject({
      outcome: 'processed',
      recorded: expect.arrayContaining([
        { subject: `placement:${ACCOUNT}`, outcome: 'changed' },
        { subject: `account:${ACCOUNT}`, outcome: 'unchanged' },
      ]) as unknown,
    });
    expect(again).toMatchObject({ outcome: 'duplicate' });
    expect(checks.slice(joinedChecks).map((e) => [e.id, e.payload])).toEqual([
      [`placement:${ACCOUNT}#v2#check-coverage`, { accountId: ACCOUNT, trigger: 'moved', mode: 'notify' }],
    ]);
    const history = (await world.store.listHistory()).filter((t) => t.subject === `placement:${ACCOUNT}`);
    expect(history.map((t) => [t.from, t.to, t.cause.eventName])).toEqual([
      [null, ROOT, 'AccountJoinedOrganization'],
      [ROOT, SANDBOX, 'MoveAccount'],
    ]);
    // Silent: the account's join is announced, its placement never.
    expect(world.publisher.published.filter((e) => JSON.stringify(e.detail).includes('placement:'))).toEqual([]);
  });
});
