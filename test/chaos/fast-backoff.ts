import { createRequire } from 'node:module';

/**
 * The SDK waits between its retries in real time (a throttling error: up to 1 s, then 2 s, with
 * jitter). A chaos run injects hundreds of such errors into calls that run against a scenario clock,
 * where those waits mean nothing but minutes of a test suite. This shortens the SDK's base delays
 * (`Retry.delay`, `Retry.throttlingDelay` of @smithy/core, read when each client's retry strategy is
 * built, so call it before the stack starts). What a retry does stays the SDK's own: how many
 * attempts, which errors are retried, the retry quota, the `Retry-After` hint.
 */
export const shortenSdkBackoff = (baseMs = 1, throttlingMs = 4): void => {
  const { Retry } = createRequire(import.meta.url)('@smithy/core/retry') as {
    Retry: { delay(): number; throttlingDelay(): number };
  };
  Retry.delay = () => baseMs;
  Retry.throttlingDelay = () => throttlingMs;
};
