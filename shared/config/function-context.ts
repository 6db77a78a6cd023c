import type { Logger } from '@aws-lambda-powertools/logger';
import { maskerFor, type Masker } from '../adapters/privacy/masker';
import type { Policy } from '../domain/policy/policy';
import type { Config } from './config';
import { createLogger } from './logger';
import { loadPolicy } from './policy';
import type { Runtime } from './runtime';

/**
 * What every function is composed from, made once per cold start: its configuration, the runtime,
 * the policy (parsed here and nowhere else), the masker the policy asks for (its publisher and its
 * logger share it) and its logger.
 */
export interface FunctionContext {
  readonly name: string;
  readonly config: Config;
  readonly runtime: Runtime;
  readonly policy: Policy;
  readonly masker: Masker;
  readonly logger: Logger;
}

export const functionContext = (name: string, config: Config, runtime: Runtime): FunctionContext => {
  const policy = loadPolicy(config.ORGWARDEN_POLICY);
  const masker = maskerFor(policy, config.ORGWARDEN_MASK_KEY);
  return { name, config, runtime, policy, masker, logger: createLogger(name, config, masker) };
};
