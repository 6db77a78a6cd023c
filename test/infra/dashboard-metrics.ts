import type { CfnTemplate } from '../../shared/local/template';

/** One metric a dashboard widget names: its namespace, name and dimensions (a SEARCH's filter values, if any). */
export interface NamedMetric {
  readonly widget: string;
  readonly namespace: string;
  readonly name: string;
  /** The dimension names, sorted. */
  readonly keys: readonly string[];
  /** The dimension values the widget fixes (all of a metric line's; a SEARCH's filtered ones). */
  readonly values: Readonly<Record<string, string>>;
}

interface Widget {
  readonly type: string;
  readonly properties: { readonly title: string; readonly region?: string; readonly metrics?: unknown[][] };
}

/** The packaged dashboard's widgets, its body's `${AWS::Region}` left as is. */
export const dashboardWidgetsOf = (template: CfnTemplate, logicalId = 'Dashboard'): Widget[] => {
  const body = template.Resources[logicalId]?.Properties?.DashboardBody as { 'Fn::Sub'?: unknown } | undefined;
  if (typeof body?.['Fn::Sub'] !== 'string') throw new Error(`${logicalId} has no Fn::Sub body`);
  return (JSON.parse(body['Fn::Sub']) as { widgets: Widget[] }).widgets;
};

const searchPattern = /^SEARCH\('\{([^}]*)\}((?: \w+="[^"]*")*)', '\w+', \d+\)$/;

/**
 * What one entry of a widget's `metrics` names: a metric line `[namespace, name, key, value, …, options?]`,
 * or a SEARCH expression `{namespace,key,…} MetricName="name" key="value" …`. Anything else throws.
 */
export const namedMetricOf = (widget: string, entry: unknown[]): NamedMetric => {
  const [first] = entry;
  if (typeof first === 'string') {
    const parts = entry.filter((part): part is string => typeof part === 'string');
    const [namespace, name, ...pairs] = parts;
    const values: Record<string, string> = {};
    for (let i = 0; i < pairs.length; i += 2) values[pairs[i]!] = pairs[i + 1]!;
    return { widget, namespace: namespace!, name: name!, keys: Object.keys(values).sort(), values };
  }
  const expression = (first as { expression?: unknown } | undefined)?.expression;
  const match = typeof expression === 'string' ? searchPattern.exec(expression) : null;
  if (!match) throw new Error(`${widget}: ${JSON.stringify(entry)} names no metric`);
  const [namespace, ...keys] = match[1]!.split(',');
  const filters = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
  const { MetricName: name, ...values } = filters;
  return { widget, namespace: namespace!, name: name!, keys: keys.sort(), values: values as Record<string, string> };
};

/** Every metric the dashboard's widgets name. */
export const dashboardMetricsOf = (template: CfnTemplate): NamedMetric[] =>
  dashboardWidgetsOf(template).flatMap((widget) =>
    (widget.properties.metrics ?? []).map((entry) => namedMetricOf(widget.properties.title, entry)),
  );
