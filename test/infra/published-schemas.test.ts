import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detailTypes } from '../../shared/domain/detail-types';
import { changeDetailSchema } from '../../shared/domain/published-events';
import { publishedDetailSchemas } from '../../shared/domain/published-schemas';
import { subjectTypes } from '../../shared/domain/subjects/catalog';
import {
  publishedSchemaFiles,
  publishedSchemaFolder,
  registrySchemaNameOf,
} from '../../shared/local/cli/published-schemas';
import { projectRoot, type CfnTemplate } from '../../shared/local/template';
import { draft04Validator } from './draft-04';
import { getAtt, INFRA_STAGE, packaged, resourcesOfType } from './packaged';

const shipped = (file: string): string => readFileSync(join(projectRoot, file), 'utf8');

describe('the published contract: a JSON Schema per published detail-type (events/schemas/published/)', () => {
  it('is what the zod schemas generate (regenerate: npx tsx shared/local/cli/write-schemas.ts), one file per detail-type and no other', () => {
    // Prepare: what the generator writes, from the schemas the details are published with.
    const generated = publishedSchemaFiles();
    // Assess
    expect(generated.map(({ detailType }) => detailType).sort()).toEqual(Object.values(detailTypes).sort());
    expect(readdirSync(join(projectRoot, publishedSchemaFolder)).sort()).toEqual(
      generated.map(({ file }) => file.slice(publishedSchemaFolder.length + 1)).sort(),
    );
    for (const { file, text } of generated) expect(shipped(file), file).toBe(text);
  });

  it('is generated from the schema each announcement is parsed with: every announced subject type’s own', () => {
    // A subject type's change announcement is parsed with changeDetailSchema(type) (transitionEvent):
    // the contract must hold that very schema under the type's detail-type, for every announced type.
    const announced = [...subjectTypes.values()].filter((type) => !type.silent);
    for (const type of announced)
      expect(publishedDetailSchemas[type.published.detailType], type.kind).toBe(changeDetailSchema(type));
    expect(new Set(announced.map((type) => type.published.detailType)).size).toBe(announced.length);
  });

  it('gives a top-level `action` to the reactions’ details only (what the published counts take a reaction by)', () => {
    const withAction = publishedSchemaFiles()
      .filter(({ file }) => {
        const schema = JSON.parse(shipped(file)) as { definitions: Record<string, { properties: object }> };
        return Object.values(schema.definitions).some((detail) => 'action' in detail.properties);
      })
      .map(({ detailType }) => detailType);
    expect(withAction.sort()).toEqual([detailTypes.reactionExecuted, detailTypes.reactionFailed]);
  });

  it('holds JSON Schema draft 4 documents naming their event as EventBridge’s registry does (source, detail-type)', () => {
    const ajv = draft04Validator();
    for (const { detailType, file } of publishedSchemaFiles()) {
      const schema = JSON.parse(shipped(file)) as Record<string, unknown>;
      expect(ajv.validateSchema(schema), `${file}: ${ajv.errorsText()}`).toBe(true);
      expect(schema).toMatchObject({
        $schema: 'http://json-schema.org/draft-04/schema#',
        'x-amazon-events-source': 'orgwarden',
        'x-amazon-events-detail-type': detailType,
      });
      expect(() => ajv.compile(schema), file).not.toThrow();
    }
  });

  it('refuses a detail that breaks it: a missing key, a wrong outcome for the detail-type, a state of no known form', () => {
    // Prepare
    const ajv = draft04Validator();
    const validate = (detailType: string, detail: unknown): boolean => {
      const file = publishedSchemaFiles().find((f) => f.detailType === detailType)!.file;
      const event = {
        version: '0',
        id: 'e-1',
        'detail-type': detailType,
        source: 'orgwarden',
        account: '111111111111',
        time: '2026-11-02T09:00:00Z',
        region: 'us-east-1',
        resources: [],
        detail,
      };
      return ajv.validate(JSON.parse(shipped(file)) as object, event) as boolean;
    };
    const reaction = {
      schemaVersion: 1,
      key: 'k',
      subject: 'handshake:h-1',
      version: 2,
      action: 'cancel-handshake',
      outcome: 'failed',
      reason: 'AccessDenied',
      at: '2026-11-02T09:00:00.000Z',
    };
    // Act and assess
    expect(validate('Reaction Failed', reaction)).toBe(true);
    expect(validate('Reaction Executed', reaction)).toBe(false);
    expect(validate('Reaction Failed', { ...reaction, key: undefined })).toBe(false);
    // A member added since (details change additively only) is accepted.
    expect(validate('Reaction Failed', { ...reaction, addedLater: true })).toBe(true);
    const change = (after: string) => ({
      schemaVersion: 1,
      key: 'handshake:h-1@v1',
      subject: 'handshake:h-1',
      version: 1,
      observedAt: '2026-11-02T09:00:00.000Z',
      cause: { eventId: 'e', eventName: 'InviteAccountToOrganization', source: 'aws.organizations' },
      before: null,
      after,
      handshake: { id: 'h-1', action: 'INVITE', parties: [] },
    });
    expect(validate('Handshake State Changed', change('OPEN'))).toBe(true);
    expect(validate('Handshake State Changed', change('not a state'))).toBe(false);
  });
});

describe('the same schemas in the stack’s EventBridge schema registry (packaged template)', () => {
  let template: CfnTemplate;
  beforeAll(async () => {
    template = (await packaged()).template;
  });

  it('has one registry for the stage, and in it one JSONSchemaDraft4 schema per detail-type whose content is its file', () => {
    // Prepare
    const registries = resourcesOfType(template, 'AWS::EventSchemas::Registry');
    const schemas = resourcesOfType(template, 'AWS::EventSchemas::Schema');
    // Assess
    expect(registries).toHaveLength(1);
    const [registryId, registry] = registries[0]!;
    expect(registry.Properties?.RegistryName).toBe(`orgwarden-${INFRA_STAGE}`);
    expect(schemas).toHaveLength(Object.values(detailTypes).length);
    for (const { detailType, file, text } of publishedSchemaFiles()) {
      const named = schemas.filter(([, s]) => s.Properties?.SchemaName === registrySchemaNameOf(detailType));
      expect(named, detailType).toHaveLength(1);
      expect(named[0]![1].Properties, detailType).toEqual({
        RegistryName: getAtt(registryId, 'RegistryName'),
        SchemaName: registrySchemaNameOf(detailType),
        Type: 'JSONSchemaDraft4',
        Content: text,
      });
      expect(named[0]![1].Properties?.Content, file).toBe(shipped(file));
    }
  });
});
