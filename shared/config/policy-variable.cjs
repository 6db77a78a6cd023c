// The policy file, as one JSON string for the functions' ORGWARDEN_POLICY variable: serverless.yml
// reads it with ${file(./shared/config/policy-variable.cjs)} when it packages. The file is
// --param="policy=PATH" (YAML or JSON, relative to the project), or the default policy.
// Functions validate it at cold start; `orgwarden validate FILE` checks it before a deployment.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');

module.exports = async ({ options }) => {
  const params = [].concat(options.param ?? []);
  const given = params.find((param) => param.startsWith('policy='));
  const path = resolve(__dirname, '..', '..', given ? given.slice('policy='.length) : 'shared/config/default-policy.yaml');
  const text = readFileSync(path, 'utf8');
  const document = /\.json$/i.test(path) ? JSON.parse(text) : require('yaml').parse(text);
  return JSON.stringify(document);
};
