import type { TrailResource } from '../common/cloudtrail';
import { callerFromAccessKey } from '../common/credentials';
import { ServiceEmulator } from '../common/emulator';
import { EmulatorResponseInvalidError } from '../common/errors';
import type { LocalServer } from '../common/http';
import { RandomIds } from '../common/ids';
import type { CallMeta, EmulatedEvent } from '../common/types';
import { toWire } from '../common/wire';
import { loadServiceModel, shapeOf, validateShape, type OperationModel, type ServiceModel } from '../model';
import { UnmodeledValues } from '../common/unmodeled-values';
import { DEFAULT_CANCELLATION } from './cancellation';
import { caseDetailHandlers } from './case-details';
import { caseHandlers } from './cases';
import { apiCallEvent, nativeEvent, type NativeEventDraft, type SecurityIrApiCallRecord } from './cloudtrail';
import type { Handler, HandlerContext } from './context';
import { fail, SecurityIrServiceError, validationError } from './errors';
import { FailureInjector } from './failures';
import { applyTime, membershipHandlers, terminate, timeEffectsOf } from './memberships';
import { startRestJsonServer } from './rest-json-server';
import { fingerprintOf, SecurityIrState } from './state';
import { tagHandlers } from './tags';
import type { DelegatedAdministratorChange, FailureRule, SecurityIrEmulatorOptions } from './types';

const HANDLERS: Record<string, Handler> = {
  ...membershipHandlers,
  ...caseHandlers,
  ...caseDetailHandlers,
  ...tagHandlers,
};

/** The service principal whose delegated administrator holds the organization's membership. */
const SERVICE_PRINCIPAL = 'security-ir.amazonaws.com';

/** A guess: AWS says a coverage change "can take minutes", and gives no figure. */
const DEFAULT_COVERAGE_PROPAGATION_SECONDS = 300;

/** Reads are never delivered: EventBridge rules receive no read-only CloudTrail events. */
const isReadOnly = (operation: string): boolean => /^(Get|List|BatchGet)/.test(operation);

/**
 * A local AWS Security Incident Response that speaks the real wire protocol (REST-JSON, routes and
 * bindings from the model's `http` traits) to the real client. Every request is validated against
 * the official model, every response and error too (a response the model rejects is an emulator bug,
 * kept in {@link responseViolations}). Memberships follow their lifecycle on the scenario clock;
 * cases their status flow; client tokens make creations idempotent. Native `aws.security-ir` events
 * and the CloudTrail records of mutating calls go to `onEvent`. Failures can be injected.
 */
export class SecurityIrEmulator extends ServiceEmulator<'security-ir'> {
  readonly region: string;

  private readonly model: ServiceModel = loadServiceModel('security-ir');
  /**
   * Test hook: values outside the model's enums that AWS may add (`unmodeledValues.show({ id, member, value })`),
   * shown in the answers about a resource until hidden; the answers' validation lets exactly those through.
   */
  readonly unmodeledValues: UnmodeledValues = new UnmodeledValues(this.model, ['membershipId', 'accountId']);
  private readonly state: SecurityIrState;
  private readonly ids: RandomIds;
  private readonly failures: FailureInjector;
  private readonly delegatedAdministrators = new Set<string>();
  private readonly coveragePropagationMs: number;

  /**
   * Subscribes to `organization.onDelegatedAdministratorChange` when the tree offers it, for the
   * emulator's lifetime.
   *
   * @throws RangeError when `coveragePropagationSeconds` is negative or not a number
   */
  constructor(private readonly options: SecurityIrEmulatorOptions) {
    super('security-ir', options);
    this.region = options.region ?? 'us-east-1';
    this.ids = new RandomIds(options.random);
    this.state = new SecurityIrState(this.region, options.random ?? Math.random);
    this.failures = new FailureInjector(options.failures, options.failureSeed);
    const seconds = options.coveragePropagationSeconds ?? DEFAULT_COVERAGE_PROPAGATION_SECONDS;
    if (!(Number.isFinite(seconds) && seconds >= 0))
      throw new RangeError(`coveragePropagationSeconds is a number of seconds >= 0, got ${seconds}`);
    this.coveragePropagationMs = seconds * 1000;
    if (options.delegatedAdministratorAccountId)
      this.delegatedAdministrators.add(options.delegatedAdministratorAccountId);
    options.organization?.onDelegatedAdministratorChange?.((change) => this.delegatedAdministratorChanged(change));
  }

