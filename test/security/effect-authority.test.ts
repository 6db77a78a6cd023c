import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys, toAttributes } from '../../shared/adapters/dynamodb/table';
import { authorityUnder } from '../../shared/config/authority';
import { coveragePorts } from '../../shared/config/coverage';
import { publishing } from '../support/pipeline';
import { checkCoverage } from '../../shared/use-cases/coverage/check-coverage';
import { confirmCoverage } from '../../shared/use-cases/coverage/confirm-coverage';
import { coverAccount } from '../../shared/use-cases/coverage/cover-account';
import { cancelHandshake, declineHandshake } from '../../shared/use-cases/effects/answer-handshake';
import { executorsOf } from '../../shared/use-cases/effects/effect';
import { openCase } from '../../shared/use-cases/effects/open-case';
import { loadPolicy } from '../../shared/config/policy';
import { ledgerEntryOf, type LedgerEntry } from '../../shared/domain/ledger';
import type { Cause } from '../../shared/domain/snapshot';
import type { Authorization } from '../../shared/use-cases/effects/authorize-effects';
import { handshake, ManualClock, RecordingPublisher } from '../support/fakes';
import { freshStore } from '../support/table';

// Effects are authorized by the history, not by the entry (issue 17, item 2): an entry any role of
// the stack may write to the table is carried out only as the committed history and the policy in
// force call for it, with the payload the policy plans now.

const enforce = loadPolicy(
  JSON.stringify({
    version: 1,
    trust: { invitations: { sent: { accounts: ['222222222222'] } } },
    reactions: { untrustedInvitation: 'enforce', incidentCase: 'enforce', coverageGap: 'enforce' },
    incidentCase: { watchers: [{ email: 'secops@example.com', name: 'SecOps on call' }] },
  }),
);
const notifyOnly = loadPolicy(
  JSON.stringify({ version: 1, trust: { invitations: { sent: { accounts: ['222222222222'] } } } }),
);

const at = '2026-11-02T10:00:00.000Z';
const event = (eventName: string): Cause => ({
  eventId: `e-${eventName}`,
  eventName,
  source: 'aws.organizations',
  eventTime: at,
});

const world = async (policy = enforce) => {
  const { store, client, tableName } = await freshStore();
  const clock = new ManualClock(new Date(at));
  const unused = () => {
    throw new Error('the authority calls no AWS service');
  };
  const executors = {
    ...publishing(() => new RecordingPublisher()),
    ...executorsOf([cancelHandshake, declineHandshake, openCase], {
      writer: unused,
      securityIr: unused,
      clock,
      grouping: { cases: unused, maxNewCasesPerHour: 10 },
    }),
    ...executorsOf(
      [checkCoverage, coverAccount, confirmCoverage],
      coveragePorts({ securityIr: unused, accounts: unused, store, clock }),
    ),
  };
  const authority = authorityUnder(policy, store, executors);
  /** Commits a subject's change as the pipeline does (journal, snapshot, history). */
  const commit = async (
    subject: string,
    kind: string,
    state: string,
    data: Record<string, unknown>,
    cause: Cause,
    version = 1,
    from: string | null = null,
  ) => {
    const snapshot = { subject, kind, state, version, observedAt: at, data };
    const journal = {
      eventId: cause.eventId,
      subject,
      outcome: 'changed' as const,
      processedAt: at,
      eventName: cause.eventName,
      source: cause.source,
      ledgerIds: [],
    };
    expect(
      await store.commit({
        journal,
        snapshot: { next: snapshot, expectedVersion: version - 1 },
        history: { subject, from, to: state, at, version, cause },
        ledger: [],
      }),
    ).toBe('committed');
  };
  /** An entry as another role would write it, straight into the table. */
  const forge = async (entry: LedgerEntry, id = entry.id): Promise<LedgerEntry> => {
    await client.send(
      new PutItemCommand({ TableName: tableName, Item: toAttributes({ ...keys.ledger(id), ...entry, id }) }),
    );
    return (await store.getLedger(id))!;
  };
  const entry = (subject: string, version: number, action: string, payload: unknown, key?: string) =>
    ledgerEntryOf(subject, version, { action, payload, ...(key ? { key } : {}) }, clock.now(), at);
  return { store, authority, commit, forge, entry };
};

