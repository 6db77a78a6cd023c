import { getSmithyContext } from '@smithy/core/client';
import type {
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeHandlerOptions,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';

/**
 * Constraints of one model shape, generated from the model into generated/constraints.ts; a rule holds the rules of its
 * members.
 */
export type ShapeRule =
  | { type: 'string'; min?: number; max?: number; pattern?: string; enum?: readonly string[] }
  | { type: 'number'; integer?: boolean; min?: number; max?: number }
  | { type: 'boolean' | 'timestamp' | 'blob' }
  | { type: 'list'; member: ShapeRule; min?: number; max?: number }
  | { type: 'map'; key: ShapeRule; value: ShapeRule; min?: number; max?: number }
  | { type: 'structure'; members: Readonly<Record<string, ShapeRule>>; required?: readonly string[] };

/** The rule of an operation's input shape (generated/constraints.ts, carried by its command). */
export type InputRules = ShapeRule;

export interface ValidationIssue {
  /** Path of the field in the input, e.g. `membershipAccountsConfigurationsUpdate.organizationalUnitsToAdd[0]`. */
  path: string;
  message: string;
}

/**
 * An input that breaks the model's constraints, refused before anything is sent. Not part of the official
 * client's API (it does not validate): code that must survive a swap to @aws-sdk/client-security-ir should
 * not depend on this class, which is why it is not exported from the package index.
 */
export class SecurityIRValidationError extends Error {
  override readonly name = 'SecurityIRValidationError';

  constructor(
    readonly operation: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`${operation}: invalid input: ${issues.map((i) => `${i.path || '(input)'} ${i.message}`).join('; ')}`);
    Object.setPrototypeOf(this, SecurityIRValidationError.prototype);
  }

  get fields(): string[] {
    return this.issues.map((i) => i.path);
  }
}

const patterns = new Map<string, RegExp>();
// Smithy patterns are ECMA-262 regexes and are NOT implicitly anchored (Smithy spec, pattern trait): a value
// passes when the pattern matches somewhere in it. Anchoring them here would refuse values the service accepts.
const regexOf = (pattern: string): RegExp => {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern)));
  return re;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);

const join = (path: string, member: string): string => (path ? `${path}.${member}` : member);

const bounds = (size: number, rule: { min?: number; max?: number }, unit: string): string | undefined => {
  if (rule.min !== undefined && size < rule.min) return `must have at least ${rule.min} ${unit} (has ${size})`;
  if (rule.max !== undefined && size > rule.max) return `must have at most ${rule.max} ${unit} (has ${size})`;
  return undefined;
};

const check = (rule: ShapeRule, value: unknown, path: string, issues: ValidationIssue[]): void => {
  const fail = (message: string | undefined): void => {
    if (message) issues.push({ path, message });
  };
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') return fail('must be a string');
      // Smithy's length counts Unicode code points, not UTF-16 units.
      fail(bounds([...value].length, rule, 'characters'));
      if (rule.pattern && !regexOf(rule.pattern).test(value)) fail(`must match the pattern ${rule.pattern}`);
      if (rule.enum && !rule.enum.includes(value))
        fail(`must be one of ${rule.enum.map((e) => JSON.stringify(e)).join(', ')}`);
      return;
    }
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value)) return fail('must be a number');
      if (rule.integer && !Number.isInteger(value)) return fail('must be an integer');
      if (rule.min !== undefined && value < rule.min) fail(`must be at least ${rule.min}`);
      if (rule.max !== undefined && value > rule.max) fail(`must be at most ${rule.max}`);
      return;
    }
    case 'boolean':
      return fail(typeof value === 'boolean' ? undefined : 'must be a boolean');
    case 'timestamp':
      return fail(value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : 'must be a valid Date');
    case 'blob':
      return fail(value instanceof Uint8Array || typeof value === 'string' ? undefined : 'must be bytes or a string');
    case 'list': {
      if (!Array.isArray(value)) return fail('must be a list');
      fail(bounds(value.length, rule, 'items'));
      value.forEach((item, i) => check(rule.member, item, `${path}[${i}]`, issues));
      return;
    }
    case 'map': {
      if (!isPlainObject(value)) return fail('must be a map');
      const entries = Object.entries(value);
      fail(bounds(entries.length, rule, 'entries'));
      for (const [k, v] of entries) {
        check(rule.key, k, `${path}{${JSON.stringify(k)}}`, issues);
        check(rule.value, v, `${path}[${JSON.stringify(k)}]`, issues);
      }
      return;
    }
    case 'structure': {
      if (!isPlainObject(value)) return fail('must be an object');
      for (const name of rule.required ?? []) {
        if (value[name] === undefined || value[name] === null)
          issues.push({ path: join(path, name), message: 'is required' });
      }
      for (const [name, target] of Object.entries(rule.members)) {
        const member = value[name];
        if (member !== undefined && member !== null) check(target, member, join(path, name), issues);
      }
      return;
    }
  }
};

/**
 * Every way an input breaks its operation's constraints (empty when it is valid, or when the operation takes no input).
 */
export const validateInput = (rules: InputRules | undefined, input: unknown): ValidationIssue[] => {
  if (!rules) return [];
  const issues: ValidationIssue[] = [];
  check(rules, input ?? {}, '', issues);
  return issues;
};

export const inputValidationMiddlewareOptions: InitializeHandlerOptions = {
  name: 'securityIRInputValidationMiddleware',
  step: 'initialize',
  tags: ['VALIDATION'],
  override: true,
};

/** Refuses an invalid input before serialization, signing and retries: nothing reaches the network. */
export const getInputValidationPlugin = (): Pluggable<object, MetadataBearer> => ({
  applyToStack: (stack) => {
    stack.add(
      (next: InitializeHandler<object, MetadataBearer>, context) =>
        async (args: InitializeHandlerArguments<object>) => {
          // Each command carries the constraints of its input (generated/commands.ts, `inputRules`).
          const { operation, inputRules } = getSmithyContext(context) as {
            operation?: unknown;
            inputRules?: InputRules;
          };
          if (typeof operation !== 'string') return next(args);
          const issues = validateInput(inputRules, args.input);
          if (issues.length > 0) throw new SecurityIRValidationError(operation, issues);
          return next(args);
        },
      inputValidationMiddlewareOptions,
    );
  },
});
