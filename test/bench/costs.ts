import { DeclineHandshakeCommand, InviteAccountToOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
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
const measure = async (stack: LocalStack, fn: string, kind: Cost['kind'], work: () => Promise<unknown>): Promise<Cost> => {
  const before = { dynamo: stack.dynamoRequests.length, aws: stack.apiCalls().length, putEvents: stack.putEventsCalls.length };
  await work();
  await stack.bus.settle();
  return { fn, kind, dynamo: stack.dynamoRequests.slice(before.dynamo).map((r) => r.operation), awsReads: stack.apiCalls().length - before.aws, putEvents: stack.putEventsCalls.length - before.putEvents };
};

const scheduled = (id: string, time: string): BusEvent => scheduledEvent('expiry-sweep', time, { id });

/** The requests of a change, a duplicate and an unchanged event, for every packaged function. */
export const costFigures = async (): Promise<Cost[]> => {
  const stack = await LocalStack.start({ start: new Date('2026-11-02T09:00:00Z'), logLevel: 'SILENT' });
  try {
    const client = new OrganizationsClient({ region: 'us-east-1', endpoint: stack.endpoints.organizations, credentials: credentialsFor('111111111111', 'scenario') });
    const costs: Cost[] = [];
    // handshake-changed: an invitation is recorded; the invitee declines it in its own account (no
    // event); a record naming it then finds the change; the same record again; another record.
    const invited = await client.send(new InviteAccountToOrganizationCommand({ Target: { Id: '222222222222', Type: 'ACCOUNT' } }));
    await stack.bus.settle();
    const record = stack.organizations.events.at(-1) as unknown as BusEvent;
    const invitee = new OrganizationsClient({ region: 'us-east-1', endpoint: stack.endpoints.organizations, credentials: credentialsFor('222222222222', 'scenario') });
    await invitee.send(new DeclineHandshakeCommand({ HandshakeId: invited.Handshake!.Id! }));
    invitee.destroy();
    const invoke = (fn: string, event: BusEvent) => () => stack.runtime.invoke(fn, event);
    costs.push(await measure(stack, 'handshake-changed', 'change', invoke('handshake-changed', { ...record, id: 'bench-change' })));
    costs.push(await measure(stack, 'handshake-changed', 'duplicate', invoke('handshake-changed', { ...record, id: 'bench-change' })));
    costs.push(await measure(stack, 'handshake-changed', 'unchanged', invoke('handshake-changed', { ...record, id: 'bench-unchanged' })));
    // expiry-sweep: a run that finishes one announcement left behind, the same run delivered again, a run with nothing due.
    stack.putEventsFailures.push(...Array.from({ length: 3 }, () => ({ code: 'InternalException', status: 500 })));
    await client.send(new InviteAccountToOrganizationCommand({ Target: { Id: '333333333333', Type: 'ACCOUNT' } }));
    await stack.bus.settle();
    stack.clock.set(new Date('2026-11-02T09:00:40Z'));
    costs.push(await measure(stack, 'expiry-sweep', 'change', invoke('expiry-sweep', scheduled('bench-sweep', '2026-11-02T09:00:40Z'))));
    costs.push(await measure(stack, 'expiry-sweep', 'duplicate', invoke('expiry-sweep', scheduled('bench-sweep', '2026-11-02T09:00:40Z'))));
    costs.push(await measure(stack, 'expiry-sweep', 'unchanged', invoke('expiry-sweep', scheduled('bench-sweep-2', '2026-11-02T09:00:40Z'))));
    client.destroy();
    return costs;
  } finally {
    await stack.stop();
  }
};
