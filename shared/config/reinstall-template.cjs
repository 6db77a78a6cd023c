// The template that reinstalls orgwarden over the table a removed stack left behind. `osls remove`
// deletes the stack but keeps the state table (DeletionPolicy Retain, deletion protection on):
// a plain `osls deploy` then fails, CloudFormation cannot create a table whose name exists.
// This template is osls's own first template (the deployment bucket, cloudformation-template-
// create-stack.json) plus the retained tables as the stack declares them: created as a change set
// with ImportExistingResources (`aws cloudformation create-change-set --import-existing-resources`),
// CloudFormation creates the bucket and takes the existing table into the new stack (a named
// resource with a Retain policy, in no other stack: AWS's conditions for importing automatically).
// `osls deploy` then finds the stack and updates it with everything else. The README's "Upgrade and
// reinstall" gives the commands. package-guard.cjs writes it beside osls's templates on every packaging.
'use strict';

const REINSTALL_TEMPLATE_FILE = 'cloudformation-template-reinstall.json';
const RETAINED = new Set(['Retain', 'RetainExceptOnCreate']);

/** The retained tables of the compiled template, each checked importable (a literal name, nothing referenced). */
const retainedTables = (compiled) =>
  Object.entries(compiled.Resources ?? {}).filter(([logicalId, resource]) => {
    if (resource.Type !== 'AWS::DynamoDB::Table' || !RETAINED.has(resource.DeletionPolicy)) return false;
    if (typeof resource.Properties?.TableName !== 'string') throw new Error(`orgwarden: the retained table ${logicalId} needs a literal TableName to be imported on a reinstall`);
    if (/"(Ref|Fn::[A-Za-z]+)"/.test(JSON.stringify(resource))) throw new Error(`orgwarden: the retained table ${logicalId} refers to other resources or parameters: a reinstall could not import it alone`);
    return true;
  });

/** osls's first template with the retained tables added. */
const reinstallTemplate = (core, compiled) => {
  const tables = retainedTables(compiled);
  return {
    ...core,
    Description: `${core.Description ?? ''} (reinstall: the deployment bucket, and ${tables.map(([id]) => id).join(', ')} imported as it exists)`.trim(),
    Resources: { ...core.Resources, ...Object.fromEntries(tables) },
  };
};

module.exports = { REINSTALL_TEMPLATE_FILE, reinstallTemplate };
