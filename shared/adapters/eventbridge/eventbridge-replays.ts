import {
  DescribeReplayCommand,
  ResourceAlreadyExistsException,
  StartReplayCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import { UpstreamRejectedError } from '../../domain/errors';
import type { ArchiveReplays } from '../../ports/replays';
import { classifyAwsError } from '../aws-errors';

type ReplayRequest = Parameters<ArchiveReplays['startReplay']>[0];

/** Starts archive replays with the real EventBridge client. */
export class EventBridgeReplays implements ArchiveReplays {
  constructor(private readonly client: EventBridgeClient) {}

  async startReplay(request: ReplayRequest): Promise<{ replayArn: string; state: string }> {
    try {
      const out = await this.client.send(
        new StartReplayCommand({
          ReplayName: request.replayName,
          Description: 'orgwarden replay: re-drives archived events to its own rules',
          EventSourceArn: request.archiveArn,
          EventStartTime: request.since,
          EventEndTime: request.until,
          Destination: { Arn: request.busArn, FilterArns: [...request.ruleArns] },
        }),
      );
      return { replayArn: out.ReplayArn ?? '', state: out.State ?? '' };
    } catch (error) {
      // Replay names are unique: the same request delivered twice finds its replay started.
      if (error instanceof ResourceAlreadyExistsException) return this.existing(request);
      throw classifyAwsError(error, 'StartReplay');
    }
  }

  /** The replay already started under the request's name, when it is the same replay. */
  private async existing(request: ReplayRequest): Promise<{ replayArn: string; state: string }> {
    let found;
    try {
      found = await this.client.send(new DescribeReplayCommand({ ReplayName: request.replayName }));
    } catch (error) {
      throw classifyAwsError(error, 'DescribeReplay');
    }
    const same =
      found.EventSourceArn === request.archiveArn &&
      found.EventStartTime?.getTime() === request.since.getTime() &&
      found.EventEndTime?.getTime() === request.until.getTime() &&
      found.Destination?.Arn === request.busArn &&
      [...(found.Destination.FilterArns ?? [])].sort().join(',') === [...request.ruleArns].sort().join(',');
    if (!same)
      throw new UpstreamRejectedError(
        `StartReplay: a replay named ${request.replayName} exists for another archive, window or rules; choose ` +
          `another replay-name`,
      );
    return { replayArn: found.ReplayArn ?? '', state: found.State ?? '' };
  }
}
