import { ConfigurationError } from '../domain/errors';
import { defaultPolicy, policyProblems, policySchema, type Policy } from '../domain/policy/policy';

/**
 * The policy a function runs under: `ORGWARDEN_POLICY` (the policy file as JSON, put there at
 * packaging time from `--param="policy=FILE"`), parsed once at cold start; none means the default
 * (report everything, change nothing). An invalid policy stops the function at cold start with
 * every problem named, rather than reacting under rules nobody wrote.
 */
export const loadPolicy = (raw: string | undefined): Policy => {
  if (raw === undefined || raw.trim() === '') return defaultPolicy;
  let document: unknown;
  try {
    document = JSON.parse(raw);
  } catch (error) {
    throw new ConfigurationError(
      `invalid policy: ORGWARDEN_POLICY is not JSON (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  const problems = policyProblems(document);
  if (problems.length > 0) throw new ConfigurationError(`invalid policy: ${problems.join('; ')}`);
  return policySchema.parse(document);
};
