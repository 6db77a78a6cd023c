import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/local/scenario/scenario';
import type { ProxiedRequest, ProxyFault } from '../../shared/local/stack/counting-proxy';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import {
  caseOutcomes,
  casesInSecurityIr,
  invitationRounds,
  play,
  securityIrCalls,
  stackFor,
} from './party-cases-world';

const outsider = '820000000001';

/**
 * This organization invites the same outside organization to hand it its bill twice (the first
 * invitation cancelled before the second): two findings about one party, account:820000000001.
 */
const twoInvitationsToOneParty = parseScenario(
  {
    name: 'Two billing invitations sent to one untrusted organization',
    start: '2026-11-02T09:00:00Z',
    organization: { id: 'o-racing12345', managementAccountId: '111111111111' },
    outsideAccounts: [{ id: outsider, email: 'billing@outsider.example.net', managesOrganization: true }],
    policy: {
      version: 1,
      reactions: { untrustedTransfer: 'enforce', incidentCase: 'enforce' },
      incidentCase: { watchers: [{ email: 'secops@example.com' }] },
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
      {
        at: '2026-11-02T09:05:00Z',
        api: {
          service: 'organizations',
          operation: 'InviteOrganizationToTransferResponsibility',
          input: {
            Type: 'BILLING',
            Target: { Id: outsider, Type: 'ACCOUNT' },
            StartTimestamp: '2026-12-01T00:00:00Z',
            SourceName: 'First',
          },
        },
        save: 'first',
      },
      {
        at: '2026-11-02T09:06:00Z',
        api: {
          service: 'organizations',
          operation: 'CancelHandshake',
          input: { HandshakeId: '${first.Handshake.Id}' },
        },
      },
      {
        at: '2026-11-02T09:07:00Z',
        api: {
          service: 'organizations',
          operation: 'InviteOrganizationToTransferResponsibility',
          input: {
            Type: 'BILLING',
            Target: { Id: outsider, Type: 'ACCOUNT' },
            StartTimestamp: '2026-12-01T00:00:00Z',
            SourceName: 'Second',
          },
        },
      },
    ],
  },
  'two-invitations-to-one-party',
);

const held = new Set(['InviteOrganizationToTransferResponsibility', 'CancelHandshake']);

// Issue 17, item 4: exactly once under duplicates and races, for the party's record as for the case.
describe('two findings about one party, raced', () => {
  it('two invocations racing for the party’s first case, each delivered twice at once: one case, one comment', async () => {
    // Prepare: both invitations' CloudTrail records held back from the bus
    const records: BusEvent[] = [];
    const stack = await stackFor(twoInvitationsToOneParty, {
      worldEvents: (event, deliver) => {
        if (held.has(String((event.detail as { eventName?: string } | undefined)?.eventName))) records.push(event);
        else deliver(event);
      },
    });
    try {
      await play(stack, twoInvitationsToOneParty);
      const invites = records.filter(
        (event) => (event.detail as { eventName: string }).eventName === 'InviteOrganizationToTransferResponsibility',
      );
      expect(invites).toHaveLength(2);
      // Act: four deliveries at once (each record twice), then time for Lambda's retries
      await Promise.all(
        [...invites, ...invites].map((event) =>
          stack.runtime.invoke('handshake-changed', event).catch(() => undefined),
        ),
      );
      await stack.bus.settle();
      await stack.advanceTo(new Date('2026-11-02T09:20:00Z'));
      // Assess: one case, the other finding a comment on it, each once
      expect(
        securityIrCalls(stack, 'CreateCase').map((call) => (call.input as { clientToken: string }).clientToken).length,
      ).toBeGreaterThanOrEqual(1);
      expect(
        new Set(securityIrCalls(stack, 'CreateCase').map((call) => (call.input as { clientToken: string }).clientToken))
          .size,
      ).toBe(1);
      const cases = await casesInSecurityIr(stack);
      expect(cases).toHaveLength(1);
      expect(cases[0]!.comments).toHaveLength(1);
      const outcomes = caseOutcomes(stack);
      expect(outcomes.map((o) => o.incidentCase?.use).sort()).toEqual(['commented', 'opened']);
      expect(
        outcomes.every(
          (o) => o.incidentCase?.caseId === cases[0]!.caseId && o.incidentCase?.party === `account:${outsider}`,
        ),
      ).toBe(true);
    } finally {
      await stack.stop();
    }
  }, 120_000);
});

/**
 * Fails every attempt the SDK makes of the first call that `matches` picks, so that the invocation
 * sees the failure. With `workDone`, the service did the first attempt's work and only its answer is
 * lost (a crash right after the call); otherwise none reached it (a crash right before).
 */
