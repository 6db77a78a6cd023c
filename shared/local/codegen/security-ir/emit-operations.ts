// Emits the commands, paginators, the constraint table of the input shapes and the endpoint rule set module.
import type { BotoModel, BotoShape, Paginators } from './model';
import { operationOf, shapeOf } from './model';

const q = (s: string): string => JSON.stringify(s);

/**
 * The input and output type of every command and their unions (ServiceInputTypes, ServiceOutputTypes), apart from
 * the commands: the client's configuration needs the unions, and the commands need the client's command builder.
 */
export const emitCommandTypes = (model: BotoModel, operations: string[]): string => {
  const types = new Set<string>();
  const blocks = operations.map((name) => {
    const op = operationOf(model, name);
    const input = op.input?.shape;
    const output = op.output?.shape;
    if (input) types.add(input);
    if (output) types.add(output);
    return [
      `/** ${op.http.method} ${op.http.requestUri} */`,
      `export type ${name}CommandInput = ${input ?? 'object'};`,
      `export type ${name}CommandOutput = ${output ?? 'object'} & MetadataBearer;`,
    ].join('\n');
  });
  return [
    `import type { MetadataBearer } from '@smithy/types';`,
    `import type { ${[...types].sort().join(', ')} } from './models';`,
    '',
    blocks.join('\n\n'),
    '',
    `export type ServiceInputTypes = ${operations.map((o) => `${o}CommandInput`).join(' | ')};`,
    `export type ServiceOutputTypes = ${operations.map((o) => `${o}CommandOutput`).join(' | ')};`,
    '',
  ].join('\n');
};

/** The command classes, each carrying its schema and its input's constraints; their types come from command-types. */
export const emitCommands = (model: BotoModel, operations: string[]): string => {
  const blocks = operations.map((name) => {
    const op = operationOf(model, name);
    const input = op.input?.shape;
    return [
      `/** ${op.http.method} ${op.http.requestUri} */`,
      // Pure, so that a bundle keeps only the commands (and their schemas and constraints) it uses.
      `export class ${name}Command extends /* @__PURE__ */ command<${name}CommandInput, ${name}CommandOutput>(_ep0, _mw0, ${q(name)}, ${name}$${input ? `, { inputRules: ${name}$rules }` : ''}) {}`,
    ].join('\n');
  });
  return [
    `import { _ep0, _mw0, command } from '../command-builder';`,
    `import type { ${operations.map((o) => `${o}CommandInput, ${o}CommandOutput`).join(', ')} } from './command-types';`,
    `import { ${operations
      .filter((o) => operationOf(model, o).input?.shape)
      .map((o) => `${o}$rules`)
      .join(', ')} } from './constraints';`,
    `import { ${operations.map((o) => `${o}$`).join(', ')} } from './schemas';`,
    '',
    `export type * from './command-types';`,
    '',
    blocks.join('\n\n'),
    '',
  ].join('\n');
};

export const emitPaginators = (
  paginators: Paginators,
  operations: string[],
  clientName: string,
  clientModule: string,
): string => {
  const paged = operations.filter((o) => paginators.pagination[o]);
  const config = `${clientName.replace(/Client$/, '')}PaginationConfiguration`;
  return [
    `import { createPaginator } from '@smithy/core';`,
    `import type { PaginationConfiguration } from '@smithy/types';`,
    `import { ${clientName} } from '${clientModule}';`,
    `import { ${paged.map((o) => `${o}Command, type ${o}CommandInput, type ${o}CommandOutput`).join(', ')} } from './commands';`,
    '',
    `export interface ${config} extends PaginationConfiguration {`,
    `  client: ${clientName};`,
    `}`,
    '',
    ...paged.map((o) => {
      const p = paginators.pagination[o]!;
      const limit = p.limit_key ? `, ${q(p.limit_key)}` : '';
      return `export const paginate${o} = /* @__PURE__ */ createPaginator<${config}, ${o}CommandInput, ${o}CommandOutput>(${clientName}, ${o}Command, ${q(p.input_token)}, ${q(p.output_token)}${limit});`;
    }),
    '',
  ].join('\n');
};

