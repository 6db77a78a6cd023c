// The body of the stack's CloudWatch dashboard (serverless.yml: `DashboardBody: !Sub
// '${file(./shared/infra/dashboard.cjs):body}'`), built by shared/infra/dashboard.ts from the metrics
// the functions declare (shared/ports/health-metrics.ts), for the stage being packaged.
'use strict';

// The builder is TypeScript: tsx's CommonJS API compiles it on the fly (as policy-variable.cjs does).
const dashboardModule = () => require('tsx/cjs/api').require('./dashboard.ts', __filename);

module.exports = async ({ resolveVariable }) => ({
  body: dashboardModule().dashboardBody(await resolveVariable('sls:stage')),
});
