/**
 * The kinds of file `orgwarden validate` knows, each with its zod schema (the source of its shipped
 * JSON Schema) and its checks. A new kind (the policy file) is one more entry in {@link fileKinds}.
 */
import { z } from 'zod';
import { policyProblems, policySchema } from '../../domain/policy/policy';
import { parseScenario, scenarioSchema } from '../scenario/scenario';

/** One kind of file the CLI reads. */
export interface FileKind {
  /** E.g. `scenario`; also the `--kind` value and the stem of its schema file. */
  readonly name: string;
  /** What such a file is, for help and messages. */
  readonly description: string;
  /** The zod schema its JSON Schema is generated from (zod or zod/mini). */
  readonly schema: z.core.$ZodType;
  /** Where its JSON Schema is shipped, relative to the project root. */
  readonly schemaFile: string;
  /** Whether a file that names no `$schema` looks like this kind. */
  readonly looksLike: (json: unknown) => boolean;
  /** Every problem of the file, one line each with the path of its field; none when it is valid. */
  readonly check: (json: unknown, file: string) => { readonly problems: readonly string[]; readonly summary?: string };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const scenarioKind: FileKind = {
  name: 'scenario',
  description: 'a rehearsal for `orgwarden local` (events/scenarios/*.json)',
  schema: scenarioSchema,
  schemaFile: 'events/schemas/scenario.schema.json',
  looksLike: (json) => isRecord(json) && 'steps' in json,
  check: (json, file) => {
    try {
      const scenario = parseScenario(json, file);
      return { problems: [], summary: `${scenario.steps.length} step(s): ${scenario.name}` };
    } catch (error) {
      if (error instanceof Error && 'problems' in error && Array.isArray(error.problems))
        return { problems: error.problems as string[] };
      throw error;
    }
  },
};

const policyKind: FileKind = {
  name: 'policy',
  description:
    "the team's policy: trusted parties, warning lead times, reactions (off | notify | enforce); shared/config/default-policy.yaml",
  schema: policySchema,
  schemaFile: 'events/schemas/policy.schema.json',
  looksLike: (json) =>
    isRecord(json) && ('reactions' in json || 'trust' in json || ('version' in json && !('steps' in json))),
  check: (json) => {
    const problems = policyProblems(json);
    if (problems.length > 0 || !isRecord(json)) return { problems };
    const reactions = policySchema.parse(json).reactions;
    const enforced = Object.entries(reactions)
      .filter(([, mode]) => mode === 'enforce')
      .map(([name]) => name);
    return {
      problems: [],
      summary: enforced.length > 0 ? `enforces ${enforced.join(', ')}` : 'notifies only: changes nothing in AWS',
    };
  },
};

/** Every kind `validate` knows, in the order it tries them on a file that names no `$schema`. */
export const fileKinds: readonly FileKind[] = [scenarioKind, policyKind];

/** The kind of a file: the one its `$schema` names, else the first that it looks like. */
export const kindOf = (json: unknown): FileKind | undefined => {
  const declared = isRecord(json) && typeof json.$schema === 'string' ? json.$schema : undefined;
  const byName = declared ? fileKinds.find((kind) => declared.endsWith(`${kind.name}.schema.json`)) : undefined;
  return byName ?? fileKinds.find((kind) => kind.looksLike(json));
};

/** A kind's JSON Schema, for editors: the input a file may hold (defaults make fields optional). */
export const jsonSchemaOf = (kind: FileKind): Record<string, unknown> => ({
  ...z.toJSONSchema(kind.schema, { target: 'draft-7', io: 'input' }),
  title: `orgwarden ${kind.name}`,
  description: `orgwarden ${kind.name}: ${kind.description}. Generated from the zod schema by \`npx tsx shared/local/cli/write-schemas.ts\`; do not edit.`,
});

/** The text of a kind's schema file, exactly as committed. */
export const schemaText = (kind: FileKind): string => `${JSON.stringify(jsonSchemaOf(kind), null, 2)}\n`;
