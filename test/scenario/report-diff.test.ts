import { describe, expect, it } from 'vitest';
import type { LocalReport } from '../../shared/local/scenario/report';
import { diffReports } from '../../shared/local/scenario/report-diff';

const call = (operation: string, at: string) => ({
  service: 'organizations',
  operation,
  input: {},
  caller: '111111111111',
  at,
});

describe('diffReports: what one invocation changed', () => {
  it('keeps new and moved snapshots and what was appended, as multisets', () => {
    const before: LocalReport = {
      snapshots: [
        { subject: 'handshake:h-1', state: 'OPEN', version: 1, observedAt: 't1', data: {} },
        { subject: 'account:2', state: 'JOINED', version: 1, observedAt: 't1', data: {} },
      ],
      history: [{ subject: 'handshake:h-1', from: null, to: 'OPEN', at: 't1', cause: {} }],
      emitted: [],
      apiCalls: [call('DescribeHandshake', 't1'), call('DescribeHandshake', 't1')],
      deadLetters: [],
    };
    const after: LocalReport = {
      snapshots: [
        { subject: 'handshake:h-1', state: 'CANCELED', version: 2, observedAt: 't2', data: {} },
        { subject: 'account:2', state: 'JOINED', version: 1, observedAt: 't1', data: {} },
      ],
      history: [...before.history, { subject: 'handshake:h-1', from: 'OPEN', to: 'CANCELED', at: 't2', cause: {} }],
      emitted: [{ source: 'orgwarden', 'detail-type': 'Handshake State Changed', detail: {}, time: 't2' }],
      // Sorted by time, a new call may land between old ones: still only the third is new.
      apiCalls: [call('DescribeHandshake', 't1'), call('DescribeHandshake', 't1'), call('DescribeHandshake', 't1')],
      deadLetters: [{ event: {}, error: { name: 'E', message: 'm' } }],
    };
    expect(diffReports(before, after)).toEqual({
      snapshots: [after.snapshots[0]],
      history: [after.history[1]],
      emitted: after.emitted,
      apiCalls: [call('DescribeHandshake', 't1')],
      deadLetters: after.deadLetters,
    });
  });
});
