import { ConfigurationError } from '../domain/errors';
import { checkPolicy, defaultPolicy, type Policy } from '../domain/policy/policy';

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
  // Checked and parsed in one pass (the cold start parses the policy once).
  const checked = checkPolicy(document);
  if ('problems' in checked) throw new ConfigurationError(`invalid policy: ${checked.problems.join('; ')}`);
  return checked.policy;
};
