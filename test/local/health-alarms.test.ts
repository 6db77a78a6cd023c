import { InviteAccountToOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { ProxyFaults } from '../../shared/local/stack/counting-proxy';
import { runScenario } from '../../shared/local/scenario/run-scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import { LocalStack, type LocalStackOptions } from '../../shared/local/stack/local-stack';
import { readScenario } from '../support/stack';

// The alarms that notice orgwarden stopped watching, as the packaged template declares them,
// evaluated over the metrics the real functions wrote (their EMF lines) on the scenario clock. The
// stack runs every schedule at every tick, as EventBridge does. Schedules count from the stack's
// start (09:00): audits at 10:00, 11:00, …; sweeps every 15 minutes.
const stage = 'local';
const name = (alarm: string): string => `orgwarden-${stage}-${alarm}`;
const healthAlarms = ['audit-stopped', 'audit-partial', 'sweep-stopped', 'unannounced-changes'].map(name);

describe('the alarms that notice orgwarden stopped watching', () => {
  let stack: LocalStack | undefined;
  afterEach(() => stack?.stop());

  const start = (options: Partial<LocalStackOptions> = {}): Promise<LocalStack> =>
    LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      everyTick: true,
      ...options,
    });

  /** A DynamoDB fault while `broken()` holds, on the requests `matches` picks: the SDK's retries fail too. */
  const failing =
    (broken: () => boolean, matches: (body: string, operation: string) => boolean): ProxyFaults =>
    (request) =>
      broken() && matches(request.body, request.operation)
        ? { fail: { status: 500, code: 'InternalServerError', message: 'injected' } }
        : undefined;

  const notified = (s: LocalStack) => s.alarms().notifications.filter((n) => n.state === 'ALARM');

  it('audit-stopped: notifies the alert topic two audit periods after the last audit that finished, while the audit fails', async () => {
    // Prepare: every audit request that touches its run record fails from 13:30 on (the audit run throws; the sweep
    // does not touch it).
    let broken = false;
    stack = await start({
      faults: (service) =>
        service === 'dynamodb'
          ? failing(
              () => broken,
              (body) => body.includes('audit-run'),
            )
          : undefined,
    });
    await stack.advanceTo(new Date('2026-11-02T13:30:00Z'));
    expect(notified(stack)).toEqual([]);
    // Act
    broken = true;
    await stack.advanceTo(new Date('2026-11-02T17:30:00Z'));
    // Assess: the 13:00 run was the last to finish; none at 14:00 and 15:00: the alarm at 15:01.
    expect(stack.deadLetters.filter((d) => d.functionName === 'audit').length).toBe(4);
    expect(notified(stack)).toEqual([
      { alarm: name('audit-stopped'), target: 'AlertTopic', state: 'ALARM', at: '2026-11-02T15:01:00.000Z' },
    ]);
    expect(stack.metrics.rejected).toEqual([]);
  });

  it('audit-partial: notifies after three partial audits in a row (a listing of Organizations keeps failing), and not before', async () => {
    // Prepare: ListAccountsForParent fails from 10:30 on; the audit goes on and records PARTIAL runs.
    let broken = false;
    stack = await start({
      faults: (service) =>
        service === 'organizations'
          ? failing(
              () => broken,
              (_body, operation) => operation === 'ListAccountsForParent',
            )
          : undefined,
    });
    await stack.advanceTo(new Date('2026-11-02T10:30:00Z'));
    broken = true;
    // Act: partial runs at 11:00 and 12:00 only.
    await stack.advanceTo(new Date('2026-11-02T12:30:00Z'));
    // Assess
    expect(notified(stack)).toEqual([]);
    // Act: the third in a row, at 13:00.
    await stack.advanceTo(new Date('2026-11-02T14:30:00Z'));
    // Assess: the audits finished (partial), so audit-stopped stays quiet.
    const partial = (await stack.store.listSnapshots('audit-run:'))
      .filter((s) => s.state === 'PARTIAL')
      .map((s) => s.subject);
    expect(partial).toEqual([
      'audit-run:20261102T110000Z',
      'audit-run:20261102T120000Z',
      'audit-run:20261102T130000Z',
      'audit-run:20261102T140000Z',
    ]);
    expect(notified(stack)).toEqual([
      { alarm: name('audit-partial'), target: 'AlertTopic', state: 'ALARM', at: '2026-11-02T13:01:00.000Z' },
    ]);
  });

  it('sweep-stopped: notifies two sweep periods after the last sweep that finished, while the sweep fails', async () => {
    // Prepare: the sweep's query of the due-time index fails from 10:05 on (the last sweep to finish: 10:00).
    let broken = false;
    stack = await start({
      faults: (service) =>
        service === 'dynamodb'
          ? failing(
              () => broken,
              (body, operation) => operation === 'Query' && body.includes('"IndexName":"due"'),
            )
          : undefined,
    });
    await stack.advanceTo(new Date('2026-11-02T10:05:00Z'));
    broken = true;
    // Act
    await stack.advanceTo(new Date('2026-11-02T11:00:00Z'));
    // Assess: none at 10:15 and 10:30: the alarm at 10:31.
    expect(stack.deadLetters.filter((d) => d.functionName === 'expiry-sweep').length).toBeGreaterThanOrEqual(2);
    expect(notified(stack)).toEqual([
      { alarm: name('sweep-stopped'), target: 'AlertTopic', state: 'ALARM', at: '2026-11-02T10:31:00.000Z' },
    ]);
  });

  /** One invitation sent every hour at :20 from 09:20 to 13:20, to a new account each time. */
  const inviteHourly = async (s: LocalStack): Promise<void> => {
    const client = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: s.endpoints.organizations,
      credentials: credentialsFor('111111111111', 'scenario'),
    });
    try {
      for (let hour = 9; hour <= 13; hour++) {
        await s.advanceTo(new Date(`2026-11-02T${String(hour).padStart(2, '0')}:20:00Z`));
        await client.send(
          new InviteAccountToOrganizationCommand({
            Target: { Id: `2222222222${String(hour).padStart(2, '0')}`, Type: 'ACCOUNT' },
          }),
        );
        await s.bus.settle();
      }
      await s.advanceTo(new Date('2026-11-02T15:30:00Z'));
    } finally {
      client.destroy();
    }
  };

  it('unannounced-changes: notifies when two audits in a row find invitations no event announced (their CloudTrail records dropped)', async () => {
    // Prepare: the trail loses every InviteAccountToOrganization record.
    stack = await start({ deliveryFaults: { drop: 1, only: ['InviteAccountToOrganization'] } });
    // Act
    await inviteHourly(stack);
    // Assess: the 10:00 audit is the import (a baseline: not counted); 11:00 and 12:00 each find one.
    const runs = (await stack.store.listSnapshots('audit-run:')).map((s) => ({
      id: s.subject,
      unannounced: (s.data as { unannounced?: number }).unannounced,
    }));
    expect(runs.slice(0, 3)).toEqual([
      { id: 'audit-run:20261102T100000Z', unannounced: 0 },
      { id: 'audit-run:20261102T110000Z', unannounced: 1 },
      { id: 'audit-run:20261102T120000Z', unannounced: 1 },
    ]);
    expect(notified(stack)).toEqual([
      { alarm: name('unannounced-changes'), target: 'AlertTopic', state: 'ALARM', at: '2026-11-02T12:01:00.000Z' },
    ]);
  });

  it('unannounced-changes stays quiet when the same invitations are announced by their events', async () => {
    // Prepare
    stack = await start();
    // Act
    await inviteHourly(stack);
    // Assess
    const runs = (await stack.store.listSnapshots('audit-run:')).map(
      (s) => (s.data as { unannounced?: number }).unannounced,
    );
    expect(runs).toEqual([0, 0, 0, 0, 0, 0]);
    expect(notified(stack)).toEqual([]);
    expect(Object.fromEntries(healthAlarms.map((alarm) => [alarm, stack!.alarms().states[alarm]]))).toEqual(
      Object.fromEntries(healthAlarms.map((alarm) => [alarm, 'OK'])),
    );
  });

  it('stay quiet over the demo scenario played with every schedule tick, its steps two hours apart (eight hours: invitations, an acceptance, a cancellation)', async () => {
    // Prepare: the demo's steps in their order, 2 hours apart (its own span, two days, would take minutes to play at
    // every tick).
    const demo = await readScenario('events/scenarios/demo.json');
    const scenario = {
      ...demo,
      steps: demo.steps.map((step, index) => ({
        ...step,
        at: new Date(Date.parse(demo.start) + index * 2 * 3_600_000 + (index === 0 ? 0 : 20 * 60_000)).toISOString(),
      })),
    };
    stack = await start(stackOptionsOf(scenario));
    // Act
    await runScenario(scenario, stack);
    await stack.advanceTo(new Date(Date.parse(demo.start) + 9 * 3_600_000));
    // Assess: the story happened (accepted, cancelled), every audit and sweep ran and finished, no alarm notified, each
    // ends OK.
    const handshakes = (await stack.store.listSnapshots('handshake:')).map((h) => h.state).sort();
    expect(handshakes).toEqual(['ACCEPTED', 'CANCELED']);
    expect((await stack.store.listSnapshots('audit-run:')).map((r) => r.state)).toEqual(Array(9).fill('COMPLETE'));
    expect(stack.metrics.points.filter((p) => p.name === 'SweepCompleted').length).toBe(36);
    expect(stack.metrics.points.filter((p) => p.name === 'UnannouncedChanges' && p.value > 0)).toEqual([]);
    expect(stack.deadLetters).toEqual([]);
    const { notifications, states } = stack.alarms();
    expect(notifications).toEqual([]);
    expect(Object.fromEntries(healthAlarms.map((alarm) => [alarm, states[alarm]]))).toEqual(
      Object.fromEntries(healthAlarms.map((alarm) => [alarm, 'OK'])),
    );
  }, 120_000);
});
