import type { ReportInput } from '../../shared/local/report';

/** A subject that would run script if it reached the page unescaped. */
export const HOSTILE = 'handshake:<img src=x onerror="window.__pwned=1">';

/** An outside party's email that would run script, and reorder the text (U+202E), if shown raw. */
export const EVIL_EMAIL = 'evil\u202e@<b>x</b>.example';

/** A run with every part of the report, some of its strings hostile (they come from events). */
export const richInput = (): ReportInput => ({
  title: 'Everything <b>bold</b>',
  source: 'a test',
  generatedAt: '2026-11-30T00:00:00.000Z',
  snapshots: [
    {
      subject: 'handshake:h-open1',
      state: 'OPEN',
      version: 1,
      observedAt: '2026-11-02T09:00:00.000Z',
      data: { expiresAt: '2026-11-17T09:00:00.000Z' },
    },
    {
      subject: 'handshake:h-closed',
      state: 'CANCELED',
      version: 2,
      observedAt: '2026-11-04T08:00:00.000Z',
      data: { expiresAt: '2026-11-17T09:05:00.000Z' },
    },
    { subject: 'handshake:h-nodate', state: 'OPEN', version: 1, observedAt: '2026-11-02T09:00:00.000Z', data: {} },
    {
      subject: 'transfer:rt-1',
      state: 'ACTIVE',
      version: 3,
      observedAt: '2026-11-10T00:00:00.000Z',
      data: {
        direction: 'outbound',
        sourceAccountId: '111111111111',
        targetAccountId: '777777777777',
        startAt: '2026-12-01T00:00:00.000Z',
        endAt: '2026-12-31T23:59:59.000Z',
      },
    },
    {
      subject: 'coverage:333333333333',
      state: 'Unassociated',
      version: 1,
      observedAt: '2026-11-05T00:00:00.000Z',
      data: {},
    },
    {
      subject: 'account:333333333333',
      state: 'JOINED',
      version: 1,
      observedAt: '2026-11-05T00:00:00.000Z',
      data: { name: 'sandbox', email: 'sandbox@example.com' },
    },
    {
      subject: HOSTILE,
      state: 'OPEN</td><script>window.__pwned=2</script>',
      version: 1,
      observedAt: '2026-11-03T00:00:00.000Z',
      data: {},
    },
  ],
  history: [
    {
      subject: 'handshake:h-open1',
      from: null,
      to: 'OPEN',
      at: '2026-11-02T09:00:00.000Z',
      cause: { eventName: 'InviteAccountToOrganization', source: 'aws.organizations' },
    },
    {
      subject: 'handshake:h-closed',
      from: null,
      to: 'OPEN',
      at: '2026-11-02T09:05:00.000Z',
      cause: { eventName: 'InviteAccountToOrganization' },
    },
    {
      subject: 'handshake:h-closed',
      from: 'OPEN',
      to: 'CANCELED',
      at: '2026-11-04T08:00:00.000Z',
      cause: { eventName: 'CancelHandshake' },
    },
    {
      subject: HOSTILE,
      from: null,
      to: 'OPEN',
      at: '2026-11-03T00:00:00.000Z',
      cause: { eventName: '</script><script>window.__pwned=3</script>', source: '"><svg onload=window.__pwned=4>' },
    },
  ],
  emitted: [
    {
      source: 'orgwarden',
      'detail-type': 'Untrusted Party Detected',
      detail: {
        subject: HOSTILE,
        version: 1,
        observedAt: '2026-11-03T00:00:00.000Z',
        relationship: 'invitation-sent',
        parties: [{ id: EVIL_EMAIL, type: 'EMAIL' }],
        reaction: 'untrustedInvitation',
        mode: 'enforce',
        state: 'OPEN',
      },
      time: '2026-11-03T00:00:00Z',
    },
    {
      source: 'orgwarden',
      'detail-type': 'Handshake Expiring',
      detail: {
        subject: 'handshake:h-open1',
        deadline: 'expiry',
        dueAt: '2026-11-17T09:00:00.000Z',
        leadTime: '7d',
        state: 'OPEN',
        summary: {},
      },
      time: '2026-11-10T09:00:00Z',
    },
    {
      source: 'orgwarden',
      'detail-type': 'Reaction Executed',
      detail: {
        subject: 'transfer:rt-1',
        version: 3,
        action: 'notify-before-end',
        outcome: 'executed',
        at: '2026-11-10T00:00:00.000Z',
      },
      time: '2026-11-10T00:00:00Z',
    },
    {
      source: 'orgwarden',
      'detail-type': 'Reaction Failed',
      detail: {
        subject: HOSTILE,
        version: 1,
        action: 'cancel-handshake',
        target: 'h-x',
        outcome: 'failed',
        reason: 'CancelHandshake: AccessDeniedException: <i>denied</i>',
        at: '2026-11-11T00:00:00.000Z',
      },
      time: '2026-11-11T00:00:00Z',
    },
    {
      source: 'orgwarden',
      'detail-type': 'Coverage Gap Detected',
      detail: {
        subject: 'account:333333333333',
        accountId: '333333333333',
        membershipId: 'm-1',
        coverageMode: 'OrganizationalUnits',
        coverage: 'Unassociated',
        parentId: 'r-abcd',
        trigger: 'joined',
        mode: 'notify',
        at: '2026-11-05T00:00:00.000Z',
      },
      time: '2026-11-05T00:00:00Z',
    },
    {
      source: 'orgwarden',
      'detail-type': 'Unrecognized Value Detected',
      detail: {
        field: 'handshake.state',
        value: 'FROZEN<script>',
        subject: 'handshake:h-nodate',
        version: 1,
        observedAt: '2026-11-02T09:00:00.000Z',
      },
      time: '2026-11-02T09:00:00Z',
    },
    {
      source: 'orgwarden',
      'detail-type': 'Audit Completed',
      detail: {
        schemaVersion: 1,
        subject: 'audit-run:20261112T000000Z',
        after: 'COMPLETE',
        audit: {
          id: '20261112T000000Z',
          import: false,
          startedAt: '2026-11-12T00:00:00.000Z',
          finishedAt: '2026-11-12T00:05:00.000Z',
          durationMs: 300_000,
          sources: [
            { kind: 'account', listed: 12, changed: 1, gone: 0, unannounced: 1, complete: true, calls: 3 },
            {
              kind: 'macie-member',
              scope: 'eu-west-1',
              listed: 2,
              changed: 0,
              gone: 0,
              unannounced: 0,
              complete: false,
              calls: 1,
            },
          ],
          findings: 1,
          unannounced: 1,
          calls: 4,
        },
      },
      time: '2026-11-12T00:05:00Z',
    },
  ],
  deadLetters: [
    {
      event: {
        source: 'aws.organizations',
        'detail-type': 'AWS API Call via CloudTrail',
        detail: { eventName: 'CancelHandshake' },
      },
      error: { name: 'SubjectNotFoundError', message: `${HOSTILE} does not exist` },
    },
  ],
  failures: [
    {
      step: 1,
      at: '2026-11-02T10:00:00.000Z',
      what: '222222222222 organizations:AcceptHandshake',
      error: { name: 'HandshakeNotFoundException', message: 'not found' },
    },
  ],
});
