// The policy file, as one JSON string for the functions' ORGWARDEN_POLICY variable
// (${file(./shared/config/policy-variable.cjs):json}) and the list of detail-types it marks as
// alerts (${file(...):alerts}): serverless.yml reads both when it packages. The file is
// --param="policy=PATH" (YAML or JSON, relative to the project), or the default policy.
// Functions validate it at cold start; `orgwarden validate FILE` checks it before a deployment.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');

// The detail-types the policy marks as alerts (`alerts`): what the notification topic's rule forwards.
const DEFAULT_ALERTS = ['Untrusted Party Detected', 'Reaction Failed', 'Coverage Gap Detected', 'Responsibility Transfer Expiring', 'Membership State Changed'];

module.exports = async ({ options }) => {
  const params = [].concat(options.param ?? []);
  const given = params.find((param) => param.startsWith('policy='));
  const path = resolve(__dirname, '..', '..', given ? given.slice('policy='.length) : 'shared/config/default-policy.yaml');
  const text = readFileSync(path, 'utf8');
  const document = /\.json$/i.test(path) ? JSON.parse(text) : require('yaml').parse(text);
  const alerts = Array.isArray(document?.alerts) && document.alerts.length > 0 ? document.alerts : DEFAULT_ALERTS;
  return { json: JSON.stringify(document), alerts };
};
