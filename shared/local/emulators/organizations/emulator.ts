import type { ApiCallRecord } from '../common/cloudtrail';
import { callerFromAccessKey } from '../common/credentials';
import { ServiceEmulator } from '../common/emulator';
import type { LocalServer } from '../common/http';
import { seededRandom } from '../common/ids';
import type { CallMeta, EmulatedEvent } from '../common/types';
import { toWire } from '../common/wire';
import { loadServiceModel, validateShape, type ServiceModel, type ShapeViolation } from '../model';
import { UnmodeledValues } from '../common/unmodeled-values';
import { apiCallEvent, serviceEvent } from './cloudtrail';
import type { OperationContext, OperationHandler } from './context';
import { delegationHandlers } from './delegation-handlers';
import { OrganizationsServiceError } from './errors';
import { OrganizationsFailures, type OrganizationsFailureRule } from './failures';
import { handshakeHandlers } from './handshake-handlers';
import { startJsonServer } from './http-server';
import { IdGenerator } from './ids';
import { membershipHandlers } from './membership-handlers';
import { structureHandlers } from './structure-handlers';
import { applyTime, timeEffectsOf, type TimeEffects } from './time-effects';
import { transferHandlers } from './transfer-handlers';
import {
  DEFAULT_MANAGEMENT_ACCOUNT_ID,
  type DelegatedAdministratorChange,
  type OrganizationsEmulatorOptions,
  type OutsideAccount,
  type ServiceEventDraft,
  type SilentChange,
} from './types';
import { World } from './world';

const HANDLERS: Record<string, OperationHandler> = {
  ...structureHandlers,
  ...membershipHandlers,
  ...delegationHandlers,
  ...handshakeHandlers,
  ...transferHandlers,
};

/** Told of each delegated-administrator change (see {@link OrganizationsEmulator.onDelegatedAdministratorChange}). */
export type DelegatedAdministratorListener = (change: DelegatedAdministratorChange) => void | Promise<void>;

/**
 * A local AWS Organizations that speaks the real wire protocol (AWS JSON 1.1) to the real SDK
 * client. The world starts as one organization holding only its management account; every request
 * is validated against the official service model, every response too (a response the model
 * rejects is an emulator bug: it is thrown and kept in {@link responseViolations}). The CloudTrail
 * events real AWS would put on the management account's us-east-1 default bus go to `onEvent`.
 */
export class OrganizationsEmulator extends ServiceEmulator<'organizations'> {
  readonly organizationId: string;
  readonly managementAccountId: string;
  /** Errors thrown by delegated-administrator listeners; a failing listener never fails the call. */
  readonly listenerErrors: { change: DelegatedAdministratorChange; error: unknown }[] = [];

  private readonly model: ServiceModel = loadServiceModel('organizations');
  /**
   * Test hook: values outside the model's enums that AWS may add (`unmodeledValues.show({ id, member, value })`),
   * shown in the answers about a resource until hidden; the answers' validation lets exactly those through.
   */
  readonly unmodeledValues: UnmodeledValues = new UnmodeledValues(this.model, ['Id']);
  private readonly ids: IdGenerator;
  private readonly world: World;
  private readonly failures = new OrganizationsFailures();
  /** While seeding the world as it was before orgwarden: nothing is delivered. */
  private silenced = false;
  private readonly delegationListeners = new Set<DelegatedAdministratorListener>();

  constructor(private readonly options: OrganizationsEmulatorOptions) {
    super('organizations', options);
    this.ids = new IdGenerator(options.random ?? (options.seed === undefined ? undefined : seededRandom(options.seed)));
    this.organizationId = options.organizationId ?? this.ids.organizationId();
    this.managementAccountId = options.managementAccountId ?? DEFAULT_MANAGEMENT_ACCOUNT_ID;
    this.world = new World(
      {
        id: this.organizationId,
        featureSet: options.featureSet ?? 'ALL',
        rootId: this.ids.rootId(),
        managementAccountId: this.managementAccountId,
      },
      this.ids,
    );
    this.world.accounts.set(this.managementAccountId, {
      id: this.managementAccountId,
      email: options.managementAccountEmail ?? 'management@example.com',
      name: options.managementAccountName ?? 'Management account',
      member: {
        joinedMethod: 'INVITED',
        joinedAt: options.clock(),
        parentId: this.world.organization.rootId,
        state: 'ACTIVE',
      },
    });
  }

  /**
   * Changes of the world the management account's bus got no event of its own for: handshake
   * expiries, answers by invitees, invitations EnableAllFeatures canceled, departures seen only
   * through a service event, account and transfer state changes (see the README). In order.
   */
  get silentChanges(): readonly SilentChange[] {
    return this.world.silentChanges;
  }

  /**
   * Calls `listener` after each successful Register/DeregisterDelegatedAdministrator (and when an
   * account cleaned out of the organization loses its delegations), after the call's events.
   *
   * @returns an unsubscribe function
   */
  onDelegatedAdministratorChange(listener: DelegatedAdministratorListener): () => void {
    this.delegationListeners.add(listener);
    return () => {
      this.delegationListeners.delete(listener);
    };
  }

