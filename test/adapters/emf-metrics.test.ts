import { afterEach, describe, expect, it, vi } from 'vitest';
import { emfMetrics } from '../../shared/adapters/cloudwatch/emf-metrics';
import { healthMetrics } from '../../shared/config/health-metrics';
import { systemClock } from '../../shared/ports/clock';

const at = new Date('2026-11-02T10:00:00.123Z');

describe('health counts in CloudWatch embedded metric format', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes one EMF document per record, on one line: the directive (namespace orgwarden, the Stage dimension, Count units) and the values at the root', () => {
    // Prepare
    const lines: string[] = [];
    // Act
    emfMetrics({ stage: 'prod', write: (line) => lines.push(line) }).record(
      { AuditCompleted: 1, AuditPartial: 0, UnannouncedChanges: 2 },
      at,
    );
    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(lines[0]!.trimEnd()).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toEqual({
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [
          {
            Namespace: 'orgwarden',
            Dimensions: [['Stage']],
            Metrics: [
              { Name: 'AuditCompleted', Unit: 'Count' },
              { Name: 'AuditPartial', Unit: 'Count' },
              { Name: 'UnannouncedChanges', Unit: 'Count' },
            ],
          },
        ],
      },
      Stage: 'prod',
      AuditCompleted: 1,
      AuditPartial: 0,
      UnannouncedChanges: 2,
    });
  });

  it('writes a metric with dimensions of its own beside the stage, in its unit (durations in milliseconds)', () => {
    // Prepare
    const lines: string[] = [];
    const metrics = emfMetrics({ stage: 'prod', write: (line) => lines.push(line) });
    // Act
    metrics.record({ Events: 1 }, at, { Function: 'audit', Outcome: 'dead-lettered' });
    metrics.record({ AuditDuration: 1234, AuditFindings: 2 }, at);
    // Assess
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        _aws: {
          Timestamp: at.getTime(),
          CloudWatchMetrics: [
            {
              Namespace: 'orgwarden',
              Dimensions: [['Stage', 'Function', 'Outcome']],
              Metrics: [{ Name: 'Events', Unit: 'Count' }],
            },
          ],
        },
        Stage: 'prod',
        Function: 'audit',
        Outcome: 'dead-lettered',
        Events: 1,
      },
      {
        _aws: {
          Timestamp: at.getTime(),
          CloudWatchMetrics: [
            {
              Namespace: 'orgwarden',
              Dimensions: [['Stage']],
              Metrics: [
                { Name: 'AuditDuration', Unit: 'Milliseconds' },
                { Name: 'AuditFindings', Unit: 'Count' },
              ],
            },
          ],
        },
        Stage: 'prod',
        AuditDuration: 1234,
        AuditFindings: 2,
      },
    ]);
  });

  it('never fails the work it counts: a write that throws is swallowed; nothing to record writes nothing', () => {
    // Prepare
    const write = vi.fn(() => {
      throw new Error('EPIPE');
    });
    const metrics = emfMetrics({ stage: 'prod', write });
    // Act and assess
    expect(() => metrics.record({ SweepCompleted: 1 }, at)).not.toThrow();
    metrics.record({}, at);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('goes to standard output in Lambda only (AWS_LAMBDA_FUNCTION_NAME), never through console (Lambda prefixes its lines)', () => {
    // Prepare
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const log = vi.spyOn(console, 'log');
    // Act
    healthMetrics(
      { ORGWARDEN_STAGE: 'prod', AWS_LAMBDA_FUNCTION_NAME: 'orgwarden-prod-expiry-sweep' },
      { clock: systemClock },
    ).record({ SweepCompleted: 1 }, at);
    healthMetrics({ ORGWARDEN_STAGE: 'prod' }, { clock: systemClock }).record({ SweepCompleted: 1 }, at);
    // Assess
    expect(
      stdout.mock.calls
        .map(([line]) => JSON.parse(String(line)) as { SweepCompleted: number })
        .map((d) => d.SweepCompleted),
    ).toEqual([1]);
    expect(log).not.toHaveBeenCalled();
  });
});
