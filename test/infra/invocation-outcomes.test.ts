import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { healthMetrics } from '../../shared/config/health-metrics';
import { SubjectNotFoundError } from '../../shared/domain/errors';
import { MetricCollector } from '../../shared/local/stack/metric-collector';
import { classifyErrors } from '../../shared/middleware/door';
import type { DeadLetterSink } from '../../shared/ports/dead-letters';

const at = new Date('2026-11-02T10:00:00.000Z');

describe('the Events metric (the dashboard’s events by function and outcome), written by the error boundary', () => {
  it('counts an invocation handled as processed, a permanent error as dead-lettered, a rethrown one as failed', async () => {
    // Prepare: the error boundary as the functions use it, its counts going to the local stack's collector.
    const metrics = new MetricCollector();
    const kept: unknown[] = [];
    const deadLetters: DeadLetterSink = { keep: (event) => Promise.resolve(void kept.push(event)) };
    const handler = middy<{ id: string; fail?: 'permanent' | 'transient' }, unknown, Error, Context>()
      .use(
        classifyErrors({
          functionName: 'handshake-changed',
          logger: new Logger({ logLevel: 'SILENT' }),
          deadLetters: () => deadLetters,
          metrics: healthMetrics({ ORGWARDEN_STAGE: 'prod' }, { clock: { now: () => at }, metricLines: metrics.write }),
          clock: { now: () => at },
        }),
      )
      .handler((event) => {
        if (event.fail === 'permanent') return Promise.reject(new SubjectNotFoundError('handshake h-1 not found'));
        if (event.fail === 'transient') return Promise.reject(new Error('throttled'));
        return Promise.resolve({ ok: true });
      });
    const context = {} as Context;
    // Act
    await handler({ id: 'a' }, context);
    await handler({ id: 'b', fail: 'permanent' }, context);
    await expect(handler({ id: 'c', fail: 'transient' }, context)).rejects.toThrow('throttled');
    // Assess
    expect(metrics.rejected).toEqual([]);
    expect(
      metrics.points.map(({ namespace, name, dimensions, value }) => ({ namespace, name, dimensions, value })),
    ).toEqual(
      ['processed', 'dead-lettered', 'failed'].map((Outcome) => ({
        namespace: 'orgwarden',
        name: 'Events',
        dimensions: { Stage: 'prod', Function: 'handshake-changed', Outcome },
        value: 1,
      })),
    );
    expect(kept).toEqual([{ id: 'b', fail: 'permanent' }]);
  });
});
