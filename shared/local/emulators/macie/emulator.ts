import { callerFromAccessKey } from '../common/credentials';
import { ServiceEmulator } from '../common/emulator';
import { EmulatorResponseInvalidError } from '../common/errors';
import type { LocalServer } from '../common/http';
import type { CallMeta } from '../common/types';
import { loadServiceModel, shapeOf, validateShape, type OperationModel, type ServiceModel } from '../model';
import { UnmodeledValues } from '../common/unmodeled-values';
import { apiCallEvent, isReadOnly, type MacieApiCallRecord } from './cloudtrail';
import type { Handler, HandlerContext } from './context';
import { fail, MacieServiceError, validationError } from './errors';
import { FailureInjector } from './failures';
import { invitationHandlers } from './invitations';
import { memberHandlers } from './members';
import { startMacieServer } from './rest-json-server';
import { newSession, sessionHandlers } from './sessions';
import { MacieIds, RegionState } from './state';
import { tagHandlers } from './tags';
import type { FailureRule, MacieEmulatorOptions, MacieRecordedCall } from './types';
import { toMacieWire } from './wire';
import { completeVerifications, MacieWorld, verificationEnds } from './world';

/**
 * A local Amazon Macie that speaks the real wire protocol (REST-JSON, routes and bindings from the
 * macie2 model's `http` traits) to the real `@aws-sdk/client-macie2`. One endpoint serves several
 * Regions, each with its own sessions and members: the Region is the one the client signed the
 * request for (its SigV4 credential scope). Requests, responses and errors follow the official model
 * (a response the model rejects is an emulator bug, kept in {@link responseViolations}). Members
 * follow the relationship statuses of the user guide, including those the world imposes with no call
 * ({@link disableRegion}, {@link suspendAccount}). Every mutating call, successful or not, gives an
 * `AWS API Call via CloudTrail` record for the caller's bus in the request's Region.
 */
export class MacieEmulator extends ServiceEmulator<'macie2'> {
  private changes = 0;
  /** The Regions the endpoint serves. */
  readonly regions: readonly string[];

  private readonly model: ServiceModel = loadServiceModel('macie2');
  /**
   * Test hook: values outside the model's enums that AWS may add (`unmodeledValues.show({ id, member, value })`),
   * shown in the answers about a resource until hidden; the answers' validation lets exactly those through.
   */
  readonly unmodeledValues: UnmodeledValues = new UnmodeledValues(this.model, ['accountId']);
  private readonly states = new Map<string, RegionState>();
  private readonly world = new MacieWorld();
  private readonly ids: MacieIds;
  private readonly failures: FailureInjector;
  private readonly handlers: Record<string, Handler>;
  /** Answers given to idempotency tokens, by Region, caller, operation and token. */
  private readonly tokens = new Map<string, { fingerprint: string; output: Record<string, unknown> }>();

  constructor(private readonly options: MacieEmulatorOptions) {
    super('macie2', options);
    this.regions = [...new Set(options.regions ?? ['us-east-1'])];
    if (this.regions.length === 0) throw new Error('The Macie emulator serves at least one Region');
    this.ids = new MacieIds(options.random);
    this.failures = new FailureInjector(options.failures);
    this.handlers = { ...sessionHandlers, ...memberHandlers, ...invitationHandlers(this.ids), ...tagHandlers };
    const administrator = options.administratorAccountId;
    if (administrator !== undefined) this.checkCaller(administrator);
    for (const region of this.regions) {
      const state = new RegionState(region);
      if (administrator !== undefined) {
        state.delegatedAdministrator = administrator;
        state.sessions.set(administrator, newSession(options.clock()));
      }
      this.states.set(region, state);
    }
  }

