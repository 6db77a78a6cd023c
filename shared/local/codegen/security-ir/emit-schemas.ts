// Emits the static schemas (@smithy/core/schema's array format) that the official smithy-typescript codegen
// writes to src/schemas/schemas_0.ts, from a botocore model instead of a Smithy one.
import type { BotoMember, BotoModel, BotoShape } from './model';
import { isError, isSimple, makeSensitivity, operationOf, orderedMembers, shapeOf } from './model';

// Simple schema ids of @smithy/core/schema (SCHEMA sentinels).
const TIMESTAMP_IDS: Record<string, number> = { iso8601: 5, rfc822: 6, unixTimestamp: 7 };
const SIMPLE_IDS: Record<string, number> = {
  string: 0,
  boolean: 2,
  integer: 1,
  long: 1,
  short: 1,
  byte: 1,
  float: 1,
  double: 1,
  bigInteger: 17,
  bigDecimal: 19,
  blob: 21,
};
// Bit traits of translateTraits(): httpLabel, idempotent, idempotencyToken, sensitive, httpPayload, httpResponseCode.
const BIT = { httpLabel: 1, idempotencyToken: 4, sensitive: 8, httpPayload: 16, httpResponseCode: 32 } as const;

export interface SchemaContext {
  model: BotoModel;
  namespace: string;
}

const q = (s: string): string => JSON.stringify(s);

const simpleId = (shape: BotoShape, member?: BotoMember): number => {
  if (shape.type === 'timestamp') return TIMESTAMP_IDS[member?.timestampFormat ?? shape.timestampFormat ?? ''] ?? 4;
  if (shape.type === 'blob' && shape.streaming) return 42;
  const id = SIMPLE_IDS[shape.type];
  if (id === undefined) throw new Error(`no simple schema for type ${shape.type}`);
  return id;
};

/** Lists and maps of plain simple values are inlined as `64 | id` / `128 | id`, as the official codegen does. */
const inlineCollection = (model: BotoModel, shape: BotoShape): string | undefined => {
  if (shape.sensitive) return undefined;
  const valueRef = shape.type === 'list' ? shape.member : shape.type === 'map' ? shape.value : undefined;
  if (!valueRef) return undefined;
  const value = shapeOf(model, valueRef.shape);
  if (!isSimple(value) || value.sensitive) return undefined;
  return `${shape.type === 'list' ? 64 : 128} | ${simpleId(value, valueRef)}`;
};

/** Whether a shape gets its own named schema constant. */
const isNamed = (model: BotoModel, shape: BotoShape): boolean =>
  !isSimple(shape) ? inlineCollection(model, shape) === undefined : shape.sensitive === true;

const constName = (name: string, shape: BotoShape): string => (shape.type === 'structure' ? `${name}$` : name);

