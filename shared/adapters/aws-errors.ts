import { ServiceException } from '@smithy/core/client';
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { UpstreamRejectedError, UpstreamUnavailableError } from '../domain/errors';

/**
 * Maps an error from an AWS SDK call (after the SDK's own retries) onto the two families. Uses
 * smithy's own error classification (the same the SDK's retry strategy uses) instead of names.
 * Errors that are not service errors (network resets, timeouts) are transient.
 */
export const classifyAwsError = (error: unknown, what: string): Error => {
  if (error instanceof ServiceException) {
    const sdkError = error as Parameters<typeof isThrottlingError>[0];
    if (isThrottlingError(sdkError) || isServerError(sdkError) || isTransientError(sdkError)) {
      return new UpstreamUnavailableError(`${what}: ${error.name}: ${error.message}`, { cause: error });
    }
    return new UpstreamRejectedError(`${what}: ${error.name}: ${error.message}`, { cause: error });
  }
  return new UpstreamUnavailableError(`${what}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
};
