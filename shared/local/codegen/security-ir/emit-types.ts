// Emits the TypeScript types of the client (enums, structures, exception classes) with the names and shapes
// the official smithy-typescript codegen gives them, so that swapping to @aws-sdk/client-security-ir is one import.
import type { BotoModel, BotoShape } from './model';
import { enumKey, isError, shapeOf } from './model';

const q = (s: string): string => JSON.stringify(s);

const isEnum = (shape: BotoShape): boolean => shape.type === 'string' && Array.isArray(shape.enum);

export const typeOf = (model: BotoModel, name: string): string => {
  const shape = shapeOf(model, name);
  switch (shape.type) {
    case 'string':
      return isEnum(shape) ? name : 'string';
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'float':
    case 'double':
      return 'number';
    case 'timestamp':
      return 'Date';
    case 'blob':
      return 'Uint8Array';
    case 'list':
      return `${wrapArray(typeOf(model, shape.member!.shape))}[]`;
    case 'map':
      return `Record<string, ${typeOf(model, shape.value!.shape)}>`;
    case 'structure':
      return name;
    default:
      throw new Error(`no TypeScript type for ${shape.type}`);
  }
};

const wrapArray = (t: string): string => (/[ |&<]/.test(t) ? `(${t})` : t);

/** Members as the official models declare them: required ones keep their key, every value may be undefined. */
const memberLines = (model: BotoModel, shape: BotoShape, skip: string[] = []): string[] => {
  const required = new Set(shape.required ?? []);
  // Model order: the schema puts required members first, the interfaces do not.
  return Object.entries(shape.members ?? {})
    .filter(([n]) => !skip.includes(n))
    .map(([n, m]) => `  ${n}${required.has(n) ? '' : '?'}: ${typeOf(model, m.shape)} | undefined;`);
};

/** Named types (enums, structures) that the members of a structure refer to, through lists and maps. */
const referencedTypes = (model: BotoModel, shape: BotoShape, skip: string[] = []): string[] => {
  const out = new Set<string>();
  const visit = (name: string): void => {
    const target = shapeOf(model, name);
    if (isEnum(target) || target.type === 'structure') out.add(name);
    else if (target.type === 'list') visit(target.member!.shape);
    else if (target.type === 'map') visit(target.value!.shape);
  };
  Object.entries(shape.members ?? {})
    .filter(([n]) => !skip.includes(n))
    .forEach(([, m]) => visit(m.shape));
  return [...out].sort();
};

export const emitEnums = (model: BotoModel, names: string[]): string =>
  names
    .filter((n) => isEnum(shapeOf(model, n)))
    .map((n) => {
      // Sorted by constant name in code-point order, as the official codegen does (locale-independent).
      const values = [...(shapeOf(model, n).enum ?? [])].sort((a, b) => (enumKey(n, a) < enumKey(n, b) ? -1 : 1));
      return [
        `export const ${n} = {`,
        ...values.map((v) => `  ${enumKey(n, v)}: ${q(v)},`),
        `} as const;`,
        `export type ${n} = (typeof ${n})[keyof typeof ${n}];`,
        '',
      ].join('\n');
    })
    .join('\n');

export const emitModels = (model: BotoModel, names: string[]): string => {
  const enums = names.filter((n) => isEnum(shapeOf(model, n)));
  const structures = names.filter((n) => shapeOf(model, n).type === 'structure' && !isError(shapeOf(model, n)));
  const used = enums.filter((e) => structures.some((s) => referencedTypes(model, shapeOf(model, s)).includes(e)));
  return [
    used.length > 0 ? `import type { ${used.join(', ')} } from './enums';\n` : '',
    ...structures.map((n) => {
      const lines = memberLines(model, shapeOf(model, n));
      // Operations without output members still get their own (empty) type, as in the official client.
      if (lines.length === 0)
        return `// eslint-disable-next-line @typescript-eslint/no-empty-object-type\nexport interface ${n} {}\n`;
      return [`export interface ${n} {`, ...lines, '}', ''].join('\n');
    }),
  ].join('\n');
};

/**
 * Exception classes: members other than `message` (which Error carries) become fields, as in the official
 * client. Each is a type (an interface) and a class of the same name built by one factory, which keeps a
 * bundle's share small (the classes of the official clients are 300 bytes each, the factory's 40).
 */
export const emitErrors = (model: BotoModel, names: string[], base: string, baseModule: string): string => {
  const errors = names.filter((n) => isError(shapeOf(model, n)));
  const typeImports = new Set<string>();
  const classes = errors.map((n) => {
    const shape = shapeOf(model, n);
    const fields = Object.entries(shape.members ?? {}).filter(([m]) => m !== 'message');
    const fault = shape.fault ? 'server' : 'client';
    referencedTypes(model, shape, ['message']).forEach((t) => typeImports.add(t));
    // The retry strategy reads $retryable: throttling errors back off longer, the others are transient.
    const retryable = shape.retryable
      ? shape.retryable.throttling
        ? `() => ({ throttling: true })`
        : `() => ({})`
      : undefined;
    const factoryArguments = [
      q(n),
      q(fault),
      `[${fields.map(([m]) => q(m)).join(', ')}]`,
      ...(retryable ? [retryable] : []),
    ];
    return [
      `export interface ${n} extends ${base} {`,
      `  readonly name: ${q(n)};`,
      `  readonly $fault: ${q(fault)};`,
      ...memberLines(model, shape, ['message']),
      `}`,
      `export const ${n} = /* @__PURE__ */ exception<${n}>(${factoryArguments.join(', ')});`,
    ].join('\n');
  });
  const factory = [
    `/**`,
    ` * A class of the service's errors: its name, fault, members and retryability, as the official client's classes have`,
    ` * them.`,
    ` */`,
    `const exception = <T extends ${base}>(name: T['name'], $fault: T['$fault'], members: readonly string[], retryable?: () => RetryableTrait) => {`,
    `  const C = {`,
    `    [name]: class extends ${base} {`,
    `      constructor(opts: ExceptionOptionType<T, ${base}>) {`,
    `        super({ name, $fault, ...opts });`,
    `        this.name = name;`,
    `        (this as { $fault: string }).$fault = $fault;`,
    `        if (retryable) this.$retryable = retryable();`,
    `        Object.setPrototypeOf(this, C.prototype);`,
    `        for (const member of members) (this as Record<string, unknown>)[member] = (opts as Record<string, unknown>)[member];`,
    `      }`,
    `    },`,
    `  }[name]!;`,
    `  return C as unknown as new (opts: ExceptionOptionType<T, ${base}>) => T;`,
    `};`,
  ].join('\n');
  const enumImports = [...typeImports].filter((t) => isEnum(shapeOf(model, t)));
  const modelImports = [...typeImports].filter((t) => !isEnum(shapeOf(model, t)));
  return [
    `import type { ExceptionOptionType } from '@smithy/core/client';`,
    `import type { RetryableTrait } from '@smithy/types';`,
    `import { ${base} } from '${baseModule}';`,
    enumImports.length ? `import type { ${enumImports.join(', ')} } from './enums';` : '',
    modelImports.length ? `import type { ${modelImports.join(', ')} } from './models';` : '',
    '',
    factory,
    '',
    classes.join('\n\n'),
    '',
  ]
    .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
    .join('\n');
};
