import { afterAll, beforeAll, beforeEach, describe, expect, it, inject } from 'vitest';
import { ConfigurationError, ForeignEventError } from '../../shared/domain/errors';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { checkOrigin, originOf } from '../../shared/middleware/door';
import { readEvent } from '../support/stack';

const own = { account: '111111111111', region: 'us-east-1' };
const watched = ['us-east-1', 'us-west-2', 'eu-west-1'];

/** A sample of each event-driven function, from its own account and Region (or a watched one for Macie). */
const samples = async (): Promise<Record<string, BusEvent>> => {
  const scheduled = { ...(await readEvent('scheduler/scheduled-event.json')), source: 'aws.events', detail: {} };
  const at = (event: Record<string, unknown>, region = own.region) =>
    ({ ...event, account: own.account, region }) as unknown as BusEvent;
  return {
    'handshake-changed': at(await readEvent('organizations/cancel-handshake.json')),
    'membership-changed': at(await readEvent('security-ir/membership-cancelled.json')),
    'macie-member-changed': at(await readEvent('macie/disassociate-member.json'), 'us-west-2'),
    'expiry-sweep': at(scheduled),
    audit: at(scheduled),
  };
};

describe('handlers refuse events from other accounts and Regions (through the real handlers on the local stack)', () => {
  let stack: LocalStack;
  let sample: Record<string, BusEvent>;
  const before = { dynamo: 0, calls: 0, letters: 0 };
  beforeAll(async () => {
    stack = await LocalStack.start({
      start: new Date('2026-11-02T09:00:00Z'),
      managementAccountId: own.account,
      dynamoEndpoint: inject('dynamoEndpoint'),
      logLevel: 'SILENT',
      macie: { regions: watched },
    });
    sample = await samples();
  });
  afterAll(() => stack.stop());
  beforeEach(() => {
    Object.assign(before, {
      dynamo: stack.dynamoRequests.length,
      calls: stack.apiCalls().length,
      letters: stack.deadLetters.length,
    });
  });

  const refusedAsForeign = async (fn: string, event: BusEvent) => {
    const result = await stack.runtime.invoke(fn, event);
    expect(result).toMatchObject({ outcome: 'dead-lettered', error: { name: 'ForeignEventError' } });
    expect(stack.dynamoRequests.length - before.dynamo).toBe(0);
    expect(stack.apiCalls().length - before.calls).toBe(0);
    expect(stack.deadLetters.slice(before.letters)).toEqual([
      {
        event,
        error: { name: 'ForeignEventError', message: expect.any(String) as string, code: 'ORGWARDEN_FOREIGN_EVENT' },
        functionName: fn,
      },
    ]);
  };

  it.each(['handshake-changed', 'membership-changed', 'macie-member-changed', 'expiry-sweep', 'audit'])(
    '%s refuses an event from another account, reads and writes nothing, keeps it',
    async (fn) => {
      // Prepare
      const event = { ...sample[fn]!, account: '999999999999' };
      // Act and Assess
      await refusedAsForeign(fn, event);
    },
  );

  it.each(['handshake-changed', 'membership-changed', 'expiry-sweep', 'audit'])(
    '%s refuses an event from another Region (its own is us-east-1)',
    async (fn) => {
      await refusedAsForeign(fn, { ...sample[fn]!, region: 'eu-central-1' });
    },
  );

  it('macie-member-changed takes a member call forwarded from a watched Region, and refuses one from a Region it does not watch', async () => {
    // Prepare: the forwarder keeps the call's own Region (regional/macie-forwarder.yml)
    const forwarded = sample['macie-member-changed']!;
    // Act
    const taken = await stack.runtime.invoke('macie-member-changed', forwarded);
    // Assess: taken, and the member re-read where the call was made
    expect(taken).not.toMatchObject({ error: { name: 'ForeignEventError' } });
    expect(
      stack
        .apiCalls()
        .slice(before.calls)
        .map((call) => call.operation),
    ).toEqual(['GetMember']);
    Object.assign(before, {
      dynamo: stack.dynamoRequests.length,
      calls: stack.apiCalls().length,
      letters: stack.deadLetters.length,
    });
    await refusedAsForeign('macie-member-changed', { ...forwarded, region: 'ap-southeast-2' });
  });

  it('macie-member-changed takes only Macie calls from the watched Regions: its schedule from us-west-2 is foreign', async () => {
    await refusedAsForeign('macie-member-changed', { ...sample.audit!, region: 'us-west-2' });
  });

  it('refuses a foreign event on its first delivery through the bus: no retry, one dead letter', async () => {
    // Prepare
    const event = { ...sample['handshake-changed']!, id: 'forwarded-from-a-member', account: '222222222222' };
    const deliveries = stack.bus.deliveries.length;
    // Act: as EventBridge delivers it (the rule's pattern does not look at the account)
    await stack.deliver(event);
    // Assess
    expect(stack.bus.deliveries.slice(deliveries).map((d) => [d.functionName, d.attempt, d.outcome])).toEqual([
      ['handshake-changed', 1, 'ok'],
    ]);
    expect(stack.bus.retries).toEqual([]);
    expect(stack.deadLetters.slice(before.letters).map((letter) => letter.error.name)).toEqual(['ForeignEventError']);
    expect(stack.dynamoRequests.length - before.dynamo).toBe(0);
  });
});

