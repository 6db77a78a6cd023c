import { compileEventPattern, type EventMatcher } from '../event-pattern/matcher';
import type { TemplateArchive, TemplateRule } from '../template';
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
  readonly attempt: number;
  readonly at: string;
  readonly outcome: 'ok' | 'failed' | 'retry-scheduled' | 'gave-up';
  readonly result?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
}

export type Invoke = (functionName: string, event: BusEvent) => Promise<unknown>;

/** When a schedule's function has something to do: `'every-tick'`, or the earliest time (none: never). */
export type ScheduleDemand = (functionName: string, after: Date) => Promise<Date | undefined | 'every-tick'>;

interface CompiledRule {
  readonly rule: TemplateRule;
  readonly matches: EventMatcher;
}

interface PendingRetry {
  readonly dueAt: number;
  readonly rule: string;
  readonly functionName: string;
  readonly event: BusEvent;
  readonly attempt: number;
}

const rateUnits: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/**
 * Lambda's asynchronous invocation retries a failed event twice: about one minute after the first
 * attempt, then about two minutes after the second (Lambda developer guide, "Asynchronous
 * invocation"); the local bus waits exactly that long on the scenario clock.
 */
export const retryDelaysMs = [60_000, 120_000] as const;

/** The period of a `rate(N unit)` schedule expression, in milliseconds. */
export const ratePeriodMs = (expression: string): number => {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
  if (!match) throw new Error(`the local bus runs rate() schedules only, not ${expression}`);
  const value = Number(match[1]);
  const unit = match[2]!;
  if (value < 1 || (value === 1) !== !unit.endsWith('s')) throw new Error(`invalid schedule expression ${expression}`);
  return value * rateUnits[unit]!;
};

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The local stand-in for EventBridge and Lambda's asynchronous invocation: routes each event to the
 * functions whose rules (taken from the packaged template) match it; a thrown error is retried on
 * Lambda's schedule as the scenario clock passes (`runDue`), then the event goes to the on-failure
 * destination (`onFailure`). Schedule rules fire as time passes too.
 */
export class LocalEventBus {
  readonly emitted: EmittedEvent[] = [];
  /** The same events whole, as EventBridge delivers them (checked against the published schemas). */
  readonly accepted: BusEvent[] = [];
  readonly deliveries: Delivery[] = [];
  /** Retries waiting for their time: a scenario that stops before it sees them as pending. */
  readonly retries: PendingRetry[] = [];
  private readonly rules: CompiledRule[];
  private readonly pending = new Set<Promise<void>>();
  private readonly schedules: Array<{ readonly rule: TemplateRule; readonly periodMs: number; lastFired: number }>;
  private eventCounter = 0;
  /** What the template's archives kept: each event with the archive that matched it. */
  readonly archived: Array<{ readonly archiveName: string; readonly event: BusEvent }> = [];
  /** The replays started, by name (unique in the account and Region), as `DescribeReplay` answers them. */
  private readonly replays = new Map<string, Record<string, unknown>>();
  private readonly archives: Array<{ readonly archive: TemplateArchive; readonly matches: EventMatcher }>;

  constructor(
    rules: readonly TemplateRule[],
    private readonly options: {
      readonly invoke: Invoke;
      readonly onFailure: (event: BusEvent, error: Error, functionName: string) => void;
      readonly now: () => Date;
      readonly accountId: string;
      readonly region: string;
      /** Where schedules count from (when the stack started, as a rule counts from its creation). */
      readonly origin?: Date;
      readonly demand?: ScheduleDemand;
      /** Event ids for what the bus creates (PutEvents, schedules): deterministic under a seed. */
      readonly newId?: () => string;
      /** The template's archives: the events they match are kept for replays. */
      readonly archives?: readonly TemplateArchive[];
    },
  ) {
    this.archives = (options.archives ?? []).map((archive) => ({
      archive,
      matches: archive.pattern ? compileEventPattern(archive.pattern) : () => true,
    }));
    this.rules = rules
      .filter((rule) => rule.enabled && rule.pattern)
      .map((rule) => ({ rule, matches: compileEventPattern(rule.pattern) }));
    const origin = (options.origin ?? options.now()).getTime();
    this.schedules = rules
      .filter((rule) => rule.enabled && rule.schedule)
      .map((rule) => ({ rule, periodMs: ratePeriodMs(rule.schedule!), lastFired: origin }));
  }

  private newId(): string {
    return this.options.newId?.() ?? `local-${++this.eventCounter}-${crypto.randomUUID()}`;
  }

  /** The rules of `bus` that match `event`. */
  matchingRules(bus: string, event: BusEvent): TemplateRule[] {
    return this.rules
      .filter(({ rule, matches }) => rule.eventBusName === bus && matches(event))
      .map(({ rule }) => rule);
  }

