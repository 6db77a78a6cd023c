import type { ShapeViolation } from '../model';
import { callerFromAccessKey, credentialsFor } from './credentials';
import { DeliveryFaultInjector, type DelayedEvent, type DeliveryFaults, type DroppedEvent } from './delivery-faults';
import { EmulatorResponseInvalidError } from './errors';
import type { LocalServer } from './http';
import type { CallIdentity, CallMeta, EmulatedEvent, RecordedCallOf } from './types';

/** Where an emulator's events go. */
export interface EventDelivery {
  /** Receives events in order; read at each delivery, so a subscriber can be set late. */
  onEvent?: (event: EmulatedEvent) => void | Promise<void>;
  /** Best-effort delivery to exercise: drops, delays and reorders (see `./delivery-faults`); default none. */
  deliveryFaults?: DeliveryFaults;
}

/**
 * What every emulator does the same way around its service logic: the HTTP endpoint's lifecycle,
 * the record of each call and of who made it, the responses that broke the model, and the delivery
 * of events, where a failing subscriber never fails the API call that caused the event.
 */
export abstract class ServiceEmulator<Service extends string> {
  /** Every request answered, successful or not, in order. */
  readonly calls: RecordedCallOf<Service>[] = [];
  /** Every event produced, in order (those {@link delivers} refuses included). */
  readonly events: EmulatedEvent[] = [];
  /** Responses (or errors) the emulator produced that break the model: must stay empty. */
  readonly responseViolations: EmulatorResponseInvalidError[] = [];
  /** Errors thrown by `onEvent`; a failing subscriber never fails the API call that caused the event. */
  readonly deliveryErrors: { event: EmulatedEvent; error: unknown }[] = [];
  /** Events `deliveryFaults` kept from `onEvent`, with the reason; they stay in {@link events} too. */
  readonly droppedEvents: DroppedEvent[] = [];

  private server: LocalServer | undefined;
  private readonly faults: DeliveryFaultInjector | undefined;
  private held: DelayedEvent[] = [];

  /**
   * @param service - the `service` of every recorded call
   * @param delivery - where events go (the emulator's options)
   */
  protected constructor(
    private readonly service: Service,
    private readonly delivery: EventDelivery,
  ) {
    this.faults = delivery.deliveryFaults ? new DeliveryFaultInjector(delivery.deliveryFaults) : undefined;
  }

  /** Events `deliveryFaults` holds back, in the order they were held; {@link releaseDelayed} delivers them. */
  get delayedEvents(): readonly DelayedEvent[] {
    return this.held;
  }

  /**
   * Delivers the held-back events due by `now`, in order of their due time (ties in the order they
   * were held). Their envelope `time` is the original one: EventBridge keeps the event's time,
   * only its arrival is late. The emulator's `tick` calls it; a scenario may too.
   *
   * @param now - the scenario clock's time
   * @returns the events released
   */
  async releaseDelayed(now: Date): Promise<EmulatedEvent[]> {
    const due = this.held.filter((held) => held.dueAt.getTime() <= now.getTime());
    if (due.length === 0) return [];
    this.held = this.held.filter((held) => held.dueAt.getTime() > now.getTime());
    // Array.prototype.sort is stable: equal due times keep the order they were held in.
    const released = due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).map((held) => held.event);
    for (const event of released) await this.send(event);
    return released;
  }

  /**
   * The first instant after `now` at which `tick` would change something: one of the service's own
   * time effects ({@link timeEffects}: expiries, closures, terminations...) or a held-back event
   * coming due. The local stack stops its clock there, so that what runs on a schedule sees the
   * change at its next tick instead of at the next instant something else stopped the clock.
   */
  nextChangeAfter(now: Date): Date | undefined {
    const times = [...this.held.map((held) => held.dueAt), ...this.timeEffects()]
      .map((t) => t.getTime())
      .filter((t) => t > now.getTime());
    return times.length > 0 ? new Date(Math.min(...times)) : undefined;
  }

  /** When the service's own time-based changes are due (those passed are ignored): none unless the service has some. */
  protected timeEffects(): Date[] {
    return [];
  }

  /** Starts the HTTP endpoint on 127.0.0.1 (a free port); point the client's `endpoint` at it. */
  async start(): Promise<{ endpoint: string }> {
    this.server ??= await this.listen();
    return { endpoint: this.server.endpoint };
  }

  /** Stops the HTTP endpoint. */
  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  /** Starts the service's endpoint, wired to its `handle`. */
  protected abstract listen(): Promise<LocalServer>;

  /** Whether an event reaches `onEvent`; every event does unless an emulator says otherwise. */
  protected delivers(_event: EmulatedEvent): boolean {
    return true;
  }

  /** Refuses a caller that is not an account id, before anything else happens. */
  protected checkCaller(caller: string): void {
    if (!/^\d{12}$/.test(caller)) throw new Error(`The caller is an account id of 12 digits, got "${caller}"`);
  }

  /**
   * Records a call as it arrives and says who made it, for its CloudTrail record.
   *
   * @param meta - the principal defaults to the scenario key of `caller`, user agent and source IP
   *   to the emulator's own
   */
  protected recordCall(
    operation: string,
    input: unknown,
    caller: string,
    meta: CallMeta,
    now: Date,
  ): { call: RecordedCallOf<Service>; identity: CallIdentity } {
    const principal = meta.principal ?? credentialsFor(caller, 'scenario').accessKeyId;
    const call: RecordedCallOf<Service> = {
      service: this.service,
      operation,
      input,
      caller,
      principal,
      at: now.toISOString(),
    };
    this.calls.push(call);
    const identity: CallIdentity = {
      accountId: caller,
      principal,
      kind: callerFromAccessKey(principal)?.kind ?? 'scenario',
      userAgent: meta.userAgent ?? 'orgwarden-emulator',
      sourceIp: meta.sourceIp ?? '127.0.0.1',
    };
    return { call, identity };
  }

  /**
   * Notes on a recorded call how it failed.
   *
   * @param code - the service error's code; other errors are named by their `name`
   */
  protected recordFailure(call: RecordedCallOf<Service>, error: unknown, code: string | undefined): void {
    call.error = { name: code ?? (error as Error).name, message: (error as Error).message };
  }

  /** Keeps and throws a response the model rejects: an emulator bug, never the client's fault. */
  protected rejectInvalidResponse(operation: string, violations: ShapeViolation[]): void {
    if (violations.length === 0) return;
    const bug = new EmulatorResponseInvalidError(operation, violations);
    this.responseViolations.push(bug);
    throw bug;
  }

  /**
   * Keeps every event and hands those it {@link delivers} to `onEvent`, one after the other; under
   * `deliveryFaults`, some of those are dropped, held back or reordered within the batch.
   */
  protected async deliver(batch: EmulatedEvent[]): Promise<void> {
    if (!this.faults) {
      for (const event of batch) {
        this.events.push(event);
        if (this.delivers(event)) await this.send(event);
      }
      return;
    }
    this.events.push(...batch);
    const plan = this.faults.plan(batch.filter((event) => this.delivers(event)));
    this.droppedEvents.push(...plan.dropped);
    this.held.push(...plan.delayed);
    for (const event of plan.now) await this.send(event);
  }

  private async send(event: EmulatedEvent): Promise<void> {
    try {
      await this.delivery.onEvent?.(event);
    } catch (error) {
      this.deliveryErrors.push({ event, error });
    }
  }
}
