/**
 * The stable code of each orgwarden error class: the one table. Dead letters (a field and a message
 * attribute), the error log lines and the CLI carry it, so that alerting and tooling match a failure by
 * its code, not by its message or its class name (which a refactor may change). A code never changes
 * meaning and is never reused; a new class adds a row (a test checks that each class has its own).
 *
 * | code                                              | class                                    | family    |
 * | ------------------------------------------------- | ---------------------------------------- | --------- |
 * | `ORGWARDEN_MALFORMED_EVENT`                       | `MalformedEventError`                    | permanent |
 * | `ORGWARDEN_FOREIGN_EVENT`                         | `ForeignEventError`                      | permanent |
 * | `ORGWARDEN_UNSUPPORTED_EVENT`                     | `UnsupportedEventError`                  | permanent |
 * | `ORGWARDEN_SUBJECT_NOT_FOUND`                     | `SubjectNotFoundError`                   | permanent |
 * | `ORGWARDEN_UPSTREAM_REJECTED`                     | `UpstreamRejectedError`                  | permanent |
 * | `ORGWARDEN_SECURITY_IR_MEMBERSHIP_NOT_RESTORABLE` | `SecurityIrMembershipNotRestorableError` | permanent |
 * | `ORGWARDEN_CONFIGURATION`                         | `ConfigurationError`                     | permanent |
 * | `ORGWARDEN_UNAUTHORIZED_EFFECT`                   | `UnauthorizedEffectError`                | permanent |
 * | `ORGWARDEN_CONTINUATION_REFUSED`                  | `ContinuationRefusedError`               | permanent |
 * | `ORGWARDEN_INCIDENT_CASE_CAP_REACHED`             | `IncidentCaseCapReachedError`            | permanent |
 * | `ORGWARDEN_UPSTREAM_UNAVAILABLE`                  | `UpstreamUnavailableError`               | transient |
 * | `ORGWARDEN_CONCURRENT_UPDATE`                     | `ConcurrentUpdateError`                  | transient |
 * | `ORGWARDEN_EFFECTS_PENDING`                       | `EffectsPendingError`                    | transient |
 * | `ORGWARDEN_CONTINUATION_UNDELIVERED`              | `ContinuationUndeliveredError`           | transient |
 */
export const errorCodes = {
  MalformedEventError: 'ORGWARDEN_MALFORMED_EVENT',
  ForeignEventError: 'ORGWARDEN_FOREIGN_EVENT',
  UnsupportedEventError: 'ORGWARDEN_UNSUPPORTED_EVENT',
  SubjectNotFoundError: 'ORGWARDEN_SUBJECT_NOT_FOUND',
  UpstreamRejectedError: 'ORGWARDEN_UPSTREAM_REJECTED',
  SecurityIrMembershipNotRestorableError: 'ORGWARDEN_SECURITY_IR_MEMBERSHIP_NOT_RESTORABLE',
  ConfigurationError: 'ORGWARDEN_CONFIGURATION',
  UnauthorizedEffectError: 'ORGWARDEN_UNAUTHORIZED_EFFECT',
  ContinuationRefusedError: 'ORGWARDEN_CONTINUATION_REFUSED',
  IncidentCaseCapReachedError: 'ORGWARDEN_INCIDENT_CASE_CAP_REACHED',
  UpstreamUnavailableError: 'ORGWARDEN_UPSTREAM_UNAVAILABLE',
  ConcurrentUpdateError: 'ORGWARDEN_CONCURRENT_UPDATE',
  EffectsPendingError: 'ORGWARDEN_EFFECTS_PENDING',
  ContinuationUndeliveredError: 'ORGWARDEN_CONTINUATION_UNDELIVERED',
} as const;

export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/**
 * The two families of failure. Permanent: retrying cannot help (bad input, a subject that does not
 * exist, a policy refusal): log, do not retry, keep the event for inspection. Transient: throttling,
 * 5xx, a lost race: rethrow so that Lambda retries and the on-failure destination keeps what is left.
 * Classify with `instanceof`, never by message.
 */
export abstract class OrgwardenError extends Error {
  abstract readonly permanent: boolean;
  /** Its row of {@link errorCodes}. */
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

// Each concrete class names itself: the deployed bundles are minified, and a class's own name would
// reach the logs and the dead letters mangled (`Os` for ForeignEventError; test/infra/bundles.test.ts).

export abstract class PermanentError extends OrgwardenError {
  readonly permanent = true;
}

export abstract class TransientError extends OrgwardenError {
  readonly permanent = false;
}

/** The event does not have the shape its schema requires. */
export class MalformedEventError extends PermanentError {
  override readonly name: string = 'MalformedEventError';
  readonly code: ErrorCode = errorCodes.MalformedEventError;

