import type { ShapeViolation } from '../model';

/**
 * The emulator produced a response its own service model rejects. This is an emulator bug, never a
 * client error: tests must fail on it (see each emulator's `responseViolations`).
 */
export class EmulatorResponseInvalidError extends Error {
  override readonly name = 'EmulatorResponseInvalidError';

  /**
   * @param operation - the operation whose response is invalid
   * @param violations - what the response breaks in the output shape
   */
  constructor(
    readonly operation: string,
    readonly violations: ShapeViolation[],
  ) {
    super(`The emulator produced an invalid ${operation} response: ${violations.map((v) => v.message).join('; ')}`);
  }
}
