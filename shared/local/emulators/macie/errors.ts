import type { ShapeViolation } from '../model';

/**
 * An error the emulated service answers with, shaped like one of the macie2 model's error shapes:
 * `code` is the shape name (sent as `x-amzn-errortype`); every Macie error shape has only `message`.
 * The HTTP status comes from the shape's `error.httpStatusCode`; `status` is for codes the model
 * lacks (`UnrecognizedClientException`, 403).
 */
export class MacieServiceError extends Error {
  override readonly name = 'MacieServiceError';

  /**
   * @param code - the error shape name, e.g. `ConflictException`
   * @param message - the message the service returns
   * @param status - the HTTP status when the model has no shape for `code`
   */
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * Turns the violations of a request into ValidationException. The macie2 shape carries only a
 * message, so every violated field is named in it (values are never quoted).
 */
export function validationError(violations: ShapeViolation[]): MacieServiceError {
  const count = violations.length;
  return fail.validation(
    `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.map((v) => v.message).join('; ')}`,
  );
}

/** Shorthand constructors for the errors the handlers raise. */
export const fail = {
  validation: (message: string) => new MacieServiceError('ValidationException', message),
  notFound: (message: string) => new MacieServiceError('ResourceNotFoundException', message),
  conflict: (message: string) => new MacieServiceError('ConflictException', message),
  accessDenied: (message: string) => new MacieServiceError('AccessDeniedException', message),
  /**
   * What Macie answers any call that needs a Macie session when the caller has none: users report
   * `AccessDeniedException: Macie is not enabled.` (e.g. prowler-cloud/prowler#1279; the API
   * reference documents no message).
   */
  notEnabled: () => new MacieServiceError('AccessDeniedException', 'Macie is not enabled.'),
  /** The answer of AWS to a credential it does not accept (not a macie2 model shape). */
  unrecognizedClient: (message = 'The security token included in the request is invalid.') =>
    new MacieServiceError('UnrecognizedClientException', message, 403),
};
