import type { ProxiedRequest, ProxyFault, ProxyFaults } from '../../shared/local/stack/counting-proxy';
import { changingCalls, isRead, operationOf, targetOf, type FaultyService } from './operations';
import type { Storm } from './plan';
import { Random } from './random';

type Fail = NonNullable<ProxyFault['fail']>;

/** The errors each service answers with, in its own words. */
const errors = {
  dynamodb: {
    throttle: {
      status: 400,
      code: 'ProvisionedThroughputExceededException',
      message: 'The level of configured provisioned throughput for the table was exceeded.',
    },
    server: { status: 500, code: 'InternalServerError', message: 'Internal server error (injected)' },
  },
  organizations: {
    throttle: {
      status: 400,
      code: 'TooManyRequestsException',
      message: 'You have sent too many requests in too short a period of time.',
    },
    server: {
      status: 500,
      code: 'ServiceException',
      message: "AWS Organizations can't complete your request because of an internal service error.",
    },
    denied: {
      status: 400,
      code: 'AccessDeniedException',
      message: "You don't have permissions to access this resource.",
    },
  },
  securityIr: {
    throttle: { status: 429, code: 'ThrottlingException', message: 'Rate exceeded' },
    server: { status: 500, code: 'InternalServerException', message: 'An internal error occurred.' },
    denied: {
      status: 403,
      code: 'AccessDeniedException',
      message: 'You do not have sufficient access to perform this action.',
    },
  },
  macie: {
    throttle: { status: 429, code: 'ThrottlingException', message: 'Rate exceeded' },
    server: { status: 500, code: 'InternalServerException', message: 'An internal error occurred.' },
    denied: {
      status: 403,
      code: 'AccessDeniedException',
      message: 'You do not have sufficient access to perform this action.',
    },
  },
  eventbridge: {
    throttle: { status: 400, code: 'ThrottlingException', message: 'Rate exceeded.' },
    server: { status: 500, code: 'InternalException', message: 'An internal error occurred.' },
  },
} satisfies Record<FaultyService, Record<string, Fail>>;

/**
 * Reads AccessDenied may refuse: only those that observe. An effect refused for good is a different, and correct,
 * outcome.
 */
const deniable = new Set([
  'DescribeHandshake',
  'DescribeAccount',
  'DescribeResponsibilityTransfer',
  'ListRoots',
  'ListOrganizationalUnitsForParent',
  'ListAccountsForParent',
  // The placement reader's, and a coverage check's (guarded below when the account is an effect's target).
  'ListParents',
  'ListDelegatedAdministrators',
  'ListHandshakesForOrganization',
  'ListHandshakesForAccount',
  'ListInboundResponsibilityTransfers',
  'ListOutboundResponsibilityTransfers',
]);

/**
 * The faults of orgwarden's AWS calls during a storm, decided request by request from the seed (the
 * n-th request of an operation in a storm draws the n-th number of its own stream, so concurrency
 * moves decisions as little as it can). A fault that outlasts the SDK's retries is kept for the
 * retries of the same request (the `amz-sdk-request` header counts them): a crash is a crash, not a
 * blip the SDK hides. Every injected fault is counted by kind.
 */
export class RequestFaults {
  private storm: Storm | undefined;
  /** One stream of draws per operation and storm, forked from the storm's own. */
  private streams = new Map<string, Random>();
  private streamRoot = new Random(0);
  /** Requests whose next attempts fail too (their bodies), with the answer. */
  private readonly poisoned = new Map<string, Fail>();
  /** Ledger ids seen written: the targets of orgwarden's effects, which AccessDenied must not refuse a read of. */
  private readonly effectTargets = new Set<string>();
  readonly injected: Record<string, number> = {};
  /** orgwarden's changing calls the service carried out, one per SDK invocation (its retries are one call). */
  readonly applied = new Map<string, { readonly operation: string; readonly target: string }>();
  /** The idempotency tokens of the comments carried out (one comment each). */
  private readonly commentTokens = new Set<string>();

  constructor(private readonly seed: number) {}

  /** A storm starts: faults at its rates, drawn from streams of its own. */
  begin(storm: Storm, step: number): void {
    this.storm = storm;
    this.streamRoot = new Random(this.seed).fork(`requests:${step}`);
    this.streams = new Map();
  }