const crashOn = (matches: (request: ProxiedRequest) => boolean, code: string, workDone = true) => {
  const seen = { attempts: [] as string[] };
  let state: 'armed' | 'crashing' | 'spent' = 'armed';
  const hook = (request: ProxiedRequest): ProxyFault | undefined => {
    if (state === 'spent' || !matches(request)) return undefined;
    if (state === 'crashing' && request.attempt === 1) state = 'spent';
    if (state === 'spent') return undefined;
    const first = state === 'armed';
    state = 'crashing';
    seen.attempts.push(`${request.attempt}/${request.maxAttempts}`);
    return {
      fail: { status: 500, code, message: 'injected: the invocation lost this answer' },
      after: workDone && first,
    };
  };
  return { hook, seen };
};

/** The SDK tried the call as often as it may (`1/4` … `4/4`), and each attempt failed: the invocation saw it. */
const expectEveryAttemptFailed = (attempts: readonly string[]): void => {
  expect(attempts.length).toBeGreaterThan(1);
  expect(attempts).toEqual(attempts.map((_, i) => `${i + 1}/${attempts.length}`));
};

const dynamodbRequest =
  (operation: string, ...parts: string[]) =>
  (request: ProxiedRequest) =>
    request.operation === operation && parts.every((part) => request.body.includes(part));

describe('crashed between the steps of a finding’s case', () => {
  const twoOrganizations = invitationRounds({
    rounds: 2,
    from: ['810000000001', '810000000002'],
    policy: { incidentCase: { watchers: [{ email: 'secops@example.com' }], maxNewCasesPerHour: 2 } },
  });

  const playWith = async (service: 'dynamodb' | 'securityIr', crash: ReturnType<typeof crashOn>) => {
    const stack = await stackFor(twoOrganizations, { faults: (name) => (name === service ? crash.hook : undefined) });
    try {
      await play(stack, twoOrganizations);
      return {
        cases: await casesInSecurityIr(stack),
        outcomes: caseOutcomes(stack),
        createCase: securityIrCalls(stack, 'CreateCase'),
        comments: securityIrCalls(stack, 'CreateCaseComment'),
        deadLetters: stack.deadLetters,
      };
    } finally {
      await stack.stop();
    }
  };

  const oneCaseAndOneCommentPerParty = (played: Awaited<ReturnType<typeof playWith>>) => {
    expect(played.cases.map((c) => c.comments.length)).toEqual([1, 1]);
    expect(played.outcomes.map((o) => o.incidentCase?.use).sort()).toEqual([
      'commented',
      'commented',
      'opened',
      'opened',
    ]);
    expect(new Set(played.outcomes.map((o) => o.key)).size).toBe(4);
    expect(played.deadLetters).toEqual([]);
  };

  it('after the party’s record was taken and counted (its answer lost): the retry opens the case, counted once', async () => {
    const crash = crashOn(dynamodbRequest('TransactWriteItems', 'PARTYCASE#', 'CASECOUNT#'), 'InternalServerError');
    const played = await playWith('dynamodb', crash);
    expectEveryAttemptFailed(crash.seen.attempts);
    // Counted twice, the second organization would be over the cap of 2.
    oneCaseAndOneCommentPerParty(played);
  }, 120_000);

  it('after CreateCase, before the case was recorded: the retry gets the same case (same clientToken)', async () => {
    const crash = crashOn(dynamodbRequest('UpdateItem', 'PARTYCASE#', ':opening'), 'InternalServerError', false);
    const played = await playWith('dynamodb', crash);
    expectEveryAttemptFailed(crash.seen.attempts);
    oneCaseAndOneCommentPerParty(played);
    // Called again by the retry, with the token of the first call: the same case.
    const tokens = played.createCase.map((call) => (call.input as { clientToken: string }).clientToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(2);
  }, 120_000);

  it('after the case was recorded (its answer lost): the retry finds it recorded, and calls CreateCase no more', async () => {
    const crash = crashOn(dynamodbRequest('UpdateItem', 'PARTYCASE#', ':opening'), 'InternalServerError');
    const played = await playWith('dynamodb', crash);
    expectEveryAttemptFailed(crash.seen.attempts);
    oneCaseAndOneCommentPerParty(played);
    expect(played.createCase).toHaveLength(2);
  }, 120_000);

  it('after CreateCaseComment went through (its answer lost): the retry sends the same clientToken, no comment is posted twice', async () => {
    const crash = crashOn(
      (request) => request.method === 'POST' && request.path.endsWith('/create-comment'),
      'InternalServerException',
    );
    const played = await playWith('securityIr', crash);
    expectEveryAttemptFailed(crash.seen.attempts);
    oneCaseAndOneCommentPerParty(played);
    // The retry's CreateCaseComment carried the first one's token: the service answered the first comment.
    const tokens = played.comments.map((call) => (call.input as { clientToken: string }).clientToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(2);
  }, 120_000);
});
