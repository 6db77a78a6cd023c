import { describe, expect, it } from 'vitest';
import { MalformedEventError, SubjectNotFoundError, UpstreamUnavailableError } from '../../shared/domain/errors';
import { handshake } from '../support/fakes';
import { cancelEvent, joinedEvent, organizationsEvent, pipelineWorld } from '../support/pipeline';

describe('the pipeline (real store on DynamoDB Local, fake Organizations)', () => {
  it('records the first sighting of a handshake, publishes it once with its key, and marks the event processed', async () => {
    // Prepare
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    // Act
    const result = await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    // Assess
    expect(result).toMatchObject({
      outcome: 'processed',
      recorded: [{ subject: 'handshake:h-aaaaaaaaaa', outcome: 'changed' }],
      effects: { done: 1, failed: 0, released: 0 },
    });
    expect(world.publisher.published).toHaveLength(1);
    expect(world.publisher.published[0]).toMatchObject({
      detailType: 'Handshake State Changed',
      detail: { key: 'handshake:h-aaaaaaaaaa@v1', before: null, after: 'OPEN', version: 1 },
    });
    expect((await world.store.getLedger('handshake:h-aaaaaaaaaa#v1#publish'))?.status).toBe('done');
    expect(await world.store.getProcessed('e-1')).toMatchObject({ outcomes: { 'handshake:h-aaaaaaaaaa': 'changed' } });
  });

  it('costs one change exactly: one batch read, one AWS read, one transaction, one publish, one settlement', async () => {
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    expect(world.dynamo.operations).toEqual(['BatchGetItem', 'TransactWriteItems', 'TransactWriteItems']);
    expect(world.organizations.reads).toBe(1);
    expect(world.publisher.calls).toBe(1);
  });

  it('answers a duplicate delivery with one DynamoDB request and no AWS call', async () => {
    // Prepare
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    const [requests, reads, calls] = [world.dynamo.count(), world.organizations.reads, world.publisher.calls];
    // Act
    const again = await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    // Assess
    expect(again).toMatchObject({ outcome: 'duplicate' });
    expect(world.dynamo.count() - requests).toBe(1);
    expect(world.organizations.reads - reads).toBe(0);
    expect(world.publisher.calls - calls).toBe(0);
  });

  it('writes only the processed mark for an event that changed nothing (two requests and the re-read)', async () => {
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    const requests = world.dynamo.count();
    world.clock.advance(1000);
    const unchanged = await world.react(cancelEvent('e-2', 'h-aaaaaaaaaa'));
    expect(unchanged).toMatchObject({ outcome: 'processed', recorded: [{ outcome: 'unchanged' }] });
    expect(world.dynamo.operations.slice(requests)).toEqual(['BatchGetItem', 'PutItem']);
    expect(world.publisher.published).toHaveLength(1);
  });

  it('gives one history entry and one published event for the same event delivered five times at once', async () => {
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'CANCELED'));
    await Promise.all(Array.from({ length: 5 }, () => world.react(cancelEvent('e-dup', 'h-aaaaaaaaaa'))));
    expect(await world.store.listHistory()).toHaveLength(1);
    expect(world.publisher.keys()).toEqual(['handshake:h-aaaaaaaaaa@v1']);
  });

  it('keeps the newest state when events arrive newest first', async () => {
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'CANCELED'));
    await world.react(cancelEvent('e-2', 'h-aaaaaaaaaa'));
    // The older event is processed later; a re-read can only see the present, and a move out of a closed state is
    // stale.
    world.clock.advance(1000);
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'OPEN'));
    const late = await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    expect(late).toMatchObject({ recorded: [{ outcome: 'stale' }] });
    expect((await world.store.getSnapshot('handshake:h-aaaaaaaaaa'))?.state).toBe('CANCELED');
    expect(world.publisher.published).toHaveLength(1);
  });

  it('writes nothing when the handshake does not exist', async () => {
    const world = await pipelineWorld();
    await expect(world.react(cancelEvent('e-1', 'h-doesnotexist'))).rejects.toBeInstanceOf(SubjectNotFoundError);
    expect(await world.store.listSnapshots()).toEqual([]);
    expect(await world.store.getJournal('e-1', 'handshake:h-doesnotexist')).toBeUndefined();
    expect(await world.store.getProcessed('e-1')).toBeUndefined();
  });

  it('counts a closed handshake the API has forgotten (closed over 30 days ago) as unchanged, not as an error', async () => {
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-aaaaaaaaaa', handshake('h-aaaaaaaaaa', 'ACCEPTED'));
    await world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'));
    world.organizations.handshakes.delete('h-aaaaaaaaaa');
    world.clock.advance(31 * 86_400_000);
    await expect(world.react(cancelEvent('e-old-replayed', 'h-aaaaaaaaaa'))).resolves.toMatchObject({
      outcome: 'processed',
      recorded: [{ outcome: 'unchanged' }],
    });
  });

  it('is a transient failure, with nothing written, when Organizations is unavailable', async () => {
    const world = await pipelineWorld();
    world.organizations.describeHandshake = () => Promise.reject(new UpstreamUnavailableError('throttled'));
    await expect(world.react(cancelEvent('e-1', 'h-aaaaaaaaaa'))).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(await world.store.listSnapshots()).toEqual([]);
  });

  it('finds the handshake by listing when the record carries no id', async () => {
    const world = await pipelineWorld();
    world.organizations.handshakes.set('h-bbbbbbbbbb', handshake('h-bbbbbbbbbb', 'OPEN', '333333333333'));
    world.organizations.handshakes.set('h-cccccccccc', handshake('h-cccccccccc', 'OPEN', '444444444444'));
    await world.react(
      organizationsEvent('e-1', 'InviteAccountToOrganization', {
        requestParameters: { target: { id: '333333333333', type: 'ACCOUNT' } },
        responseElements: null,
      }),
    );
    expect(world.publisher.published.map((e) => e.detail.subject)).toEqual(['handshake:h-bbbbbbbbbb']);
  });

  it('sees an invitation sent to an email address as accepted when the account with that email joins', async () => {
    // Prepare: invited by email (recorded open from the call's record); the invitee accepted in its own
    // account (no event for that).
    const world = await pipelineWorld();
    world.organizations.handshakes.set(
      'h-email00001',
      handshake('h-email00001', 'OPEN', 'Security-Lab@example.com', 'EMAIL'),
    );
    await world.react(
      organizationsEvent('e-invite', 'InviteAccountToOrganization', {
        responseElements: { handshake: { id: 'h-email00001' } },
      }),
    );
    const announcedBefore = world.publisher.published.length;
    world.organizations.handshakes.set(
      'h-email00001',
      handshake('h-email00001', 'ACCEPTED', 'Security-Lab@example.com', 'EMAIL'),
    );
    world.organizations.accounts.set('555555555555', {
      id: '555555555555',
      state: 'JOINED',
      email: 'security-lab@example.com',
      joinedMethod: 'INVITED',
      accountState: 'ACTIVE',
    });
    // Act
    await world.react(joinedEvent('e-join', '555555555555'));
    // Assess
    expect((await world.store.getSnapshot('handshake:h-email00001'))?.state).toBe('ACCEPTED');
    expect((await world.store.getSnapshot('account:555555555555'))?.state).toBe('JOINED');
    expect(
      world.publisher.published
        .slice(announcedBefore)
        .map((e) => e.detail.subject)
        .sort(),
    ).toEqual(['account:555555555555', 'handshake:h-email00001']);
  });

  it('does not search invitations for an account created in the organization', async () => {
    const world = await pipelineWorld();
    world.organizations.accounts.set('666666666666', {
      id: '666666666666',
      state: 'JOINED',
      joinedMethod: 'CREATED',
      accountState: 'ACTIVE',
    });
    await world.react(joinedEvent('e-created', '666666666666', { joinedMethod: 'CREATED' }));
    expect(world.organizations.reads).toBe(1);
  });

  it('creates no subject for the management account named in a membership record', async () => {
    const world = await pipelineWorld();
    world.organizations.accounts.set('555555555555', { id: '555555555555', state: 'JOINED', joinedMethod: 'CREATED' });
    await world.react(
      joinedEvent('e-join', '555555555555', { managementAccountId: '111111111111', organizationId: 'o-exampleorgid' }),
    );
    // The member and where it sits; nothing of the management account.
    expect((await world.store.listSnapshots()).map((s) => s.subject)).toEqual([
      'account:555555555555',
      'placement:555555555555',
    ]);
  });

  it('refuses a membership record that names only the management account, before reading anything', async () => {
    const world = await pipelineWorld();
    await expect(world.react(joinedEvent('e-join', '111111111111'))).rejects.toBeInstanceOf(MalformedEventError);
    expect(world.organizations.reads).toBe(0);
    expect(world.dynamo.count()).toBe(0);
  });
});
