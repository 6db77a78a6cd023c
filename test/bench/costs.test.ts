import { beforeAll, describe, expect, inject, it } from 'vitest';
import { costFigures, type Cost } from './costs';

/**
 * The counts `npm run bench` prints (test/bench/costs.ts), measured the same way: at the DynamoDB proxy, the emulators
 * and the EventBridge endpoint.
 */
describe("the bench's costs of one event", () => {
  let costs: Cost[];
  const of = (fn: string, kind: Cost['kind']): { dynamo: readonly string[]; awsReads: number; putEvents: number } => {
    const cost = costs.find((c) => c.fn === fn && c.kind === kind);
    if (!cost) throw new Error(`no ${kind} cost for ${fn}`);
    return { dynamo: cost.dynamo, awsReads: cost.awsReads, putEvents: cost.putEvents };
  };

  beforeAll(async () => {
    costs = await costFigures(inject('dynamoEndpoint'));
  }, 120_000);

  it('are measured for every event-driven function and the audit: a change, a duplicate and an unchanged event each', () => {
    const measured = [...new Set(costs.map((c) => c.fn))].sort();
    expect(measured).toEqual([
      'audit',
      'expiry-sweep',
      'handshake-changed',
      'macie-member-changed',
      'membership-changed',
    ]);
    for (const fn of measured)
      expect(
        costs.filter((c) => c.fn === fn).map((c) => c.kind),
        fn,
      ).toEqual(['change', 'duplicate', 'unchanged']);
  });

  it('are, for each function an AWS event drives: a change one batch read, one transaction and its settlement, one AWS read, one PutEvents; a duplicate one DynamoDB request and no AWS call; an unchanged subject two requests and the re-read', () => {
    for (const fn of ['handshake-changed', 'membership-changed', 'macie-member-changed']) {
      expect(of(fn, 'change'), fn).toEqual({
        dynamo: ['BatchGetItem', 'TransactWriteItems', 'TransactWriteItems'],
        awsReads: 1,
        putEvents: 1,
      });
      expect(of(fn, 'duplicate'), fn).toEqual({ dynamo: ['BatchGetItem'], awsReads: 0, putEvents: 0 });
      expect(of(fn, 'unchanged'), fn).toEqual({ dynamo: ['BatchGetItem', 'PutItem'], awsReads: 1, putEvents: 0 });
    }
  });

  it("are, for the schedules: the audit's event delivered again one GetItem and nothing else; the sweep's no AWS call and nothing published", () => {
    expect(of('audit', 'duplicate')).toEqual({ dynamo: ['GetItem'], awsReads: 0, putEvents: 0 });
    expect(of('audit', 'change').putEvents).toBe(1);
    expect(of('expiry-sweep', 'duplicate')).toMatchObject({ awsReads: 0, putEvents: 0 });
    expect(of('expiry-sweep', 'duplicate').dynamo).not.toContain('TransactWriteItems');
  });
});
