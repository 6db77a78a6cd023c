import type { ShapeViolation } from '../model';

/**
 * An error the emulated service answers with, shaped like one of the model's error shapes: `code`
 * is the shape name (sent as `x-amzn-errortype`), `members` its members besides `message` (header
 * members such as `retryAfterSeconds` included: the HTTP layer moves them to their headers). The
 * HTTP status comes from the shape's `error.httpStatusCode`; `status` is for codes the model lacks.
 */
export class SecurityIrServiceError extends Error {
  override readonly name = 'SecurityIrServiceError';

  /**
   * @param code - the error shape name, e.g. `ConflictException`
   * @param message - the message the service returns
   * @param members - the shape's other members, e.g. `{ resourceId, resourceType }`
   * @param status - the HTTP status when the model has no shape for `code`
   */
  constructor(
    readonly code: string,
    message: string,
    readonly members: Record<string, unknown> = {},
    readonly status = 400,
  ) {
    super(message);
  }
}

/** A `fieldList` entry of ValidationException. */
export interface ValidationField {
  name: string;
  message: string;
}

/**
 * Turns the violations of a request into the service's ValidationException. Values that cannot be
 * bound to their type (or members the shape does not have) are `CANNOT_PARSE`; constraint breaches
 * `FIELD_VALIDATION_FAILED`. Every violated field is named in `fieldList`.
 */
export function validationError(violations: ShapeViolation[]): SecurityIrServiceError {
  const unparsable = violations.some((v) => v.kind === 'type' || v.kind === 'unknown-member');
  const fieldList: ValidationField[] = violations.map((v) => ({ name: v.path, message: v.message }));
  const count = violations.length;
  return fail.validation(
    unparsable ? 'CANNOT_PARSE' : 'FIELD_VALIDATION_FAILED',
    `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.map((v) => v.message).join('; ')}`,
    fieldList,
  );
}

/** Shorthand constructors for the errors the handlers raise. */
export const fail = {
  validation: (
    reason: 'UNKNOWN_OPERATION' | 'CANNOT_PARSE' | 'FIELD_VALIDATION_FAILED' | 'OTHER',
    message: string,
    fieldList?: ValidationField[],
  ) => new SecurityIrServiceError('ValidationException', message, { reason, ...(fieldList ? { fieldList } : {}) }),
  invalidField: (name: string, message: string) =>
    fail.validation('FIELD_VALIDATION_FAILED', `${name}: ${message}`, [{ name, message }]),
  notFound: (what: string, id: string) =>
    new SecurityIrServiceError('ResourceNotFoundException', `The ${what} ${id} was not found.`),
  conflict: (message: string, resourceId: string, resourceType: string) =>
    new SecurityIrServiceError('ConflictException', message, { resourceId, resourceType }),
  notActive: (message = 'Security Incident Response is not active for this account.') =>
    new SecurityIrServiceError('SecurityIncidentResponseNotActiveException', message),
  accessDenied: (message: string) => new SecurityIrServiceError('AccessDeniedException', message),
};
