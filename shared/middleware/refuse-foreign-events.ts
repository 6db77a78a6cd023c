import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { ConfigurationError, ForeignEventError, MalformedEventError } from '../domain/errors';

/** Where a function runs: its account and Region. */
export interface Origin {
  readonly account: string;
  readonly region: string;
}

/** Events of one source that may come from other Regions of the same account (forwarded there on purpose). */
export interface ForwardedRegions {
  readonly source: string;
  readonly regions: readonly string[];
}

/**
 * Events of one source that may come from another account, forwarded on purpose: the management
 * account's Organizations events when orgwarden runs in a delegated administrator's account
 * (shared/infra/management-forwarder.yml). An empty `account` accepts none.
 */
export interface ForwardedAccount {
  readonly source: string;
  readonly account: string;
}

const functionArn =
  /^arn:aws(?:-[a-z]+)*:lambda:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):(\d{12}):function:[\w-]{1,140}(?::[\w$-]{1,128})?$/;

/**
 * The function's own account and Region, from the ARN it was invoked as. Lambda has no environment
 * variable for the account, and the ARN names both, so one source keeps them consistent (its Region
 * is AWS_REGION's). Read per invocation, it costs a regular expression. No usable ARN means the
 * function cannot tell its own origin: it refuses (fails closed) rather than accept everything.
 */
export const originOf = (context: Pick<Context, 'invokedFunctionArn'> | undefined): Origin => {
  const arn = context?.invokedFunctionArn;
  const match = typeof arn === 'string' ? functionArn.exec(arn) : null;
  if (!match)
    throw new ConfigurationError(
      `the function cannot tell its own account and Region: invokedFunctionArn ` +
        `${JSON.stringify(String(arn).slice(0, 160))} is not a Lambda function ARN`,
    );
  return { region: match[1]!, account: match[2]! };
};

const shown = (value: string): string => JSON.stringify(value.slice(0, 40));

/**
 * Throws unless `event` comes from `own` account and Region, or from a Region `forwarded` lists for
 * its source. An event that does not name its account and Region as strings cannot be placed:
 * `MalformedEventError`. Reads only the envelope's `account`, `region` and `source`, so it can run
 * before the size and depth limits.
 */
export const checkOrigin = (
  event: unknown,
  own: Origin,
  forwarded?: ForwardedRegions,
  fromAccount?: ForwardedAccount,
): void => {
  if (!event || typeof event !== 'object' || Array.isArray(event))
    throw new MalformedEventError('the event is not an object: it names no account and Region', [
      '(event): expected an object',
    ]);
  const { account, region, source } = event as Record<string, unknown>;
  if (typeof account !== 'string' || typeof region !== 'string') {
    const missing = [
      typeof account === 'string' ? [] : ['account'],
      typeof region === 'string' ? [] : ['region'],
    ].flat();
    throw new MalformedEventError(
      `the event names no ${missing.join(' and ')}: where it comes from cannot be told`,
      missing.map((field) => `${field}: expected a string`),
    );
  }
  const forwardedFromAccount =
    fromAccount !== undefined &&
    fromAccount.account !== '' &&
    source === fromAccount.source &&
    account === fromAccount.account;
  if (account !== own.account && !forwardedFromAccount) {
    throw new ForeignEventError(
      `the event comes from account ${shown(account)}, not this function's (${own.account}): refused`,
      { account: account.slice(0, 40), region: region.slice(0, 40) },
    );
  }
  const forwardedHere = forwarded !== undefined && source === forwarded.source && forwarded.regions.includes(region);
  if (region !== own.region && !forwardedHere) {
    const allowed =
      forwarded && source === forwarded.source ? ` or a watched one (${forwarded.regions.join(', ') || 'none'})` : '';
    throw new ForeignEventError(
      `the event comes from Region ${shown(region)}, not this function's (${own.region})${allowed}: refused`,
      { account, region: region.slice(0, 40) },
    );
  }
};

/**
 * The first check of every event-driven handler, before the limits and the schema and before
 * anything is read or written: an EventBridge event from another account or Region than the
 * function's own is refused as `ForeignEventError` (permanent: the error boundary keeps it in the
 * dead-letter queue as received). The one exception is declared by the function: Macie's member
 * calls forwarded from the watched Regions (`MACIE_REGIONS`, shared/infra/macie-forwarder.yml) keep
 * their own `region`; the management account's Organizations events forwarded to a delegated
 * administrator's deployment keep their own `account`.
 */
export const refuseForeignEvents = (forwarded?: ForwardedRegions, fromAccount?: ForwardedAccount): MiddlewareObj => ({
  before: (request) => {
    checkOrigin(request.event, originOf(request.context), forwarded, fromAccount);
  },
});
