import { createRequire } from 'node:module';
import type AjvModule from 'ajv';

/**
 * A JSON Schema draft 4 validator, as a consumer of the published events would use one: ajv 6 (in
 * node_modules through eslint, not a dependency of its own), which still knows draft 4 (ajv 8 does not).
 * It checks each schema against the draft 4 meta-schema before compiling it.
 */
export const draft04Validator = (): AjvModule.Ajv => {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv') as typeof AjvModule;
  const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true, validateSchema: true });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
  return ajv;
};
