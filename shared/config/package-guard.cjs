// osls plugin (serverless.yml `plugins:`): what a packaging must not let through, checked on the
// template it compiled, before anything is written or deployed. `osls deploy` packages first, so
// a deployment is refused the same way.
// - A function whose environment can exceed Lambda's 4 KB (environment-size.cjs): the deployment
//   would fail at that function, half-way through the stack update.
// - It writes the template that reinstalls the stack over its retained table (reinstall-template.cjs)
//   beside osls's own templates.
// - After a packaging that succeeded, the `--param` values it was given are saved as the stage's
//   settings (stage-settings.cjs), so that the next deployment without `--param` keeps them.
'use strict';

const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { oversizedEnvironments } = require('./environment-size.cjs');
const { REINSTALL_TEMPLATE_FILE, reinstallTemplate } = require('./reinstall-template.cjs');
const { saveStageSettings, settingsFile } = require('./stage-settings.cjs');

class OrgwardenPackageGuard {
  constructor(serverless, options, utils) {
    this.serverless = serverless;
    this.options = options;
    // osls hands a service plugin its log writers; stderr when it does not.
    this.log = (utils && utils.log) || { notice: (line) => process.stderr.write(`${line}\n`) };
    this.hooks = {
      // The template is whole here (functions, events and `resources:` merged) and not yet saved.
      'before:aws:package:finalize:saveServiceState': () => {
        this.checkEnvironments();
        this.writeReinstallTemplate();
      },
      'after:aws:package:finalize:saveServiceState': () => this.saveSettings(),
    };
  }

  // Not named `provider`: osls reads a plugin's `provider` property as the provider it is written for.
  aws() {
    return this.serverless.getProvider('aws');
  }

  checkEnvironments() {
    const template = this.serverless.service.provider.compiledCloudFormationTemplate;
    const provider = this.aws();
    const problems = oversizedEnvironments(template, { region: provider.getRegion(), stackName: provider.naming.getStackName() });
    if (problems.length > 0) {
      const ServerlessError = this.serverless.classes.Error;
      throw new ServerlessError(`orgwarden: refused, Lambda allows 4 KB of environment per function:\n${problems.join('\n')}`, 'ORGWARDEN_ENVIRONMENT_TOO_LARGE');
    }
  }

  // Into .serverless/, which osls then moves to the package folder with its own templates.
  writeReinstallTemplate() {
    const { coreCloudFormationTemplate, compiledCloudFormationTemplate } = this.serverless.service.provider;
    const folder = join(this.serverless.serviceDir, '.serverless');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, REINSTALL_TEMPLATE_FILE), JSON.stringify(reinstallTemplate(coreCloudFormationTemplate, compiledCloudFormationTemplate), null, 2));
  }

  saveSettings() {
    const stage = this.aws().getStage();
    const saved = saveStageSettings(stage, this.options);
    if (saved) this.log.notice(saved);
    // A clone without the team's settings file would deploy the defaults: say so rather than nothing.
    else if (!existsSync(settingsFile(stage))) this.log.notice(`orgwarden: stage ${stage} has no saved settings (${settingsFile(stage)}) and no --param: packaged with the defaults (the default policy, no alert e-mail).`);
  }
}

module.exports = OrgwardenPackageGuard;