describe("the function's own origin", () => {
  it('is the account and Region of the ARN it was invoked as, with or without a qualifier, in any partition', () => {
    expect(
      originOf({ invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:orgwarden-prod-audit' }),
    ).toEqual(own);
    expect(
      originOf({ invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:orgwarden-prod-audit:live' }),
    ).toEqual(own);
    expect(
      originOf({ invokedFunctionArn: 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:$LATEST' }),
    ).toEqual({ account: '123456789012', region: 'us-gov-west-1' });
  });

  it.each([undefined, '', 'not-an-arn', 'arn:aws:lambda:us-east-1:11111111111:function:f', 'arn:aws:s3:::bucket'])(
    'is unknown for the ARN %j: the function refuses (fails closed)',
    (arn) => {
      expect(() => originOf(arn === undefined ? undefined : { invokedFunctionArn: arn })).toThrow(ConfigurationError);
    },
  );

  it('takes a forwarded Region only for the source it is declared for, and never another account', () => {
    const forwarded = { source: 'aws.macie2', regions: watched };
    expect(() =>
      checkOrigin({ account: own.account, region: 'eu-west-1', source: 'aws.macie2' }, own, forwarded),
    ).not.toThrow();
    expect(() =>
      checkOrigin({ account: own.account, region: 'eu-west-1', source: 'aws.events' }, own, forwarded),
    ).toThrow(ForeignEventError);
    expect(() =>
      checkOrigin({ account: '222222222222', region: 'eu-west-1', source: 'aws.macie2' }, own, forwarded),
    ).toThrow(ForeignEventError);
    expect(() => checkOrigin({ account: own.account, region: 'eu-west-1', source: 'aws.macie2' }, own)).toThrow(
      ForeignEventError,
    );
  });

  it("takes another account's events only from the management account a delegated deployment names, of the source it forwards, in the function's Region", () => {
    // Prepare: a deployment to the delegated administrator 222222222222 of the management account 111111111111.
    const admin = { account: '222222222222', region: 'us-east-1' };
    const fromManagement = { source: 'aws.organizations', account: own.account };
    // Act + Assess
    expect(() =>
      checkOrigin(
        { account: own.account, region: 'us-east-1', source: 'aws.organizations' },
        admin,
        undefined,
        fromManagement,
      ),
    ).not.toThrow();
    expect(() =>
      checkOrigin(
        { account: own.account, region: 'us-east-1', source: 'aws.security-ir' },
        admin,
        undefined,
        fromManagement,
      ),
    ).toThrow(ForeignEventError);
    expect(() =>
      checkOrigin(
        { account: '333333333333', region: 'us-east-1', source: 'aws.organizations' },
        admin,
        undefined,
        fromManagement,
      ),
    ).toThrow(ForeignEventError);
    expect(() =>
      checkOrigin(
        { account: own.account, region: 'eu-west-1', source: 'aws.organizations' },
        admin,
        undefined,
        fromManagement,
      ),
    ).toThrow(ForeignEventError);
    // A deployment to the management account names none (MANAGEMENT_ACCOUNT_ID empty): nothing from elsewhere.
    expect(() =>
      checkOrigin({ account: '', region: 'us-east-1', source: 'aws.organizations' }, admin, undefined, {
        source: 'aws.organizations',
        account: '',
      }),
    ).toThrow(ForeignEventError);
  });
});
