import { DescribeHandshakeCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { inject, describe, expect, it } from 'vitest';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { buildReport } from '../../shared/local/scenario/report';
import { runScenario } from '../../shared/local/scenario/run-scenario';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { readScenario } from '../support/stack';

describe('scenario: an invitation by email to a known outside account, declined', () => {
  it('lets the outside account act on the invitation; orgwarden, never told, finds the decline when the invitation first comes due', async () => {
    // Prepare
    const scenario = await readScenario('events/scenarios/invite-by-email.json');
    const stack = await LocalStack.start({ start: new Date(scenario.start), managementAccountId: '111111111111', dynamoEndpoint: inject('dynamoEndpoint'), logLevel: 'SILENT' });
    try {
      // Act
      const timeline = await runScenario(scenario, stack);
      const report = await buildReport(stack);
      // Assess: the decline by 555555555555 went through, so the email was that account's.
      expect(timeline.filter((entry) => entry.kind === 'api').map((entry) => entry.text)).toEqual([
        '111111111111 organizations:InviteAccountToOrganization (saved as invite)',
        '555555555555 organizations:DeclineHandshake',
      ]);
      const id = report.snapshots[0]!.subject.slice('handshake:'.length);
      const management = new OrganizationsClient({ region: 'us-east-1', endpoint: stack.endpoints.organizations, credentials: credentialsFor('111111111111', 'scenario') });
      expect((await management.send(new DescribeHandshakeCommand({ HandshakeId: id }))).Handshake?.State).toBe('DECLINED');
      // The decline is logged in the invitee's account: no event told orgwarden. The sweep re-reads
      // the invitation when it first comes due (7 days before it would expire) and records it then,
      // instead of warning that a declined invitation is expiring.
      expect(report.snapshots).toHaveLength(1);
      expect(report.snapshots[0]).toMatchObject({ state: 'DECLINED', version: 2, observedAt: '2026-11-13T10:00:00.000Z' });
      expect(report.history.map((h) => [h.from, h.to, (h.cause as { eventName: string }).eventName])).toEqual([
        [null, 'OPEN', 'InviteAccountToOrganization'],
        ['OPEN', 'DECLINED', 'DeadlineDue'],
      ]);
      expect(report.emitted.map((e) => e['detail-type'])).toEqual(['Handshake State Changed', 'Untrusted Party Detected', 'Handshake State Changed']);
      expect(report.deadLetters).toEqual([]);
    } finally {
      await stack.stop();
    }
  });
});
