import { inject } from 'vitest';
import { parseScenario, type Scenario } from '../../shared/local/scenario/scenario';
import { rehearse } from '../../shared/local/scenario/run-scenario';
import { stackOptionsOf } from '../../shared/local/scenario/stack-options';
import { LocalStack, type LocalStackOptions } from '../../shared/local/stack/local-stack';

/** Five outside organizations' management accounts, each sending billing-transfer invitations. */
export const senders = ['810000000001', '810000000002', '810000000003', '810000000004', '810000000005'] as const;

export const managementAccountId = '111111111111';

const start = Date.parse('2026-11-02T09:00:00Z');
const at = (minutes: number): string => new Date(start + minutes * 60_000).toISOString();

/**
 * Rounds of billing-transfer invitations received from outside organizations, none trusted, under
 * enforce (decline, and a Security IR case): no event announces an invitation received, the sweep
 * (every 15 minutes) finds each and declines it, so that its sender may invite again 30 minutes later.
 * `between` runs scenario steps after a round (e.g. the team closing a case).
 */
export const invitationRounds = (options: {
  rounds: number;
  from?: readonly string[];
  policy?: Record<string, unknown>;
  after?: Scenario['steps'];
}): Scenario => {
  const from = options.from ?? senders;
  const invitations = Array.from({ length: options.rounds }, (_, round) =>
    from.map((caller) => ({
      at: at(5 + round * 30),
      api: {
        service: 'organizations',
        operation: 'InviteOrganizationToTransferResponsibility',
        caller,
        input: {
          Type: 'BILLING',
          Target: { Id: managementAccountId, Type: 'ACCOUNT' },
          StartTimestamp: '2026-12-01T00:00:00Z',
          SourceName: `Bill ${round}`,
        },
      },
    })),
  ).flat();
  return parseScenario(
    {
      name: 'Billing-transfer invitations from outside organizations, under enforce',
      start: at(0),
      organization: { id: 'o-parties1234', managementAccountId },
      outsideAccounts: senders.map((id) => ({ id, email: `billing@${id}.example.net`, managesOrganization: true })),
      policy: {
        version: 1,
        reactions: { untrustedTransfer: 'enforce', incidentCase: 'enforce' },
        incidentCase: { watchers: [{ email: 'secops@example.com', name: 'SecOps on call' }] },
        ...options.policy,
      },
      steps: [
        {
          api: {
            service: 'security-ir',
            operation: 'CreateMembership',
            input: {
              clientToken: 'scenario-membership',
              membershipName: 'orgwarden',
              incidentResponseTeam: [
                { name: 'Ada Lovelace', jobTitle: 'CISO', email: 'ada@example.com' },
                { name: 'Bob Smith', jobTitle: 'Security engineer', email: 'bob@example.com' },
              ],
            },
          },
        },
        ...invitations,
        { advanceTo: at(options.rounds * 30 + 20) },
        ...(options.after ?? []),
      ],
    },
    'party-cases-world',
  );
};

/** A local stack for a scenario (faults and all), on the run's DynamoDB Local. */
export const stackFor = (scenario: Scenario, extra: Partial<LocalStackOptions> = {}): Promise<LocalStack> =>
  LocalStack.start({
    ...stackOptionsOf(scenario),
    dynamoEndpoint: inject('dynamoEndpoint'),
    logLevel: 'SILENT',
    ...extra,
  });

export const play = async (stack: LocalStack, scenario: Scenario): Promise<void> => {
  const run = await rehearse(scenario, stack);
  if (run.failures.length > 0) throw new Error(`scenario steps failed: ${JSON.stringify(run.failures)}`);
};

/** Orgwarden's successful calls to Security IR of one operation. */
export const securityIrCalls = (stack: LocalStack, operation: string) =>
  stack.apiCalls().filter((call) => call.service === 'security-ir' && call.operation === operation && !call.error);

export interface CaseOutcome {
  readonly key: string;
  readonly subject: string;
  readonly outcome: string;
  readonly target?: string;
  readonly reason?: string;
  readonly incidentCase?: { readonly caseId: string; readonly use: 'opened' | 'commented'; readonly party: string };
}

/** The announcements of the open-case reaction (`Reaction Executed` and `Reaction Failed`). */
export const caseOutcomes = (stack: LocalStack): CaseOutcome[] =>
  stack.bus.emitted
    .filter(
      (event) =>
        event['detail-type'].startsWith('Reaction ') && (event.detail as { action: string }).action === 'open-case',
    )
    .map((event) => event.detail as CaseOutcome);

export const emittedOf = (stack: LocalStack, type: string) =>
  stack.bus.emitted
    .filter((event) => event['detail-type'] === type)
    .map((event) => event.detail as Record<string, unknown>);

/** The cases of the membership's account and their comments, as the team sees them in Security IR. */
export const casesInSecurityIr = async (
  stack: LocalStack,
): Promise<Array<{ caseId: string; status: string; comments: string[] }>> => {
  const listed = (await stack.securityIr.handle('ListCases', { maxResults: 25 }, managementAccountId)) as {
    items: Array<{ caseId: string; caseStatus: string }>;
  };
  const cases: Array<{ caseId: string; status: string; comments: string[] }> = [];
  for (const item of listed.items) {
    const comments: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = (await stack.securityIr.handle(
        'ListComments',
        { caseId: item.caseId, maxResults: 25, ...(nextToken ? { nextToken } : {}) },
        managementAccountId,
      )) as { items: Array<{ body: string }>; nextToken?: string };
      comments.push(...page.items.map((comment) => comment.body));
      nextToken = page.nextToken;
    } while (nextToken);
    cases.push({ caseId: item.caseId, status: item.caseStatus, comments });
  }
  return cases;
};
