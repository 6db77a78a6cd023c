import { describe, expect, it } from 'vitest';
import { UpstreamUnavailableError } from '../../shared/domain/errors';
import type { HandshakeData } from '../../shared/domain/subjects/handshake';
import { observeSubjects, type ObserveRequest } from '../../shared/use-cases/pipeline/observe-subjects';
import { handshake } from '../support/fakes';
import { inMemoryWorld } from '../support/pipeline';

const found =
  (...ids: string[]): ObserveRequest['discover'] =>
  () =>
    Promise.resolve(ids.map((id) => ({ ref: { kind: id.startsWith('rt-') ? 'transfer' : 'handshake', id } })));

/** A batch of subjects found by reading (as the audit feeds them): one that cannot be read never blocks the others. */
describe('a batch with a subject that cannot be read (the in-memory store, fake Organizations)', () => {
  it('records the others, and leaves one the service no longer knows unrecorded with its reason', async () => {
    // Prepare: two declines, and a transfer id the service does not know (and orgwarden never recorded).
    const world = await inMemoryWorld();
    world.organizations.handshakes.set('h-declined01', handshake('h-declined01', 'DECLINED'));
    world.organizations.handshakes.set('h-declined02', handshake('h-declined02', 'DECLINED'));
    const observe = observeSubjects(world.deps());
    // Act
    const result = await observe({
      cause: { eventId: 'batch-1', eventName: 'Audit', source: 'orgwarden.audit' },
      subjects: [],
      discover: found('h-declined01', 'rt-unknownone01', 'h-declined02'),
      remainingMs: 30_000,
    });
    // Assess
    expect(result.recorded).toEqual(
      expect.arrayContaining([
        { subject: 'handshake:h-declined01', outcome: 'changed' },
        { subject: 'handshake:h-declined02', outcome: 'changed' },
        {
          subject: 'transfer:rt-unknownone01',
          outcome: 'not-found',
          reason: expect.stringContaining('no longer known to the service'),
        },
      ]),
    );
    expect(world.publisher.published.map((e) => e.detail.subject).sort()).toEqual([
      'handshake:h-declined01',
      'handshake:h-declined02',
    ]);
    expect(await world.store.getProcessed('batch-1')).toMatchObject({
      outcomes: { 'transfer:rt-unknownone01': 'not-found' },
      reasons: { 'transfer:rt-unknownone01': expect.any(String) },
    });
  });

  it('commits the others when one read fails transiently, then fails the cause so that the retry reads that one again', async () => {
    // Prepare: DescribeHandshake of one of three fails once (throttled beyond the SDK's retries).
    const world = await inMemoryWorld();
    for (const id of ['h-declined01', 'h-throttled1', 'h-declined02'])
      world.organizations.handshakes.set(id, handshake(id, 'DECLINED'));
    const describe = world.organizations.describeHandshake.bind(world.organizations);
    let failures = 1;
    world.organizations.describeHandshake = (id: string): Promise<HandshakeData | undefined> =>
      id === 'h-throttled1' && failures-- > 0
        ? Promise.reject(new UpstreamUnavailableError('DescribeHandshake: TooManyRequestsException'))
        : describe(id);
    const observe = observeSubjects(world.deps());
    const request: ObserveRequest = {
      cause: { eventId: 'batch-2', eventName: 'Audit', source: 'orgwarden.audit' },
      subjects: [],
      discover: found('h-declined01', 'h-throttled1', 'h-declined02'),
      remainingMs: 30_000,
    };
    // Act
    const first = await observe(request).catch((error: unknown) => error);
    const committed = (await world.store.listSnapshots('handshake:')).map((s) => s.subject).sort();
    const processedAfterFirst = await world.store.getProcessed('batch-2');
    const retry = await observe(request);
    // Assess
    expect(first).toBeInstanceOf(UpstreamUnavailableError);
    expect(committed).toEqual(['handshake:h-declined01', 'handshake:h-declined02']);
    expect(processedAfterFirst).toBeUndefined();
    expect(retry.recorded).toEqual(
      expect.arrayContaining([
        { subject: 'handshake:h-declined01', outcome: 'committed-before' },
        { subject: 'handshake:h-throttled1', outcome: 'changed' },
        { subject: 'handshake:h-declined02', outcome: 'committed-before' },
      ]),
    );
    expect(world.publisher.published.map((e) => e.detail.subject).sort()).toEqual([
      'handshake:h-declined01',
      'handshake:h-declined02',
      'handshake:h-throttled1',
    ]);
  });
});
