import * as z from 'zod/mini';
import { ConfigurationError } from '../domain/errors';

const positiveInt = z.pipe(z.string().check(z.regex(/^\d+$/, 'a whole number')), z.transform(Number));

/** The environment a function runs with (set by serverless.yml, or by the local stack). */
export const configSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  EVENT_BUS_NAME: z.string().check(z.minLength(1)),
  DEAD_LETTER_QUEUE_URL: z.url(),
  AWS_REGION: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'a region such as us-east-1')),
  ORGWARDEN_STAGE: z._default(z.string().check(z.minLength(1)), 'dev'),
  /**
   * Set by Lambda: only there is standard output a log group that CloudWatch takes metrics from
   * (shared/config/health-metrics.ts).
   */
  AWS_LAMBDA_FUNCTION_NAME: z.optional(z.string()),
  /** The AWS SDK's retry mode: the bundles carry the standard one only (shared/infra/esbuild-plugins.cjs). */
  AWS_RETRY_MODE: z.optional(z.enum(['standard'], "'standard' (the functions' bundles carry no other retry mode)")),
  LOG_LEVEL: z.optional(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'])),
  /** How long the journal keeps processed events (DynamoDB TTL); a replay of an older event is processed again. */
  JOURNAL_RETENTION_DAYS: z._default(positiveInt, 90),
  /** The Regions whose Macie members orgwarden watches, comma-separated (`us-east-1,eu-west-1`); empty: none. */
  MACIE_REGIONS: z._default(
    z.pipe(
      z
        .string()
        .check(
          z.regex(
            /^([a-z]{2}(-[a-z]+)+-\d{1,2}(,[a-z]{2}(-[a-z]+)+-\d{1,2})*)?$/,
            'Regions separated by commas, such as us-east-1,eu-west-1',
          ),
        ),
      z.transform((value) => (value === '' ? [] : [...new Set(value.split(','))])),
    ),
    [],
  ),
  /**
   * The organization's management account when orgwarden runs in another (a delegated
   * administrator); empty: this account is the management account. Its Organizations events,
   * forwarded to this account's default bus, are accepted as the organization's own.
   */
  MANAGEMENT_ACCOUNT_ID: z._default(z.string().check(z.regex(/^(\d{12})?$/, 'a 12-digit account id, or empty')), ''),
  /** The policy as JSON (see shared/config/policy.ts); absent: the default policy. */
  ORGWARDEN_POLICY: z.optional(z.string()),
  /**
   * The key of the tokens that mask outside parties (shared/adapters/privacy/masker.ts); the stack's id. Needed when
   * the policy masks.
   */
  ORGWARDEN_MASK_KEY: z.optional(z.string().check(z.minLength(16, 'at least 16 characters'))),
  /** The replay function's: the input archive, and the rules (on the default bus) a replay goes to. */
  INPUT_ARCHIVE_NAME: z.optional(z.string().check(z.minLength(1))),
  REPLAY_RULES: z.optional(z.string().check(z.regex(/^[\w.-]+(,[\w.-]+)*$/, 'rule names, comma-separated'))),
});
export type Config = z.infer<typeof configSchema>;

/** Parses the environment once (at cold start) and names every variable that is missing or wrong. */
export const loadConfig = (env: Record<string, string | undefined>): Config => {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.')}: ${env[String(issue.path[0])] === undefined ? 'missing' : issue.message}`,
  );
  throw new ConfigurationError(`invalid configuration: ${problems.join('; ')}`);
};
