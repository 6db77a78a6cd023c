import { z } from 'zod';
import { describeIssues } from './describe-issues';
import { referencedNames } from './interpolate';
import { policyProblems } from '../../domain/policy/policy';
import { servicePrincipalPattern } from '../../domain/subjects/delegated-admin';
import { findTooDeep, formatPath, MAX_JSON_DEPTH, showKeys } from './json-depth';
import { checkApiInput } from './model-input';
import { ScenarioError } from './scenario-error';
import { DEFAULT_MANAGEMENT_ACCOUNT_ID } from '../emulators/organizations/types';

export { ScenarioError } from './scenario-error';
export { interpolate } from './interpolate';

const isoTime = z.iso.datetime({ offset: true });
const accountId = z.string().regex(/^\d{12}$/, 'an account id has 12 digits');
const operationName = z.string().regex(/^[A-Z][A-Za-z0-9]+$/, 'an operation name such as InviteAccountToOrganization');
const regionName = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'a Region such as eu-west-1');

/** A call to an emulated AWS API, made by `caller` (default: the management account). */
const apiStepSchema = z.strictObject({
  at: isoTime.optional().describe('When the call is made; the clock moves forward to it (never back).'),
  api: z.strictObject({
    service: z.enum(['organizations', 'security-ir', 'macie2']),
    operation: operationName,
    input: z
      .record(z.string(), z.unknown())
      .default({})
      .describe(
        'The input of the SDK command; timestamps as ISO 8601 strings; ${name.Path} refers to saved responses.',
      ),
    caller: accountId.optional().describe('The account making the call; default: the management account.'),
    region: regionName.optional().describe('The Region the call is made in (Macie is regional); default: us-east-1.'),
  }),
  save: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name such as invite1 (letters, digits, _)')
    .optional()
    .describe('Keep the response under this name; later steps use ${name.Path.To.Value}.'),
});

/** An event delivered to the default bus as is (e.g. a captured real one). */
const eventStepSchema = z.strictObject({
  at: isoTime.optional().describe('When the event is delivered; the clock moves forward to it (never back).'),
  event: z.record(z.string(), z.unknown()).describe('An EventBridge event, delivered to the default bus as is.'),
  times: z
    .number()
    .int()
    .min(1)
    .max(50)
    .optional()
    .describe('Deliver it this many times at once (at-least-once delivery).'),
});

/**
 * At-least-once delivery: the last event an emulator put on the default bus whose CloudTrail
 * `eventName` (or detail-type) is this, delivered again, `times` more times at once, as EventBridge
 * may do.
 */
const redeliverStepSchema = z.strictObject({
  at: isoTime.optional().describe('When the copies are delivered; the clock moves forward to it (never back).'),
  redeliver: z.string().min(1).describe('The eventName (or detail-type) of the last emulated event to deliver again.'),
  times: z.number().int().min(1).max(50).optional().describe('How many copies (default 1).'),
});

/**
 * A change of the world that no API call makes and no event announces (Macie: an opt-in Region
 * turned off for an account, an account suspended, and their reversal).
 */
const worldStepSchema = z.strictObject({
  at: isoTime.optional().describe('When it happens; the clock moves forward to it (never back).'),
  world: z.strictObject({
    service: z.literal('macie2'),
    change: z.enum(['disableRegion', 'enableRegion', 'suspendAccount', 'reinstateAccount']),
    account: accountId,
    region: regionName.optional().describe('For disableRegion / enableRegion.'),
  }),
});

/** Time passes; schedules fire at their rates. */
const advanceStepSchema = z.strictObject({
  advanceTo: isoTime.describe('Let time pass until then: expiries apply, schedules fire.'),
});

