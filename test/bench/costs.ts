import {
  DeclineHandshakeCommand,
  InviteAccountToOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateMemberCommand, DisassociateMemberCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { CancelMembershipCommand, CreateMembershipCommand, SecurityIRClient } from '../../shared/adapters/security-ir';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { scheduledEvent } from '../support/scheduled';

export interface Cost {
  readonly fn: string;
  readonly kind: 'change' | 'duplicate' | 'unchanged';
  readonly dynamo: readonly string[];
  readonly awsReads: number;
  readonly putEvents: number;
}

/** What one invocation costs, counted at the DynamoDB proxy, the emulators and the EventBridge endpoint. */
const measure = async (
  stack: LocalStack,
  fn: string,
  kind: Cost['kind'],
  work: () => Promise<unknown>,
): Promise<Cost> => {
  const before = {
    dynamo: stack.dynamoRequests.length,
    aws: stack.apiCalls().length,
    putEvents: stack.putEventsCalls.length,
  };
  await work();
  await stack.bus.settle();
  return {
    fn,
    kind,
    dynamo: stack.dynamoRequests.slice(before.dynamo).map((r) => r.operation),
    awsReads: stack.apiCalls().length - before.aws,
    putEvents: stack.putEventsCalls.length - before.putEvents,
  };
};

const scheduled = (id: string, time: string): BusEvent => scheduledEvent('expiry-sweep', time, { id });

/**
 * The requests of a change, a duplicate and an unchanged event, for every packaged function
 * (`dynamoEndpoint`: a running DynamoDB Local to use; otherwise each stack starts its own).
 */
export const costFigures = async (dynamoEndpoint?: string): Promise<Cost[]> => {
  const stack = await LocalStack.start({
    start: new Date('2026-11-02T09:00:00Z'),
    logLevel: 'SILENT',
    ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
  });
  try {
    const client = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('111111111111', 'scenario'),
    });
    const costs: Cost[] = [];
    // handshake-changed: an invitation is recorded; the invitee declines it in its own account (no
    // event); a record naming it then finds the change; the same record again; another record.
    const invited = await client.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: '222222222222', Type: 'ACCOUNT' } }),
    );
    await stack.bus.settle();
    const record = stack.organizations.events.at(-1) as unknown as BusEvent;
    const invitee = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('222222222222', 'scenario'),
    });
    await invitee.send(new DeclineHandshakeCommand({ HandshakeId: invited.Handshake!.Id! }));
    invitee.destroy();
    const invoke = (fn: string, event: BusEvent) => () => stack.runtime.invoke(fn, event);
    costs.push(
      await measure(
        stack,
        'handshake-changed',
        'change',
        invoke('handshake-changed', { ...record, id: 'bench-change' }),
      ),
    );
    costs.push(
      await measure(
        stack,
        'handshake-changed',
        'duplicate',
        invoke('handshake-changed', { ...record, id: 'bench-change' }),
      ),
    );
    costs.push(
      await measure(
        stack,
        'handshake-changed',
        'unchanged',
        invoke('handshake-changed', { ...record, id: 'bench-unchanged' }),
      ),
    );
    // expiry-sweep: a run that finishes one announcement left behind, the same run delivered again, a run with nothing
    // due.
    stack.putEventsFailures.push(...Array.from({ length: 3 }, () => ({ code: 'InternalException', status: 500 })));
    await client.send(new InviteAccountToOrganizationCommand({ Target: { Id: '333333333333', Type: 'ACCOUNT' } }));
    await stack.bus.settle();
    stack.clock.set(new Date('2026-11-02T09:00:40Z'));
    costs.push(
      await measure(
        stack,
        'expiry-sweep',
        'change',
        invoke('expiry-sweep', scheduled('bench-sweep', '2026-11-02T09:00:40Z')),
      ),
    );
    costs.push(
      await measure(
        stack,
        'expiry-sweep',
        'duplicate',
        invoke('expiry-sweep', scheduled('bench-sweep', '2026-11-02T09:00:40Z')),
      ),
    );
    costs.push(
      await measure(
        stack,
        'expiry-sweep',
        'unchanged',
        invoke('expiry-sweep', scheduled('bench-sweep-2', '2026-11-02T09:00:40Z')),
      ),
    );
    client.destroy();
    return [...costs, ...(await heldEventCosts(dynamoEndpoint))];
  } finally {
    await stack.stop();
  }
};