  /** Delivers an event to a bus; returns at once, like EventBridge. `settle()` waits for the work. */
  put(bus: string, event: BusEvent, onlyRules?: ReadonlySet<string>): void {
    // An archive keeps what reaches its bus, replayed events aside.
    if (!event['replay-name'])
      for (const { archive, matches } of this.archives)
        if (archive.busName === bus && matches(event)) this.archived.push({ archiveName: archive.archiveName, event });
    for (const rule of this.matchingRules(bus, event)) {
      if (onlyRules && !onlyRules.has(rule.ruleName ?? rule.logicalId)) continue;
      for (const target of rule.targets) this.track(this.attempt(rule.logicalId, target.functionName, event, 1));
    }
  }

  /**
   * An archive replay as EventBridge does one: the archived events of the window, delivered again
   * to their bus (only to the rules named, when named), marked with `replay-name`, unordered.
   * Returns how many events it replays.
   */
  replay(request: {
    readonly replayName: string;
    readonly archiveName: string;
    readonly from: Date;
    readonly to: Date;
    readonly ruleNames?: readonly string[];
  }): number {
    const archive = this.archives.find(({ archive: a }) => a.archiveName === request.archiveName)?.archive;
    if (!archive)
      throw new JsonServiceError('ResourceNotFoundException', `Archive ${request.archiveName} does not exist.`);
    // A replay's name is unique in the account and Region (StartReplay: ResourceAlreadyExistsException).
    if (this.replays.has(request.replayName))
      throw new JsonServiceError('ResourceAlreadyExistsException', `Replay ${request.replayName} already exists.`);
    this.replays.set(request.replayName, { ReplayName: request.replayName, State: 'COMPLETED' });
    const window = this.archived.filter(
      ({ archiveName, event }) =>
        archiveName === request.archiveName &&
        Date.parse(event.time) >= request.from.getTime() &&
        Date.parse(event.time) < request.to.getTime(),
    );
    // Replays deliver in one-minute slices, unordered: reversed here, so no test can lean on the order.
    const rules = request.ruleNames ? new Set(request.ruleNames) : undefined;
    for (const { event } of [...window].reverse())
      this.put(archive.busName, { ...event, 'replay-name': request.replayName }, rules);
    return window.length;
  }

  private track(delivery: Promise<void>): void {
    const work = delivery.finally(() => this.pending.delete(work));
    this.pending.add(work);
  }

  /** Waits until every delivery in flight, and every delivery those cause, has finished. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** The next time after `after` at which a retry or a schedule is due, up to `until`. */
  async nextDue(after: Date, until: Date): Promise<Date | undefined> {
    const times = this.retries.map((retry) => retry.dueAt).filter((t) => t > after.getTime());
    for (const schedule of this.schedules) {
      const tick = await this.nextTick(schedule, after);
      if (tick !== undefined) times.push(tick);
    }
    const next = times.filter((t) => t <= until.getTime()).sort((x, y) => x - y)[0];
    return next === undefined ? undefined : new Date(next);
  }

  private async nextTick(
    schedule: { rule: TemplateRule; periodMs: number; lastFired: number },
    after: Date,
  ): Promise<number | undefined> {
    const { periodMs, lastFired } = schedule;
    const from = Math.max(after.getTime(), lastFired);
    const first = lastFired + (Math.floor((from - lastFired) / periodMs) + 1) * periodMs;
    const functions = schedule.rule.targets.map((target) => target.functionName);
    const wanted = await Promise.all(
      functions.map((fn) =>
        this.options.demand ? this.options.demand(fn, after) : Promise.resolve('every-tick' as const),
      ),
    );
    if (wanted.includes('every-tick')) return first;
    const earliest = wanted
      .filter((w): w is Date => w instanceof Date)
      .map((d) => d.getTime())
      .sort((x, y) => x - y)[0];
    // A tick that would find nothing to do is left out: the first tick at or after the due time.
    if (earliest === undefined) return undefined;
    return earliest <= first ? first : lastFired + Math.ceil((earliest - lastFired) / periodMs) * periodMs;
  }