/** A share of Security IR calls to fail (see the Security IR emulator's README). */
const failureRuleSchema = z.strictObject({
  operation: z
    .string()
    .regex(/^[A-Z][A-Za-z0-9]+$/, 'an operation name such as UpdateMembership')
    .optional(),
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

/** The kinds of step, each recognised by its one key. */
export const stepKinds = [
  { key: 'api', label: 'an api step', schema: apiStepSchema },
  { key: 'event', label: 'an event step', schema: eventStepSchema },
  { key: 'advanceTo', label: 'an advanceTo step', schema: advanceStepSchema },
  { key: 'redeliver', label: 'a redeliver step', schema: redeliverStepSchema },
  { key: 'world', label: 'a world step', schema: worldStepSchema },
] as const;

export const scenarioStepSchema = z.union([
  apiStepSchema,
  eventStepSchema,
  advanceStepSchema,
  redeliverStepSchema,
  worldStepSchema,
]);
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;

/** A rehearsal of the world around orgwarden, played against the local stack. */
export const scenarioSchema = z.strictObject({
  $schema: z
    .string()
    .optional()
    .describe('The JSON Schema of this file, for editors (events/schemas/scenario.schema.json).'),
  name: z.string().min(1),
  description: z.string().optional().describe('Printed before the timeline.'),
  start: isoTime.describe('When the world starts: the organization exists with only its management account.'),
  organization: z
    .strictObject({
      id: z
        .string()
        .regex(/^o-[a-z0-9]{10,32}$/, 'an organization id such as o-demo123456')
        .optional(),
      managementAccountId: accountId.optional(),
      featureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']).optional(),
      existing: z
        .strictObject({
          members: z
            .number()
            .int()
            .min(0)
            .max(20_000)
            .optional()
            .describe('Member accounts created before orgwarden was deployed.'),
          invitations: z
            .array(accountId)
            .max(500)
            .optional()
            .describe('Accounts invited (pending) before orgwarden was deployed.'),
          delegatedAdministrators: z
            .array(
              z.strictObject({
                accountId,
                servicePrincipal: z
                  .string()
                  .regex(servicePrincipalPattern, 'a service principal such as security-ir.amazonaws.com'),
              }),
            )
            .max(20)
            .optional()
            .describe(
              'Member accounts (created if need be) registered as delegated administrators before orgwarden was deployed.',
            ),
        })
        .optional()
        .describe(
          'The organization as it was before orgwarden: put in place with no event (what its first audit imports).',
        ),
      failures: z
        .array(
          z.strictObject({
            operation: z
              .string()
              .regex(/^[A-Z][A-Za-z0-9]+$/, 'an operation name such as ListAccounts')
              .optional(),
            error: z.enum([
              'TooManyRequestsException',
              'ServiceException',
              'AccessDeniedException',
              'ConcurrentModificationException',
            ]),
            principal: z
              .enum(['ORGWARDEN', 'SCENARIO'])
              .optional()
              .describe("Only orgwarden's calls, or only the scenario's."),
            skip: z.number().int().min(0).optional(),
            times: z.number().int().min(0).optional(),
          }),
        )
        .optional()
        .describe('Organizations calls to fail (the first matching rule fires), e.g. a throttled ListAccounts page.'),
    })
    .optional(),
  deployment: z
    .strictObject({
      accountId: accountId.describe('The management account, or one of organization.existing.delegatedAdministrators.'),
    })
    .optional()
    .describe(
      "The account orgwarden is deployed in (default: the management account). A delegated administrator's deployment receives the management account's Organizations events forwarded (shared/infra/management-forwarder.yml).",
    ),
  delivery: z
    .strictObject({
      seed: z.number().int().min(0).optional(),
      drop: z.number().min(0).max(1).optional().describe('Share of events never delivered.'),
      delay: z
        .strictObject({ rate: z.number().min(0).max(1), maxSeconds: z.number().int().min(1) })
        .optional()
        .describe('Share of events held back, for up to maxSeconds.'),
      reorder: z.number().min(0).max(1).optional().describe('Share of the events of one batch delivered out of order.'),
      only: z
        .array(z.string().min(1))
        .optional()
        .describe('The eventNames or detail-types the faults apply to (default: all).'),
    })
    .optional()
    .describe(
      "Lossy delivery of the emulators' events (seeded): dropped, delayed, reordered, as CloudTrail's best effort may.",
    ),
  outsideAccounts: z
    .array(
      z.strictObject({
        id: accountId,
        email: z.email().optional(),
        name: z.string().min(1).optional(),
        managesOrganization: z.boolean().optional(),
      }),
    )
    .optional()
    .describe('Accounts outside the organization with known details (e.g. to invite one by its email).'),
  securityIr: z
    .strictObject({
      failures: z.array(failureRuleSchema).default([]),
      cancellation: z
        .union([
          z.strictObject({
            mode: z.literal('billing-cycle'),
            anchor: isoTime.optional().describe('A known cycle end; default: the third-to-last day of each month'),
          }),
          z.strictObject({ mode: z.literal('immediate') }),
          z.strictObject({ mode: z.literal('calendar-month') }),
        ])
        .optional()
        .describe('How long a cancelled membership lasts (AWS documents both a billing-cycle end and "immediately").'),
      coveragePropagationSeconds: z
        .number()
        .int()
        .min(0)
        .max(86_400)
        .optional()
        .describe('How long coverage changes take to apply (default 300).'),
    })
    .optional()
    .describe(
      "Security IR's behaviour: failures to inject from the first step on, the cancellation window, the coverage delay.",
    ),
  macie: z
    .strictObject({
      regions: z
        .array(regionName)
        .min(1)
        .describe('The Regions orgwarden watches (MACIE_REGIONS); its account is the Macie administrator in each.'),
    })
    .optional()
    .describe('Macie: the watched Regions; the hourly listing of members runs only when this is set.'),
  policy: z
    .union([
      z.string().regex(/\.(ya?ml|json)$/i, 'a policy file such as ./my-policy.yaml, relative to the scenario'),
      z.record(z.string(), z.unknown()),
    ])
    .superRefine((policy, context) => {
      // A path is read in its place by the CLI (it reads files; this module never does).
      if (typeof policy === 'string') return;
      // Each problem at its own path, with its own value: never the whole policy quoted.
      for (const problem of policyProblems(policy)) {
        const colon = problem.indexOf(': ');
        const where = problem.slice(0, colon);
        const path = where === '(policy)' ? [] : where.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));
        const input = path.reduce<unknown>(
          (value, key) =>
            value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
          policy,
        );
        context.addIssue({ code: 'custom', message: problem.slice(colon + 2), path, input });
      }
    })
    // The file's policy in its place: a path still here was never read (the CLI reads it; this module reads no file).
    .transform((policy, context) => {
      if (typeof policy !== 'string') return policy;
      context.addIssue({
        code: 'custom',
        message: `${policy} was not read: orgwarden local and validate read a policy file relative to the scenario`,
        input: policy,
      });
      return z.NEVER;
    })
    .optional()
    .describe(
      'The policy the functions run under in this rehearsal (the format of shared/config/default-policy.yaml); in a file, a path relative to the scenario (./my-policy.yaml) is read in its place.',
    ),
  steps: z.array(scenarioStepSchema).min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The scenario with each event step's event replaced by an empty object. */
const withoutEventPayloads = (json: unknown): unknown =>
  isRecord(json) && Array.isArray(json.steps)
    ? {
        ...json,
        steps: json.steps.map((step: unknown) => (isRecord(step) && 'event' in step ? { ...step, event: {} } : step)),
      }
    : json;

/** The problems of one step: which kind it was read as, and what is wrong in it. */
const stepProblems = (step: unknown, index: number): string[] => {
  const where = `steps.${index}`;
  if (!isRecord(step))
    return [
      `${where}: expected a step (an object with "api", "event", "advanceTo", "redeliver" or "world"), got ${JSON.stringify(step)?.slice(0, 40)}`,
    ];
  const kinds = stepKinds.filter((kind) => kind.key in step);
  if (kinds.length === 0) {
    return [
      `${where}: not a step: a step has "api", "event", "advanceTo", "redeliver" or "world"; found ${showKeys(Object.keys(step)) || 'no key'}`,
    ];
  }
  if (kinds.length > 1)
    return [
      `${where}: a step is one thing: found both ${kinds.map((kind) => `"${kind.key}"`).join(' and ')}; split it into ${kinds.length} steps`,
    ];
  const kind = kinds[0]!;
  const parsed = kind.schema.safeParse(step, { reportInput: true });
  if (parsed.success) return [];
  return describeIssues(parsed.error.issues, kind.schema, ['steps', index]).map(
    (line) => `${line} (${where} is ${kind.label})`,
  );
};

/** What of the scenario the semantic checks need, each part present only when it parsed. */
interface CheckedParts {
  readonly start?: string;
  readonly organization?: Scenario['organization'];
  readonly deployment?: Scenario['deployment'];
  /** Each step as its kind parsed it; undefined where it did not (its problems are already listed). */
  readonly steps: ReadonlyArray<ScenarioStep | undefined>;
}

/**
 * Steps in time order, references to what earlier steps saved, api steps naming operations their service has, with
 * inputs the service model takes. Run on every part that parsed, so that one pass names every problem.
 */
const semanticProblems = (scenario: CheckedParts): string[] => {
  const problems: string[] = [];
  const deployedIn = scenario.deployment?.accountId;
  const management = scenario.organization?.managementAccountId ?? DEFAULT_MANAGEMENT_ACCOUNT_ID;
  if (
    deployedIn !== undefined &&
    deployedIn !== management &&
    !scenario.organization?.existing?.delegatedAdministrators?.some((d) => d.accountId === deployedIn)
  ) {
    problems.push(
      `deployment.accountId: ${deployedIn} is neither the management account (${management}) nor one of organization.existing.delegatedAdministrators: orgwarden is deployed to one of them`,
    );
  }
  let clock = scenario.start === undefined ? Number.NEGATIVE_INFINITY : Date.parse(scenario.start);
  let setBy = 'start';
  const savedBy = new Map<string, number>();
  scenario.steps.forEach((step, index) => {
    if (!step) return;
    for (const name of referencedNames('api' in step ? step.api.input : 'event' in step ? step.event : undefined)) {
      if (!savedBy.has(name))
        problems.push(`steps.${index}: refers to \${${name}…} but no earlier step has "save": "${name}"`);
    }
    if ('save' in step && step.save) savedBy.set(step.save, index);
    const field = 'advanceTo' in step ? 'advanceTo' : 'at';
    const time = 'advanceTo' in step ? step.advanceTo : step.at;
    if (time !== undefined) {
      const at = Date.parse(time);
      if (at < clock)
        problems.push(
          `steps.${index}.${field}: ${time} goes back in time: the clock is already at ${new Date(clock).toISOString()} (${setBy}); time only moves forward`,
        );
      else [clock, setBy] = [at, `set by steps.${index}.${field}`];
    }
    if ('api' in step) {
      for (const problem of checkApiInput(step.api.service, step.api.operation, step.api.input)) {
        problems.push(`${formatPath(['steps', index, 'api', ...problem.path])}: ${problem.message}`);
      }
    }
  });
  return problems;
};

/** A part of the document parsed on its own, or undefined. */
const partOf = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/** A step parsed as the one kind its key says, or undefined. */
const stepOf = (step: unknown): ScenarioStep | undefined => {
  if (!isRecord(step)) return undefined;
  const kinds = stepKinds.filter((kind) => kind.key in step);
  return kinds.length === 1 ? (partOf(kinds[0]!.schema as z.ZodType<ScenarioStep>, step) ?? undefined) : undefined;
};

const refuse = (source: string, problems: readonly string[]): never => {
  throw new ScenarioError(`${source} is not a valid scenario:\n  ${problems.join('\n  ')}`, problems);
};

/**
 * Parses a scenario and names every problem with its path and what is expected: the fields, each
 * step as the kind its key says it is, the time order of the steps, the operations and their
 * timestamps against the service models. Nesting deeper than {@link MAX_JSON_DEPTH} is refused.
 *
 * @param json - the parsed file
 * @param source - the file's name, for messages
 * @throws ScenarioError listing the problems, one line each
 */
export const parseScenario = (json: unknown, source = 'scenario'): Scenario => {
  // An event step's event is delivered as is: refusing a hostile one is the handler's job (it must
  // answer MalformedEventError), so its depth is not the scenario's problem.
  const deep = findTooDeep(withoutEventPayloads(json));
  if (deep)
    refuse(source, [
      `${formatPath(deep)}: nested deeper than ${MAX_JSON_DEPTH} levels; no scenario or event needs that`,
    ]);
  const parsed = scenarioSchema.safeParse(json, { reportInput: true });
  if (parsed.success) {
    const problems = semanticProblems(parsed.data);
    return problems.length > 0 ? refuse(source, problems) : parsed.data;
  }
  const steps = isRecord(json) && Array.isArray(json.steps) ? json.steps : undefined;
  const stepIndexOf = (path: readonly PropertyKey[]): number | undefined =>
    steps && path[0] === 'steps' && typeof path[1] === 'number' ? path[1] : undefined;
  const problems = describeIssues(
    parsed.error.issues.filter((issue) => stepIndexOf(issue.path) === undefined),
    scenarioSchema,
  );
  const badSteps = [
    ...new Set(parsed.error.issues.map((issue) => stepIndexOf(issue.path)).filter((index) => index !== undefined)),
  ];
  for (const index of badSteps) problems.push(...stepProblems(steps![index], index));
  // The model and time checks of every part that did parse, in the same pass: no second round of errors.
  const raw = isRecord(json) ? json : {};
  problems.push(
    ...semanticProblems({
      start: partOf(scenarioSchema.shape.start, raw.start),
      organization: partOf(scenarioSchema.shape.organization, raw.organization),
      deployment: partOf(scenarioSchema.shape.deployment, raw.deployment),
      steps: (steps ?? []).map(stepOf),
    }),
  );
  return refuse(source, problems);
};
