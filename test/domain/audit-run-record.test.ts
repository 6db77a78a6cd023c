import { describe, expect, it } from 'vitest';
import { admit, type AuditRunRecord } from '../../shared/domain/audit-run-record';

const now = new Date('2026-11-02T11:05:00Z');
const running: AuditRunRecord = {
  runId: 'r1',
  import: false,
  startedAt: '2026-11-02T11:00:00.000Z',
  step: 2,
  sources: [],
  state: 'RUNNING',
};
const held = { ...running, holder: 'event-a', heldUntil: '2026-11-02T11:20:00.000Z' };
const continuation = (step: number, eventId = 'event-c') => ({
  kind: 'continuation' as const,
  runId: 'r1',
  step,
  eventId,
});
const schedule = (eventId = 'event-s') => ({ kind: 'schedule' as const, runId: 'r1', eventId });

describe('admit: what an audit invocation may do with its trigger, from the run record alone', () => {
  it.each([
    ['a continuation of a run never started', undefined, continuation(1), 'refuse never-started'],
    [
      'a continuation of a complete run',
      { ...running, state: 'COMPLETE' as const, completedBy: 'event-x' },
      continuation(2),
      'refuse complete',
    ],
    ['a continuation ahead of the record', running, continuation(3), 'refuse step-mismatch'],
    [
      'a continuation behind the record (a copy after the run went on)',
      { ...running, handoffBy: 'event-b' },
      continuation(1),
      'refuse step-mismatch',
    ],
    ['a continuation at a step another event holds', held, continuation(2), 'refuse held'],
    ['a continuation at the record’s step, free', { ...running, handoffBy: 'event-b' }, continuation(2), 'take'],
    [
      'a continuation at a step whose holder’s time ran out',
      { ...held, heldUntil: '2026-11-02T11:00:00.000Z' },
      continuation(2),
      'take',
    ],
    ['the retry of the event holding the step (its invocation died)', held, continuation(2, 'event-a'), 'take'],
    [
      'the retry of the event that moved the run on (its continuation not accepted)',
      { ...running, handoffBy: 'event-b' },
      continuation(1, 'event-b'),
      'hand-off',
    ],
    [
      'the retry of the event that completed the run',
      { ...running, state: 'COMPLETE' as const, completedBy: 'event-c' },
      continuation(2),
      'duplicate',
    ],
    ['a schedule with no run yet', undefined, schedule(), 'start'],
    ['a schedule of a complete run', { ...running, state: 'COMPLETE' as const }, schedule(), 'duplicate'],
    ['a schedule whose continuation is on its way', { ...running, handoffBy: 'event-b' }, schedule(), 'duplicate'],
    ['a schedule whose run another event holds', held, schedule(), 'duplicate'],
    [
      'a schedule whose own continuation was not accepted',
      { ...running, handoffBy: 'event-s' },
      schedule(),
      'hand-off',
    ],
    ['a schedule whose run was left free (a crash, a retry)', running, schedule(), 'take'],
  ])('%s', (_name, run, trigger, expected) => {
    // Act
    const admission = admit(run, trigger, trigger.eventId, now);
    // Assess
    expect(admission.kind === 'refuse' ? `refuse ${admission.reason}` : admission.kind).toBe(expected);
  });
});
