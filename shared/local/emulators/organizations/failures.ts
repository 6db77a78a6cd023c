import { OrganizationsServiceError } from './errors';

/** Errors a scenario may inject into Organizations calls (the model's error shapes). */
export const injectableErrors = {
  TooManyRequestsException: {
    status: 400,
    message:
      'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.',
  },
  ServiceException: {
    status: 500,
    message: "AWS Organizations can't complete your request because of an internal service error. Try again later.",
  },
  AccessDeniedException: { status: 400, message: "You don't have permissions to access this resource." },
  ConcurrentModificationException: {
    status: 400,
    message: 'The target of the operation is currently being modified by a different request. Try again later.',
  },
} as const;
export type InjectableOrganizationsError = keyof typeof injectableErrors;

/** A share of calls to fail: `skip` matching calls go through, then `times` fail (all when absent). */
export interface OrganizationsFailureRule {
  readonly operation?: string;
  readonly error: InjectableOrganizationsError;
  /**
   * Only calls whose principal starts with this (`ORGWARDEN`: orgwarden's functions; `SCENARIO`: a scenario's steps).
   */
  readonly principal?: string;
  readonly skip?: number;
  readonly times?: number;
}

/**
 * Decides, call by call, whether an injected failure answers instead of the service (the rules are
 * tried in order; the first that fires wins), e.g. a ListAccounts page throttled beyond the SDK's retries.
 */
export class OrganizationsFailures {
  private readonly rules: Array<{ rule: OrganizationsFailureRule; seen: number; fired: number }> = [];

  add(rules: readonly OrganizationsFailureRule[]): void {
    for (const rule of rules) this.rules.push({ rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  next(operation: string, principal: string): OrganizationsServiceError | undefined {
    for (const entry of this.rules) {
      const { rule } = entry;
      if ((rule.operation && rule.operation !== operation) || (rule.principal && !principal.startsWith(rule.principal)))
        continue;
      if (entry.seen++ < (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && entry.fired >= rule.times) continue;
      entry.fired++;
      const { status, message } = injectableErrors[rule.error];
      return new OrganizationsServiceError(rule.error, message, undefined, status);
    }
    return undefined;
  }
}
