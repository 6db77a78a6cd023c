import { MalformedEventError } from '../../domain/errors';
import type { ArchiveReplays } from '../../ports/replays';

export interface ArchiveReplayRequest {
  readonly since: string;
  readonly until: string;
  readonly replayName?: string;
  /** Without it the replay is only planned: nothing is started. */
  readonly apply?: boolean;
}

export interface ArchiveReplayTarget {
  /** Where the function runs: `arn:<partition>:lambda:<region>:<account>:function:...`. */
  readonly functionArn: string;
  readonly archiveName: string;
  readonly ruleNames: readonly string[];
}

export type ArchiveReplayOutcome =
  | {
      readonly planned: {
        readonly archiveArn: string;
        readonly busArn: string;
        readonly ruleArns: readonly string[];
        readonly since: string;
        readonly until: string;
        readonly replayName: string;
      };
    }
  | { readonly started: { readonly replayArn: string; readonly state: string; readonly replayName: string } };

/** EventBridge replays one archive window at a time, at most 64 characters of name. */
const maxWindowMs = 31 * 86_400_000;

/**
 * A re-drive from the input archive (the AWS events orgwarden's rules take from the default bus):
 * the archived events of a time window go to orgwarden's rules only, marked `replay-name`. Planned
 * by default (what would be replayed, where); started only with `apply`. A replayed event is
 * journaled under its id and the replay's name, so it is processed again once per replay, and the
 * ledger never repeats an effect that completed.
 */
export const archiveReplay =
  (replays: () => ArchiveReplays, target: ArchiveReplayTarget) =>
  async (request: ArchiveReplayRequest, now: Date): Promise<ArchiveReplayOutcome> => {
    const since = Date.parse(request.since);
    const until = Date.parse(request.until);
    if (!(since < until) || until - since > maxWindowMs)
      throw new MalformedEventError(
        `a replay window is since < until, at most 31 days: ${request.since} .. ${request.until}`,
      );
    const [, partition, , region, account] = target.functionArn.split(':');
    const busArn = `arn:${partition}:events:${region}:${account}:event-bus/default`;
    const archiveArn = `arn:${partition}:events:${region}:${account}:archive/${target.archiveName}`;
    const ruleArns = target.ruleNames.map((name) => `arn:${partition}:events:${region}:${account}:rule/${name}`);
    const replayName =
      request.replayName ??
      `orgwarden-${now
        .toISOString()
        .replace(/[-:.TZ]/g, '')
        .slice(0, 14)}`;
    if (!request.apply)
      return { planned: { archiveArn, busArn, ruleArns, since: request.since, until: request.until, replayName } };
    const started = await replays().startReplay({
      replayName,
      archiveArn,
      busArn,
      ruleArns,
      since: new Date(since),
      until: new Date(until),
    });
    return { started: { ...started, replayName } };
  };
