import { createPlanner as handshakePlanner } from '../../../../functions/handshake-changed/function';
import { createPlanner as maciePlanner } from '../../../../functions/macie-member-changed/function';
import { createPlanner as membershipPlanner } from '../../../../functions/membership-changed/function';
import { loadConfig } from '../../../config/config';
import { errorCodeOf } from '../../../domain/errors';
import type { PlannedChange } from '../../../use-cases/pipeline/observe-subjects';
import { rehearse } from '../../scenario/run-scenario';
import type { BusEvent } from '../../stack/event-bus';
import type { LocalStack } from '../../stack/local-stack';
import { archivesOf } from '../../template';
import { ExitCode, UsageError } from '../errors';
import { readInputFile } from '../inputs';
import type { Io } from '../io';
import { withLocalStack } from '../stack-session';
import { loadScenario } from './local';

/** Where the events come from: the input archive (EventBridge's), orgwarden's journal, or files. */
export type ReplaySource = 'archive' | 'journal' | 'files';

export interface ReplaySelection {
  readonly source: ReplaySource;
  /** The window, by the event's time (archive) or the time it was processed (journal); default: the whole run. */
  readonly since?: string;
  readonly until?: string;
  /** Only these events (ids as EventBridge gave them). */
  readonly eventIds?: readonly string[];
  readonly files?: readonly string[];
}

/** One event and the function it goes to again. */
export interface ReplayItem {
  readonly event: BusEvent;
  readonly functionName: string;
}

export interface PlannedReplay {
  readonly eventId: string;
  readonly eventName: string;
  readonly time: string;
  readonly functionName: string;
  /**
   * `would change`: the changes and effects listed; `no change`: re-read, nothing differs; `already replayed`:
   * processed under this replay's name.
   */
  readonly outcome: 'would change' | 'no change' | 'already replayed' | 'ignored' | 'refused';
  readonly changes: readonly PlannedChange[];
  readonly note?: string;
}

export interface AppliedReplay {
  readonly events: number;
  /** orgwarden's changing AWS calls the replay made, by operation. */
  readonly calls: Readonly<Record<string, number>>;
  /** Events orgwarden published on its bus during the replay. */
  readonly published: number;
  readonly deadLetters: number;
}

/** The functions a replay can plan: those that take events from outside (the schedules run again by themselves). */
const planners: Readonly<Record<string, typeof handshakePlanner>> = {
  'handshake-changed': handshakePlanner,
  'membership-changed': membershipPlanner,
  'macie-member-changed': maciePlanner,
};

const reads = /^(Describe|List|Get|BatchGet)/;

const nameOf = (event: BusEvent): string => {
  const detail = event.detail as { eventName?: unknown } | undefined;
  return typeof detail?.eventName === 'string' ? detail.eventName : event['detail-type'];
};

/** A replay name as EventBridge takes one (letters, digits, . - _; at most 64), from the stack's clock. */
export const defaultReplayName = (now: Date): string =>
  `orgwarden-cli-${now
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}`;

const inWindow = (time: string, since: number, until: number): boolean => {
  const at = Date.parse(time);
  return at >= since && at < until;
};

const windowOf = (stack: LocalStack, selection: ReplaySelection): { since: number; until: number } => {
  const since = selection.since ? Date.parse(selection.since) : stack.startedAt.getTime();
  // EventBridge replays [start, end): the default end is just after now, so the last event is in.
  const until = selection.until ? Date.parse(selection.until) : stack.clock.now().getTime() + 1000;
  if (Number.isNaN(since) || Number.isNaN(until))
    throw new UsageError(`--since and --until are ISO 8601 times: ${selection.since ?? ''} ${selection.until ?? ''}`);
  if (!(since < until))
    throw new UsageError(`the window is empty: ${new Date(since).toISOString()} .. ${new Date(until).toISOString()}`);
  return { since, until };
};

/** The functions whose rules on the default bus take `event` (orgwarden's rules only: the template's). */
const functionsFor = (stack: LocalStack, event: BusEvent): string[] => [
  ...new Set(
    stack.bus.matchingRules('default', event).flatMap((rule) => rule.targets.map((target) => target.functionName)),
  ),
];

/** The archive's name in the template: the one that keeps the default bus's AWS events. */
const inputArchiveOf = (stack: LocalStack): string => {
  const archive = archivesOf(stack.template).find((candidate) => candidate.busName === 'default');
  if (!archive) throw new UsageError('the template has no archive of the default bus');
  return archive.archiveName;
};

