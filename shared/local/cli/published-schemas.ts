/**
 * The JSON Schemas of orgwarden's published events (events/schemas/published/*.schema.json), generated
 * from the zod schemas their details are parsed with (shared/domain/published-schemas.ts). One file per
 * detail-type, JSON Schema draft 4 (what z.toJSONSchema emits as `draft-4` and what an EventBridge
 * schema registry takes as `JSONSchemaDraft4`): the whole event as EventBridge delivers it, its
 * `x-amazon-events-source` and `x-amazon-events-detail-type` naming it as the registry's own schemas
 * do (so that its code bindings are generated), the `detail` under `definitions`. serverless.yml
 * registers each file's text as is (shared/infra/event-schemas.cjs).
 */
import { z } from 'zod';
import { detailTypes, publishedSource, type DetailType } from '../../domain/detail-types';
import { publishedDescriptions, publishedDetailSchemas } from '../../domain/published-schemas';

/** Where the files are, relative to the project root. */
export const publishedSchemaFolder = 'events/schemas/published';

/** `Handshake State Changed` → `handshake-state-changed` (the file's stem). */
export const kebabOf = (detailType: string): string => detailType.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** `Handshake State Changed` → `HandshakeStateChanged` (the detail's definition, the registry's schema name). */
export const pascalOf = (detailType: string): string => detailType.replace(/[^A-Za-z0-9]/g, '');

/** The name of a detail-type's schema in the stack's registry, as EventBridge names its own: `<source>@<Name>`. */
export const registrySchemaNameOf = (detailType: string): string => `${publishedSource}@${pascalOf(detailType)}`;

/**
 * The detail's JSON Schema. Objects are left open (no `additionalProperties: false`): details change
 * additively only, and a consumer validating with an older schema must accept a member added since.
 */
const detailSchemaOf = (detailType: DetailType): Record<string, unknown> => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(publishedDetailSchemas[detailType], {
    target: 'draft-4',
    io: 'output',
    override: ({ jsonSchema }) => {
      if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  });
  return { ...schema, description: publishedDescriptions[detailType] };
};

/** The JSON Schema of one published event. */
export const publishedEventSchemaOf = (detailType: DetailType): Record<string, unknown> => {
  const name = pascalOf(detailType);
  const { definitions, ...detail } = detailSchemaOf(detailType) as { definitions?: Record<string, unknown> };
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: name,
    description:
      `orgwarden \`${detailType}\`: ${publishedDescriptions[detailType]}. The event as EventBridge delivers it ` +
      `on orgwarden's bus; its detail is \`#/definitions/${name}\`. Generated from the zod schema the detail is ` +
      'published with, by `npx tsx shared/local/cli/write-schemas.ts`; do not edit.',
    type: 'object',
    'x-amazon-events-source': publishedSource,
    'x-amazon-events-detail-type': detailType,
    required: ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'],
    properties: {
      version: { type: 'string' },
      id: { type: 'string' },
      'detail-type': { type: 'string', enum: [detailType] },
      source: { type: 'string', enum: [publishedSource] },
      account: { type: 'string' },
      time: { type: 'string', format: 'date-time' },
      region: { type: 'string' },
      resources: { type: 'array', items: { type: 'string' } },
      detail: { $ref: `#/definitions/${name}` },
    },
    definitions: { ...definitions, [name]: detail },
  };
};

/** One shipped file: its detail-type, its path from the project root, its text exactly as committed. */
export interface PublishedSchemaFile {
  readonly detailType: DetailType;
  readonly file: string;
  readonly text: string;
}

/** Every published detail-type's schema file. */
export const publishedSchemaFiles = (): PublishedSchemaFile[] =>
  Object.values(detailTypes).map((detailType) => ({
    detailType,
    file: `${publishedSchemaFolder}/${kebabOf(detailType)}.schema.json`,
    text: `${JSON.stringify(publishedEventSchemaOf(detailType), null, 2)}\n`,
  }));
