// The policy file, as one JSON string for the functions' ORGWARDEN_POLICY variable
// (${file(./shared/config/policy-variable.cjs):json}) and the list of detail-types it marks as
// alerts (${file(...):alerts}): serverless.yml reads both when it packages. The file is the
// `policy` parameter (--param="policy=PATH", else the stage's saved settings, see stage-settings.cjs;
// YAML or JSON, relative to the project), or the default policy.
// It is checked here with the very schema the functions parse it with at cold start
// (shared/domain/policy/policy.ts, loaded through tsx): a policy they would refuse is refused now,
// each problem named by its field, instead of a deployment whose functions never start. The alerts
// are the parsed policy's `alerts`, the schema's defaults applied: one list of default alerts.
'use strict';

const { existsSync, readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { effectiveParams, stageOf } = require('./stage-settings.cjs');

const projectRoot = resolve(__dirname, '..', '..');
const DEFAULT_POLICY = 'shared/config/default-policy.yaml';

// The domain's schema is TypeScript: tsx's CommonJS API compiles it on the fly (tsx is a dependency).
const policyModule = () => require('tsx/cjs/api').require('../domain/policy/policy.ts', __filename);

/** Reads and checks the policy file; returns the document as written and the policy as parsed. */
const readPolicy = (path) => {
  if (!existsSync(path)) throw new Error(`orgwarden: the policy file ${path} does not exist`);
  const text = readFileSync(path, 'utf8');
  let document;
  try {
    document = /\.json$/i.test(path) ? JSON.parse(text) : require('yaml').parse(text);
  } catch (error) {
    throw new Error(`orgwarden: the policy ${path} is not ${/\.json$/i.test(path) ? 'JSON' : 'YAML'}: ${error.message}`);
  }
  const { policyProblems, policySchema } = policyModule();
  const problems = policyProblems(document);
  if (problems.length > 0) throw new Error(`orgwarden: invalid policy ${path} (orgwarden validate says the same): ${problems.join('; ')}`);
  const policy = policySchema.parse(document);
  // EventBridge refuses an empty list in a pattern: the deployment would fail at the alert rule.
  if (policy.alerts.length === 0) throw new Error(`orgwarden: invalid policy ${path}: alerts: an empty list (the alert rule needs at least one detail-type; leave alerts out for the defaults)`);
  return { document, policy };
};

module.exports = async ({ options, resolveConfigurationProperty }) => {
  const stage = await stageOf(options, resolveConfigurationProperty);
  const given = effectiveParams(stage, options).policy;
  const { document, policy } = readPolicy(resolve(projectRoot, given || DEFAULT_POLICY));
  // The document as written (the functions apply the defaults themselves): the smallest form, and
  // what Lambda's 4 KB of environment must hold (shared/config/package-guard.cjs measures it).
  return { json: JSON.stringify(document), alerts: policy.alerts };
};
