import { z } from 'zod';
import { ConfigurationError } from '../domain/errors';

/** The environment a function runs with (set by serverless.yml, or by the local stack). */
export const configSchema = z.object({
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  DEAD_LETTER_QUEUE_URL: z.url(),
  AWS_REGION: z.string().min(1),
  ORGWARDEN_STAGE: z.string().min(1).default('dev'),
});
export type Config = z.infer<typeof configSchema>;

/** Parses the environment once (at cold start) and names every variable that is missing or wrong. */
export const loadConfig = (env: Record<string, string | undefined>): Config => {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${env[String(issue.path[0])] === undefined ? 'missing' : issue.message}`);
  throw new ConfigurationError(`invalid configuration: ${problems.join('; ')}`);
};
