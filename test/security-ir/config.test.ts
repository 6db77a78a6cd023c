import { afterEach, describe, expect, it, vi } from 'vitest';
import { GetMembershipCommand, ListMembershipsCommand, SecurityIRClient } from '../../shared/adapters/security-ir';
import { startCaptureServer, type CaptureServer } from './support/capture-server';
import { MEMBERSHIP_ID } from './support/inputs';

describe('SecurityIRClient configuration', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server?.close();
    server = undefined;
  });

  it('takes credentials from the standard Node.js chain when none are given', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFROMENV');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-from-env');
    vi.stubEnv('AWS_SESSION_TOKEN', 'session-from-env');
    server = await startCaptureServer(() => ({ status: 200, body: { membershipId: MEMBERSHIP_ID } }));
    const client = new SecurityIRClient({ region: 'eu-west-1', endpoint: server.endpoint });

    // Act
    await client.send(new GetMembershipCommand({ membershipId: MEMBERSHIP_ID }));

    // Assess
    const headers = server.requests[0]!.headers;
    expect(headers.authorization).toContain('Credential=AKIDFROMENV/');
    expect(headers['x-amz-security-token']).toBe('session-from-env');
  });

  it("logs calls with the model's sensitive members redacted", async () => {
    // Prepare
    server = await startCaptureServer(() => ({
      status: 200,
      body: { membershipId: MEMBERSHIP_ID, membershipName: 'Top Secret Team' },
    }));
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const client = new SecurityIRClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      logger,
    });

    // Act
    const out = await client.send(new GetMembershipCommand({ membershipId: MEMBERSHIP_ID }));

    // Assess
    expect(out.membershipName).toBe('Top Secret Team');
    const logged = JSON.stringify(logger.info.mock.calls);
    expect(logged).toContain(MEMBERSHIP_ID);
    expect(logged).not.toContain('Top Secret Team');
  });

  it('reports each call to the given logger, and accepts retryMode adaptive', async () => {
    // Prepare
    server = await startCaptureServer(() => ({ status: 200, body: { items: [] } }));
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const client = new SecurityIRClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      logger,
      retryMode: 'adaptive',
      maxAttempts: 4,
    });

    // Act
    await client.send(new ListMembershipsCommand({}));

    // Assess
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ clientName: 'SecurityIRClient', commandName: 'ListMembershipsCommand' }),
    );
    expect(server.requests[0]!.headers['amz-sdk-request']).toBe('attempt=1; max=4');
  });
});