  /** Serves AWS JSON 1.1 (see `start`), each request answered by {@link handle}. */
  protected listen(): Promise<LocalServer> {
    return startJsonServer({
      targetPrefix: this.model.metadata.targetPrefix!,
      authenticate: callerFromAccessKey,
      requestId: () => this.ids.uuid(),
      handle: (operation, input, caller, meta) =>
        this.handle(operation, input, caller.accountId, { ...meta, principal: caller.principal }),
    });
  }

  /**
   * Registers an outside account with known details, e.g. one a scenario will invite by email, or
   * one that manages an organization of its own for billing transfers. Unknown account ids are
   * registered automatically on first reference.
   */
  registerOutsideAccount(account: OutsideAccount): void {
    this.world.registerOutsideAccount(account);
  }

  /** Fails calls as the rules say (before the service looks at them), e.g. a throttled ListAccounts page. */
  injectFailures(rules: readonly OrganizationsFailureRule[]): void {
    this.failures.add(rules);
  }

  /**
   * The organization as it was before orgwarden was deployed: `members` accounts created in it and
   * invitations pending to `invitations`, with no event delivered (their records predate the stack).
   * For the first import of an audit, and for benchmarks of large organizations.
   */
  async seed(options: {
    readonly members?: number;
    readonly invitations?: readonly string[];
    /** Member accounts (created here unless already members) registered as a service's delegated administrator. */
    readonly delegatedAdministrators?: readonly { readonly accountId: string; readonly servicePrincipal: string }[];
  }): Promise<{ members: string[]; invitations: string[] }> {
    const now = this.options.clock();
    const members: string[] = [];
    const addMember = (id: string): void => {
      this.world.accounts.set(id, {
        id,
        email: `member-${id}@example.com`,
        name: `Member ${id}`,
        member: { joinedMethod: 'CREATED', joinedAt: now, parentId: this.world.organization.rootId, state: 'ACTIVE' },
      });
      members.push(id);
    };
    for (const { accountId } of options.delegatedAdministrators ?? []) {
      if (accountId !== this.managementAccountId && !this.world.accounts.get(accountId)?.member) addMember(accountId);
    }
    for (let n = 0; n < (options.members ?? 0); n++) {
      let id = this.ids.accountId();
      while (this.world.accounts.has(id)) id = this.ids.accountId();
      addMember(id);
    }
    const invitations: string[] = [];
    this.silenced = true;
    try {
      // Registered by the management account's call, unlogged; the listeners (Security IR) are told.
      for (const { accountId, servicePrincipal } of options.delegatedAdministrators ?? []) {
        await this.handle(
          'RegisterDelegatedAdministrator',
          { AccountId: accountId, ServicePrincipal: servicePrincipal },
          this.managementAccountId,
          { principal: 'SEED' },
        );
      }
      for (const target of options.invitations ?? []) {
        const out = (await this.handle(
          'InviteAccountToOrganization',
          { Target: { Id: target, Type: 'ACCOUNT' } },
          this.managementAccountId,
          { principal: 'SEED' },
        )) as { Handshake: { Id: string } };
        invitations.push(out.Handshake.Id);
      }
    } finally {
      this.silenced = false;
    }
    return { members, invitations };
  }

  /**
   * Applies time-based changes as of `clock()` (handshake expiry, closed-handshake retention,
   * account closure, transfer start and end), delivers the events they produce, then the
   * delayed events now due (`deliveryFaults`).
   */
  async tick(): Promise<void> {
    await this.advance(this.options.clock());
  }

  protected override timeEffects(): Date[] {
    return timeEffectsOf(this.world);
  }

  /**
   * Answers one operation for `caller` without HTTP (the HTTP layer calls it too). `input` is the
   * JSON body the SDK would send (timestamps in epoch seconds); the result is the JSON body of the
   * response. Service errors are thrown as {@link OrganizationsServiceError}.
   *
   * @param operation - e.g. `InviteAccountToOrganization`
   * @param input - the request body
   * @param caller - the 12-digit account id making the call
   * @param meta - principal, user agent, source IP and request id for records and events
   */
  async handle(operation: string, input: unknown, caller: string, meta: CallMeta = {}): Promise<unknown> {
    this.checkCaller(caller);
    const now = this.options.clock();
    await this.advance(now);
    const { call, identity } = this.recordCall(operation, input, caller, meta, now);
    const body = (input ?? {}) as Record<string, unknown>;
    const drafts: ServiceEventDraft[] = [];
    const changes: DelegatedAdministratorChange[] = [];
    const requestId = meta.requestId ?? this.ids.uuid();
    const operationModel = this.model.operations[operation];
    // What the call's CloudTrail record is made of, however the call ends.
    const record: ApiCallRecord = {
      operation,
      inputShape: operationModel?.input?.shape,
      outputShape: operationModel?.output?.shape,
      input: body,
      identity,
      requestId,
      now,
    };
    try {
      const injected = this.failures.next(operation, meta.principal ?? '');
      if (injected) throw injected;
      const handler = HANDLERS[operation];
      if (!operationModel || !handler) {
        throw new OrganizationsServiceError(
          'UnknownOperationException',
          `The Organizations emulator does not implement ${operation}.`,
        );
      }
      this.validateRequest(operationModel.input?.shape, body);
      const context: OperationContext = {
        world: this.world,
        ids: this.ids,
        caller,
        now,
        emit: (draft) => drafts.push(draft),
        delegationChanged: (change) => changes.push(change),
      };
      const output = handler(body, context);
      const wire = toWire(output) as Record<string, unknown>;
      this.unmodeledValues.apply(wire);
      this.validateResponse(operation, operationModel.output?.shape, wire);
      await this.deliverAll({ ...record, output }, drafts);
      await this.tell(changes);
      return wire;
    } catch (error) {
      this.recordFailure(call, error, error instanceof OrganizationsServiceError ? error.code : undefined);
      if (error instanceof OrganizationsServiceError && operationModel) {
        await this.deliverAll({ ...record, error }, []);
      }
      throw error;
    }
  }

