import { ServiceException, type ServiceExceptionOptions } from '@smithy/core/client';

/**
 * Base of every Security IR error, as in the official client: `instanceof SecurityIRServiceException` catches them all.
 */
export class SecurityIRServiceException extends ServiceException {
  constructor(options: ServiceExceptionOptions) {
    super(options);
    Object.setPrototypeOf(this, SecurityIRServiceException.prototype);
  }
}