/** The events a replay would take, oldest first, each with the function it goes to. */
export const selectReplay = async (stack: LocalStack, selection: ReplaySelection): Promise<ReplayItem[]> => {
  const wanted = selection.eventIds && selection.eventIds.length > 0 ? new Set(selection.eventIds) : undefined;
  const { since, until } = windowOf(stack, selection);
  const pick = (events: readonly BusEvent[]): ReplayItem[] =>
    events
      .filter((event) => !wanted || wanted.has(event.id))
      .sort((x, y) => x.time.localeCompare(y.time))
      .flatMap((event) => functionsFor(stack, event).map((functionName) => ({ event, functionName })));
  switch (selection.source) {
    case 'archive': {
      const archiveName = inputArchiveOf(stack);
      return pick(
        stack.bus.archived
          .filter((kept) => kept.archiveName === archiveName && inWindow(kept.event.time, since, until))
          .map((kept) => kept.event),
      );
    }
    case 'files': {
      const events: BusEvent[] = [];
      for (const file of selection.files ?? []) {
        const json = await readInputFile(file, 'event file');
        for (const event of Array.isArray(json) ? json : [json]) events.push(event as BusEvent);
      }
      // A file's event is planned and replayed as it is: a malformed one is refused by the function.
      return events
        .filter((event) => !wanted || wanted.has(String(event.id)))
        .flatMap((event) => {
          const targets =
            event && typeof event === 'object' && typeof event.source === 'string' ? functionsFor(stack, event) : [];
          return targets.length > 0
            ? targets.map((functionName) => ({ event, functionName }))
            : [{ event, functionName: '(no rule)' }];
        });
    }
    case 'journal': {
      const records = await stack.store.listJournal(new Date(since).toISOString(), new Date(until - 1).toISOString());
      const items: ReplayItem[] = [];
      // A replay's own mark is not an original; sweeps and audits kept no event (they run again by themselves).
      for (const record of records.filter(
        (r) => !r.replayName && r.functionName && (!wanted || wanted.has(r.eventId)),
      )) {
        const full = await stack.store.getProcessed(record.eventId);
        if (full?.event) items.push({ event: JSON.parse(full.event) as BusEvent, functionName: record.functionName! });
      }
      return items;
    }
  }
};

/** What replaying `items` under `replayName` would record and do: each function as a dry run (reads only). */
export const planReplay = async (
  stack: LocalStack,
  items: readonly ReplayItem[],
  replayName: string,
): Promise<PlannedReplay[]> => {
  const built = new Map<string, (raw: unknown) => Promise<unknown>>();
  const plannerOf = (functionName: string): ((raw: unknown) => Promise<unknown>) | undefined => {
    const create = planners[functionName];
    if (!create) return undefined;
    if (!built.has(functionName))
      built.set(functionName, create(loadConfig(stack.environmentOf(functionName)), stack.functionRuntime));
    return built.get(functionName);
  };
  const plans: PlannedReplay[] = [];
  for (const { event, functionName } of items) {
    const head = {
      eventId: String(event?.id),
      eventName: event?.['detail-type'] ? nameOf(event) : '(not an event)',
      time: String(event?.time),
      functionName,
    };
    const planner = plannerOf(functionName);
    if (!planner) {
      plans.push({
        ...head,
        outcome: 'ignored',
        changes: [],
        note:
          functionName === '(no rule)'
            ? 'no orgwarden rule takes this event'
            : `${functionName} is not replayed from events`,
      });
      continue;
    }
    try {
      const result = (await planner({ ...event, 'replay-name': replayName })) as {
        ignored?: string;
        outcome?: string;
        planned?: PlannedChange[];
      };
      if (result.ignored) plans.push({ ...head, outcome: 'ignored', changes: [], note: result.ignored });
      else if (result.outcome === 'duplicate') plans.push({ ...head, outcome: 'already replayed', changes: [] });
      else {
        const changes = result.planned ?? [];
        plans.push({ ...head, outcome: changes.length > 0 ? 'would change' : 'no change', changes });
      }
    } catch (error) {
      const code = errorCodeOf(error) ? ` [${errorCodeOf(error)}]` : '';
      const note = error instanceof Error ? `${error.name}: ${error.message}${code}` : String(error);
      plans.push({ ...head, outcome: 'refused', changes: [], note });
    }
  }
  return plans;
};

/**
 * Replays `items` under `replayName` and waits for every reaction. A whole window of the archive goes
 * through the deployed path: the replay function, which starts an EventBridge replay to orgwarden's
 * rules. Single events (by id, from the journal or files) are put on the default bus with
 * `replay-name`, to the rules of their function only, as a replay delivers them.
 */
export const applyReplay = async (
  stack: LocalStack,
  items: readonly ReplayItem[],
  selection: ReplaySelection,
  replayName: string,
): Promise<AppliedReplay> => {
  const mark = {
    calls: stack.apiCalls().length,
    emitted: stack.bus.emitted.length,
    deadLetters: stack.deadLetters.length,
  };
  let events = items.length;
  if (selection.source === 'archive' && !(selection.eventIds && selection.eventIds.length > 0)) {
    const { since, until } = windowOf(stack, selection);
    // EventBridge replays the window as the archive holds it now.
    events = (await selectReplay(stack, selection)).length;
    await stack.runtime.invoke('replay', {
      since: new Date(since).toISOString(),
      until: new Date(until).toISOString(),
      replayName,
      apply: true,
    });
  } else {
    for (const { event, functionName } of items) {
      const rules = stack.bus
        .matchingRules('default', event)
        .filter((rule) => rule.targets.some((target) => target.functionName === functionName));
      if (rules.length === 0) continue;
      stack.bus.put(
        'default',
        { ...event, 'replay-name': replayName },
        new Set(rules.map((rule) => rule.ruleName ?? rule.logicalId)),
      );
    }
  }
  await stack.bus.settle();
  const calls: Record<string, number> = {};
  for (const call of stack.apiCalls().slice(mark.calls))
    if (!reads.test(call.operation) && !call.error) calls[call.operation] = (calls[call.operation] ?? 0) + 1;
  return {
    events,
    calls,
    published: stack.bus.emitted.length - mark.emitted,
    deadLetters: stack.deadLetters.length - mark.deadLetters,
  };
};

