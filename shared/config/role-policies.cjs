// Each function's IAM role policy, rendered from its capabilities (shared/config/capabilities/<name>.ts,
// through shared/config/role-statements.ts) when serverless.yml is packaged:
// `Policies: ${file(./shared/config/role-policies.cjs):<function>}`. The same lists build the
// functions' executors and readers, so that a function is allowed exactly what it is wired to do.
'use strict';

const { stageOf } = require('./stage-settings.cjs');

// The capabilities are TypeScript: tsx's CommonJS API compiles them on the fly (as policy-variable.cjs).
const load = () => {
  const { require: tsxRequire } = require('tsx/cjs/api');
  const { functionCapabilities } = tsxRequire('./function-needs.ts', __filename);
  const { rolePolicies } = tsxRequire('./role-statements.ts', __filename);
  return { functionCapabilities, rolePolicies };
};

module.exports = async ({ options, resolveConfigurationProperty }) => {
  const stage = await stageOf(options, resolveConfigurationProperty);
  const service = await resolveConfigurationProperty(['service']);
  const { functionCapabilities, rolePolicies } = load();
  return Object.fromEntries(Object.entries(functionCapabilities).map(([fn, listed]) => [fn, rolePolicies(fn, listed, `${service}-${stage}-${fn}`)]));
};
