import * as macieSdk from '@aws-sdk/client-macie2';
import * as organizationsSdk from '@aws-sdk/client-organizations';
import * as securityIrSdk from '../../adapters/security-ir';
import { credentialsFor } from '../emulators/common/credentials';
import type { BusEvent } from '../stack/event-bus';
import type { LocalStack } from '../stack/local-stack';
import { interpolate, type SavedValues } from './interpolate';
import { reviveTimestamps } from './model-input';
import { ScenarioError, type Scenario, type ScenarioStep } from './scenario';

/** One line of the timeline: a step, or something orgwarden did (or did not do) in answer to it. */
export interface TimelineEntry {
  readonly at: string;
  readonly kind: 'api' | 'event' | 'time' | 'delivery' | 'emitted' | 'dead-letter' | 'failure' | 'note' | 'silent';
  readonly text: string;
  /** The index of the step the line belongs to. */
  readonly step?: number;
}

/** A step that did not do what it says: the call failed, or a value it refers to was never saved. */
export interface StepFailure {
  readonly step: number;
  readonly at: string;
  /** E.g. `222222222222 organizations:AcceptHandshake`. */
  readonly what: string;
  readonly error: { readonly name: string; readonly message: string };
}

/** Everything a rehearsal produced besides what the stack holds (see `buildReport`). */
export interface ScenarioRun {
  readonly timeline: TimelineEntry[];
  /** The responses kept with `save`, by name: event files of `invoke --scenario` refer to them. */
  readonly saved: SavedValues;
  readonly failures: StepFailure[];
  /** Steps whose event no rule of the template matched. */
  readonly unmatched: number[];
}

/** Callbacks for progress: the CLI streams the timeline as it grows. */
export interface RehearsalOptions {
  /** Called for each timeline line as soon as it is known. */
  readonly onEntry?: (entry: TimelineEntry) => void;
  /** Called before each step is played. */
  readonly onStep?: (index: number, total: number, step: ScenarioStep) => void;
}

type SdkClient = { send(command: unknown): Promise<unknown>; destroy(): void };
type CommandClass = new (input: unknown) => unknown;

const sdkOf = (service: string): { Client: new (config: object) => SdkClient; commands: Record<string, unknown> } => {
  switch (service) {
    case 'organizations':
      return { Client: organizationsSdk.OrganizationsClient, commands: organizationsSdk };
    case 'security-ir':
      return { Client: securityIrSdk.SecurityIRClient, commands: securityIrSdk };
    case 'macie2':
      return { Client: macieSdk.Macie2Client, commands: macieSdk };
    default:
      throw new ScenarioError(`no emulator for service ${service}`);
  }
};

const errorOf = (error: unknown): StepFailure['error'] =>
  error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };

// Reads change nothing: a read that reaches no rule is expected, not news.
const isRead = (operation: string): boolean => /^(List|Describe|Get|BatchGet)/.test(operation);

/**
 * Plays a scenario against a local stack, step by step, waiting after each for every reaction to
 * finish. A step that fails is recorded (timeline and `failures`) and the rehearsal goes on, as the
 * world would; an event that no rule matches, and a change orgwarden was not told of, are said so.
 *
 * @param scenario - a parsed scenario (see `parseScenario`)
 * @param stack - a started local stack
 * @param options - progress callbacks
 */
