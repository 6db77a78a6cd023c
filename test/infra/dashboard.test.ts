import { beforeAll, describe, expect, it } from 'vitest';
import { detailTypes } from '../../shared/domain/detail-types';
import { shownByOwnMetric } from '../../shared/infra/dashboard';
import { healthNamespace, metricDimensions, type MetricName } from '../../shared/ports/health-metrics';
import type { CfnTemplate } from '../../shared/local/template';
import { dashboardMetricsOf, dashboardWidgetsOf, type NamedMetric } from './dashboard-metrics';
import { INFRA_STAGE, packaged, resourcesOfType } from './packaged';

describe('the CloudWatch dashboard in the packaged template', () => {
  let template: CfnTemplate;
  let named: NamedMetric[];
  beforeAll(async () => {
    template = (await packaged()).template;
    named = dashboardMetricsOf(template);
  });

  it('exists, one for the stage, its widgets all metric widgets in the stack’s Region', () => {
    const dashboards = resourcesOfType(template, 'AWS::CloudWatch::Dashboard');
    expect(dashboards.map(([id, d]) => [id, d.Properties?.DashboardName])).toEqual([
      ['Dashboard', `orgwarden-${INFRA_STAGE}`],
    ]);
    const widgets = dashboardWidgetsOf(template);
    expect(widgets.length).toBeGreaterThanOrEqual(8);
    for (const widget of widgets) {
      expect(widget.type, widget.properties.title).toBe('metric');
      expect(widget.properties.region, widget.properties.title).toBe('${AWS::Region}');
      expect(widget.properties.metrics?.length, widget.properties.title).toBeGreaterThan(0);
    }
  });

  it('names in every widget only metrics the functions write: namespace, declared name, declared dimensions, the stage', () => {
    for (const metric of named) {
      const where = `${metric.widget}: ${metric.name}`;
      expect(metric.namespace, where).toBe(healthNamespace);
      expect(Object.keys(metricDimensions), where).toContain(metric.name);
      const declared = metricDimensions[metric.name as MetricName] as readonly string[];
      expect(metric.keys, where).toEqual(['Stage', ...declared].sort());
      expect(metric.values.Stage, where).toBe(INFRA_STAGE);
      // A dimension value the widget fixes is one the code writes.
      if (metric.values.DetailType) expect(Object.values(detailTypes), where).toContain(metric.values.DetailType);
      if (metric.values.Outcome)
        expect(['processed', 'dead-lettered', 'failed'], where).toContain(metric.values.Outcome);
    }
  });

  it('shows every metric the functions declare, and every published detail-type (by its own line or its own metric)', () => {
    expect([...new Set(named.map((m) => m.name))].sort()).toEqual(Object.keys(metricDimensions).sort());
    const published = new Set(named.filter((m) => m.name === 'Published').map((m) => m.values.DetailType));
    for (const type of Object.values(detailTypes))
      expect([type, published.has(type) || named.some((m) => m.name === shownByOwnMetric[type])]).toEqual([type, true]);
  });
});