  /** Serves REST-JSON (see `start`), each request answered by {@link handle}. */
  protected listen(): Promise<LocalServer> {
    return startRestJsonServer({
      model: this.model,
      authenticate: callerFromAccessKey,
      handle: (operation, input, caller, meta) =>
        this.handle(operation, input, caller.accountId, { ...meta, principal: caller.principal }),
    });
  }

  /** `onEvent` stands for the default bus of `eventAccountId`: other accounts' events are only kept. */
  protected override delivers(event: EmulatedEvent): boolean {
    return !this.options.eventAccountId || event.account === this.options.eventAccountId;
  }

  /** Adds failures to inject (after those already there). */
  injectFailures(rules: FailureRule[]): void {
    this.failures.add(rules);
  }

  /** Stops injecting failures. */
  clearFailures(): void {
    this.failures.clear();
  }

  /**
   * Applies time-based changes as of `clock()`: coverage changes whose propagation delay has passed
   * take effect, cancelled memberships whose deactivation time has come become Terminated, and events
   * held back by `deliveryFaults` that are due are delivered.
   */
  async tick(): Promise<void> {
    const now = this.options.clock();
    await this.deliver(applyTime(this.state, now).map((draft) => nativeEvent(this.ids, draft, this.region, now)));
    await this.releaseDelayed(now);
  }

  protected override timeEffects(): Date[] {
    return timeEffectsOf(this.state);
  }

  /**
   * Answers one operation for `caller` without HTTP (the HTTP layer calls it too). `input` is the
   * request as bound from the wire (members by name, timestamps in epoch seconds); the result is the
   * response body. Service errors are thrown as {@link SecurityIrServiceError}.
   *
   * @param operation - e.g. `UpdateMembership`
   * @param input - the bound request
   * @param caller - the 12-digit account id making the call
   * @param meta - principal, user agent, source IP and request id for records and events
   */
  async handle(
    operation: string,
    input: Record<string, unknown>,
    caller: string,
    meta: CallMeta = {},
  ): Promise<Record<string, unknown>> {
    this.checkCaller(caller);
    await this.tick();
    const now = this.options.clock();
    const { call, identity } = this.recordCall(operation, input, caller, meta, now);
    const requestId = meta.requestId ?? this.ids.uuid();
    const op = this.model.operations[operation];
    // What the call's CloudTrail record is made of, however the call ends (the handler may add resources).
    const record: SecurityIrApiCallRecord = {
      operation,
      inputShape: op?.input?.shape,
      outputShape: op?.output?.shape,
      input,
      identity,
      requestId,
      now,
      region: this.region,
    };
    const drafts: NativeEventDraft[] = [];
    let resources: TrailResource[] | undefined;
    try {
      const handler = HANDLERS[operation];
      if (!op || !handler)
        throw fail.validation('UNKNOWN_OPERATION', `The Security IR emulator does not implement ${operation}.`);
      const injected = this.failures.next(operation);
      if (injected) throw injected;
      const violations = op.input ? validateShape(this.model, op.input.shape, input) : [];
      if (violations.length > 0) throw validationError(violations);
      const context: HandlerContext = {
        state: this.state,
        caller,
        now,
        region: this.region,
        organization: this.options.organization,
        delegatedAdministrators: this.delegatedAdministrators,
        cancellationDetailType: this.options.cancellationDetailType ?? 'Membership Cancelled',
        cancellation: this.options.cancellation ?? DEFAULT_CANCELLATION,
        coveragePropagationMs: this.coveragePropagationMs,
        emit: (draft) => drafts.push(draft),
        trail: (named) => (resources = named),
      };
      const output = await this.idempotent(op, operation, input, caller, async () => {
        const wire = toWire(await handler(input, context)) as Record<string, unknown>;
        this.unmodeledValues.apply(wire);
        this.validateResponse(operation, op, wire);
        return wire;
      });
      await this.deliverCall({ ...record, output, resources }, drafts);
      return output;
    } catch (error) {
      this.recordFailure(call, error, error instanceof SecurityIrServiceError ? error.code : undefined);
      if (error instanceof SecurityIrServiceError) {
        this.checkError(operation, error);
        if (op) await this.deliverCall({ ...record, error, resources }, []);
      }
      throw error;
    }
  }

