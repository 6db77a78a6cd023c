import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });
const accountId = z.string().regex(/^\d{12}$/, 'an account id has 12 digits');

/** A call to an emulated AWS API, made by `caller` (default: the management account). */
const apiStepSchema = z.strictObject({
  at: isoTime.optional(),
  api: z.strictObject({
    service: z.enum(['organizations', 'security-ir']),
    operation: z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'an operation name such as InviteAccountToOrganization'),
    input: z.record(z.string(), z.unknown()).default({}),
    caller: accountId.optional(),
  }),
  /** Keep the response under this name; later steps use `${name.Path.To.Value}`. */
  save: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
});

/** An event delivered to the default bus as is (e.g. a captured real one). */
const eventStepSchema = z.strictObject({
  at: isoTime.optional(),
  event: z.record(z.string(), z.unknown()),
  /** Deliver it this many times at once (at-least-once delivery). */
  times: z.number().int().min(1).max(50).optional(),
});

/** Time passes; schedules fire at their rates. */
const advanceStepSchema = z.strictObject({ advanceTo: isoTime });

/** A share of Security IR calls to fail (see the Security IR emulator's README). */
const failureRuleSchema = z.strictObject({
  operation: z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'an operation name such as UpdateMembership').optional(),
  error: z.enum([
    'ThrottlingException',
    'InternalServerException',
    'ServiceQuotaExceededException',
    'AccessDeniedException',
    'ConflictException',
    'ResourceNotFoundException',
    'ValidationException',
    'SecurityIncidentResponseNotActiveException',
    'InvalidTokenException',
  ]),
  skip: z.number().int().min(0).optional(),
  times: z.number().int().min(0).optional(),
  rate: z.number().gt(0).max(1).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  message: z.string().optional(),
});

export const scenarioStepSchema = z.union([apiStepSchema, eventStepSchema, advanceStepSchema]);
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;

/** A rehearsal of the world around orgwarden, played against the local stack. */
export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  start: isoTime,
  organization: z
    .strictObject({
      id: z.string().regex(/^o-[a-z0-9]{10,32}$/).optional(),
      managementAccountId: accountId.optional(),
      featureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']).optional(),
    })
    .optional(),
  /** Accounts outside the organization with known details (e.g. to invite one by its email). */
  outsideAccounts: z
    .array(z.strictObject({ id: accountId, email: z.email().optional(), name: z.string().min(1).optional(), managesOrganization: z.boolean().optional() }))
    .optional(),
  /** Security IR's behaviour: failures to inject from the first step on. */
  securityIr: z.strictObject({ failures: z.array(failureRuleSchema).default([]) }).optional(),
  /** The policy to rehearse (used by the reactions of later releases). */
  policy: z.record(z.string(), z.unknown()).optional(),
  steps: z.array(scenarioStepSchema).min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export class ScenarioError extends Error {}

/** Parses a scenario and names every problem with its path. */
export const parseScenario = (json: unknown, source = 'scenario'): Scenario => {
  const parsed = scenarioSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ScenarioError(`${source} is not a valid scenario:\n  ${problems.join('\n  ')}`);
};

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)\}/g;

const lookup = (saved: Record<string, unknown>, name: string, path: string): unknown => {
  if (!(name in saved)) throw new ScenarioError(`\${${name}${path}}: nothing was saved as ${name}`);
  let value: unknown = saved[name];
  for (const key of path.split('.').filter(Boolean)) {
    if (value === null || typeof value !== 'object' || !(key in value)) throw new ScenarioError(`\${${name}${path}}: ${key} is not there`);
    value = (value as Record<string, unknown>)[key];
  }
  return value instanceof Date ? value.toISOString() : value;
};

/**
 * Replaces `${name.path}` by values saved from earlier responses. A string that is exactly one
 * reference takes the value itself (a number stays a number); otherwise the value is spliced in.
 */
export const interpolate = <T>(value: T, saved: Record<string, unknown>): T => {
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)\}$/.exec(value);
    if (whole) return lookup(saved, whole[1]!, whole[2] ?? '') as T;
    return value.replace(reference, (_match, name: string, path: string) => String(lookup(saved, name, path))) as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => interpolate(item, saved)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, saved)])) as T;
  return value;
};