  /** Runs the retries and schedule ticks due at `at` (the clock stands there). */
  async runDue(at: Date): Promise<void> {
    const now = at.getTime();
    const due = this.retries.filter((retry) => retry.dueAt <= now).sort((x, y) => x.dueAt - y.dueAt);
    for (const retry of due) {
      this.retries.splice(this.retries.indexOf(retry), 1);
      this.track(this.attempt(retry.rule, retry.functionName, retry.event, retry.attempt));
    }
    for (const schedule of this.schedules) {
      const tick = await this.nextTick(schedule, new Date(now - 1));
      if (tick !== now) continue;
      schedule.lastFired = now;
      const rule = schedule.rule;
      const event: BusEvent = {
        version: '0',
        id: this.newId(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: this.options.accountId,
        time: iso(now),
        region: this.options.region,
        resources: [
          `arn:aws:events:${this.options.region}:${this.options.accountId}:rule/${rule.ruleName ?? rule.logicalId}`,
        ],
        detail: {},
      };
      for (const target of rule.targets) this.track(this.attempt(rule.logicalId, target.functionName, event, 1));
    }
  }

  /** The `StartReplay` operation of the local EventBridge endpoint. */
  readonly startReplay: JsonOperation = (input) => {
    const { ReplayName, EventSourceArn, EventStartTime, EventEndTime, Destination } = input as {
      ReplayName?: string;
      EventSourceArn?: string;
      EventStartTime?: number;
      EventEndTime?: number;
      Destination?: { Arn?: string; FilterArns?: string[] };
    };
    if (
      !ReplayName ||
      !EventSourceArn ||
      EventStartTime === undefined ||
      EventEndTime === undefined ||
      !Destination?.Arn
    ) {
      throw new JsonServiceError(
        'ValidationException',
        'ReplayName, EventSourceArn, EventStartTime, EventEndTime and Destination are required',
      );
    }
    const ruleNames = Destination.FilterArns?.map((arn) => arn.slice(arn.lastIndexOf('/') + 1));
    const replayed = this.replay({
      replayName: ReplayName,
      archiveName: EventSourceArn.slice(EventSourceArn.lastIndexOf('/') + 1),
      from: new Date(EventStartTime * 1000),
      to: new Date(EventEndTime * 1000),
      ...(ruleNames ? { ruleNames } : {}),
    });
    const replayArn = `arn:aws:events:${this.options.region}:${this.options.accountId}:replay/${ReplayName}`;
    const startedAt = this.options.now().getTime() / 1000;
    // The local replay delivers at once: it is COMPLETED when described.
    this.replays.set(ReplayName, {
      ReplayName,
      ReplayArn: replayArn,
      State: 'COMPLETED',
      StateReason: `${replayed} event(s) replayed`,
      EventSourceArn,
      Destination,
      EventStartTime,
      EventEndTime,
      ReplayStartTime: startedAt,
      ReplayEndTime: startedAt,
    });
    return {
      ReplayArn: replayArn,
      State: 'STARTING',
      StateReason: `${replayed} event(s) to replay`,
      ReplayStartTime: startedAt,
    };
  };

  /** The `DescribeReplay` operation of the local EventBridge endpoint. */
  readonly describeReplay: JsonOperation = (input) => {
    const replay = typeof input.ReplayName === 'string' ? this.replays.get(input.ReplayName) : undefined;
    if (!replay)
      throw new JsonServiceError('ResourceNotFoundException', `Replay ${String(input.ReplayName)} does not exist.`);
    return replay;
  };

  /** The `PutEvents` operation of the local EventBridge endpoint. */
  readonly putEvents: JsonOperation = (input) => {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
    if (entries.length < 1 || entries.length > 10)
      throw new JsonServiceError('ValidationException', 'Entries must have 1 to 10 members');
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
        id: this.newId(),
        'detail-type': DetailType,
        source: Source,
        account: this.options.accountId,
        // The SDK sends Time as epoch seconds; EventBridge delivers it at second precision.
        time: iso(typeof Time === 'number' ? Time * 1000 : this.options.now().getTime()),
        region: this.options.region,
        resources: Array.isArray(Resources) ? (Resources as string[]) : [],
        detail,
      };
      this.emitted.push({
        bus,
        id: event.id,
        source: event.source,
        'detail-type': event['detail-type'],
        detail,
        time: event.time,
      });
      this.accepted.push(event);
      this.put(bus, event);
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  };

  private async attempt(rule: string, functionName: string, event: BusEvent, attempt: number): Promise<void> {
    const at = this.options.now();
    try {
      const result = await this.options.invoke(functionName, event);
      this.deliveries.push({
        eventId: event.id,
        rule,
        functionName,
        attempt,
        at: at.toISOString(),
        outcome: 'ok',
        result,
      });
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      const summary = { name: error.name, message: error.message };
      const delay = retryDelaysMs[attempt - 1];
      if (delay !== undefined) {
        this.retries.push({ dueAt: at.getTime() + delay, rule, functionName, event, attempt: attempt + 1 });
        this.deliveries.push({
          eventId: event.id,
          rule,
          functionName,
          attempt,
          at: at.toISOString(),
          outcome: 'retry-scheduled',
          error: summary,
        });
        return;
      }
      this.deliveries.push({
        eventId: event.id,
        rule,
        functionName,
        attempt,
        at: at.toISOString(),
        outcome: 'gave-up',
        error: summary,
      });
      this.options.onFailure(event, error, functionName);
    }
  }
}