const refusal = (answer: Authorization | undefined): string =>
  answer && 'refused' in answer ? `${answer.refused.name}: ${answer.refused.message}` : 'authorized';

describe('a ledger entry read back from the table', () => {
  it('is refused when no committed change is behind it', async () => {
    // Prepare: no history for h-aaaaaaaaaa at all.
    const { authority, forge, entry } = await world();
    const forged = await forge(
      entry('handshake:h-aaaaaaaaaa', 1, 'cancel-handshake', { handshakeId: 'h-aaaaaaaaaa', reason: 'forged' }),
    );
    // Act
    const [answer] = await authority.authorize([forged]);
    // Assess
    expect(refusal(answer)).toMatch(
      /^UnauthorizedEffectError: .*no committed change of handshake:h-aaaaaaaaaa at version 1/,
    );
  });

  it('is refused when the policy in force does not plan it for that change (a trusted invitation; or notify only)', async () => {
    // Prepare: a trusted invitation (enforce), and an untrusted one under a notify-only policy.
    const trusted = await world(enforce);
    await trusted.commit(
      'handshake:h-bbbbbbbbbb',
      'handshake',
      'OPEN',
      { ...handshake('h-bbbbbbbbbb', 'OPEN', '222222222222') },
      event('InviteAccountToOrganization'),
    );
    const notify = await world(notifyOnly);
    await notify.commit(
      'handshake:h-cccccccccc',
      'handshake',
      'OPEN',
      { ...handshake('h-cccccccccc', 'OPEN', '444444444444') },
      event('InviteAccountToOrganization'),
    );
    // Act
    const [cancelTrusted] = await trusted.authority.authorize([
      await trusted.forge(
        trusted.entry('handshake:h-bbbbbbbbbb', 1, 'cancel-handshake', {
          handshakeId: 'h-bbbbbbbbbb',
          reason: 'forged',
        }),
      ),
    ]);
    const [caseForTrusted] = await trusted.authority.authorize([
      await trusted.forge(trusted.entry('handshake:h-bbbbbbbbbb', 1, 'open-case', { title: 'attacker' })),
    ]);
    const [cancelUnderNotify] = await notify.authority.authorize([
      await notify.forge(
        notify.entry('handshake:h-cccccccccc', 1, 'cancel-handshake', {
          handshakeId: 'h-cccccccccc',
          reason: 'forged',
        }),
      ),
    ]);
    // Assess
    expect(refusal(cancelTrusted)).toMatch(/the policy in force does not plan cancel-handshake/);
    expect(refusal(caseForTrusted)).toMatch(/the policy in force does not plan open-case/);
    expect(refusal(cancelUnderNotify)).toMatch(/the policy in force does not plan cancel-handshake/);
  });

  it("runs with the payload the policy plans now, never the entry's: a case's title, description and watchers", async () => {
    // Prepare: an untrusted invitation under enforce; its open-case entry rewritten by an attacker.
    const { authority, commit, forge, entry } = await world(enforce);
    await commit(
      'handshake:h-dddddddddd',
      'handshake',
      'OPEN',
      { ...handshake('h-dddddddddd', 'OPEN', '444444444444') },
      event('InviteAccountToOrganization'),
    );
    const forged = await forge(
      entry('handshake:h-dddddddddd', 1, 'open-case', {
        title: 'pay 1 BTC',
        description: 'attacker',
        watchers: [{ email: 'attacker@evil.example' }],
      }),
    );
    // Act
    const [answer] = await authority.authorize([forged]);
    // Assess
    expect(answer && 'entry' in answer).toBe(true);
    const payload = (answer as { entry: LedgerEntry }).entry.payload as {
      title: string;
      description: string;
      watchers: unknown[];
    };
    expect(payload.title).toBe('orgwarden: untrusted party in handshake:h-dddddddddd');
    expect(payload.description).toContain('444444444444');
    expect(payload.watchers).toEqual([{ email: 'secops@example.com', name: 'SecOps on call' }]);
  });

  it('is refused for a baseline the first import recorded, when the policy does not act on import (actOnImport: false)', async () => {
    // Prepare: the audit's first import recorded an untrusted invitation (silently, by policy).
    const { authority, commit, forge, entry } = await world(enforce);
    await commit(
      'handshake:h-eeeeeeeeee',
      'handshake',
      'OPEN',
      { ...handshake('h-eeeeeeeeee', 'OPEN', '444444444444') },
      { eventId: 'audit:r1:handshake:0', eventName: 'AuditImport', source: 'orgwarden.audit' },
    );
    const forged = await forge(
      entry('handshake:h-eeeeeeeeee', 1, 'cancel-handshake', { handshakeId: 'h-eeeeeeeeee', reason: 'forged' }),
    );
    // Act
    const [answer] = await authority.authorize([forged]);
    // Assess
    expect(refusal(answer)).toMatch(/the policy in force does not plan cancel-handshake/);
  });

  it('is refused when its id is not the one its subject, version and action give (a planned id borrowed for another subject)', async () => {
    // Prepare: an untrusted invitation whose cancel is planned; the forged item borrows its id but names a trusted
    // handshake.
    const { authority, commit, forge, entry } = await world(enforce);
    await commit(
      'handshake:h-ffffffffff',
      'handshake',
      'OPEN',
      { ...handshake('h-ffffffffff', 'OPEN', '444444444444') },
      event('InviteAccountToOrganization'),
    );
    const borrowed = entry('handshake:h-gggggggggg', 1, 'cancel-handshake', {
      handshakeId: 'h-gggggggggg',
      reason: 'forged',
    });
    const forged = await forge(borrowed, 'handshake:h-ffffffffff#v1#cancel-handshake');
    // Act
    const [answer] = await authority.authorize([forged]);
    // Assess
    expect(refusal(answer)).toMatch(/its id is not the one its subject, version and action give/);
  });

  it('authorizes a follow-up only after its planned parent is done, for the same account', async () => {
    // Prepare: an account joined (its coverage check planned under enforce).
    const { authority, commit, forge, entry } = await world(enforce);
    await commit(
      'account:333333333333',
      'account',
      'JOINED',
      { id: '333333333333', state: 'JOINED' },
      event('AccountJoinedOrganization'),
    );
    const cover = (accountId: string) =>
      entry(
        'account:333333333333',
        1,
        'cover-account',
        { accountId, membershipId: 'm-1', organizationalUnitId: 'ou-ab12-cdef3456' },
        'cover-account',
      );
    // Act: before the check is done, then after it, then naming another account.
    const [beforeCheck] = await authority.authorize([await forge(cover('333333333333'))]);
    const check = entry('account:333333333333', 1, 'check-coverage', {
      accountId: '333333333333',
      trigger: 'joined',
      mode: 'enforce',
    });
    await forge(check);
    // The check crashed after writing its follow-up and runs again: the follow-up waits for it.
    const [whileCheckRuns] = await authority.authorize([await forge(cover('333333333333'))]);
    await forge({ ...check, status: 'done' });
    const [afterCheck] = await authority.authorize([await forge(cover('333333333333'))]);
    const [otherAccount] = await authority.authorize([await forge(cover('999999999999'))]);
    const [confirmation] = await authority.authorize([
      await forge(
        entry(
          'account:333333333333',
          1,
          'confirm-coverage',
          { accountId: '333333333333', membershipId: 'm-1', attempt: 3 },
          'confirm-coverage:3',
        ),
      ),
    ]);
    // Assess
    expect(refusal(beforeCheck)).toMatch(/its check-coverage is not done/);
    expect(whileCheckRuns).toEqual({
      deferred: expect.stringContaining('its check-coverage is not finished yet') as string,
    });
    expect(refusal(afterCheck)).toBe('authorized');
    expect(refusal(otherAccount)).toMatch(/names another target than its check-coverage/);
    expect(refusal(confirmation)).toBe('authorized');
  });

  it('lets announcements through (any of orgwarden\u2019s roles may publish on its own bus anyway)', async () => {
    const { authority, forge, entry } = await world(enforce);
    const [answer] = await authority.authorize([
      await forge(entry('handshake:h-hhhhhhhhhh', 3, 'publish', { source: 'orgwarden' }, 'publish:x')),
    ]);
    expect(refusal(answer)).toBe('authorized');
  });
});
