import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { detailTypes } from '../../shared/domain/detail-types';
import type { PlannedEffect } from '../../shared/domain/ledger';
import { policySchema, type ReactionMode } from '../../shared/domain/policy/policy';
import type { Snapshot, Transition } from '../../shared/domain/snapshot';
import { accountType } from '../../shared/domain/subjects/account';
import { coverageType } from '../../shared/domain/subjects/coverage';
import { handshakeType } from '../../shared/domain/subjects/handshake';
import { macieMemberType } from '../../shared/domain/subjects/macie-member';
import { membershipType } from '../../shared/domain/subjects/membership';
import { placementType } from '../../shared/domain/subjects/placement';
import { defineSubjectType, type SubjectType } from '../../shared/domain/subjects/subject-type';
import { transferType } from '../../shared/domain/subjects/transfer';
import type { Change } from '../../shared/use-cases/pipeline/commit-changes';
import { policyPlanner, reactionsOf, reactionTable } from '../../shared/use-cases/reactions/reaction-table';
import { reactionTo } from '../../shared/use-cases/reactions/reaction';

const changeOf = (
  type: SubjectType,
  id: string,
  from: string | null,
  to: string,
  data: Record<string, unknown>,
  eventName = 'Test',
): Change => {
  const subject = `${type.kind}:${id}`;
  const snapshot: Snapshot = {
    subject,
    kind: type.kind,
    state: to,
    version: 3,
    observedAt: '2026-11-02T10:00:00.000Z',
    data: { ...data, state: to },
  };
  const transition: Transition = {
    subject,
    from,
    to,
    at: snapshot.observedAt,
    version: 3,
    cause: { eventId: 'e-1', eventName, source: 'test' },
  };
  return { type, snapshot, transition };
};

const under = (reactions: Record<string, ReactionMode>) => policySchema.parse({ version: 1, reactions });
const keys = (effects: readonly PlannedEffect[]): string[] => effects.map((effect) => effect.key ?? effect.action);

const invite = (direction: 'inbound' | 'outbound') => ({
  id: 'h-abcdefgh12',
  action: 'INVITE',
  parties: [{ id: '444444444444', type: 'ACCOUNT' }],
  counterparties: [{ id: '444444444444', type: 'ACCOUNT' }],
  direction,
});

