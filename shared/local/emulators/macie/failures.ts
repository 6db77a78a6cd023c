import { MacieServiceError } from './errors';
import type { FailureRule, InjectableError } from './types';

const DEFAULT_MESSAGES: Record<InjectableError, string> = {
  ThrottlingException: 'Rate exceeded',
  InternalServerException: 'An internal error occurred.',
  ServiceQuotaExceededException: 'Service quota exceeded.',
  AccessDeniedException: 'You do not have sufficient access to perform this action.',
  ConflictException: 'The request conflicts with the current state of the resource.',
  ResourceNotFoundException: 'The resource was not found.',
  ValidationException: 'The request is invalid.',
};

/**
 * Decides, call by call, whether an injected failure answers instead of the service. Rules are
 * tried in order; the first that fires wins. A rule lets `skip` matching calls through, then fails
 * all of them, or `times` of them.
 */
export class FailureInjector {
  private readonly rules: { rule: FailureRule; seen: number; fired: number }[] = [];

  constructor(rules: FailureRule[] = []) {
    this.add(rules);
  }

  /** Adds rules after the existing ones. */
  add(rules: FailureRule[]): void {
    for (const rule of rules) {
      for (const key of ['times', 'skip'] as const) {
        const value = rule[key];
        if (value !== undefined && !(Number.isInteger(value) && value >= 0))
          throw new RangeError(`${key} is a count, got ${value}`);
      }
      this.rules.push({ rule, seen: 0, fired: 0 });
    }
  }

  /** Removes every rule. */
  clear(): void {
    this.rules.length = 0;
  }

  /** The error to answer `operation` in `region` with, if a rule fires for this call. */
  next(operation: string, region: string): MacieServiceError | undefined {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (
        (rule.operation !== undefined && rule.operation !== operation) ||
        (rule.region !== undefined && rule.region !== region)
      )
        continue;
      if (++entry.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && entry.fired >= rule.times) continue;
      entry.fired++;
      return new MacieServiceError(rule.error, rule.message ?? DEFAULT_MESSAGES[rule.error]);
    }
    return undefined;
  }
}