/** What a rule of `shape` refers to: the shapes of its members, list items, map keys and values. */
const referencesOf = (shape: BotoShape): string[] => {
  switch (shape.type) {
    case 'list':
      return [shape.member!.shape];
    case 'map':
      return [shape.key!.shape, shape.value!.shape];
    case 'structure':
      return Object.values(shape.members ?? {}).map((m) => m.shape);
    default:
      return [];
  }
};

/**
 * The constraints of one shape, as the client-side validator reads them (its references: the rules' constant names).
 */
const ruleOf = (shape: BotoShape): string => {
  const bounds = {
    ...(shape.min !== undefined ? { min: shape.min } : {}),
    ...(shape.max !== undefined ? { max: shape.max } : {}),
  };
  const literal = (value: Record<string, unknown>): string => JSON.stringify(value).slice(1, -1);
  const rule = (name: string): string => `${name}$rule`;
  switch (shape.type) {
    case 'string':
      return `{${literal({ type: 'string', ...bounds, ...(shape.pattern ? { pattern: shape.pattern } : {}), ...(shape.enum ? { enum: shape.enum } : {}) })}}`;
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
      return `{${literal({ type: 'number', integer: true, ...bounds })}}`;
    case 'float':
    case 'double':
      return `{${literal({ type: 'number', ...bounds })}}`;
    case 'boolean':
    case 'timestamp':
    case 'blob':
      return `{${literal({ type: shape.type })}}`;
    case 'list':
      return `{${[literal({ type: 'list' }), `"member":${rule(shape.member!.shape)}`, literal(bounds)].filter(Boolean).join(',')}}`;
    case 'map':
      return `{${[literal({ type: 'map' }), `"key":${rule(shape.key!.shape)}`, `"value":${rule(shape.value!.shape)}`, literal(bounds)].filter(Boolean).join(',')}}`;
    case 'structure': {
      const members = Object.entries(shape.members ?? {}).map(([n, m]) => `${JSON.stringify(n)}:${rule(m.shape)}`);
      return `{${[literal({ type: 'structure' }), `"members":{${members.join(',')}}`, shape.required?.length ? literal({ required: shape.required }) : ''].filter(Boolean).join(',')}}`;
    }
    default:
      throw new Error(`no rule for type ${shape.type}`);
  }
};

/**
 * `shapes`, each after the shapes its rule refers to (the constants are declared in that order); a cycle is refused.
 */
const dependencyOrder = (model: BotoModel, shapes: readonly string[]): string[] => {
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: readonly string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw new Error(
        `recursive shapes (${[...path, name].join(' -> ')}): the constraint generator needs lazy references for them`,
      );
    state.set(name, 'visiting');
    for (const reference of referencesOf(shapeOf(model, name))) visit(reference, [...path, name]);
    state.set(name, 'done');
    ordered.push(name);
  };
  for (const name of [...shapes].sort()) visit(name, []);
  return ordered;
};

/**
 * The constraints (length, pattern, enum, range, required) of every shape reachable from an input, one
 * constant each, referring to the constants of its members (so a bundle keeps only the rules its
 * commands' inputs reach), and per operation the rule of its input: each command carries its own
 * (commands.ts).
 */
export const emitConstraints = (
  model: BotoModel,
  operations: string[],
  closureOf: (roots: string[]) => string[],
): string => {
  const withInput = operations.flatMap((o) => {
    const input = operationOf(model, o).input?.shape;
    return input ? [[o, input] as const] : [];
  });
  const shapes = dependencyOrder(model, closureOf(withInput.map(([, input]) => input)));
  return [
    `import type { InputRules, ShapeRule } from '../validation';`,
    '',
    ...shapes.map((n) => `const ${n}$rule: ShapeRule = ${ruleOf(shapeOf(model, n))};`),
    '',
    ...withInput.map(([o, input]) => `export const ${o}$rules: InputRules = ${input}$rule;`),
    '',
  ].join('\n');
};

export const emitRuleSet = (ruleSet: unknown): string =>
  [
    `import type { RuleSetObject } from '@smithy/core/endpoints';`,
    '',
    `export const ruleSet: RuleSetObject = ${JSON.stringify(stripDocs(ruleSet), null, 2)};`,
    '',
  ].join('\n');

const stripDocs = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stripDocs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'documentation')
        .map(([k, v]) => [k, stripDocs(v)]),
    );
  }
  return value;
};
