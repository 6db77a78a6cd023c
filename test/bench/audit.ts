import { performance } from 'node:perf_hooks';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { watchedServicePrincipals } from '../../shared/use-cases/audit/delegation-source';
import { scheduledEvent } from '../support/scheduled';

/**
 * The operations whose calls grow with the number of accounts, and how many accounts one call takes:
 * ListAccountsForParent pages at most 20 (MaxResults 1..20 in the Organizations model; the seeded
 * accounts all sit in the root, so the walk of the tree reads one parent: ListRoots, then
 * ListOrganizationalUnitsForParent and ListAccountsForParent of the root); Security IR's
 * BatchGetMemberAccountDetails takes 100 account ids. Every other listing is nearly empty here: one call.
 */
const perAccount: Readonly<Record<string, number>> = { ListAccountsForParent: 20, BatchGetMemberAccountDetails: 100 };
/** Listings made a fixed number of times a run whatever the size (one per watched service: the README's D). */
const perRun: Readonly<Record<string, number>> = { ListDelegatedAdministrators: watchedServicePrincipals.length };

export interface AuditFigure {
  readonly accounts: number;
  readonly run: 'import' | 'unchanged' | 'changed';
  readonly ms: number;
  readonly calls: Readonly<Record<string, number>>;
  readonly callCount: number;
  /** The calls of the listings (the operations an unchanged run makes); the rest are reactions to what changed. */
  readonly listingCalls: number;
  /** The pagination minimum of the listings (see `perAccount`). */
  readonly minimum: number;
  readonly dynamoWrites: number;
  readonly dynamoRequests: number;
  readonly findings: number;
  /** The run's state: COMPLETE, or PARTIAL when a listing failed. */
  readonly state: string;
}

const writeOperations = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

const scheduled = (at: Date): BusEvent => scheduledEvent('audit', at, { id: `bench-audit-${at.getTime()}` });

/**
 * One audit through the real function (scheduled event, continuations on orgwarden's bus, each
 * invocation with the template's timeout), counted at the emulators and the DynamoDB proxy.
 */
const auditOnce = async (stack: LocalStack, accounts: number, run: AuditFigure['run']): Promise<AuditFigure> => {
  const mark = { calls: stack.apiCalls().length, dynamo: stack.dynamoRequests.length };
  stack.clock.set(new Date(stack.clock.now().getTime() + 3_600_000));
  const start = performance.now();
  await stack.runtime.invoke('audit', scheduled(stack.clock.now()));
  await stack.bus.settle();
  const ms = performance.now() - start;
  const calls: Record<string, number> = {};
  for (const call of stack.apiCalls().slice(mark.calls)) calls[call.operation] = (calls[call.operation] ?? 0) + 1;
  const requests = stack.dynamoRequests.slice(mark.dynamo);
  const runs = (await stack.store.listSnapshots('audit-run:')).sort((a, b) => a.subject.localeCompare(b.subject));
  const last = runs.at(-1);
  const report = last?.data as { findings?: number } | undefined;
  return {
    accounts,
    run,
    ms,
    calls,
    callCount: Object.values(calls).reduce((sum, n) => sum + n, 0),
    listingCalls: 0,
    minimum: 0,
    dynamoWrites: requests.filter((request) => writeOperations.has(request.operation)).length,
    dynamoRequests: requests.length,
    findings: report?.findings ?? 0,
    state: last?.state ?? 'none',
  };
};

/** The audit at `accounts` member accounts: the first import, an unchanged world, then 1% new accounts. */
export const auditFigures = async (accounts: number, dynamoEndpoint?: string): Promise<AuditFigure[]> => {
  const stack = await LocalStack.start({
    start: new Date('2026-11-02T09:00:00Z'),
    logLevel: 'SILENT',
    ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
  });
  try {
    await stack.organizations.seed({ members: accounts - 1 });
    const figures = [await auditOnce(stack, accounts, 'import'), await auditOnce(stack, accounts, 'unchanged')];
    await stack.organizations.seed({ members: Math.ceil(accounts / 100) });
    figures.push(await auditOnce(stack, accounts + Math.ceil(accounts / 100), 'changed'));
    // An unchanged world makes no reaction: its operations are the listings'. A listing that does not
    // grow with the accounts makes as many calls in every run; more of its operation is a reaction's
    // (a new account's coverage check starts with ListMemberships).
    const unchanged = figures[1]!.calls;
    const listings = Object.keys(unchanged);
    const listingCallsOf = (figure: AuditFigure, operation: string): number =>
      perAccount[operation]
        ? (figure.calls[operation] ?? 0)
        : Math.min(figure.calls[operation] ?? 0, unchanged[operation] ?? 0);
    return figures.map((figure) => ({
      ...figure,
      listingCalls: listings.reduce((sum, operation) => sum + listingCallsOf(figure, operation), 0),
      minimum: listings.reduce(
        (sum, operation) =>
          sum + (perAccount[operation] ? Math.ceil(figure.accounts / perAccount[operation]) : (perRun[operation] ?? 1)),
        0,
      ),
    }));
  } finally {
    await stack.stop();
  }
};
