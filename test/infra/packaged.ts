import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  loadTemplate,
  packageTemplate,
  projectRoot,
  type CfnTemplate,
  type PackageOptions,
} from '../../shared/local/template';

/** The stage the infra tests package (its names show up in the template: orgwarden-infratest-...). */
export const INFRA_STAGE = 'infratest';

export interface Packaged {
  readonly templatePath: string;
  readonly template: CfnTemplate;
  /** `.service` of serverless-state.json: what osls resolved (provider region, stage, ...). */
  readonly service: { provider: { region: string; stage: string; runtime: string } } & Record<string, unknown>;
}

/** Packages serverless.yml offline (cached by shared/local/template.ts) and loads the result. */
export const packaged = async (options: PackageOptions = {}): Promise<Packaged> => {
  const templatePath = await packageTemplate({ stage: INFRA_STAGE, ...options });
  const state = JSON.parse(readFileSync(join(dirname(templatePath), 'serverless-state.json'), 'utf8'));
  return { templatePath, template: loadTemplate(templatePath), service: state.service };
};

export const readProjectJson = (relativePath: string): unknown =>
  JSON.parse(readFileSync(join(projectRoot, relativePath), 'utf8'));

export const resourcesOfType = (
  template: CfnTemplate,
  type: string,
): [string, NonNullable<CfnTemplate['Resources'][string]>][] =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

export const getAtt = (logicalId: string, attribute = 'Arn'): unknown => ({ 'Fn::GetAtt': [logicalId, attribute] });
export const ref = (logicalId: string): unknown => ({ Ref: logicalId });
