// The settings of a stage that persist between deployments: `.stages/<stage>.json` at the project's
// root, one JSON object of packaging parameters (`policy`, `alertEmail`, `managementAccountId`,
// `organizationId`, `auditRate`, `macieRegions`, ... every `${param:...}` of serverless.yml).
// serverless.yml's `params:` is this file's resolver, so osls reads the stage's file as the stage's
// params block: a deploy without `--param` packages what the last one did. An explicit `--param`
// still wins (osls ranks the CLI above the params block), and a packaging that succeeds with
// `--param` values saves them into the file (shared/config/package-guard.cjs), saying so, for the
// team to commit. Without this, a deploy without `--param` went back to the default policy and
// dropped the e-mail subscription, and nothing said so.
// ORGWARDEN_STAGE_SETTINGS_DIR points elsewhere (the tests package into a temporary folder).
'use strict';

const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const projectRoot = resolve(__dirname, '..', '..');

/** Where the stage files live. */
const settingsDir = () => resolve(projectRoot, process.env.ORGWARDEN_STAGE_SETTINGS_DIR || '.stages');

// osls allows letters, digits and hyphens in a stage name; anything else must not become a path.
const settingsFile = (stage) => {
  if (!/^[A-Za-z0-9-]+$/.test(String(stage))) throw new Error(`orgwarden: the stage name ${JSON.stringify(stage)} is not letters, digits and hyphens`);
  return join(settingsDir(), `${stage}.json`);
};

/** What a path looks like in a message: relative to the project when it is inside it. */
const shown = (path) => {
  const inside = relative(projectRoot, path);
  return inside.startsWith('..') ? path : inside;
};

/** The stage's saved settings ({} when it has none); a file that is not an object of strings is refused. */
const readStageSettings = (stage) => {
  const file = settingsFile(stage);
  if (!existsSync(file)) return {};
  let settings;
  try {
    settings = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`orgwarden: ${shown(file)} is not JSON (${error.message})`);
  }
  const wrong = settings === null || typeof settings !== 'object' || Array.isArray(settings) ? ['(file)'] : Object.keys(settings).filter((key) => typeof settings[key] !== 'string');
  if (wrong.length > 0) throw new Error(`orgwarden: ${shown(file)} must be one JSON object of strings (the packaging parameters); not a string: ${wrong.join(', ')}`);
  return settings;
};

/** The `--param="key=value"` values given on the command line, as osls reads them (value trimmed at its end). */
const cliParams = (options) => {
  const given = {};
  for (const item of [].concat((options && options.param) || [])) {
    const match = /^(?<key>[^=]+)=(?<value>.+)$/s.exec(item);
    if (match) given[match.groups.key] = match.groups.value.trimEnd();
  }
  return given;
};

/** The parameters a packaging runs with: the stage's saved settings, under the command line's. */
const effectiveParams = (stage, options) => ({ ...readStageSettings(stage), ...cliParams(options) });

/**
 * Saves the command line's `--param` values into the stage's file (over the saved ones) and returns
 * a line saying what changed, or null when nothing did.
 */
const saveStageSettings = (stage, options) => {
  const given = cliParams(options);
  const saved = readStageSettings(stage);
  const changed = Object.keys(given).filter((key) => saved[key] !== given[key]);
  if (changed.length === 0) return null;
  const merged = { ...saved, ...given };
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((key) => [key, merged[key]]));
  const file = settingsFile(stage);
  mkdirSync(settingsDir(), { recursive: true });
  // Written whole, then renamed: a packaging stopped midway never leaves half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return `orgwarden: saved ${changed.join(', ')} in ${shown(file)}: the next packaging of stage ${stage} without --param uses them. Commit the file.`;
};

/** The stage osls packages: `--stage`, else provider.stage (serverless.yml: `${opt:stage, 'dev'}`). */
const stageOf = async (options, resolveConfigurationProperty) => String((options && options.stage) || (await resolveConfigurationProperty(['provider', 'stage'])) || 'dev');

// serverless.yml: `params: ${file(./shared/config/stage-settings.cjs)}`: the stage's params block.
module.exports = async ({ options, resolveConfigurationProperty }) => {
  const stage = await stageOf(options, resolveConfigurationProperty);
  return { [stage]: readStageSettings(stage) };
};
Object.assign(module.exports, { cliParams, effectiveParams, readStageSettings, saveStageSettings, settingsDir, settingsFile, stageOf });
