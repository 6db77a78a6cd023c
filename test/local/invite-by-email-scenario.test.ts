import { DescribeHandshakeCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { inject, describe, expect, it } from 'vitest';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { buildReport } from '../../shared/local/scenario/report';
import { runScenario } from '../../shared/local/scenario/run-scenario';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { readScenario } from '../support/stack';

describe('scenario: an invitation by email to a known outside account, declined', () => {
  it('lets the outside account act on the invitation; orgwarden, never told, finds the decline at the next audit', async () => {
    // Prepare
    const scenario = await readScenario('events/scenarios/invite-by-email.json');
    const stack = await LocalStack.start({
      start: new Date(scenario.start),
      managementAccountId: '111111111111',
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
    });
    try {
      // Act
      const timeline = await runScenario(scenario, stack);
      const report = await buildReport(stack);
      // Assess: the decline by 555555555555 went through, so the email was that account's.
      expect(timeline.filter((entry) => entry.kind === 'api').map((entry) => entry.text)).toEqual([
        '111111111111 organizations:InviteAccountToOrganization (saved as invite)',
        '555555555555 organizations:DeclineHandshake',
      ]);
      const id = report.snapshots.find((s) => s.subject.startsWith('handshake:'))!.subject.slice('handshake:'.length);
      const management = new OrganizationsClient({
        region: 'us-east-1',
        endpoint: stack.endpoints.organizations,
        credentials: credentialsFor('111111111111', 'scenario'),
      });
      expect((await management.send(new DescribeHandshakeCommand({ HandshakeId: id }))).Handshake?.State).toBe(
        'DECLINED',
      );
      // The decline is logged in the invitee's account: no event told orgwarden. The hourly audit after
      // the world changed (12:00) finds it, instead of a sweep warning days later that it is expiring.
      const handshake = report.snapshots.find((s) => s.subject.startsWith('handshake:'))!;
      expect(handshake).toMatchObject({ state: 'DECLINED', version: 2, observedAt: '2026-11-05T12:00:00.000Z' });
      expect(
        report.history
          .filter((h) => h.subject === handshake.subject)
          .map((h) => [h.from, h.to, (h.cause as { eventName: string }).eventName]),
      ).toEqual([
        [null, 'OPEN', 'InviteAccountToOrganization'],
        ['OPEN', 'DECLINED', 'Audit'],
      ]);
      // The first audit (11:00, after the invitation) found nothing new; the second (12:00, after the decline) found
      // it.
      expect(report.emitted.map((e) => `${e.time} ${e['detail-type']}`)).toEqual([
        '2026-11-05T10:00:00Z Handshake State Changed',
        '2026-11-05T10:00:00Z Untrusted Party Detected',
        '2026-11-05T11:00:00Z Audit Completed',
        '2026-11-05T12:00:00Z Handshake State Changed',
        '2026-11-05T12:00:00Z Audit Completed',
      ]);
      expect(report.deadLetters).toEqual([]);
    } finally {
      await stack.stop();
    }
  });
});
