/**
 * The two families of failure. Permanent: retrying cannot help (bad input, a subject that does not
 * exist, a policy refusal): log, do not retry, keep the event for inspection. Transient: throttling,
 * 5xx, a lost race: rethrow so that Lambda retries and the on-failure destination keeps what is left.
 * Classify with `instanceof`, never by message.
 */
export abstract class OrgwardenError extends Error {
  abstract readonly permanent: boolean;
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
}

/** The event names a subject the service does not know (e.g. a handshake id that does not exist). */
export class SubjectNotFoundError extends PermanentError {
  override readonly name: string = 'SubjectNotFoundError';

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
}

/** Configuration is missing or invalid; raised at cold start. */
export class ConfigurationError extends PermanentError {
  override readonly name: string = 'ConfigurationError';
}

/** The service throttled or failed (5xx, network). */
export class UpstreamUnavailableError extends TransientError {
  override readonly name: string = 'UpstreamUnavailableError';
}

/** Another invocation kept changing the same subject; retrying later will settle it. */
export class ConcurrentUpdateError extends TransientError {
  override readonly name: string = 'ConcurrentUpdateError';
}

/**
 * A change is committed but some of its effects are not done yet (publishing failed, a follow-up
 * call was throttled, the store did not answer): the event must be retried, never dead-lettered as
 * permanent, whatever the underlying error was. The ledger keeps the unfinished effects; a retry,
 * a later event for the subject or the sweep finishes them.
 */
export class EffectsPendingError extends TransientError {
  override readonly name: string = 'EffectsPendingError';
}

export const isPermanent = (error: unknown): error is PermanentError => error instanceof PermanentError;

/**
 * A ledger entry that neither the history nor the policy in force calls for: written to the table by
 * someone else than the pipeline (any principal that may write the table), or made obsolete by a
 * policy changed since. It is recorded failed and announced (`Reaction Failed`), never carried out.
 */
export class UnauthorizedEffectError extends PermanentError {
  override readonly name: string = 'UnauthorizedEffectError';
}

/**
 * An audit continuation that its run's record does not call for: a run never started, a run
 * complete, or a step the record is not at (or is held at by another invocation). Its event is
 * forged, or a copy delivered again after the run went on; either way it changes nothing.
 */
export class ContinuationRefusedError extends PermanentError {
  override readonly name: string = 'ContinuationRefusedError';

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
}
