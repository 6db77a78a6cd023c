import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCaseCommand, SecurityIRClient, UpdateCaseStatusCommand } from '../../shared/adapters/security-ir';
import { AwsSecurityIncidentResponse } from '../../shared/adapters/security-ir/security-ir-port-adapter';
import { SubjectNotFoundError } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/organizations';
import { MANAGEMENT, startSecurityIr, type SecurityIrHarness } from './security-ir-harness';

// The reads behind one open case per outside party: GetCase (closed or not) and ListComments (a retry's re-read).
describe('a case read through the port: GetCase and ListComments on the emulator', () => {
  let h: SecurityIrHarness;
  let port: AwsSecurityIncidentResponse;
  let client: SecurityIRClient;
  let caseId: string;

  beforeEach(async () => {
    h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'));
    client = new SecurityIRClient({ region: 'us-east-1', endpoint: h.endpoint, credentials: credentialsFor(MANAGEMENT, 'orgwarden'), maxAttempts: 1 });
    port = new AwsSecurityIncidentResponse(client);
    await h.createMembership();
    ({ caseId } = await port.openCase({
      clientToken: 'orgwarden-case-1',
      title: 'orgwarden: untrusted party',
      description: 'A billing invitation from an organization the policy does not trust.',
      reportedIncidentStartDate: '2026-03-10T11:59:00Z',
      impactedAccounts: [],
      watchers: [{ email: 'secops@example.com' }],
    }));
  });
  afterEach(async () => {
    expect(h.emulator.responseViolations).toEqual([]);
    client.destroy();
    await h.stop();
  });

  it('says a case is open while it is in any status but Closed, and closed once the team closed it', async () => {
    expect(await port.readCase(caseId)).toEqual({ id: caseId, status: 'Submitted', closed: false });
    await client.send(new UpdateCaseStatusCommand({ caseId, caseStatus: 'Detection and Analysis' }));
    expect(await port.readCase(caseId)).toEqual({ id: caseId, status: 'Detection and Analysis', closed: false });
    await client.send(new CloseCaseCommand({ caseId }));
    expect(await port.readCase(caseId)).toEqual({ id: caseId, status: 'Closed', closed: true });
  });

  it('reads every comment, over pages of 25 (the model’s largest)', async () => {
    for (let i = 1; i <= 27; i++) await port.commentOnCase(caseId, `finding ${i}`, `orgwarden-comment-${i}`);
    const comments = await port.listCaseComments(caseId);
    expect(comments.map((c) => c.body)).toEqual(Array.from({ length: 27 }, (_, i) => `finding ${i + 1}`));
    expect(h.emulator.calls.filter((call) => call.operation === 'ListComments').map((call) => (call.input as { maxResults?: number }).maxResults)).toEqual([25, 25]);
  });

  it('a comment repeated with its clientToken is one comment', async () => {
    const first = await port.commentOnCase(caseId, 'finding 1', 'orgwarden-comment-1');
    const again = await port.commentOnCase(caseId, 'finding 1', 'orgwarden-comment-1');
    expect(again).toEqual(first);
    expect(await port.listCaseComments(caseId)).toHaveLength(1);
  });

  it('a case that does not exist is SubjectNotFoundError, for both reads', async () => {
    await expect(port.readCase('1234567890')).rejects.toBeInstanceOf(SubjectNotFoundError);
    await expect(port.listCaseComments('1234567890')).rejects.toMatchObject({ subject: 'security-ir-case:1234567890' });
  });
});