describe('the reaction table', () => {
  it('lists each reaction under the kind it reacts to, one module per trigger', () => {
    const rows = Object.entries(reactionTable).flatMap(([kind, reactions]) =>
      reactions.map((r) => [kind, r.kind, r.trigger]),
    );
    expect(rows.every(([kind, own]) => kind === own)).toBe(true);
    expect(rows.map(([, , trigger]) => trigger)).toEqual([
      'untrusted-party-in-handshake',
      'untrusted-party-in-transfer',
      'membership-cancelled',
      'membership-terminated',
      'account-joined',
      'coverage-lost',
      'account-moved',
      'macie-member-lost',
    ]);
  });

  it.each([
    ['off', []],
    ['notify', ['publish', 'publish:untrusted']],
    ['enforce', ['publish', 'publish:untrusted', 'cancel-handshake', 'open-case']],
  ] as const)(
    'an untrusted invitation sent, under %s: announced, reported, cancelled and given a case',
    (mode, expected) => {
      // Prepare
      const plan = policyPlanner(under({ untrustedInvitation: mode, incidentCase: 'enforce' }));
      // Act
      const effects = plan(changeOf(handshakeType, 'h-abcdefgh12', null, 'OPEN', invite('outbound')));
      // Assess
      expect(keys(effects)).toEqual(mode === 'off' ? ['publish'] : expected);
    },
  );

  it('declines an untrusted invitation received, opens no case unless incidentCase is enforce, and judges only new or reopened ones', () => {
    const plan = policyPlanner(under({ untrustedInvitation: 'enforce' }));
    expect(keys(plan(changeOf(handshakeType, 'h-abcdefgh12', null, 'OPEN', invite('inbound'))))).toEqual([
      'publish',
      'publish:untrusted',
      'decline-handshake',
    ]);
    expect(keys(plan(changeOf(handshakeType, 'h-abcdefgh12', 'OPEN', 'DECLINED', invite('inbound'))))).toEqual([
      'publish',
    ]);
  });

  it('reports an untrusted transfer when it takes effect, not while it is an invitation', () => {
    const plan = policyPlanner(under({ untrustedTransfer: 'enforce', incidentCase: 'enforce' }));
    const data = {
      id: 'rt-abcdefgh12',
      status: 'ACCEPTED',
      direction: 'inbound',
      sourceAccountId: '777777777777',
      targetAccountId: '111111111111',
    };
    expect(keys(plan(changeOf(transferType, 'rt-abcdefgh12', 'PENDING_ACCEPTANCE', 'ACCEPTED', data)))).toEqual([
      'publish',
      'publish:untrusted',
      'open-case',
    ]);
    expect(keys(plan(changeOf(transferType, 'rt-abcdefgh12', null, 'PENDING_ACCEPTANCE', data)))).toEqual(['publish']);
  });

  it.each([
    ['off', 'Cancelled', []],
    ['notify', 'Cancelled', []],
    ['enforce', 'Cancelled', ['restore-membership']],
    ['off', 'Terminated', []],
    ['notify', 'Terminated', ['publish:unrecoverable']],
    ['enforce', 'Terminated', ['publish:unrecoverable']],
  ] as const)('a membership under %s that becomes %s', (mode, to, expected) => {
    const change = changeOf(membershipType, 'm-abcdefghij', 'Active', to, {
      id: 'm-abcdefghij',
      coverageMode: 'EntireOrganization',
      organizationalUnits: [],
    });
    expect(keys(reactionsOf(under({ restoreCancelledMembership: mode }), change))).toEqual(expected);
  });

  it.each(['notify', 'enforce'] as const)(
    'checks coverage under %s of an account that joins, moves or loses coverage',
    (mode) => {
      const policy = under({ coverageGap: mode });
      const checks = [
        changeOf(accountType, '222222222222', null, 'JOINED', { id: '222222222222' }),
        changeOf(placementType, '222222222222', 'r-abcd', 'ou-abcd-abcdefgh', { id: '222222222222' }),
        changeOf(coverageType, '222222222222', 'Associated', 'Disassociated', { id: '222222222222' }),
      ].map((change) => reactionsOf(policy, change)[0]?.payload);
      expect(checks).toEqual(
        ['joined', 'moved', 'lost'].map((trigger) => ({ accountId: '222222222222', trigger, mode })),
      );
      expect(
        reactionsOf(
          under({ coverageGap: 'off' }),
          changeOf(accountType, '222222222222', null, 'JOINED', { id: '222222222222' }),
        ),
      ).toEqual([]);
    },
  );

  it('associates again under enforce only a Macie member associated through AWS Organizations that was removed', () => {
    const member = { region: 'eu-west-1', accountId: '222222222222' };
    const lost = changeOf(macieMemberType, 'eu-west-1:222222222222', 'Enabled', 'Removed', member);
    expect(reactionsOf(under({ macieMember: 'enforce' }), lost)).toEqual([
      { action: 'associate-macie-member', payload: { ...member, status: 'Removed' } },
    ]);
    expect(reactionsOf(under({ macieMember: 'notify' }), lost)).toEqual([]);
    const invited = changeOf(macieMemberType, 'eu-west-1:222222222222', 'Enabled', 'Removed', {
      ...member,
      invitedAt: '2026-01-01T00:00:00Z',
    });
    expect(reactionsOf(under({ macieMember: 'enforce' }), invited)).toEqual([]);
  });

  it('plans the reactions a table given to the planner lists for a kind it has never heard of', () => {
    // Prepare
    const gadgetType = defineSubjectType<{ id: string; state: string }>({
      kind: 'gadget',
      idPattern: /^g-\d+$/,
      states: ['ON', 'OFF'],
      canMove: () => true,
      isFinal: () => false,
      whenMissing: () => ({ notFound: true }),
      published: {
        detailType: detailTypes.macieMemberStateChanged,
        field: 'gadget',
        schema: z.object({ id: z.string() }),
        describe: ({ id }) => ({ id }),
        resources: () => [],
      },
    });
    const switchedOff = reactionTo(gadgetType, 'gadget-switched-off', ['switch-on'], (_policy, change) =>
      change.transition.to === 'OFF' ? [{ action: 'switch-on', payload: { id: change.data.id } }] : [],
    );
    const plan = policyPlanner(under({}), { ...reactionTable, [gadgetType.kind]: [switchedOff] });
    // Act
    const effects = plan(changeOf(gadgetType, 'g-1', 'ON', 'OFF', { id: 'g-1' }));
    // Assess
    expect(effects.map((effect) => [effect.action, effect.payload])).toEqual([
      ['publish', expect.anything()],
      ['switch-on', { id: 'g-1' }],
    ]);
    expect(keys(policyPlanner(under({}))(changeOf(gadgetType, 'g-1', 'ON', 'OFF', { id: 'g-1' })))).toEqual([
      'publish',
    ]);
  });

  it('refuses a reaction that plans an action it does not declare (what the executor coverage reads)', () => {
    // Prepare: the handshake's untrusted-party reaction under enforce, declared without `open-case`.
    const [declared] = reactionTable[handshakeType.kind]!;
    const lying = reactionTo(handshakeType, 'untrusted-party-in-handshake', ['publish', 'cancel-handshake'], (p, c) =>
      declared!.plan(p, c),
    );
    const plan = policyPlanner(under({ untrustedInvitation: 'enforce', incidentCase: 'enforce' }), {
      [handshakeType.kind]: [lying],
    });

    // Act / Assess
    expect(() => plan(changeOf(handshakeType, 'h-abcdefgh12', null, 'OPEN', invite('outbound')))).toThrow(
      'reaction untrusted-party-in-handshake planned open-case, which it does not declare',
    );
  });
});
