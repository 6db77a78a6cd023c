import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fileKinds, schemaText } from '../../shared/local/cli/file-kinds';
import { projectRoot } from '../../shared/local/template';

const scenarioKind = fileKinds.find((kind) => kind.name === 'scenario')!;
const shipped = (): string => readFileSync(join(projectRoot, scenarioKind.schemaFile), 'utf8');
const scenarioFiles = readdirSync(join(projectRoot, 'events/scenarios')).filter((name) => name.endsWith('.json'));

describe('events/schemas/scenario.schema.json, for editors', () => {
  it('is what the zod schema generates (regenerate: npx tsx shared/local/cli/write-schemas.ts)', () => {
    expect(shipped()).toBe(schemaText(scenarioKind));
  });

  it.each(scenarioFiles)('accepts events/scenarios/%s, which refers to it with $schema', (name) => {
    // Prepare: the shipped file as an editor reads it, turned into a validator by zod itself.
    const validator = z.fromJSONSchema(JSON.parse(shipped()) as Parameters<typeof z.fromJSONSchema>[0]);
    const scenario = JSON.parse(readFileSync(join(projectRoot, 'events/scenarios', name), 'utf8')) as Record<
      string,
      unknown
    >;
    // Act
    const result = validator.safeParse(scenario);
    // Assess
    expect(result.error?.issues ?? []).toEqual([]);
    expect(scenario.$schema).toBe('../schemas/scenario.schema.json');
  });

  it('refuses what the CLI refuses: an unknown key, a step of no kind, a bad time', () => {
    const validator = z.fromJSONSchema(JSON.parse(shipped()) as Parameters<typeof z.fromJSONSchema>[0]);
    const base = { name: 'x', start: '2026-11-02T09:00:00Z', steps: [{ advanceTo: '2026-11-03T00:00:00Z' }] };
    expect(validator.safeParse(base).success).toBe(true);
    expect(validator.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(validator.safeParse({ ...base, steps: [{ wait: 1 }] }).success).toBe(false);
    expect(validator.safeParse({ ...base, start: 'yesterday' }).success).toBe(false);
  });
});
