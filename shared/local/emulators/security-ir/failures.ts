import { SecurityIrServiceError } from './errors';
import type { FailureRule, InjectableError } from './types';

const DEFAULT_MESSAGES: Record<InjectableError, string> = {
  ThrottlingException: 'Rate exceeded',
  InternalServerException: 'An internal error occurred.',
  ServiceQuotaExceededException: 'Service quota exceeded.',
  AccessDeniedException: 'You do not have sufficient access to perform this action.',
  ConflictException: 'The request conflicts with the current state of the resource.',
  ResourceNotFoundException: 'The resource was not found.',
  ValidationException: 'The request is invalid.',
  SecurityIncidentResponseNotActiveException: 'Security Incident Response is not active for this account.',
  InvalidTokenException: 'The token is invalid.',
};

/** A small seeded generator (mulberry32): the same seed fails the same calls on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Decides, call by call, whether an injected failure answers instead of the service. Rules are
 * tried in order; the first that fires wins. A rule lets `skip` matching calls through, then fails
 * (all, a `rate` of them, or `times` of them).
 */
export class FailureInjector {
  private readonly rules: { rule: FailureRule; seen: number; fired: number }[] = [];
  private readonly random: () => number;

  constructor(rules: FailureRule[] = [], seed = 1) {
    this.random = seeded(seed);
    this.add(rules);
  }

  /** Adds rules after the existing ones. */
  add(rules: FailureRule[]): void {
    for (const rule of rules) {
      if (rule.rate !== undefined && !(rule.rate > 0 && rule.rate <= 1))
        throw new RangeError(`A failure rate is in (0, 1], got ${rule.rate}`);
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

  /** The error to answer `operation` with, if a rule fires for this call. */
  next(operation: string): SecurityIrServiceError | undefined {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.operation !== undefined && rule.operation !== operation) continue;
      if (++entry.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && entry.fired >= rule.times) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      entry.fired++;
      return errorOf(rule, operation);
    }
    return undefined;
  }
}

function errorOf(rule: FailureRule, operation: string): SecurityIrServiceError {
  const message = rule.message ?? DEFAULT_MESSAGES[rule.error];
  const retryAfter = rule.retryAfterSeconds !== undefined ? { retryAfterSeconds: rule.retryAfterSeconds } : {};
  switch (rule.error) {
    case 'ThrottlingException':
      return new SecurityIrServiceError(rule.error, message, {
        serviceCode: 'security-ir',
        quotaCode: `${operation}-rate`,
        ...retryAfter,
      });
    case 'InternalServerException':
      return new SecurityIrServiceError(rule.error, message, retryAfter);
    case 'ServiceQuotaExceededException':
      return new SecurityIrServiceError(rule.error, message, {
        resourceId: operation,
        resourceType: 'operation',
        serviceCode: 'security-ir',
        quotaCode: `${operation}-quota`,
      });
    case 'ConflictException':
      return new SecurityIrServiceError(rule.error, message, { resourceId: operation, resourceType: 'operation' });
    case 'ValidationException':
      return new SecurityIrServiceError(rule.error, message, { reason: 'OTHER' });
    default:
      return new SecurityIrServiceError(rule.error, message);
  }
}