  /**
   * Follows the organization's delegated administrator for Security IR. Deregistering the account
   * that holds the organization's membership terminates it at once (user guide, "Cancel
   * Membership": "the membership will be terminated immediately"), with its `Membership Terminated`
   * event timed at the change; undo is refused from then on.
   */
  private async delegatedAdministratorChanged(change: DelegatedAdministratorChange): Promise<void> {
    if (change.servicePrincipal !== SERVICE_PRINCIPAL) return;
    if (change.kind === 'registered') {
      this.delegatedAdministrators.add(change.accountId);
      return;
    }
    this.delegatedAdministrators.delete(change.accountId);
    // A cancellation that ran out before the change ends at its own time, not at the change's.
    await this.tick();
    const held = [...this.state.memberships.values()].filter(
      (m) => m.accountId === change.accountId && m.customerType === 'Organization' && m.status !== 'Terminated',
    );
    const drafts = held.map((membership) => terminate(this.state, membership, change.at));
    await this.deliver(drafts.map((draft) => nativeEvent(this.ids, draft, this.region, change.at)));
  }

  /**
   * Runs `work` once per client token: the same token with the same request answers the first
   * answer again, without changing anything or emitting anything; a different request is refused.
   */
  private async idempotent(
    op: OperationModel,
    operation: string,
    input: Record<string, unknown>,
    caller: string,
    work: () => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const members = op.input ? (shapeOf(this.model, op.input.shape).members ?? {}) : {};
    // MemberRef types only the traits the emulators share; `idempotencyToken` is read where it is needed.
    const tokenMember = Object.entries(members).find(
      ([, ref]) => (ref as { idempotencyToken?: boolean }).idempotencyToken === true,
    )?.[0];
    const token = tokenMember ? input[tokenMember] : undefined;
    if (typeof token !== 'string') return work();
    const key = `${caller}|${operation}|${token}`;
    const fingerprint = fingerprintOf({ ...input, [tokenMember!]: undefined });
    const replayed = this.state.replay(key, token, fingerprint);
    if (replayed) return replayed;
    const output = await work();
    this.state.remember(key, fingerprint, output);
    return output;
  }

  private validateResponse(operation: string, op: OperationModel, wire: Record<string, unknown>): void {
    this.rejectInvalidResponse(
      operation,
      op.output
        ? validateShape(this.model, op.output.shape, wire, '', { unmodeledEnumValues: this.unmodeledValues.allowed() })
        : [],
    );
  }

  /** An error whose members break its model shape is an emulator bug too (kept, not thrown: the call fails anyway). */
  private checkError(operation: string, error: SecurityIrServiceError): void {
    if (!this.model.shapes[error.code]) return;
    const violations = validateShape(this.model, error.code, { message: error.message, ...error.members });
    if (violations.length > 0)
      this.responseViolations.push(new EmulatorResponseInvalidError(`${operation} (${error.code})`, violations));
  }

  /** Delivers the call's CloudTrail record, unless the call only read, then its native events. */
  private async deliverCall(record: SecurityIrApiCallRecord, drafts: NativeEventDraft[]): Promise<void> {
    const batch: EmulatedEvent[] = [];
    if (!isReadOnly(record.operation)) batch.push(apiCallEvent(this.model, this.ids, record));
    for (const draft of drafts) batch.push(nativeEvent(this.ids, draft, this.region, record.now));
    await this.deliver(batch);
  }
}
