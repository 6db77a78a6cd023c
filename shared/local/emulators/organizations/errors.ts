/**
 * An error the emulated service answers with, shaped like the model's error shapes: `code` is the
 * `__type` and `x-amzn-ErrorType` on the wire, `reason` the `Reason` member of the exceptions that
 * have one (InvalidInputException, ConstraintViolationException, HandshakeConstraintViolationException).
 */
export class OrganizationsServiceError extends Error {
  override readonly name = 'OrganizationsServiceError';

  /**
   * @param code - the error shape name, e.g. `HandshakeNotFoundException`
   * @param message - the message the service returns
   * @param reason - the `Reason` member, for the exceptions that carry one
   * @param status - the HTTP status; 400 for client errors, 500 for `ServiceException`
   */
  constructor(
    readonly code: string,
    message: string,
    readonly reason?: string,
    readonly status = 400,
  ) {
    super(message);
  }

  /** The JSON 1.1 error body. */
  toBody(): Record<string, string> {
    return { __type: this.code, Message: this.message, ...(this.reason ? { Reason: this.reason } : {}) };
  }
}

/** Shorthand constructors for the errors the handlers raise. */
export const fail = {
  accessDenied: (message = "You don't have permissions to access this resource.") =>
    new OrganizationsServiceError('AccessDeniedException', message),
  notInUse: () =>
    new OrganizationsServiceError(
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
    ),
  invalidInput: (reason: string, message: string) =>
    new OrganizationsServiceError('InvalidInputException', message, reason),
  constraint: (reason: string, message: string) =>
    new OrganizationsServiceError('ConstraintViolationException', message, reason),
  handshakeConstraint: (reason: string, message: string) =>
    new OrganizationsServiceError('HandshakeConstraintViolationException', message, reason),
  handshakeNotFound: () =>
    new OrganizationsServiceError(
      'HandshakeNotFoundException',
      "We can't find a handshake with the HandshakeId that you specified.",
    ),
  accountNotFound: () =>
    new OrganizationsServiceError('AccountNotFoundException', "You specified an account that doesn't exist."),
  transferNotFound: () =>
    new OrganizationsServiceError(
      'ResponsibilityTransferNotFoundException',
      "We can't find a transfer that you specified.",
    ),
  of: (code: string, message: string) => new OrganizationsServiceError(code, message),
};