export interface ReplayOptions {
  readonly scenario: string;
  readonly source?: ReplaySource;
  readonly files?: readonly string[];
  readonly since?: string;
  readonly until?: string;
  readonly eventId?: readonly string[];
  readonly name?: string;
  readonly apply?: boolean;
  readonly json?: boolean;
  readonly seed?: number;
  readonly logLevel?: string;
}

const describeChange = (change: PlannedChange): string =>
  `${change.subject}: ${change.from ?? '(new)'} -> ${change.to}${change.effects.length > 0 ? `  then ${change.effects.join(', ')}` : ''}`;

export const formatPlan = (replayName: string, source: ReplaySource, plans: readonly PlannedReplay[]): string => {
  const lines = [
    `replay ${replayName} from the ${source === 'archive' ? 'input archive' : source}: ${plans.length} event(s), plan only (nothing written, nothing changed; --apply replays)`,
  ];
  for (const plan of plans) {
    lines.push(
      `  ${plan.time}  ${plan.eventId}  ${plan.eventName} -> ${plan.functionName}: ${plan.outcome}${plan.note ? ` (${plan.note})` : ''}`,
    );
    for (const change of plan.changes) lines.push(`      ${describeChange(change)}`);
  }
  return lines.join('\n');
};

export const formatApplied = (replayName: string, source: ReplaySource, applied: AppliedReplay): string => {
  const calls = Object.entries(applied.calls).map(([operation, count]) => `${operation} x${count}`);
  return [
    `replay ${replayName} from the ${source === 'archive' ? 'input archive' : source}: ${applied.events} event(s) replayed`,
    `  changing AWS calls: ${calls.length > 0 ? calls.join(', ') : 'none'}`,
    `  published on orgwarden's bus: ${applied.published}`,
    `  dead letters: ${applied.deadLetters}`,
  ].join('\n');
};

/**
 * `orgwarden replay`: after a scenario on the local stack, the events of a window again: from the
 * input archive (as the deployed replay function does), from orgwarden's journal (the events it
 * processed, kept with their function) or from files. Plans by default (each function as a dry run);
 * `--apply` replays. A replay is journaled under its own name, so it is processed once per replay,
 * and an effect that completed is never made again.
 */
export const runReplayCommand = async (options: ReplayOptions, io: Io): Promise<number> => {
  const source: ReplaySource = options.files && options.files.length > 0 ? 'files' : (options.source ?? 'archive');
  if (source === 'files' && !(options.files && options.files.length > 0))
    throw new UsageError('--source files needs --files FILE...');
  if (options.name && !/^[.\-_A-Za-z0-9]{1,64}$/.test(options.name))
    throw new UsageError(`--name is a replay name: letters, digits, . - _; at most 64 (got ${options.name})`);
  for (const time of [options.since, options.until])
    if (time !== undefined && Number.isNaN(Date.parse(time)))
      throw new UsageError(`--since and --until are ISO 8601 times (got ${time})`);
  if (options.since && options.until && !(Date.parse(options.since) < Date.parse(options.until)))
    throw new UsageError(`the window is empty: ${options.since} .. ${options.until}`);
  const scenario = await loadScenario(options.scenario);
  // Every input is checked before the stack starts (seconds): a missing or unreadable event file is named at once.
  for (const file of options.files ?? []) await readInputFile(file, 'event file');
  const selection: ReplaySelection = {
    source,
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
    ...(options.eventId ? { eventIds: options.eventId } : {}),
    ...(options.files ? { files: options.files } : {}),
  };
  return withLocalStack({ scenario, seed: options.seed, logLevel: options.logLevel ?? 'WARN' }, io, async (stack) => {
    await rehearse(scenario, stack);
    const items = await selectReplay(stack, selection);
    const replayName = options.name ?? defaultReplayName(stack.clock.now());
    if (!options.apply) {
      const plans = await planReplay(stack, items, replayName);
      io.out(
        options.json
          ? `${JSON.stringify({ replayName, source, plans }, null, 2)}\n`
          : `${formatPlan(replayName, source, plans)}\n`,
      );
      return plans.some((plan) => plan.outcome === 'refused') ? ExitCode.findings : ExitCode.ok;
    }
    const applied = await applyReplay(stack, items, selection, replayName);
    io.out(
      options.json
        ? `${JSON.stringify({ replayName, source, applied }, null, 2)}\n`
        : `${formatApplied(replayName, source, applied)}\n`,
    );
    return applied.deadLetters > 0 ? ExitCode.findings : ExitCode.ok;
  });
};
