import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CloseCaseCommand,
  ListCommentsCommand,
  SecurityIRClient,
  UpdateCaseStatusCommand,
} from '../../shared/adapters/security-ir';
import { AwsSecurityIncidentResponse } from '../../shared/adapters/security-ir/security-ir-port-adapter';
import { SubjectNotFoundError } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/organizations';
import { MANAGEMENT, startSecurityIr, type SecurityIrHarness } from './security-ir-harness';

// What one open case per outside party relies on: GetCase says whether the team closed the case, and a
// comment's clientToken makes a retry post nothing twice.
describe('a case read and commented through the port, on the emulator', () => {
  let h: SecurityIrHarness;
  let port: AwsSecurityIncidentResponse;
  let client: SecurityIRClient;
  let caseId: string;

  beforeEach(async () => {
    h = await startSecurityIr(new Date('2026-03-10T12:00:00Z'));
    client = new SecurityIRClient({
      region: 'us-east-1',
      endpoint: h.endpoint,
      credentials: credentialsFor(MANAGEMENT, 'orgwarden'),
      maxAttempts: 1,
    });
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
    expect(await port.isCaseClosed(caseId)).toBe(false);
    await client.send(new UpdateCaseStatusCommand({ caseId, caseStatus: 'Detection and Analysis' }));
    expect(await port.isCaseClosed(caseId)).toBe(false);
    await client.send(new CloseCaseCommand({ caseId }));
    expect(await port.isCaseClosed(caseId)).toBe(true);
    expect(h.emulator.calls.filter((call) => call.operation === 'GetCase')).toHaveLength(3);
  });

  it('a comment repeated with its clientToken is one comment', async () => {
    const first = await port.commentOnCase(caseId, 'finding 1', 'orgwarden-comment-1');
    const again = await port.commentOnCase(caseId, 'finding 1', 'orgwarden-comment-1');
    expect(again).toEqual(first);
    expect(h.emulator.calls.filter((call) => call.operation === 'CreateCaseComment')).toHaveLength(2);
    const comments = (await client.send(new ListCommentsCommand({ caseId }))).items ?? [];
    expect(comments.map((c) => c.body)).toEqual(['finding 1']);
  });

  it('a case that does not exist is SubjectNotFoundError, naming it', async () => {
    const error = await port.isCaseClosed('1234567890').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubjectNotFoundError);
    expect(error).toMatchObject({ subject: 'security-ir-case:1234567890' });
  });
});