  /** Applies time as of `now`, delivers what it produced, tells its delegation changes, releases due delayed events. */
  private async advance(now: Date): Promise<void> {
    const effects: TimeEffects = applyTime(this.world, now);
    await this.deliver(effects.events.map((draft) => serviceEvent(this.ids, draft, this.managementAccountId, now)));
    await this.tell(effects.changes);
    await this.releaseDelayed(now);
  }

  private async tell(changes: DelegatedAdministratorChange[]): Promise<void> {
    for (const change of changes) {
      for (const listener of [...this.delegationListeners]) {
        try {
          await listener(change);
        } catch (error) {
          this.listenerErrors.push({ change, error });
        }
      }
    }
  }

  private validateRequest(shape: string | undefined, body: Record<string, unknown>): void {
    // A JSON 1.1 body is an object, even for an operation that takes no input.
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new OrganizationsServiceError(
        'SerializationException',
        'Cannot deserialize the request: the body is not a JSON object.',
      );
    }
    const violations: ShapeViolation[] = shape
      ? validateShape(this.model, shape, body)
      : Object.keys(body).map((name) => ({
          path: name,
          kind: 'unknown-member',
          shape: '(no input)',
          message: `${name}: the operation takes no input`,
        }));
    const first = violations[0];
    if (!first) return;
    // Organizations answers model violations with InvalidInputException and a Reason (documented
    // reasons INPUT_REQUIRED, INVALID_PATTERN, MAX_LENGTH_EXCEEDED...), not the generic
    // ValidationException of other JSON services; bodies the front end cannot bind (wrong JSON
    // types, unknown members) fail earlier with SerializationException.
    if (first.kind === 'type' || first.kind === 'unknown-member') {
      throw new OrganizationsServiceError('SerializationException', `Cannot deserialize the request: ${first.message}`);
    }
    const reason = REASONS[first.kind];
    throw new OrganizationsServiceError('InvalidInputException', `${MESSAGES[first.kind]} (${first.path})`, reason);
  }

  private validateResponse(operation: string, shape: string | undefined, wire: Record<string, unknown>): void {
    const violations: ShapeViolation[] = shape
      ? validateShape(this.model, shape, wire, '', { unmodeledEnumValues: this.unmodeledValues.allowed() })
      : Object.keys(wire).map((name) => ({
          path: name,
          kind: 'unknown-member',
          shape: '(no output)',
          message: `${name}: the operation has no output`,
        }));
    this.rejectInvalidResponse(operation, violations);
  }

  /** Delivers the call's CloudTrail record, when the management account's bus gets one, then its service events. */
  private async deliverAll(record: ApiCallRecord, drafts: ServiceEventDraft[]): Promise<void> {
    if (this.silenced) return;
    const management = this.managementAccountId;
    const batch: EmulatedEvent[] = [];
    // A call is logged in the caller's account: only the management account's own calls reach its
    // bus. EventBridge rules (state ENABLED) receive no read-only calls, so Describe*/List* never do.
    if (record.identity.accountId === management && !/^(Describe|List)/.test(record.operation)) {
      batch.push(apiCallEvent(this.model, this.ids, record, management));
    }
    for (const draft of drafts) batch.push(serviceEvent(this.ids, draft, management, record.now));
    await this.deliver(batch);
  }
}

const REASONS: Record<string, string> = {
  required: 'INPUT_REQUIRED',
  enum: 'INVALID_ENUM',
  pattern: 'INVALID_PATTERN',
  'min-length': 'MIN_LENGTH_EXCEEDED',
  'max-length': 'MAX_LENGTH_EXCEEDED',
  'min-value': 'MIN_VALUE_EXCEEDED',
  'max-value': 'MAX_VALUE_EXCEEDED',
};

const MESSAGES: Record<string, string> = {
  required: 'You must specify a value for all required parameters.',
  enum: 'You specified an invalid value.',
  pattern: 'You provided a value that does not match the required pattern.',
  'min-length': 'You provided a string parameter that is shorter than allowed.',
  'max-length': 'You provided a string parameter that is longer than allowed.',
  'min-value': 'You provided a numeric parameter that has a smaller value than allowed.',
  'max-value': 'You provided a numeric parameter that has a larger value than allowed.',
};
