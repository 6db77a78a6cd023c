/**
 * What CloudWatch makes of the functions' embedded-metric-format lines (their standard output in
 * Lambda): the local stack hands the functions this collector's `write` and keeps every data point,
 * stamped with the time the document says (the scenario clock's). A line CloudWatch would not turn
 * into metrics (not JSON, no `_aws` directive, a metric without a numeric value) is kept apart in
 * `rejected`, so that a test sees it rather than an alarm that never fires.
 */
export interface DataPoint {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: number;
  readonly value: number;
}

interface Directive {
  readonly Namespace?: unknown;
  readonly Dimensions?: unknown;
  readonly Metrics?: unknown;
}

export class MetricCollector {
  readonly points: DataPoint[] = [];
  readonly rejected: Array<{ readonly line: string; readonly reason: string }> = [];

  /** The functions' sink: one or more lines, each an EMF document. */
  readonly write = (text: string): void => {
    for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
      const reason = this.take(line);
      if (reason) this.rejected.push({ line, reason });
    }
  };

  /** The points of one metric whose dimensions are exactly `dimensions` (as an alarm names them). */
  pointsOf(namespace: string, name: string, dimensions: Readonly<Record<string, string>>): DataPoint[] {
    const wanted = Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b));
    return this.points.filter(
      (p) =>
        p.namespace === namespace &&
        p.name === name &&
        JSON.stringify(Object.entries(p.dimensions).sort(([a], [b]) => a.localeCompare(b))) === JSON.stringify(wanted),
    );
  }

  private take(line: string): string | undefined {
    let document: Record<string, unknown>;
    try {
      document = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return 'not JSON';
    }
    const aws = document._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
    if (typeof aws?.Timestamp !== 'number' || !Array.isArray(aws.CloudWatchMetrics))
      return 'no _aws.Timestamp or _aws.CloudWatchMetrics';
    const points: DataPoint[] = [];
    for (const directive of aws.CloudWatchMetrics as Directive[]) {
      if (
        typeof directive.Namespace !== 'string' ||
        !Array.isArray(directive.Dimensions) ||
        !Array.isArray(directive.Metrics)
      )
        return 'a directive without Namespace, Dimensions or Metrics';
      for (const set of directive.Dimensions as unknown[]) {
        if (!Array.isArray(set) || !set.every((key) => typeof key === 'string' && typeof document[key] === 'string'))
          return `dimension set ${JSON.stringify(set)} names a member that is no string`;
        const dimensions = Object.fromEntries((set as string[]).map((key) => [key, document[key] as string]));
        for (const metric of directive.Metrics as Array<{ Name?: unknown }>) {
          const name = metric.Name;
          const values = typeof name === 'string' ? [document[name]].flat() : [];
          if (typeof name !== 'string' || values.length === 0 || !values.every((v) => typeof v === 'number'))
            return `metric ${String(name)} has no numeric value`;
          for (const value of values)
            points.push({ namespace: directive.Namespace, name, dimensions, timestamp: aws.Timestamp, value });
        }
      }
    }
    this.points.push(...points);
    return undefined;
  }
}