export const rehearse = async (
  scenario: Scenario,
  stack: LocalStack,
  options: RehearsalOptions = {},
): Promise<ScenarioRun> => {
  const timeline: TimelineEntry[] = [];
  const saved: Record<string, unknown> = {};
  const failures: StepFailure[] = [];
  const unmatched: number[] = [];
  const clients = new Map<string, SdkClient>();
  const seen = {
    deliveries: 0,
    emitted: 0,
    deadLetters: 0,
    silent: stack.organizations.silentChanges.length,
    elsewhere: stack.elsewhere.length,
  };
  const now = (): string => stack.clock.now().toISOString();
  const push = (step: number, kind: TimelineEntry['kind'], text: string, at = now()): void => {
    const entry: TimelineEntry = { at, kind, text, step };
    timeline.push(entry);
    options.onEntry?.(entry);
  };
  const fail = (step: number, what: string, error: unknown): void => {
    const failure = { step, at: now(), what, error: errorOf(error) };
    failures.push(failure);
    push(step, 'failure', `  !! ${failure.error.name}: ${failure.error.message}`);
  };
  const clientFor = (service: string, caller: string, region = 'us-east-1'): SdkClient => {
    const key = `${service}:${caller}:${region}`;
    const existing = clients.get(key);
    if (existing) return existing;
    const { Client } = sdkOf(service);
    const endpoint =
      service === 'organizations'
        ? stack.endpoints.organizations
        : service === 'macie2'
          ? stack.endpoints.macie
          : stack.endpoints.securityIr;
    const client = new Client({ region, endpoint, credentials: credentialsFor(caller, 'scenario'), maxAttempts: 1 });
    clients.set(key, client);
    return client;
  };

  const playApi = async (index: number, step: Extract<ScenarioStep, { api: unknown }>): Promise<void> => {
    const { service, operation, caller = stack.managementAccountId, region } = step.api;
    const what = `${caller} ${service}:${operation}${region ? ` (${region})` : ''}`;
    const Command = sdkOf(service).commands[`${operation}Command`] as CommandClass | undefined;
    if (typeof Command !== 'function')
      throw new ScenarioError(`steps.${index}.api.operation: ${service} has no operation ${operation}`);
    let input: Record<string, unknown>;
    try {
      input = reviveTimestamps(service, operation, interpolate(step.api.input, saved, `steps.${index}.api.input`));
    } catch (error) {
      // A reference to a response that an earlier, failed step never saved: this step cannot be made.
      push(index, 'api', `${what} not made`);
      return fail(index, what, error);
    }
    try {
      const output = await clientFor(service, caller, region).send(new Command(input));
      if (step.save) saved[step.save] = output;
      push(index, 'api', `${what}${step.save ? ` (saved as ${step.save})` : ''}`);
    } catch (error) {
      push(index, 'api', `${what} failed: ${errorOf(error).name}`);
      fail(index, what, error);
    }
  };

  const playEvent = (index: number, step: Extract<ScenarioStep, { event: unknown }>): void => {
    let event: BusEvent;
    try {
      event = interpolate(step.event, saved, `steps.${index}.event`) as unknown as BusEvent;
    } catch (error) {
      push(index, 'event', 'event not delivered');
      return fail(index, 'event', error);
    }
    for (let i = 0; i < (step.times ?? 1); i++) stack.bus.put('default', event);
    push(
      index,
      'event',
      `event ${String(event.source)} ${String(event['detail-type'])}${step.times ? ` x${step.times}` : ''}`,
    );
    if (stack.bus.matchingRules('default', event).length === 0) {
      unmatched.push(index);
      push(index, 'note', '  -- no rule matched: no orgwarden function receives this event');
    }
  };

  const playRedeliver = (index: number, step: Extract<ScenarioStep, { redeliver: unknown }>): void => {
    const emitted = [...stack.organizations.events, ...stack.securityIr.events];
    const last = emitted
      .filter(
        (e) =>
          (e.detail as { eventName?: string } | undefined)?.eventName === step.redeliver ||
          e['detail-type'] === step.redeliver,
      )
      .at(-1);
    if (!last) {
      push(index, 'event', `nothing to redeliver: no ${step.redeliver} event yet`);
      return fail(
        index,
        `redeliver ${step.redeliver}`,
        new ScenarioError(`steps.${index}.redeliver: no emulated event ${step.redeliver} was delivered before`),
      );
    }
    for (let i = 0; i < (step.times ?? 1); i++) stack.bus.put('default', last);
    push(index, 'event', `${step.redeliver} delivered again x${step.times ?? 1} (at-least-once delivery)`);
  };

  /** Puts in the timeline what happened since the last flush, each line at its own time. */
  const flush = async (index: number, step?: ScenarioStep): Promise<void> => {
    await stack.bus.settle();
    const deliveries = stack.bus.deliveries.slice(seen.deliveries);
    // What happened during the step (time may have passed), each line at its own time.
    const happened: Array<{ at: string; kind: TimelineEntry['kind']; text: string }> = [];
    for (const delivery of deliveries) {
      const error = `${delivery.error?.name}: ${delivery.error?.message}`;
      const outcome =
        delivery.outcome === 'ok'
          ? summarize(delivery.result)
          : delivery.outcome === 'retry-scheduled'
            ? `attempt ${delivery.attempt} failed, retry scheduled: ${error}`
            : `failed after ${delivery.attempt} attempt(s): ${error}`;
      happened.push({ at: delivery.at, kind: 'delivery', text: `  -> ${delivery.functionName}: ${outcome}` });
    }
    // What the world did that the management account's bus never hears of (expiries, the invitee's answers).
    const silent = stack.organizations.silentChanges.slice(seen.silent);
    for (const change of silent)
      happened.push({
        at: change.at,
        kind: 'silent',
        text: `  ~~ ${change.subject}: ${change.text} (orgwarden is not told)`,
      });
    // Records that went to a bus without orgwarden's rules (a member's own calls are logged in its account).
    const away = stack.elsewhere.slice(seen.elsewhere);
    for (const { account, region, event } of away) {
      const name = (event.detail as { eventName?: string } | undefined)?.eventName ?? event['detail-type'];
      happened.push({
        at: new Date(event.time).toISOString(),
        kind: 'silent',
        text: `  ~~ ${name} logged in account ${account} (${region}): no orgwarden rule sees it`,
      });
    }
    for (const emitted of stack.bus.emitted.slice(seen.emitted))
      happened.push({
        at: new Date(emitted.time).toISOString(),
        kind: 'emitted',
        text: `  <- ${emitted['detail-type']} ${describe(emitted.detail)}`,
      });
    const order = { silent: 0, delivery: 1, emitted: 2 } as Record<string, number>;
    happened.sort((x, y) => x.at.localeCompare(y.at) || (order[x.kind] ?? 3) - (order[y.kind] ?? 3));
    if (
      step &&
      'api' in step &&
      silent.length === 0 &&
      away.length === 0 &&
      deliveries.length === 0 &&
      !isRead(step.api.operation) &&
      !failures.some((f) => f.step === index)
    ) {
      push(index, 'note', '  -- orgwarden was not told: no event of this change reached its rules');
    }
    for (const line of happened) push(index, line.kind, line.text, line.at);
    for (const letter of stack.deadLetters.slice(seen.deadLetters)) {
      const code = letter.error.code ? ` [${letter.error.code}]` : '';
      const what = `${letter.error.name}: ${letter.error.message}${code}`;
      push(index, 'dead-letter', `  !! dead letter from ${letter.functionName}: ${what}`);
    }
    seen.deliveries = stack.bus.deliveries.length;
    seen.emitted = stack.bus.emitted.length;
    seen.deadLetters = stack.deadLetters.length;
    seen.silent = stack.organizations.silentChanges.length;
    seen.elsewhere = stack.elsewhere.length;
  };

  /** A change no call makes and no event announces (Macie: a Region disabled, an account suspended). */
  const playWorld = (index: number, step: Extract<ScenarioStep, { world: unknown }>): void => {
    const { change, account, region } = step.world;
    try {
      if (change === 'disableRegion' || change === 'enableRegion') {
        if (!region) throw new ScenarioError(`steps.${index}.world.region: ${change} needs a region`);
        stack.macie[change](account, region);
      } else stack.macie[change](account);
      push(
        index,
        'silent',
        `  ~~ macie2 ${change} ${account}${region ? ` in ${region}` : ''} (no call, no event: orgwarden is not told)`,
      );
    } catch (error) {
      fail(index, `world ${change}`, error);
    }
  };

  const play = async (index: number, step: ScenarioStep): Promise<void> => {
    if ('advanceTo' in step) {
      const fired = await stack.advanceTo(new Date(step.advanceTo));
      push(index, 'time', `time passes to ${step.advanceTo}${fired > 0 ? ` (${fired} scheduled events)` : ''}`);
      return;
    }
    if (step.at) {
      await stack.advanceTo(new Date(step.at));
      // What time brought before the step's own action belongs before it in the timeline.
      await flush(index);
    }
    if ('api' in step) return playApi(index, step);
    if ('redeliver' in step) return playRedeliver(index, step);
    if ('world' in step) return playWorld(index, step);
    playEvent(index, step);
  };

  if (scenario.securityIr) stack.securityIr.injectFailures(scenario.securityIr.failures);
  for (const account of scenario.outsideAccounts ?? []) stack.organizations.registerOutsideAccount(account);
  if (scenario.organization?.failures) stack.organizations.injectFailures(scenario.organization.failures);
  if (scenario.organization?.existing) {
    const { members, invitations } = await stack.organizations.seed(scenario.organization.existing);
    const delegations = scenario.organization.existing.delegatedAdministrators ?? [];
    const delegated =
      delegations.length > 0
        ? `, ${delegations.map((d) => `${d.accountId} delegated administrator of ${d.servicePrincipal}`).join(', ')}`
        : '';
    push(
      -1,
      'note',
      `the organization as it was before orgwarden: ${members.length} member account(s), ${invitations.length} pending invitation(s)${delegated}`,
    );
  }
  try {
    for (const [index, step] of scenario.steps.entries()) {
      options.onStep?.(index, scenario.steps.length, step);
      await play(index, step);
      await flush(index, step);
    }
  } finally {
    for (const client of clients.values()) client.destroy();
  }
  return { timeline, saved, failures, unmatched };
};

