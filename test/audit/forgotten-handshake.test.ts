import {
  DeclineHandshakeCommand,
  InviteAccountToOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRunData } from '../../shared/domain/subjects/audit-run';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import type { EmittedEvent } from '../../shared/local/stack/event-bus';
import type { LocalStack } from '../../shared/local/stack/local-stack';
import { scheduledAudit } from '../support/scheduled';
import { startStack } from '../support/stack';

/** A handshake's announced change, as `<after>` of its subject. */
const changes = (events: readonly EmittedEvent[]): string[] =>
  events
    .filter((e) => e['detail-type'] === 'Handshake State Changed')
    .map((e) => e.detail as { subject: string; before: string | null; after: string })
    .map((d) => `${d.subject} ${d.before ?? '(new)'} -> ${d.after}`)
    .sort();

/**
 * A stored OPEN invitation the API has forgotten (declined by its invitee, whose call is logged in
 * its own account only, and closed over 30 days ago while orgwarden missed it) in the same audit
 * batch as two declines found that hour: the real audit handler on DynamoDB Local and the
 * Organizations emulator over HTTP.
 */
describe('an audit batch with a forgotten open handshake', () => {
  let stack: LocalStack;
  let forgotten: string;
  let declined: string[];
  let report: AuditRunData;
  let announced: EmittedEvent[];

  const audit = async (time: string): Promise<AuditRunData> => {
    stack.clock.set(new Date(time));
    const result = (await stack.runtime.invoke('audit', scheduledAudit(time))) as AuditRunData;
    await stack.bus.settle();
    return result;
  };

  beforeAll(async () => {
    // Prepare: the first audit (the import) of an empty organization, then an invitation recorded OPEN.
    stack = await startStack('2026-09-01T09:00:00Z');
    const management = new OrganizationsClient({
      region: 'us-east-1',
      endpoint: stack.endpoints.organizations,
      credentials: credentialsFor('111111111111', 'scenario'),
    });
    const answer = (account: string, handshakeId: string) =>
      new OrganizationsClient({
        region: 'us-east-1',
        endpoint: stack.endpoints.organizations,
        credentials: credentialsFor(account, 'scenario'),
      }).send(new DeclineHandshakeCommand({ HandshakeId: handshakeId }));
    const invite = async (account: string): Promise<string> => {
      const id = (
        await management.send(new InviteAccountToOrganizationCommand({ Target: { Id: account, Type: 'ACCOUNT' } }))
      ).Handshake!.Id!;
      await stack.bus.settle();
      return id;
    };
    await audit('2026-09-01T09:00:00Z');
    forgotten = await invite('333333333333');
    await answer('333333333333', forgotten);
    // 31 days pass with no audit (orgwarden missed the decline): the API forgets the closed handshake.
    stack.clock.set(new Date('2026-10-02T09:00:00Z'));
    await stack.organizations.tick();
    // Two invitations of that day, declined by their invitees within the hour.
    declined = [await invite('222222222222'), await invite('444444444444')];
    for (const [index, account] of ['222222222222', '444444444444'].entries()) await answer(account, declined[index]!);
    const mark = stack.bus.emitted.length;

    // Act
    report = await audit('2026-10-02T09:40:00Z');
    announced = stack.bus.emitted.slice(mark);
  }, 120_000);
  afterAll(() => stack?.stop());

  it('records and announces both declines, and closes the forgotten one as VANISHED, in one run', async () => {
    // Assess
    expect(report.state).toBe('COMPLETE');
    expect(report.sources.find((s) => s.kind === 'handshake')).toMatchObject({ fed: 3, changed: 3, gone: 1 });
    expect(changes(announced)).toEqual(
      [
        `handshake:${declined[0]} OPEN -> DECLINED`,
        `handshake:${declined[1]} OPEN -> DECLINED`,
        `handshake:${forgotten} OPEN -> VANISHED`,
      ].sort(),
    );
    expect((await stack.store.getSnapshot(`handshake:${forgotten}`))?.state).toBe('VANISHED');
    expect(stack.deadLetters).toEqual([]);
  });

  it('leaves it closed: the next run reads nothing of it, announces only its run, and dead-letters nothing', async () => {
    // Act
    const mark = stack.bus.emitted.length;
    const next = await audit('2026-10-02T10:40:00Z');
    // Assess
    expect(next).toMatchObject({ state: 'COMPLETE', findings: 0 });
    expect(stack.bus.emitted.slice(mark).map((e) => e['detail-type'])).toEqual(['Audit Completed']);
    expect((await stack.store.listHistory(`handshake:${forgotten}`)).map((t) => t.to)).toEqual(['OPEN', 'VANISHED']);
    expect(stack.deadLetters).toEqual([]);
  });
});
