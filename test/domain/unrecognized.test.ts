import { describe, expect, it } from 'vitest';
import type { PlannedEffect } from '../../shared/domain/ledger';
import { policySchema } from '../../shared/domain/policy/policy';
import { transitionEvent } from '../../shared/domain/published-events';
import type { Snapshot, Transition } from '../../shared/domain/snapshot';
import { coverageType } from '../../shared/domain/subjects/coverage';
import { handshakeType } from '../../shared/domain/subjects/handshake';
import { macieMemberType } from '../../shared/domain/subjects/macie-member';
import { membershipType } from '../../shared/domain/subjects/membership';
import type { SubjectType } from '../../shared/domain/subjects/subject-type';
import { transferType } from '../../shared/domain/subjects/transfer';
import { policyPlanner } from '../../shared/use-cases/reactions/reaction-table';

const cause = { eventId: 'e-1', eventName: 'DescribeHandshake', source: 'aws.organizations' };

/** A change of one subject from `from` to `to`, with the data given (its state is `to`). */
const changeOf = (
  type: SubjectType,
  subject: string,
  from: string | null,
  to: string,
  data: Record<string, unknown>,
) => {
  const snapshot: Snapshot = {
    subject,
    kind: type.kind,
    state: to,
    version: 2,
    observedAt: '2026-11-02T10:00:00.000Z',
    data: { ...data, state: to },
  };
  const transition: Transition = { subject, from, to, at: snapshot.observedAt, version: 2, cause };
  return { type, snapshot, transition };
};

const untrustedInvite = (state: string, extra: Record<string, unknown> = {}) => ({
  id: 'h-0123456789',
  action: 'INVITE',
  parties: [
    { id: 'o-exampleorgid', type: 'ORGANIZATION' },
    { id: '999999999999', type: 'ACCOUNT' },
  ],
  counterparties: [{ id: '999999999999', type: 'ACCOUNT' }],
  direction: 'outbound',
  ...(state === 'OPEN' ? {} : { unrecognized: [{ field: 'handshake.state', value: state }] }),
  ...extra,
});

const actions = (effects: readonly PlannedEffect[]): string[] => effects.map((effect) => effect.key ?? effect.action);

describe('unknown states of the subject types', () => {
  it.each([
    [handshakeType, 'OPEN', 'ACCEPTED'],
    [transferType, 'ACTIVE', 'ENDED'],
    [membershipType, 'Active', 'Terminated'],
    [macieMemberType, 'Enabled', 'Removed'],
    [coverageType, 'Associated', 'Disassociated'],
  ] as const)(
    '%s: an unknown state moves to any state and from any state but a final one, and is never final',
    (type, open, final) => {
      expect(type.canMove(open, 'PENDING_REVIEW')).toBe(true);
      expect(type.canMove('PENDING_REVIEW', open)).toBe(true);
      expect(type.canMove('PENDING_REVIEW', final)).toBe(true);
      expect(type.canMove('PENDING_REVIEW', 'ANOTHER_NEW_ONE')).toBe(true);
      expect(type.canMove('PENDING_REVIEW', 'PENDING_REVIEW')).toBe(false);
      expect(type.isFinal('PENDING_REVIEW')).toBe(false);
      if (type.isFinal(final)) expect(type.canMove(final, 'PENDING_REVIEW')).toBe(false);
    },
  );

  it('keeps the known moves as they were (a closed handshake never reopens)', () => {
    expect(handshakeType.canMove('DECLINED', 'OPEN')).toBe(false);
    expect(handshakeType.canMove('OPEN', 'ACCEPTED')).toBe(true);
    expect(membershipType.canMove('Terminated', 'Active')).toBe(false);
  });
});

describe('the announcement of a reading with an unknown value', () => {
  it('carries the value as `after` and names it in `unrecognized` (an additive field of version 1)', () => {
    const { snapshot, transition } = changeOf(
      handshakeType,
      'handshake:h-0123456789',
      'OPEN',
      'PENDING_REVIEW',
      untrustedInvite('PENDING_REVIEW', {
        action: 'NEW_ACTION',
        unrecognized: [
          { field: 'handshake.action', value: 'NEW_ACTION' },
          { field: 'handshake.state', value: 'PENDING_REVIEW' },
        ],
      }),
    );
    const event = transitionEvent(handshakeType, snapshot, transition);
    expect(event.detail).toMatchObject({
      schemaVersion: 1,
      before: 'OPEN',
      after: 'PENDING_REVIEW',
      handshake: { action: 'NEW_ACTION' },
      unrecognized: [
        { field: 'handshake.action', value: 'NEW_ACTION' },
        { field: 'handshake.state', value: 'PENDING_REVIEW' },
      ],
    });
  });

  it('has no `unrecognized` when every value is known, and still refuses a state that is no word', () => {
    const known = changeOf(handshakeType, 'handshake:h-0123456789', 'OPEN', 'DECLINED', untrustedInvite('OPEN'));
    expect(transitionEvent(handshakeType, known.snapshot, known.transition).detail).not.toHaveProperty('unrecognized');
    const broken = changeOf(handshakeType, 'handshake:h-0123456789', 'OPEN', 'not a state', untrustedInvite('OPEN'));
    expect(() => transitionEvent(handshakeType, broken.snapshot, broken.transition)).toThrow();
  });
});

