import { describe, expect, it } from 'vitest';
import { SubjectNotFoundError, UpstreamUnavailableError } from '../../shared/domain/errors';
import type { OrganizationsEvent } from '../../shared/schemas/organizations-event';
import { observeOrganizationsEvent } from '../../shared/use-cases/observe-organizations-event';
import { FakeOrganizations, handshake, ManualClock, RecordingPublisher } from '../support/fakes';
import { freshStore } from '../support/table';

const cancelEvent = (id: string, handshakeId: string): OrganizationsEvent =>
  ({
    version: '0',
    id,
    source: 'aws.organizations',
    account: '111111111111',
    time: '2026-11-02T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    'detail-type': 'AWS API Call via CloudTrail',
    detail: { eventSource: 'organizations.amazonaws.com', eventName: 'CancelHandshake', requestParameters: { handshakeId } },
  }) as unknown as OrganizationsEvent;

const setup = async () => {
  const { store } = await freshStore();
  const organizations = new FakeOrganizations();
  const publisher = new RecordingPublisher();
  const clock = new ManualClock(new Date('2026-11-02T10:00:00Z'));
  return { store, organizations, publisher, clock, observe: observeOrganizationsEvent({ store, organizations, publisher, clock }) };
};

describe('observeOrganizationsEvent (real store on DynamoDB Local, fake Organizations)', () => {
  it('records the first sighting of a handshake and publishes it once', async () => {
    // Prepare
    const { store, organizations, publisher, observe } = await setup();
    organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    // Act
    const result = await observe(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    // Assess
    expect(result).toEqual({ recorded: [{ subject: 'handshake:h-aaaaaaaaaa', outcome: 'changed', ledgerIds: ['handshake:h-aaaaaaaaaa#v1#publish'] }], published: 1 });
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]).toMatchObject({ detailType: 'Handshake State Changed', detail: { before: null, after: 'OPEN', version: 1 } });
    expect((await store.getLedger('handshake:h-aaaaaaaaaa#v1#publish'))?.status).toBe('done');
  });

  it('gives one history entry and one published event for the same event delivered five times at once', async () => {
    const { store, organizations, publisher, observe } = await setup();
    organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'CANCELED'));
    const results = await Promise.all(Array.from({ length: 5 }, () => observe(cancelEvent('e-dup', 'h-aaaaaaaaaa'))));
    expect(await store.listHistory()).toHaveLength(1);
    expect(publisher.published).toHaveLength(1);
    expect(results.map((r) => ('recorded' in r ? r.recorded[0]?.outcome : r.ignored)).sort()).toEqual(['changed', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
  });

  it('keeps the newest state when events arrive newest first', async () => {
    const { store, organizations, publisher, clock, observe } = await setup();
    organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'CANCELED'));
    await observe(cancelEvent('e-2', 'h-aaaaaaaaaa'));
    // The older event is processed later; a re-read can only see the present, and a stale reading is refused.
    clock.advance(1000);
    organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    const late = await observe(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    expect(late).toMatchObject({ recorded: [{ outcome: 'stale' }] });
    expect((await store.getSnapshot('handshake:h-aaaaaaaaaa'))?.state).toBe('CANCELED');
    expect(publisher.published).toHaveLength(1);
  });

  it('writes nothing when the handshake does not exist', async () => {
    const { store, observe } = await setup();
    await expect(observe(cancelEvent('e-1', 'h-doesnotexist'))).rejects.toBeInstanceOf(SubjectNotFoundError);
    expect(await store.listSnapshots()).toEqual([]);
    expect(await store.getJournal('e-1', 'handshake:h-doesnotexist')).toBeUndefined();
  });

  it('publishes on the retry when publishing failed the first time, and only once', async () => {
    const { store, organizations, publisher, observe } = await setup();
    organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    publisher.failNext = 1;
    await expect(observe(cancelEvent('e-1', 'h-aaaaaaaaaa'))).rejects.toThrow('publish failed');
    expect(publisher.published).toHaveLength(0);
    const retried = await observe(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    expect(retried).toMatchObject({ recorded: [{ outcome: 'duplicate' }], published: 1 });
    await observe(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    expect(publisher.published).toHaveLength(1);
    expect(await store.listHistory()).toHaveLength(1);
  });

  it('finds the handshake by listing when the record carries no id', async () => {
    const { organizations, publisher, observe } = await setup();
    organizations.handshakes.set('h-bbbbbbbbbb', handshake('h-bbbbbbbbbb', 'OPEN', '333333333333'));
    organizations.handshakes.set('h-cccccccccc', handshake('h-cccccccccc', 'OPEN', '444444444444'));
    const event = cancelEvent('e-1', 'x') as unknown as { detail: Record<string, unknown> };
    event.detail = { eventSource: 'organizations.amazonaws.com', eventName: 'InviteAccountToOrganization', requestParameters: { target: { id: '333333333333', type: 'ACCOUNT' } }, responseElements: null };
    await observe(event as unknown as OrganizationsEvent);
    expect(publisher.published.map((e) => e.detail.subject)).toEqual(['handshake:h-bbbbbbbbbb']);
  });

  it('is a transient failure when Organizations is unavailable', async () => {
    const { store, organizations, observe } = await setup();
    organizations.describeHandshake = () => Promise.reject(new UpstreamUnavailableError('throttled'));
    await expect(observe(cancelEvent('e-1', 'h-aaaaaaaaaa'))).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(await store.listSnapshots()).toEqual([]);
  });
});