/**
 * membership-changed, macie-member-changed and the audit: the world changes while its events are held
 * back (a delivery lost or late), then the held event arrives (a change), arrives again (a duplicate)
 * and arrives under a new id (nothing changed since); the audit runs over a world changed with no
 * event, its schedule's event is delivered again, then the next hour's run finds nothing new.
 */
const heldEventCosts = async (dynamoEndpoint: string | undefined): Promise<Cost[]> => {
  const held: BusEvent[] = [];
  let holding = false;
  const stack = await LocalStack.start({
    start: new Date('2026-11-02T09:00:00Z'),
    logLevel: 'SILENT',
    macie: { regions: ['us-east-1'] },
    worldEvents: (event, deliver) => (holding ? held.push(event) : deliver(event)),
    ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
  });
  try {
    const credentials = credentialsFor('111111111111', 'scenario');
    const config = { region: 'us-east-1', credentials };
    const organizations = new OrganizationsClient({ ...config, endpoint: stack.endpoints.organizations });
    const securityIr = new SecurityIRClient({ ...config, endpoint: stack.endpoints.securityIr });
    const macie = new Macie2Client({ ...config, endpoint: stack.endpoints.macie });
    const [member] = (await stack.organizations.seed({ members: 1 })).members;
    const team = [
      { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
      { name: 'Bob Smith', jobTitle: 'Engineer', email: 'bob@example.com' },
    ];
    const { membershipId } = await securityIr.send(
      new CreateMembershipCommand({ clientToken: 'bench', membershipName: 'bench', incidentResponseTeam: team }),
    );
    await macie.send(new CreateMemberCommand({ account: { accountId: member!, email: 'member@example.com' } }));
    await stack.bus.settle();
    /** The events `change` makes, held back; the first of them that `fn` takes. */
    const heldBack = async (fn: string, change: () => Promise<unknown>): Promise<BusEvent> => {
      held.length = 0;
      holding = true;
      await change();
      holding = false;
      const event = held.find((e) =>
        stack.bus.matchingRules('default', e).some((rule) => rule.targets.some((target) => target.functionName === fn)),
      );
      if (!event) throw new Error(`bench: no held event for ${fn}`);
      return event;
    };
    const invoke = (fn: string, event: BusEvent) => () => stack.runtime.invoke(fn, event);
    const costs: Cost[] = [];
    for (const [fn, change] of [
      ['membership-changed', () => securityIr.send(new CancelMembershipCommand({ membershipId: membershipId! }))],
      ['macie-member-changed', () => macie.send(new DisassociateMemberCommand({ id: member! }))],
    ] as const) {
      const event = await heldBack(fn, change);
      costs.push(await measure(stack, fn, 'change', invoke(fn, event)));
      costs.push(await measure(stack, fn, 'duplicate', invoke(fn, event)));
      costs.push(await measure(stack, fn, 'unchanged', invoke(fn, { ...event, id: `${event.id}-again` })));
    }
    await heldBack('handshake-changed', () =>
      organizations.send(new InviteAccountToOrganizationCommand({ Target: { Id: '444444444444', Type: 'ACCOUNT' } })),
    );
    stack.clock.set(new Date('2026-11-02T10:00:00Z'));
    const audit = scheduledEvent('audit', '2026-11-02T10:00:00Z', { id: 'bench-audit' });
    costs.push(await measure(stack, 'audit', 'change', invoke('audit', audit)));
    costs.push(await measure(stack, 'audit', 'duplicate', invoke('audit', audit)));
    // (A run is named by its schedule's time: the next run is the next hour's.)
    stack.clock.set(new Date('2026-11-02T11:00:00Z'));
    costs.push(
      await measure(
        stack,
        'audit',
        'unchanged',
        invoke('audit', scheduledEvent('audit', '2026-11-02T11:00:00Z', { id: 'bench-audit-next' })),
      ),
    );
    for (const client of [organizations, securityIr, macie]) client.destroy();
    return costs;
  } finally {
    await stack.stop();
  }
};