describe('reactions on an unknown value', () => {
  const enforce = policySchema.parse({
    version: 1,
    reactions: {
      untrustedInvitation: 'enforce',
      incidentCase: 'enforce',
      restoreCancelledMembership: 'enforce',
      macieMember: 'enforce',
      coverageGap: 'enforce',
    },
    incidentCase: { watchers: [{ email: 'ada@example.com' }] },
  });
  const plan = policyPlanner(enforce);

  it('reports an untrusted party in a handshake in an unknown state, but neither cancels it nor opens a case', () => {
    const effects = plan(
      changeOf(handshakeType, 'handshake:h-0123456789', null, 'PENDING_REVIEW', untrustedInvite('PENDING_REVIEW')),
    );
    expect(actions(effects)).toEqual(['publish', 'alert-unrecognized', 'publish:untrusted']);
  });

  it('cancels the same handshake when it is known OPEN (the guard holds back only what is not understood)', () => {
    const effects = plan(changeOf(handshakeType, 'handshake:h-0123456789', null, 'OPEN', untrustedInvite('OPEN')));
    expect(actions(effects)).toEqual(['publish', 'publish:untrusted', 'cancel-handshake', 'open-case']);
  });

  it('decides nothing on a handshake whose action is unknown, even when OPEN', () => {
    const effects = plan(
      changeOf(
        handshakeType,
        'handshake:h-0123456789',
        null,
        'OPEN',
        untrustedInvite('OPEN', {
          action: 'NEW_ACTION',
          unrecognized: [{ field: 'handshake.action', value: 'NEW_ACTION' }],
        }),
      ),
    );
    expect(effects.filter((effect) => effect.action === 'cancel-handshake' || effect.action === 'open-case')).toEqual(
      [],
    );
  });

  it('neither restores a membership nor associates a Macie member nor checks coverage on an unknown status', () => {
    const membership = {
      id: 'm-abcdefghij012345',
      coverageMode: 'EntireOrganization',
      organizationalUnits: [],
      unrecognized: [{ field: 'membership.status', value: 'Suspended' }],
    };
    expect(
      actions(plan(changeOf(membershipType, 'membership:m-abcdefghij012345', 'Active', 'Suspended', membership))),
    ).toEqual(['publish', 'alert-unrecognized']);
    const member = {
      region: 'us-east-1',
      accountId: '222222222222',
      unrecognized: [{ field: 'macieMember.relationshipStatus', value: 'Quarantined' }],
    };
    expect(
      actions(plan(changeOf(macieMemberType, 'macie-member:us-east-1:222222222222', 'Enabled', 'Quarantined', member))),
    ).toEqual(['publish', 'alert-unrecognized']);
    const coverage = {
      id: '222222222222',
      membershipId: 'm-abcdefghij012345',
      unrecognized: [{ field: 'coverage.relationshipStatus', value: 'Pending' }],
    };
    expect(actions(plan(changeOf(coverageType, 'coverage:222222222222', 'Associated', 'Pending', coverage)))).toEqual([
      'alert-unrecognized',
    ]);
  });

  it('plans no second alert for a value the reading before already carried', () => {
    const first = changeOf(membershipType, 'membership:m-abcdefghij012345', 'Active', 'Suspended', {
      id: 'm-abcdefghij012345',
      coverageMode: 'EntireOrganization',
      organizationalUnits: [],
      unrecognized: [{ field: 'membership.status', value: 'Suspended' }],
    });
    const later = {
      ...changeOf(membershipType, 'membership:m-abcdefghij012345', 'Suspended', 'Suspended', first.snapshot.data),
      previous: first.snapshot,
    };
    expect(actions(plan(later))).toEqual(['publish']);
  });
});
