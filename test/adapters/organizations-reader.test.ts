import type { Server } from 'node:http';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsOrganizationsReader } from '../../shared/adapters/organizations/organizations-reader';
import { UpstreamRejectedError } from '../../shared/domain/errors';
import { credentialsFor } from '../../shared/local/emulators/common/credentials';
import { startJsonEndpoint } from '../../shared/local/stack/aws-json-endpoint';

/** The reader with the real SDK client, over HTTP, against an endpoint whose DescribeOrganization a test sets. */
describe('AwsOrganizationsReader: its own organization (DescribeOrganization)', () => {
  let organizations: { endpoint: string; server: Server };
  let organization: Record<string, unknown> = {};
  beforeAll(async () => {
    organizations = await startJsonEndpoint('AWSOrganizationsV20161128', 'application/x-amz-json-1.1', {
      DescribeOrganization: () => ({ Organization: organization }),
      DescribeHandshake: (input) => ({
        Handshake: {
          Id: input.HandshakeId,
          Arn: `arn:aws:organizations::111111111111:handshake/o-exampleorgid/invite/${String(input.HandshakeId)}`,
          Action: 'INVITE',
          State: 'OPEN',
          Parties: [
            { Id: 'o-exampleorgid', Type: 'ORGANIZATION' },
            { Id: '222222222222', Type: 'ACCOUNT' },
          ],
        },
      }),
    });
  });
  afterAll(() => new Promise<void>((done) => organizations.server.close(() => done())));

  const reader = (): AwsOrganizationsReader =>
    new AwsOrganizationsReader(
      new OrganizationsClient({
        region: 'us-east-1',
        endpoint: organizations.endpoint,
        credentials: credentialsFor('111111111111', 'orgwarden'),
        maxAttempts: 1,
      }),
    );

  it('refuses an answer without the Organization id (a classified, permanent error, not an empty id), and reads again next time', async () => {
    // Prepare
    organization = { MasterAccountId: '111111111111' };
    const subject = reader();

    // Act
    const refused = await subject.describeHandshake('h-exampleid1').then(
      () => undefined,
      (error: unknown) => error,
    );
    organization = { Id: 'o-exampleorgid', MasterAccountId: '111111111111' };
    const read = await subject.describeHandshake('h-exampleid1');

    // Assess
    expect(refused).toBeInstanceOf(UpstreamRejectedError);
    expect(refused).toMatchObject({
      permanent: true,
      code: 'ORGWARDEN_UPSTREAM_REJECTED',
      message: expect.stringContaining('without the Organization id') as string,
    });
    expect(read).toMatchObject({
      id: 'h-exampleid1',
      direction: 'outbound',
      counterparties: [{ id: '222222222222', type: 'ACCOUNT' }],
    });
  });
});