  end(): void {
    this.storm = undefined;
  }

  private stream(name: string): Random {
    let stream = this.streams.get(name);
    if (!stream) this.streams.set(name, (stream = this.streamRoot.fork(name)));
    return stream;
  }

  private count(kind: string): void {
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
  }

  /** The hook of one service's proxy. */
  hook(service: FaultyService): ProxyFaults {
    return (request) => this.decide(service, request);
  }

  private decide(service: FaultyService, request: ProxiedRequest): ProxyFault | undefined {
    const operation = operationOf(service, request);
    if (service === 'dynamodb' && !isRead(operation))
      for (const match of request.body.matchAll(/LEDGER#([^"]+)"/g))
        if (!/#publish(:|$)/.test(match[1]!)) this.effectTargets.add(match[1]!);
    const held = this.poisoned.get(request.body);
    if (held && request.attempt > 1) {
      if (request.attempt >= request.maxAttempts) this.poisoned.delete(request.body);
      return { fail: held };
    }
    const fault = this.stormFault(service, operation, request);
    if (!changingCalls.has(operation)) return fault;
    // A changing call that reaches the service is an effect carried out, whatever its answer becomes.
    const invocation = String(request.headers['amz-sdk-invocation-id'] ?? `${operation}:${this.applied.size}`);
    const answered = (status: number): void => {
      if (status >= 300 || this.applied.has(invocation)) return;
      const input = inputOf(service, request);
      // A comment sent again with its idempotency token (a retry after a crash or a lost answer) is
      // the same comment: the service posts it once, as a case's token makes a repeated CreateCase the same case.
      if (operation === 'CreateCaseComment' && typeof input.clientToken === 'string') {
        if (this.commentTokens.has(input.clientToken)) return;
        this.commentTokens.add(input.clientToken);
      }
      this.applied.set(invocation, { operation, target: targetOf(operation, input) });
    };
    return { ...fault, answered };
  }

  private stormFault(service: FaultyService, operation: string, request: ProxiedRequest): ProxyFault | undefined {
    const storm = this.storm;
    if (!storm || request.attempt > 1) return undefined;
    const rng = this.stream(`${service}:${operation}`);
    switch (service) {
      case 'dynamodb':
        return this.dynamo(operation, request, storm, rng);
      case 'eventbridge':
        return operation === 'PutEvents' ? this.putEvents(request, storm, rng) : undefined;
      default:
        return this.api(service, operation, request, storm, rng);
    }
  }

  /** Fails this attempt, and the SDK's further attempts of the same request when `all`. */
  private fail(
    kind: string,
    answer: Fail,
    request: ProxiedRequest,
    options: { all?: boolean; after?: boolean } = {},
  ): ProxyFault {
    this.count(kind);
    if (options.all && request.maxAttempts > 1) this.poisoned.set(request.body, answer);
    return { fail: answer, ...(options.after ? { after: true } : {}) };
  }

  private dynamo(operation: string, request: ProxiedRequest, storm: Storm, rng: Random): ProxyFault | undefined {
    const { throttle, server } = errors.dynamodb;
    if (isRead(operation)) {
      if (!rng.chance(storm.reads)) return undefined;
      return rng.weighted<() => ProxyFault>([
        [() => this.fail('dynamodb:read-throttled', throttle, request), 2],
        [() => this.fail('dynamodb:read-throttled-past-retries', throttle, request, { all: true }), 1],
        [() => this.fail('dynamodb:read-5xx-past-retries', server, request, { all: true }), 1],
      ])();
    }
    if (!rng.chance(storm.writes)) return undefined;
    const transaction = operation === 'TransactWriteItems';
    return rng.weighted<() => ProxyFault>([
      [() => this.fail('dynamodb:write-throttled', throttle, request), 2],
      [() => this.fail('dynamodb:write-throttled-past-retries', throttle, request, { all: true }), 1],
      [() => this.fail('dynamodb:transaction-conflict', conflictOf(request.body, rng), request), transaction ? 2 : 0],
      // A crash before the write: nothing written, the invocation fails (every retry of the request too).
      [() => this.fail(`dynamodb:crash-before-${operation}`, server, request, { all: true }), 2],
      // A crash after the write went through: written, but the invocation never learns it.
      [() => this.fail(`dynamodb:crash-after-${operation}`, server, request, { all: true, after: true }), 3],
    ])();
  }

  private api(
    service: Exclude<FaultyService, 'dynamodb' | 'eventbridge'>,
    operation: string,
    request: ProxiedRequest,
    storm: Storm,
    rng: Random,
  ): ProxyFault | undefined {
    if (!rng.chance(storm.api)) return undefined;
    const { throttle, server } = errors[service];
    const read = isRead(operation);
    const denied =
      service === 'organizations' && deniable.has(operation) && !this.isEffectTarget(request.body)
        ? errors.organizations.denied
        : undefined;
    return rng.weighted<() => ProxyFault>([
      [() => this.fail(`api:throttled`, throttle, request), 2],
      [() => this.fail(`api:throttled-past-retries`, throttle, request, { all: true }), 1],
      [() => this.fail(`api:5xx`, server, request), 2],
      [() => this.fail(`api:5xx-past-retries`, server, request, { all: true }), 1],
      [() => this.fail(`api:access-denied`, denied!, request), denied ? 1 : 0],
      // A timeout after the call went through: the SDK's retry finds it done (a changing call only).
      [() => this.fail(`api:lost-answer-${operation}`, server, request, { after: true }), read ? 0 : 3],
    ])();
  }

  private isEffectTarget(body: string): boolean {
    for (const id of /"(?:HandshakeId|AccountId|ChildId)"\s*:\s*"([^"]+)"/.exec(body)?.slice(1) ?? [])
      for (const target of this.effectTargets) if (target.includes(id)) return true;
    return false;
  }

  private putEvents(request: ProxiedRequest, storm: Storm, rng: Random): ProxyFault | undefined {
    if (!rng.chance(storm.putEvents)) return undefined;
    const { throttle, server } = errors.eventbridge;
    const entries = (JSON.parse(request.body) as { Entries?: unknown[] }).Entries ?? [];
    return rng.weighted<() => ProxyFault>([
      [() => this.fail('putevents:throttled', throttle, request), 1],
      [() => this.fail('putevents:failed-past-retries', server, request, { all: true }), 2],
      // Published, but the answer was lost: the same entries are published again (at least once).
      [() => this.fail('putevents:lost-answer', server, request, { all: true, after: true }), 2],
      [() => this.partial(entries.length, rng), entries.length > 1 ? 3 : 0],
    ])();
  }

  /**
   * One entry left out and answered as failed: the others are published (PutEvents takes 1 to 10 entries: a call of one
   * is not partial).
   */
  private partial(count: number, rng: Random): ProxyFault {
    this.count('putevents:entry-refused');
    const refused = rng.int(0, count - 1);
    return {
      rewrite: {
        request: (body) => {
          const input = JSON.parse(body) as { Entries: unknown[] };
          return JSON.stringify({ ...input, Entries: input.Entries.filter((_, i) => i !== refused) });
        },
        response: (body) => {
          const output = JSON.parse(body) as { FailedEntryCount?: number; Entries?: unknown[] };
          const entries = [...(output.Entries ?? [])];
          entries.splice(refused, 0, { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal failure (injected)' });
          return JSON.stringify({ ...output, FailedEntryCount: (output.FailedEntryCount ?? 0) + 1, Entries: entries });
        },
      },
    };
  }
}

/** DynamoDB's answer to a transaction that met another on one of its items. */
const conflictOf = (body: string, rng: Random): Fail => {
  const items = (JSON.parse(body) as { TransactItems?: unknown[] }).TransactItems ?? [];
  const conflicting = rng.int(0, Math.max(0, items.length - 1));
  const reasons = items.map((_, i) =>
    i === conflicting
      ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
      : { Code: 'None' },
  );
  return {
    status: 400,
    code: 'TransactionCanceledException',
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    fields: { CancellationReasons: reasons },
  };
};

/** A call's input as `targetOf` reads it: the JSON body, with what REST puts in the path and the signing Region. */
const inputOf = (service: FaultyService, request: ProxiedRequest): Record<string, unknown> => {
  const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
  const region = /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1];
  const membership = /\/v1\/membership\/([^/]+)/.exec(request.path)?.[1];
  return {
    ...body,
    ...(membership ? { membershipId: decodeURIComponent(membership) } : {}),
    ...(service === 'macie' && region ? { region } : {}),
  };
};
