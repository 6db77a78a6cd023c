import { afterEach, describe, expect, it } from 'vitest';
import { paginateListCases, paginateListMemberships } from '../../shared/adapters/security-ir';
import { startCaptureServer, type CaptureServer } from './support/capture-server';
import { testClient } from './support/client';

describe('Security IR paginators', () => {
  let server: CaptureServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('paginateListMemberships follows nextToken in the body and passes the page size', async () => {
    // Prepare
    const pages = [
      { items: [{ membershipId: 'm-aaaaaaaaaa' }], nextToken: 'page-2' },
      { items: [{ membershipId: 'm-bbbbbbbbbb' }] },
    ];
    server = await startCaptureServer((_req, i) => ({ status: 200, body: pages[i] }));
    const client = testClient(server.endpoint);

    // Act
    const ids: string[] = [];
    for await (const page of paginateListMemberships({ client, pageSize: 25 }, {})) {
      ids.push(...(page.items ?? []).map((m) => m.membershipId!));
    }

    // Assess
    expect(ids).toEqual(['m-aaaaaaaaaa', 'm-bbbbbbbbbb']);
    expect(server.requests.map((r) => JSON.parse(r.body) as unknown)).toEqual([{ maxResults: 25 }, { maxResults: 25, nextToken: 'page-2' }]);
  });

  it('paginateListCases stops when the service returns no nextToken', async () => {
    // Prepare
    server = await startCaptureServer(() => ({ status: 200, body: { items: [{ caseId: '1234567890' }], total: 1 } }));
    const client = testClient(server.endpoint);

    // Act
    const pages = [];
    for await (const page of paginateListCases({ client }, {})) pages.push(page);

    // Assess
    expect(pages).toHaveLength(1);
    expect(pages[0]!.items?.[0]?.caseId).toBe('1234567890');
    expect(server.requests).toHaveLength(1);
  });
});