/** Member traits as the schema encodes them: a bit vector when it can, else an object. */
const memberTraits = (member: BotoMember, payloadName: string | undefined, memberName: string): string | number => {
  const object: Record<string, string | number> = {};
  let bits = 0;
  if (member.location === 'uri') bits |= BIT.httpLabel;
  if (member.idempotencyToken) bits |= BIT.idempotencyToken;
  if (member.location === 'statusCode') bits |= BIT.httpResponseCode;
  if (payloadName === memberName) bits |= BIT.httpPayload;
  if (member.location === 'querystring') object.httpQuery = member.locationName ?? memberName;
  if (member.location === 'header') object.httpHeader = member.locationName ?? memberName;
  if (member.location === 'headers') object.httpPrefixHeaders = member.locationName ?? '';
  if (member.location === undefined && member.locationName && member.locationName !== memberName) {
    object.jsonName = member.locationName;
  }
  if (Object.keys(object).length === 0) return bits;
  if (bits & BIT.idempotencyToken) object.idempotencyToken = 1;
  if (bits & BIT.httpLabel) object.httpLabel = 1;
  return `{ ${Object.entries(object)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? q(v) : v}`)
    .join(', ')} }`;
};

export const makeSchemaEmitter = ({ model, namespace }: SchemaContext) => {
  const sensitive = makeSensitivity(model);

  /** How a member slot refers to a target shape: [expression, wrapped in a member tuple]. */
  const ref = (target: string, member?: BotoMember): [string, boolean] => {
    const shape = shapeOf(model, target);
    if (isSimple(shape) && !shape.sensitive) return [String(simpleId(shape, member)), false];
    const inline = inlineCollection(model, shape);
    if (inline) return [inline, false];
    const thunk = `() => ${constName(target, shape)}`;
    return [thunk, sensitive(target)];
  };

  const memberEntry = (target: string, member: BotoMember, traits: string | number): string => {
    const [expr, wrapped] = ref(target, member);
    if (traits !== 0) return `[${expr}, ${traits}]`;
    return wrapped ? `[${expr}, 0]` : expr;
  };

  const structure = (name: string, shape: BotoShape): string => {
    const members = orderedMembers(shape);
    const requiredCount = (shape.required ?? []).length;
    const names = members.map(([n]) => q(n)).join(', ');
    const entries = members.map(([n, m]) => memberEntry(m.shape, m, memberTraits(m, shape.payload, n))).join(', ');
    const traits = isError(shape)
      ? `{ error: ${q(shape.fault ? 'server' : 'client')}${shape.error?.httpStatusCode ? `, httpError: ${shape.error.httpStatusCode}` : ''} }`
      : shape.sensitive
        ? '8'
        : '0';
    const kind = isError(shape) ? -3 : 3;
    const type = isError(shape) ? 'StaticErrorSchema' : 'StaticStructureSchema';
    const tail = requiredCount > 0 ? `, ${requiredCount}` : '';
    return `export const ${name}$: ${type} = [${kind}, n0, ${q(name)},\n  ${traits},\n  [${names}],\n  [${entries}]${tail}\n];`;
  };

  const collection = (name: string, shape: BotoShape): string => {
    const traits = shape.sensitive ? 8 : 0;
    if (shape.type === 'list') {
      const member = shape.member!;
      return `const ${name}: StaticListSchema = [1, n0, ${q(name)}, ${traits}, ${memberEntry(member.shape, member, 0)}];`;
    }
    const key = shape.key!;
    const value = shape.value!;
    return `const ${name}: StaticMapSchema = [2, n0, ${q(name)}, ${traits}, ${memberEntry(key.shape, key, 0)}, ${memberEntry(value.shape, value, 0)}];`;
  };

  const simple = (name: string, shape: BotoShape): string =>
    `const ${name}: StaticSimpleSchema = [0, n0, ${q(name)}, 8, ${simpleId(shape)}];`;

  const operation = (opName: string): string => {
    const op = operationOf(model, opName);
    const input = op.input ? `() => ${op.input.shape}$` : '"unit"';
    const output = op.output ? `() => ${op.output.shape}$` : '"unit"';
    const http = `[${q(op.http.method)}, ${q(labelsByMemberName(model, op.http.requestUri, op.input?.shape))}, ${op.http.responseCode ?? 200}]`;
    return `export const ${opName}$: StaticOperationSchema = [9, n0, ${q(opName)},\n  { http: ${http} }, ${input}, ${output}\n];`;
  };

  /** The whole schemas module for the given shapes and operations. */
  const module = (
    shapeNames: string[],
    operations: string[],
    errorNames: string[],
    serviceExceptionName: string,
  ): string => {
    const named = shapeNames.filter((n) => isNamed(model, shapeOf(model, n)));
    const simples = named.filter((n) => isSimple(shapeOf(model, n)));
    const errors = named.filter((n) => isError(shapeOf(model, n)));
    const structures = named.filter((n) => shapeOf(model, n).type === 'structure' && !isError(shapeOf(model, n)));
    const collections = named.filter((n) => ['list', 'map'].includes(shapeOf(model, n).type));
    const kinds = ['StaticErrorSchema', 'StaticOperationSchema'];
    if (simples.length) kinds.push('StaticSimpleSchema');
    if (structures.length) kinds.push('StaticStructureSchema');
    if (collections.some((n) => shapeOf(model, n).type === 'list')) kinds.push('StaticListSchema');
    if (collections.some((n) => shapeOf(model, n).type === 'map')) kinds.push('StaticMapSchema');
    return [
      `import { TypeRegistry } from '@smithy/core/schema';`,
      `import type { ${kinds.sort().join(', ')} } from '@smithy/types';`,
      `import { ${errorNames.join(', ')} } from './errors';`,
      `import { ${serviceExceptionName} } from '../${kebab(serviceExceptionName)}';`,
      '',
      `const n0 = ${q(namespace)};`,
      `const synthetic = ${q(`smithy.ts.sdk.synthetic.${namespace}`)};`,
      '',
      '// The error registries let the protocol find the class of an error from its name in the response.',
      `const syntheticRegistry = new TypeRegistry(synthetic);`,
      `export const ${serviceExceptionName}$: StaticErrorSchema = [-3, synthetic, ${q(serviceExceptionName)}, 0, [], []];`,
      `syntheticRegistry.registerError(${serviceExceptionName}$, ${serviceExceptionName});`,
      `const n0Registry = new TypeRegistry(n0);`,
      ...errors.map((n) => `${structure(n, shapeOf(model, n))}\nn0Registry.registerError(${n}$, ${n});`),
      `export const errorTypeRegistries = [syntheticRegistry, n0Registry];`,
      '',
      ...simples.map((n) => simple(n, shapeOf(model, n))),
      ...structures.map((n) => structure(n, shapeOf(model, n))),
      ...collections.map((n) => collection(n, shapeOf(model, n))),
      ...operations.map(operation),
      '',
    ].join('\n');
  };

  return { module };
};

/** Botocore URIs name labels by locationName; Smithy (and the schema) by member name. */
const labelsByMemberName = (model: BotoModel, uri: string, inputName: string | undefined): string => {
  if (!inputName) return uri;
  let out = uri;
  for (const [name, m] of Object.entries(shapeOf(model, inputName).members ?? {})) {
    if (m.location === 'uri' && m.locationName && m.locationName !== name) {
      out = out.replace(`{${m.locationName}}`, `{${name}}`).replace(`{${m.locationName}+}`, `{${name}+}`);
    }
  }
  return out;
};

export const kebab = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
