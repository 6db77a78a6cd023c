import { compileEventPattern, type EventMatcher } from '../event-pattern/matcher';
import type { TemplateRule } from '../template';
import { JsonServiceError, type JsonOperation } from './aws-json-endpoint';

/** An event as EventBridge delivers it to a target. */
export interface BusEvent {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
  readonly 'replay-name'?: string;
}

/** What orgwarden published on its own bus (the `emitted` part of the local report). */
export interface EmittedEvent {
  readonly bus: string;
  readonly id: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: unknown;
  readonly time: string;
}

export interface Delivery {
  readonly eventId: string;
  readonly rule: string;
  readonly functionName: string;
  readonly attempts: number;
  readonly outcome: 'ok' | 'failed';
  readonly result?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
}

export type Invoke = (functionName: string, event: BusEvent) => Promise<unknown>;

interface CompiledRule {
  readonly rule: TemplateRule;
  readonly matches: EventMatcher;
}

const rateUnits: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** The period of a `rate(N unit)` schedule expression, in milliseconds. */
export const ratePeriodMs = (expression: string): number => {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (!match) throw new Error(`the local bus runs rate() schedules only, not ${expression}`);
  const value = Number(match[1]);
  const unit = match[2]!;
  if (value < 1 || (value === 1) !== !unit.endsWith('s')) throw new Error(`invalid schedule expression ${expression}`);
  return value * rateUnits[unit]!;
};

/**
 * The local stand-in for EventBridge: routes each event to the functions whose rules (taken from the
 * packaged template) match it, as asynchronous Lambda invocations do: a thrown error is retried
 * `maxRetryAttempts` times, then the event goes to the on-failure destination (`onFailure`).
 */
export class LocalEventBus {
  readonly emitted: EmittedEvent[] = [];
  readonly deliveries: Delivery[] = [];
  private readonly rules: CompiledRule[];
  private readonly pending = new Set<Promise<void>>();
  private readonly schedules: Array<{ readonly rule: TemplateRule; readonly periodMs: number }>;

  constructor(
    rules: readonly TemplateRule[],
    private readonly options: {
      readonly invoke: Invoke;
      readonly onFailure: (event: BusEvent, error: Error, functionName: string) => void;
      readonly now: () => Date;
      readonly accountId: string;
      readonly region: string;
      readonly maxRetryAttempts?: number;
    },
  ) {
    this.rules = rules.filter((rule) => rule.enabled && rule.pattern).map((rule) => ({ rule, matches: compileEventPattern(rule.pattern) }));
    this.schedules = rules.filter((rule) => rule.enabled && rule.schedule).map((rule) => ({ rule, periodMs: ratePeriodMs(rule.schedule!) }));
  }

  /**
   * Time passes from `from` to `to`: every schedule rule fires once for each of its periods that
   * ends in (from, to], counted from `origin` (when the stack started, as a rule counts from its
   * creation), with the event EventBridge sends (`Scheduled Event`, `aws.events`, `detail: {}`).
   */
  fireSchedules(origin: Date, from: Date, to: Date): number {
    let fired = 0;
    for (const { rule, periodMs } of this.schedules) {
      const first = Math.floor((from.getTime() - origin.getTime()) / periodMs) + 1;
      for (let k = first; origin.getTime() + k * periodMs <= to.getTime(); k++) {
        const time = new Date(origin.getTime() + k * periodMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const event: BusEvent = {
          version: '0',
          id: crypto.randomUUID(),
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          account: this.options.accountId,
          time,
          region: this.options.region,
          resources: [`arn:aws:events:${this.options.region}:${this.options.accountId}:rule/${rule.ruleName ?? rule.logicalId}`],
          detail: {},
        };
        for (const target of rule.targets) this.track(this.deliver(rule.logicalId, target.functionName, event));
        fired++;
      }
    }
    return fired;
  }

  /** The rules of `bus` that match `event`. */
  matchingRules(bus: string, event: BusEvent): TemplateRule[] {
    return this.rules.filter(({ rule, matches }) => rule.eventBusName === bus && matches(event)).map(({ rule }) => rule);
  }

  /** Delivers an event to a bus; returns at once, like EventBridge. `settle()` waits for the work. */
  put(bus: string, event: BusEvent): void {
    for (const rule of this.matchingRules(bus, event)) {
      for (const target of rule.targets) this.track(this.deliver(rule.logicalId, target.functionName, event));
    }
  }

  private track(delivery: Promise<void>): void {
    const work = delivery.finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Waits until every delivery, and every delivery those cause, has finished. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** The `PutEvents` operation of the local EventBridge endpoint. */
  readonly putEvents: JsonOperation = (input) => {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
    if (entries.length < 1 || entries.length > 10) throw new JsonServiceError('ValidationException', 'Entries must have 1 to 10 members');
    const results = entries.map((entry) => {
      const { Source, DetailType, Detail, EventBusName, Resources, Time } = entry;
      if (typeof Source !== 'string' || typeof DetailType !== 'string' || typeof Detail !== 'string') {
        return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
      }
      let detail: unknown;
      try {
        detail = JSON.parse(Detail);
      } catch {
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
      }
      const bus = typeof EventBusName === 'string' ? EventBusName.slice(EventBusName.lastIndexOf('/') + 1) : 'default';
      const event: BusEvent = {
        version: '0',
        id: crypto.randomUUID(),
        'detail-type': DetailType,
        source: Source,
        account: this.options.accountId,
        // The SDK sends Time as epoch seconds; EventBridge delivers it at second precision.
        time: (typeof Time === 'number' ? new Date(Time * 1000) : this.options.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: this.options.region,
        resources: Array.isArray(Resources) ? (Resources as string[]) : [],
        detail,
      };
      this.emitted.push({ bus, id: event.id, source: event.source, 'detail-type': event['detail-type'], detail, time: event.time });
      this.put(bus, event);
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  };

  private async deliver(rule: string, functionName: string, event: BusEvent): Promise<void> {
    const attempts = 1 + (this.options.maxRetryAttempts ?? 2);
    let lastError: Error = new Error('not invoked');
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const result = await this.options.invoke(functionName, event);
        this.deliveries.push({ eventId: event.id, rule, functionName, attempts: attempt, outcome: 'ok', result });
        return;
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
    }
    this.deliveries.push({ eventId: event.id, rule, functionName, attempts, outcome: 'failed', error: { name: lastError.name, message: lastError.message } });
    this.options.onFailure(event, lastError, functionName);
  }
}
