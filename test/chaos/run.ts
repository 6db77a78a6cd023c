import { selectReplay } from '../../shared/local/cli/commands/replay';
import type { BusEvent } from '../../shared/local/stack/event-bus';
import { LocalStack } from '../../shared/local/stack/local-stack';
import { archivesOf } from '../../shared/local/template';
import { DeliveryFaults } from './delivery-faults';
import { forgeContinuationEvent, forgeLedgerEntry } from './forgeries';
import { observe, type Invocation, type Observation } from './observe';
import { managementAccountId, policyDocument, type ChaosPlan, type PlannedStep } from './plan';
import { Random } from './random';
import { RequestFaults } from './request-faults';
import { scheduledEvent } from '../support/scheduled';
import { World } from './world';

const minute = 60_000;
/**
 * Minutes after a world step when the harness runs the recovery a team relies on (replayed dead letters, the sweep, the
 * audit).
 */
export const healAfterMinutes = 90;
/** The functions whose dead letters an operator replays (the scheduled ones run again by themselves). */
const replayable = new Set(['handshake-changed', 'membership-changed', 'macie-member-changed']);

export interface RunOptions {
  readonly dynamoEndpoint?: string;
  /** false: the fault-free twin of the plan (the same world, the same schedule of recoveries). */
  readonly faults: boolean;
  readonly logLevel?: string;
}

/**
 * Plays a plan on a fresh local stack: the world's steps, each followed by its storm (when `faults`),
 * then the recovery a team relies on, then at the end a final recovery; returns what the invariant
 * checker compares. Faults come from outside the functions: proxies in front of DynamoDB and every
 * emulator, and an interposer between the emulators and the bus.
 */
