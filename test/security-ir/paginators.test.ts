import { afterEach, describe, expect, it } from 'vitest';
import {
  paginateListCaseEdits,
  paginateListCases,
  paginateListComments,
  paginateListInvestigations,
  paginateListMemberships,
} from '../../shared/adapters/security-ir';
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
    expect(server.requests.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { maxResults: 25 },
      { maxResults: 25, nextToken: 'page-2' },
    ]);
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

  it('paginateListInvestigations carries nextToken and maxResults in the query string of its GET', async () => {
    // Prepare
    const action = {
      investigationId: 'inv-0123456789',
      actionType: 'Investigation',
      title: 't',
      content: 'c',
      status: 'Completed',
      lastUpdated: 1767225600,
    };
    const pages = [
      { investigationActions: [action], nextToken: 'page 2/2' },
      { investigationActions: [{ ...action, investigationId: 'inv-abcdefghij' }] },
    ];
    server = await startCaptureServer((_req, i) => ({ status: 200, body: pages[i] }));
    const client = testClient(server.endpoint);

    // Act
    const ids: string[] = [];
    for await (const page of paginateListInvestigations({ client, pageSize: 2 }, { caseId: '1234567890' })) {
      ids.push(...page.investigationActions!.map((a) => a.investigationId!));
    }

    // Assess
    expect(ids).toEqual(['inv-0123456789', 'inv-abcdefghij']);
    expect(server.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ['GET', '/v1/cases/1234567890/list-investigations', [['maxResults', '2']], ''],
      [
        'GET',
        '/v1/cases/1234567890/list-investigations',
        [
          ['maxResults', '2'],
          ['nextToken', 'page 2/2'],
        ],
        '',
      ],
    ]);
  });

  it.each([
    ['ListComments', paginateListComments, 'list-comments'],
    ['ListCaseEdits', paginateListCaseEdits, 'list-case-edits'],
  ] as const)('paginate%s follows nextToken in the body of the case route', async (_name, paginate, route) => {
    // Prepare
    const pages = [
      { items: [{}], nextToken: 'n2', total: 2 },
      { items: [{}], total: 2 },
    ];
    server = await startCaptureServer((_req, i) => ({ status: 200, body: pages[i] }));
    const client = testClient(server.endpoint);

    // Act
    let count = 0;
    for await (const page of paginate({ client, pageSize: 1 }, { caseId: '1234567890' }))
      count += page.items?.length ?? 0;

    // Assess
    expect(count).toBe(2);
    expect(server.requests.map((r) => r.path)).toEqual([
      `/v1/cases/1234567890/${route}`,
      `/v1/cases/1234567890/${route}`,
    ]);
    expect(server.requests.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { maxResults: 1 },
      { maxResults: 1, nextToken: 'n2' },
    ]);
  });
});
