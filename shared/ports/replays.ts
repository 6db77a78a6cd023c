/** Starts an EventBridge archive replay (only the replay function's role may). */
export interface ArchiveReplays {
  /**
   * Replays the archive's events of [since, until) to its bus, to the named rules only. Once per
   * name: a replay of the same name, archive, window and rules already started (a request delivered
   * twice) is that replay; one of the same name for anything else is refused (UpstreamRejectedError).
   * @returns the replay's ARN and state
   */
  startReplay(request: {
    readonly replayName: string;
    readonly archiveArn: string;
    readonly busArn: string;
    readonly ruleArns: readonly string[];
    readonly since: Date;
    readonly until: Date;
  }): Promise<{ readonly replayArn: string; readonly state: string }>;
}
