import type { ReportInput } from '../../shared/local/report';

/** A subject that would run script if it reached the page unescaped. */
export const HOSTILE = 'handshake:<img src=x onerror="window.__pwned=1">';

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
      state: 'ACCEPTED',
      version: 2,
      observedAt: '2026-11-10T00:00:00.000Z',
      data: { endTimestamp: '2026-12-31T23:59:59.000Z' },
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
      'detail-type': 'Reaction Executed',
      detail: { subject: 'transfer:rt-1', action: 'warn-before-end', mode: 'notify' },
      time: '2026-11-10T00:00:00Z',
    },
    {
      source: 'orgwarden',
      'detail-type': 'Reaction Failed',
      detail: {
        subject: HOSTILE,
        action: 'cancel-handshake',
        error: { name: 'AccessDenied', message: '<i>denied</i>' },
      },
      time: '2026-11-11T00:00:00Z',
    },
    {
      source: 'orgwarden',
      'detail-type': 'Audit Completed',
      detail: { schemaVersion: 1, subjects: 12, drift: [1, 2], startedAt: '2026-11-12T00:00:00Z' },
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