/**
 * Plays a scenario and returns its timeline only (kept for callers written before {@link rehearse},
 * which also returns the saved values and the failed steps).
 */
export const runScenario = async (scenario: Scenario, stack: LocalStack): Promise<TimelineEntry[]> =>
  (await rehearse(scenario, stack)).timeline;

const summarize = (result: unknown): string => {
  if (!result || typeof result !== 'object') return 'ok';
  const r = result as {
    ignored?: string;
    outcome?: string;
    recorded?: Array<{ subject: string; outcome: string }>;
    error?: { name?: string; message?: string };
  };
  if (r.ignored) return `ignored (${r.ignored})`;
  if (r.outcome === 'dead-lettered')
    return `dead-lettered${r.error?.name ? ` (${r.error.name}: ${r.error.message ?? ''})` : ''}`;
  if (r.recorded) return r.recorded.map((x) => `${x.subject} ${x.outcome}`).join(', ') || 'nothing to record';
  return 'ok';
};

const describe = (detail: unknown): string => {
  const d = (detail ?? {}) as {
    subject?: string;
    before?: string | null;
    after?: string;
    deadline?: string;
    dueAt?: string;
    leadTime?: string;
    parties?: Array<{ id: string }>;
    relationship?: string;
    mode?: string;
    action?: string;
    outcome?: string;
    target?: string;
    reason?: string;
  };
  if (!d.subject) return '';
  if (d.after !== undefined) return `${d.subject} ${d.before ?? '(new)'} -> ${d.after}`;
  if (d.deadline) return `${d.subject}: ${d.deadline} at ${d.dueAt} (within ${d.leadTime})`;
  if (d.relationship)
    return `${d.subject}: ${d.relationship} with ${(d.parties ?? []).map((p) => p.id).join(', ')} (${d.mode})`;
  if (d.action)
    return `${d.subject}: ${d.action} ${d.outcome}${d.target ? ` on ${d.target}` : ''}${d.reason && d.outcome !== 'executed' ? `: ${d.reason}` : ''}`;
  return d.subject;
};
