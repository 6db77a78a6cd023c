import { StartReplayCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { ArchiveReplays } from '../../ports/replays';
import { classifyAwsError } from '../aws-errors';

/** Starts archive replays with the real EventBridge client. */
export class EventBridgeReplays implements ArchiveReplays {
  constructor(private readonly client: EventBridgeClient) {}

  async startReplay(request: Parameters<ArchiveReplays['startReplay']>[0]): Promise<{ replayArn: string; state: string }> {
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
      throw classifyAwsError(error, 'StartReplay');
    }
  }
}
