import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GetMembershipCommand, SecurityIRClient, type SecurityIRClientConfig } from '../../shared/adapters/security-ir';
import { TEST_CREDENTIALS } from './support/client';
import { MEMBERSHIP_ID } from './support/inputs';

/** Sends GetMembership through the whole middleware stack and returns the request the handler was given. */
const resolvedRequest = async (config: Partial<SecurityIRClientConfig>): Promise<HttpRequest> => {
  let captured: HttpRequest | undefined;
  const client = new SecurityIRClient({
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...config,
    requestHandler: {
      handle: (request: HttpRequest) => {
        captured = request;
        const body = Readable.from([Buffer.from(JSON.stringify({ membershipId: MEMBERSHIP_ID }))]);
        return Promise.resolve({ response: new HttpResponse({ statusCode: 200, headers: {}, body }) });
      },
    },
  });
  await client.send(new GetMembershipCommand({ membershipId: MEMBERSHIP_ID }));
  if (!captured) throw new Error('no request reached the handler');
  return captured;
};

const origin = (r: HttpRequest): string => `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}`;

// Expected hosts: the URL templates of endpoint-rule-set-1.json (`https://security-ir[-fips].{Region}.
// {PartitionResult#dualStackDnsSuffix}`) with the partitions' dual-stack DNS suffixes.
describe('Security IR endpoint resolution from the rule set', () => {
  it.each([
    ['us-east-1', 'https://security-ir.us-east-1.api.aws'],
    ['eu-west-1', 'https://security-ir.eu-west-1.api.aws'],
    ['us-gov-west-1', 'https://security-ir.us-gov-west-1.api.aws'],
    ['cn-north-1', 'https://security-ir.cn-north-1.api.amazonwebservices.com.cn'],
  ])('region %s resolves to %s', async (region, expected) => {
    // Prepare, Act
    const request = await resolvedRequest({ region });

    // Assess
    expect(origin(request)).toBe(expected);
    expect(request.path).toBe(`/v1/membership/${MEMBERSHIP_ID}`);
    expect(request.headers.authorization).toContain(`/${region}/security-ir/aws4_request`);
  });

  it('uses the FIPS endpoint when useFipsEndpoint is set', async () => {
    // Prepare, Act
    const request = await resolvedRequest({ region: 'us-east-1', useFipsEndpoint: true });

    // Assess
    expect(origin(request)).toBe('https://security-ir-fips.us-east-1.api.aws');
  });

  it('treats a fips- region name as a FIPS request in the real region', async () => {
    // Prepare, Act
    const request = await resolvedRequest({ region: 'fips-us-west-2' });

    // Assess
    expect(origin(request)).toBe('https://security-ir-fips.us-west-2.api.aws');
    expect(request.headers.authorization).toContain('/us-west-2/security-ir/aws4_request');
  });

  it('is dual-stack already: useDualstackEndpoint changes nothing (the rule set has no such parameter)', async () => {
    // Prepare, Act
    const request = await resolvedRequest({ region: 'us-east-1', useDualstackEndpoint: true });

    // Assess
    expect(origin(request)).toBe('https://security-ir.us-east-1.api.aws');
  });

  it('lets a custom endpoint win over the region', async () => {
    // Prepare, Act
    const request = await resolvedRequest({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:4599/prefix' });

    // Assess
    expect(origin(request)).toBe('http://127.0.0.1:4599');
    expect(request.path).toBe(`/prefix/v1/membership/${MEMBERSHIP_ID}`);
    expect(request.headers.authorization).toContain('/eu-west-1/security-ir/aws4_request');
  });

  it('refuses FIPS with a custom endpoint, as the rule set says', async () => {
    // Prepare, Act
    const result = resolvedRequest({ region: 'us-east-1', useFipsEndpoint: true, endpoint: 'https://example.test' });

    // Assess
    await expect(result).rejects.toThrow('Invalid Configuration: FIPS and custom endpoint are not supported');
  });
});