  /** Serves REST-JSON (see `start`), each request answered by {@link handle} in the Region it was signed for. */
  protected listen(): Promise<LocalServer> {
    return startMacieServer({
      model: this.model,
      authenticate: callerFromAccessKey,
      handle: (operation, input, caller, region, meta) =>
        this.handle(operation, input, caller.accountId, region, { ...meta, principal: caller.principal }),
    });
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
   * The Region is disabled for the account (an opt-in Region turned off): its member records there
   * read RegionDisabled and its own calls there are refused. No API call, no event.
   */
  disableRegion(accountId: string, region: string): void {
    const state = this.stateOf(region);
    if (this.world.disableRegion(this.checkAccount(accountId), region)) this.settle(accountId, [state]);
  }

  /**
   * Gives the Region back: the member records read what they read before. AWS documents no such
   * reverse transition; restoring the previous status is the emulator's guess.
   */
  enableRegion(accountId: string, region: string): void {
    const state = this.stateOf(region);
    if (this.world.enableRegion(this.checkAccount(accountId), region)) this.settle(accountId, [state]);
  }

  /**
   * The account is suspended: its member records read AccountSuspended in every Region; its calls are refused. No
   * event.
   */
  suspendAccount(accountId: string): void {
    if (this.world.suspend(this.checkAccount(accountId))) this.settle(accountId, [...this.states.values()]);
  }

  /** The suspension ends: the records read what they read before (a guess, as for {@link enableRegion}). */
  reinstateAccount(accountId: string): void {
    if (this.world.reinstate(this.checkAccount(accountId))) this.settle(accountId, [...this.states.values()]);
  }

  /**
   * Applies time-based changes as of `clock()`: email verifications that have run their time end
   * (silently), and events held back by `deliveryFaults` that are due are delivered.
   */
  async tick(): Promise<void> {
    const now = this.options.clock();
    for (const state of this.states.values())
      completeVerifications(state, this.world, this.options.emailVerificationSeconds ?? 0, now);
    await this.releaseDelayed(now);
  }

  protected override timeEffects(): Date[] {
    return [...this.states.values()].flatMap((state) =>
      verificationEnds(state, this.options.emailVerificationSeconds ?? 0),
    );
  }

  /**
   * How many changes of the world no call made (a Region disabled or given back, an account suspended
   * or reinstated): the local stack's audit runs when the world changed, and these make no call.
   */
  get worldChanges(): number {
    return this.changes;
  }

  /** The calls answered in one Region, in order. */
  callsIn(region: string): MacieRecordedCall[] {
    return (this.calls as MacieRecordedCall[]).filter((call) => call.region === region);
  }

  /**
   * Answers one operation for `caller` in `region` without HTTP (the HTTP layer calls it too).
   * `input` is the request as bound from the wire (members by name); the result is the response body
   * (timestamps as ISO 8601 strings). Service errors are thrown as {@link MacieServiceError}.
   *
   * @param operation - e.g. `CreateMember`
   * @param input - the bound request
   * @param caller - the 12-digit account id making the call
   * @param region - the Region the call is made in; one of {@link regions}
   * @param meta - principal, user agent, source IP and request id for records and events
   */
  async handle(
    operation: string,
    input: Record<string, unknown>,
    caller: string,
    region: string,
    meta: CallMeta = {},
  ): Promise<Record<string, unknown>> {
    this.checkCaller(caller);
    const state = this.states.get(region);
    if (!state)
      throw fail.unrecognizedClient(
        `The Macie emulator does not serve the Region ${region} (options.regions: ${this.regions.join(', ')}).`,
      );
    // A disabled Region or a suspended account refuses the account's credentials, as AWS does for an
    // opt-in Region that is turned off; nothing reaches Macie, so nothing is recorded or logged.
    if (this.world.blocks(caller, region)) throw fail.unrecognizedClient();
    await this.tick();
    const now = this.options.clock();
    const { call, identity } = this.recordCall(operation, input, caller, meta, now);
    Object.assign(call, { region });
    const op = this.model.operations[operation];
    const record: MacieApiCallRecord = {
      operation,
      inputShape: op?.input?.shape,
      outputShape: op?.output?.shape,
      input,
      identity,
      requestId: meta.requestId ?? this.ids.uuid(),
      now,
      region,
    };
    try {
      const handler = this.handlers[operation];
      if (!op || !handler) throw fail.validation(`The Macie emulator does not implement ${operation}.`);
      const injected = this.failures.next(operation, region);
      if (injected) throw injected;
      const violations = op.input
        ? validateShape(this.model, op.input.shape, input, '', { timestampFormat: 'iso8601' })
        : [];
      if (violations.length > 0) throw validationError(violations);
      const context: HandlerContext = {
        state,
        caller,
        now,
        organization: this.options.organization,
        world: this.world,
        emailVerificationSeconds: this.options.emailVerificationSeconds ?? 0,
      };
      const output = await this.idempotent(op, `${region}|${caller}|${operation}`, input, async () => {
        const result = await handler(input, context);
        const wire = op.output
          ? ((toMacieWire(this.model, op.output.shape, result) ?? {}) as Record<string, unknown>)
          : {};
        this.unmodeledValues.apply(wire);
        this.rejectInvalidResponse(
          operation,
          op.output
            ? validateShape(this.model, op.output.shape, wire, '', {
                timestampFormat: 'iso8601',
                unmodeledEnumValues: this.unmodeledValues.allowed(),
              })
            : [],
        );
        return wire;
      });
      await this.deliverCall({ ...record, output });
      return output;
    } catch (error) {
      this.recordFailure(call, error, error instanceof MacieServiceError ? error.code : undefined);
      if (error instanceof MacieServiceError) {
        this.checkError(operation, error);
        if (op) await this.deliverCall({ ...record, error });
      }
      throw error;
    }
  }

  /**
   * Runs `work` once per idempotency token (EnableMacie, EnableOrganizationAdminAccount): the same
   * token with the same request answers the first answer again without changing anything; with a
   * different request it is refused (ConflictException: the model has no IdempotentParameterMismatch).
   */
  private async idempotent(
    op: OperationModel,
    scope: string,
    input: Record<string, unknown>,
    work: () => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const members = op.input ? (shapeOf(this.model, op.input.shape).members ?? {}) : {};
    // MemberRef types only the traits the emulators share; `idempotencyToken` is read where it is needed.
    const tokenMember = Object.entries(members).find(
      ([, ref]) => (ref as { idempotencyToken?: boolean }).idempotencyToken === true,
    )?.[0];
    const token = tokenMember ? input[tokenMember] : undefined;
    if (typeof token !== 'string') return work();
    const key = `${scope}|${token}`;
    const fingerprint = canonicalJson({ ...input, [tokenMember!]: undefined });
    const seen = this.tokens.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint)
        throw fail.conflict('The clientToken was already used with a different request.');
      return seen.output;
    }
    const output = await work();
    this.tokens.set(key, { fingerprint, output });
    return output;
  }

  /** An error code the model does not know (other than the credential refusal) is an emulator bug: kept, not thrown. */
  private checkError(operation: string, error: MacieServiceError): void {
    if (this.model.shapes[error.code]?.exception || error.code === 'UnrecognizedClientException') return;
    this.responseViolations.push(
      new EmulatorResponseInvalidError(`${operation} (${error.code})`, [
        {
          path: '',
          kind: 'type',
          shape: error.code,
          message: `${error.code} is not an error shape of the macie2 model`,
        },
      ]),
    );
  }

  /** Delivers the call's CloudTrail record unless the call only read. */
  private async deliverCall(record: MacieApiCallRecord): Promise<void> {
    if (!isReadOnly(record.operation)) await this.deliver([apiCallEvent(this.ids, record)]);
  }

  private stateOf(region: string): RegionState {
    const state = this.states.get(region);
    if (!state)
      throw new Error(
        `The Macie emulator does not serve the Region ${region} (options.regions: ${this.regions.join(', ')})`,
      );
    return state;
  }

  private checkAccount(accountId: string): string {
    this.checkCaller(accountId);
    return accountId;
  }

  private settle(accountId: string, states: RegionState[]): void {
    this.changes++;
    const now = this.options.clock();
    for (const state of states) this.world.settleAccount(state, accountId, now);
  }
}

/** A canonical JSON serialization (sorted keys, undefined members dropped): equal requests give equal strings. */
function canonicalJson(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(canonical(value));
}
