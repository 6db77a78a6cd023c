import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface StageSettings {
  effectiveParams(stage: string, options: { param?: string[] }): Record<string, string>;
  saveStageSettings(stage: string, options: { param?: string[] }): string | null;
  readStageSettings(stage: string): Record<string, string>;
}
const settings = createRequire(import.meta.url)('../../shared/config/stage-settings.cjs') as StageSettings;

/**
 * shared/config/stage-settings.cjs, the stage's saved packaging parameters (packaging itself is
 * shown in safe-deployment.test.ts): the command line over the file, what is saved, what is refused.
 */
describe('stage settings (.stages/<stage>.json)', () => {
  let dir: string;
  const previous = process.env.ORGWARDEN_STAGE_SETTINGS_DIR;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orgwarden-stages-'));
    process.env.ORGWARDEN_STAGE_SETTINGS_DIR = dir;
  });

  afterEach(() => {
    if (previous === undefined) delete process.env.ORGWARDEN_STAGE_SETTINGS_DIR;
    else process.env.ORGWARDEN_STAGE_SETTINGS_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it('packages with the saved settings, an explicit --param winning', () => {
    writeFileSync(
      join(dir, 'prod.json'),
      JSON.stringify({ policy: 'policies/prod.yaml', alertEmail: 'old@example.com', auditRate: 'rate(2 hours)' }),
    );
    const effective = settings.effectiveParams('prod', { param: ['alertEmail=new@example.com'] });
    expect(effective).toEqual({
      policy: 'policies/prod.yaml',
      alertEmail: 'new@example.com',
      auditRate: 'rate(2 hours)',
    });
  });

  it('saves the given values over the saved ones, says which, and says nothing when nothing changed', () => {
    writeFileSync(join(dir, 'prod.json'), JSON.stringify({ policy: 'policies/prod.yaml', auditRate: 'rate(2 hours)' }));
    const said = settings.saveStageSettings('prod', {
      param: ['alertEmail=secops@example.com', 'auditRate=rate(2 hours)'],
    });
    expect(said).toMatch(
      /saved alertEmail in .*prod\.json: the next packaging of stage prod without --param uses them\. Commit the file\./,
    );
    expect(readFileSync(join(dir, 'prod.json'), 'utf8')).toBe(
      `${JSON.stringify({ alertEmail: 'secops@example.com', auditRate: 'rate(2 hours)', policy: 'policies/prod.yaml' }, null, 2)}\n`,
    );
    expect(settings.saveStageSettings('prod', { param: ['alertEmail=secops@example.com'] })).toBeNull();
    expect(settings.saveStageSettings('dev', {})).toBeNull();
    expect(settings.readStageSettings('dev')).toEqual({});
  });

  it('refuses a settings file that is not one object of strings, and a stage name that is no file name', () => {
    writeFileSync(join(dir, 'prod.json'), JSON.stringify({ auditRate: 2 }));
    expect(() => settings.effectiveParams('prod', {})).toThrow(
      /prod\.json must be one JSON object of strings .*not a string: auditRate/,
    );
    writeFileSync(join(dir, 'prod.json'), '{ policy: ');
    expect(() => settings.readStageSettings('prod')).toThrow(/prod\.json is not JSON/);
    expect(() => settings.readStageSettings('../prod')).toThrow(
      /stage name "..\/prod" is not letters, digits and hyphens/,
    );
  });
});
