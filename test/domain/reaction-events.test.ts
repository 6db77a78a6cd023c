import { describe, expect, it } from 'vitest';
import { detailTypes } from '../../shared/domain/detail-types';
import { expiringEvent, reactionEvent, untrustedPartyEvent } from '../../shared/domain/published-events';

const cause = { eventId: 'e-1', eventName: 'InviteAccountToOrganization', source: 'aws.organizations' };

describe('the announcements that are not a subject’s own transition', () => {
  it('reports an untrusted party once per subject version, naming its parties as outside parties', () => {
    // Act
    const event = untrustedPartyEvent({
      subject: 'handshake:h-abcdefgh12',
      version: 2,
      observedAt: '2026-11-02T10:00:00.000Z',
      cause,
      relationship: 'invitation-sent',
      parties: [
        { id: '444444444444', type: 'ACCOUNT' },
        { id: 'o-exampleorgid', type: 'ORGANIZATION' },
      ],
      reaction: 'untrustedInvitation',
      mode: 'enforce',
      state: 'OPEN',
      resources: ['arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/h-abcdefgh12'],
    });
    // Assess
    expect(event).toMatchObject({
      source: 'orgwarden',
      detailType: detailTypes.untrustedPartyDetected,
      time: '2026-11-02T10:00:00.000Z',
    });
    expect(event.detail).toMatchObject({
      schemaVersion: 1,
      key: 'handshake:h-abcdefgh12@v2#untrusted',
      relationship: 'invitation-sent',
      mode: 'enforce',
    });
    expect(event.detail).not.toHaveProperty('resources');
    // Only account ids and emails are masked: an organization id is not an outside party's value.
    expect(event.outsideParties).toEqual(['444444444444']);
  });

  it('announces a reaction’s outcome as executed or failed, keyed by its ledger entry, and names outside parties only when given', () => {
    // Prepare
    const outcome = {
      ledgerId: 'handshake:h-abcdefgh12#v2#cancel-handshake',
      subject: 'handshake:h-abcdefgh12',
      version: 2,
      action: 'cancel-handshake',
      at: '2026-11-02T10:00:01.000Z',
    };
    // Act
    const done = reactionEvent({ ...outcome, outcome: 'already-done' });
    const failed = reactionEvent({
      ...outcome,
      outcome: 'failed',
      reason: 'denied for 444444444444',
      outsideParties: ['444444444444', 'o-exampleorgid'],
    });
    // Assess
    expect(done.detailType).toBe(detailTypes.reactionExecuted);
    expect(done.detail).toMatchObject({ key: outcome.ledgerId, outcome: 'already-done' });
    expect(done).not.toHaveProperty('outsideParties');
    expect(failed.detailType).toBe(detailTypes.reactionFailed);
    expect(failed.outsideParties).toEqual(['444444444444']);
  });

  it('announces a deadline drawing near under the detail type its subject type gives, once per deadline and lead time', () => {
    // Act
    const event = expiringEvent({
      detailType: detailTypes.transferExpiring,
      subject: 'transfer:rt-abcdefgh12',
      deadline: 'acceptance',
      dueAt: '2026-12-31T00:00:00.000Z',
      leadTime: '7d',
      state: 'PENDING_ACCEPTANCE',
      summary: { id: 'rt-abcdefgh12', direction: 'inbound' },
      at: '2026-12-24T00:00:00.000Z',
      resources: [],
      outsideParties: ['777777777777'],
    });
    // Assess
    expect(event).toMatchObject({
      detailType: 'Responsibility Transfer Expiring',
      time: '2026-12-24T00:00:00.000Z',
      outsideParties: ['777777777777'],
    });
    expect(event.detail).toEqual({
      schemaVersion: 1,
      key: 'transfer:rt-abcdefgh12#acceptance@2026-12-31T00:00:00.000Z#7d',
      subject: 'transfer:rt-abcdefgh12',
      deadline: 'acceptance',
      dueAt: '2026-12-31T00:00:00.000Z',
      leadTime: '7d',
      state: 'PENDING_ACCEPTANCE',
      summary: { id: 'rt-abcdefgh12', direction: 'inbound' },
    });
  });

  it('refuses a detail outside its public schema', () => {
    const bad = { ledgerId: 'x#v1#y', subject: 'x', version: 1, action: 'y', at: 'now', outcome: 'maybe' as never };
    expect(() => reactionEvent(bad)).toThrow();
  });
});