  constructor(
    message: string,
    readonly issues: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The event comes from another account or Region than the function's own: forwarded by a rule or a
 * bus policy nobody meant for orgwarden, or forged. orgwarden re-reads the truth in its own account,
 * so acting on another's event would record and react to a world it does not watch.
 */
export class ForeignEventError extends PermanentError {
  override readonly name: string = 'ForeignEventError';
  readonly code: ErrorCode = errorCodes.ForeignEventError;

  constructor(
    message: string,
    readonly origin: { readonly account: string; readonly region: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A well-formed event this function has no reaction for (its rule should not have sent it). */
export class UnsupportedEventError extends PermanentError {
  override readonly name: string = 'UnsupportedEventError';
  readonly code: ErrorCode = errorCodes.UnsupportedEventError;
}

/** The event names a subject the service does not know (e.g. a handshake id that does not exist). */
export class SubjectNotFoundError extends PermanentError {
  override readonly name: string = 'SubjectNotFoundError';
  readonly code: ErrorCode = errorCodes.SubjectNotFoundError;

  constructor(
    readonly subject: string,
    options?: { cause?: unknown },
  ) {
    super(`${subject} does not exist`, options);
  }
}

/** The service refused orgwarden's call in a way a retry will not change (permissions, validation). */
export class UpstreamRejectedError extends PermanentError {
  override readonly name: string = 'UpstreamRejectedError';
  readonly code: ErrorCode = errorCodes.UpstreamRejectedError;
}

/** Configuration is missing or invalid; raised at cold start. */
export class ConfigurationError extends PermanentError {
  override readonly name: string = 'ConfigurationError';
  readonly code: ErrorCode = errorCodes.ConfigurationError;
}

/** The service throttled or failed (5xx, network). */
export class UpstreamUnavailableError extends TransientError {
  override readonly name: string = 'UpstreamUnavailableError';
  readonly code: ErrorCode = errorCodes.UpstreamUnavailableError;
}

/** Another invocation kept changing the same subject; retrying later will settle it. */
export class ConcurrentUpdateError extends TransientError {
  override readonly name: string = 'ConcurrentUpdateError';
  readonly code: ErrorCode = errorCodes.ConcurrentUpdateError;
}

/**
 * A change is committed but some of its effects are not done yet (publishing failed, a follow-up
 * call was throttled, the store did not answer): the event must be retried, never dead-lettered as
 * permanent, whatever the underlying error was. The ledger keeps the unfinished effects; a retry,
 * a later event for the subject or the sweep finishes them.
 */
export class EffectsPendingError extends TransientError {
  override readonly name: string = 'EffectsPendingError';
  readonly code: ErrorCode = errorCodes.EffectsPendingError;
}

export const isPermanent = (error: unknown): error is PermanentError => error instanceof PermanentError;

/** The stable code of an orgwarden error; undefined for any other error (an SDK's, a bug's). */
export const errorCodeOf = (error: unknown): ErrorCode | undefined =>
  error instanceof OrgwardenError ? error.code : undefined;

/**
 * A ledger entry that neither the history nor the policy in force calls for: written to the table by
 * someone else than the pipeline (any principal that may write the table), or made obsolete by a
 * policy changed since. It is recorded failed and announced (`Reaction Failed`), never carried out.
 */
export class UnauthorizedEffectError extends PermanentError {
  override readonly name: string = 'UnauthorizedEffectError';
  readonly code: ErrorCode = errorCodes.UnauthorizedEffectError;
}

/**
 * An audit continuation that its run's record does not call for: a run never started, a run
 * complete, or a step the record is not at (or is held at by another invocation). Its event is
 * forged, or a copy delivered again after the run went on; either way it changes nothing.
 */
export class ContinuationRefusedError extends PermanentError {
  override readonly name: string = 'ContinuationRefusedError';
  readonly code: ErrorCode = errorCodes.ContinuationRefusedError;

  constructor(
    message: string,
    readonly runId: string,
    readonly reason: 'never-started' | 'complete' | 'step-mismatch' | 'held',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The continuation of an audit run was not accepted by orgwarden's bus: the run's record says where
 * it stands, and the retried invocation publishes the continuation again. Transient whatever the
 * bus said: a refusal that stays would otherwise leave the run unfinished without a word.
 */
export class ContinuationUndeliveredError extends TransientError {
  override readonly name: string = 'ContinuationUndeliveredError';
  readonly code: ErrorCode = errorCodes.ContinuationUndeliveredError;
}