export const runPlan = async (plan: ChaosPlan, options: RunOptions): Promise<Observation> => {
  const requests = new RequestFaults(plan.seed);
  const clock: { now: () => Date } = { now: () => new Date(plan.start) };
  const delivery = new DeliveryFaults(plan.seed, () => clock.now());
  const stack = await LocalStack.start({
    start: new Date(plan.start),
    managementAccountId,
    organizationId: 'o-chaos0000001',
    seed: plan.seed,
    logLevel: options.logLevel ?? 'SILENT',
    policy: policyDocument(plan.policy),
    securityIr: { coveragePropagationSeconds: 300 },
    ...(options.dynamoEndpoint ? { dynamoEndpoint: options.dynamoEndpoint } : {}),
    ...(plan.macie ? { macie: { regions: ['us-east-1'] } } : {}),
    faults: (service) => (service === 'sqs' ? undefined : requests.hook(service)),
    worldEvents: delivery.interpose,
  });
  clock.now = () => stack.clock.now();
  const invocations = recordInvocations(stack);
  const world = new World(stack, plan);
  const healFailures: string[] = [];
  /** The ids of the ledger entries an attacker wrote during the storms. */
  const forged: string[] = [];
  /** The audit continuations an attacker put on orgwarden's bus (their details). */
  const forgedContinuations: string[] = [];
  let letters = 0;
  /**
   * The recovery a team relies on, faults off: the dead letters replayed (the operator's runbook for
   * the dead-letter alarm), the sweep, and the audit and the Macie listing unless one of their
   * scheduled runs already ended well since `since` (the storm's end): they would find nothing more.
   */
  const heal = async (label: string, since: number): Promise<void> => {
    const kept = stack.deadLetters.slice(letters).filter((letter) => replayable.has(letter.functionName));
    letters = stack.deadLetters.length;
    for (const [i, letter] of kept.entries())
      replayTo(stack, letter.event as BusEvent, letter.functionName, `heal-${label}-${i}`);
    await stack.bus.settle();
    const ranWell = (fn: string): boolean =>
      invocations.some(
        (i) =>
          i.functionName === fn &&
          !i.error &&
          i.event['detail-type'] === 'Scheduled Event' &&
          Date.parse(i.event.time) >= since,
      );
    const due = [
      'expiry-sweep',
      ...(ranWell('audit') ? [] : ['audit']),
      ...(plan.macie && !ranWell('macie-member-changed') ? ['macie-member-changed'] : []),
    ];
    for (const fn of due) {
      try {
        await stack.runtime.invoke(
          fn,
          scheduledEvent(fn, stack.clock.now(), { id: `heal-${label}-${fn}`, account: managementAccountId }),
        );
      } catch (error) {
        healFailures.push(
          `${label}: ${fn} failed with faults off: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
      }
      await stack.bus.settle();
    }
  };
  try {
    await world.setup();
    await stack.bus.settle();
    await stack.advanceTo(new Date(Date.parse(plan.start) + 10 * minute));
    await heal('setup', Number.POSITIVE_INFINITY);
    for (const [index, step] of plan.steps.entries()) {
      await playStep(
        stack,
        world,
        index,
        step,
        options.faults ? { requests, delivery, forged, forgedContinuations } : undefined,
        plan,
      );
      await stack.advanceTo(new Date(Date.parse(step.at) + healAfterMinutes * minute));
      await heal(`step${index}`, Date.parse(step.at) + step.storm.minutes * minute);
    }
    await stack.advanceTo(new Date(plan.end));
    await heal('final', Number.POSITIVE_INFINITY);
    await stack.advanceTo(new Date(Date.parse(plan.end) + 30 * minute));
    await heal('final-again', Date.parse(plan.end));
    return await observe(stack, {
      plan,
      world,
      invocations,
      requests,
      delivery,
      healFailures,
      faults: options.faults,
      forged,
      forgedContinuations,
    });
  } finally {
    world.close();
    await stack.stop();
  }
};

/**
 * One world step and its storm: faults on, the step, its events out, minute by minute to the storm's end, faults off.
 */
const playStep = async (
  stack: LocalStack,
  world: World,
  index: number,
  step: PlannedStep,
  faults:
    { requests: RequestFaults; delivery: DeliveryFaults; forged: string[]; forgedContinuations: string[] } | undefined,
  plan: ChaosPlan,
): Promise<void> => {
  const at = Date.parse(step.at);
  await stack.advanceTo(new Date(at));
  if (faults) {
    faults.requests.begin(step.storm, index);
    faults.delivery.begin(step.storm, index);
  }
  await world.play(index, step.action);
  faults?.delivery.release();
  await stack.bus.settle();
  // Time passes to the storm's end, stopping where something is due: an event held back, the replay
  // (the stack stops by itself at Lambda's retries and the schedules' ticks).
  const end = at + step.storm.minutes * minute;
  let replay = faults && step.storm.replay ? at + step.storm.replay.atMinute * minute : undefined;
  let forgery = faults && step.storm.forgery ? at + step.storm.forgery.atMinute * minute : undefined;
  for (;;) {
    const next = Math.min(end, faults?.delivery.nextDue() ?? end, replay ?? end, forgery ?? end);
    await stack.advanceTo(new Date(Math.max(next, stack.clock.now().getTime())));
    faults?.delivery.releaseDue();
    if (replay !== undefined && next >= replay) {
      replay = undefined;
      await replayDuring(stack, index, step, plan);
    }
    if (forgery !== undefined && next >= forgery) {
      forgery = undefined;
      const { kind } = step.storm.forgery!;
      if (kind === 'continuation') {
        const detail = await forgeContinuationEvent(stack, `${plan.seed}-${index}`);
        if (detail) faults!.forgedContinuations.push(detail);
      } else {
        const id = await forgeLedgerEntry(stack, kind, `${plan.seed}-${index}`);
        if (id) faults!.forged.push(id);
      }
    }
    await stack.bus.settle();
    if (next >= end) break;
  }
  faults?.requests.end();
  faults?.delivery.end();
  // Events still held back arrive after the storm, at their time.
  for (let due = faults?.delivery.nextDue(); due !== undefined; due = faults?.delivery.nextDue()) {
    await stack.advanceTo(new Date(Math.max(due, stack.clock.now().getTime())));
    faults!.delivery.releaseDue();
    await stack.bus.settle();
  }
};

/**
 * A replay during a storm: EventBridge's (the archive's window since the previous step) or one event of the journal.
 */
const replayDuring = async (stack: LocalStack, index: number, step: PlannedStep, plan: ChaosPlan): Promise<void> => {
  const replay = step.storm.replay!;
  const name = `chaos-${index}-${replay.source}`;
  if (replay.source === 'archive') {
    const archive = archivesOf(stack.template).find((candidate) => candidate.busName === 'default');
    const from = new Date(index === 0 ? plan.start : plan.steps[index - 1]!.at);
    if (archive)
      stack.bus.replay({
        replayName: name,
        archiveName: archive.archiveName,
        from,
        to: new Date(stack.clock.now().getTime() + 1000),
      });
    return;
  }
  const items = await selectReplay(stack, { source: 'journal' });
  if (items.length === 0) return;
  const item = new Random(plan.seed).fork(name).pick(items);
  replayTo(stack, item.event, item.functionName, name);
};

/**
 * An event put on the default bus again with a replay's name, to its function's rules only (as a replay delivers it).
 */
const replayTo = (stack: LocalStack, event: BusEvent, functionName: string, replayName: string): void => {
  const rules = stack.bus
    .matchingRules('default', event)
    .filter((rule) => rule.targets.some((target) => target.functionName === functionName));
  if (rules.length > 0)
    stack.bus.put(
      'default',
      { ...event, 'replay-name': replayName },
      new Set(rules.map((rule) => rule.ruleName ?? rule.logicalId)),
    );
};

/**
 * Every invocation of a function, with its event and how it ended: the bus's deliveries keep neither
 * the event (its replay name) nor the result. The runtime's `invoke` is wrapped on this stack only.
 */
const recordInvocations = (stack: LocalStack): Invocation[] => {
  const invocations: Invocation[] = [];
  const runtime = stack.runtime;
  const invoke = runtime.invoke.bind(runtime);
  runtime.invoke = async (functionName: string, event: unknown): Promise<unknown> => {
    try {
      const result = await invoke(functionName, event);
      invocations.push({ functionName, event: event as BusEvent, result });
      return result;
    } catch (error) {
      invocations.push({
        functionName,
        event: event as BusEvent,
        error:
          error instanceof Error
            ? { name: error.name, message: error.message }
            : { name: 'Error', message: String(error) },
      });
      throw error;
    }
  };
  return invocations;
};
