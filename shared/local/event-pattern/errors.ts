/** A step into a pattern: an object key or an array index. */
export type PatternPathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Renders a pattern path JSONPath-style (`$.detail.state[0].anything-but`) so an
 * error names the exact spot an author has to fix in a template.
 *
 * @param path - segments from the pattern root to the offending node
 * @returns the printable path, `$` for the root
 */
export function formatPatternPath(path: readonly PatternPathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return PLAIN_KEY.test(segment) ? `${text}.${segment}` : `${text}[${JSON.stringify(segment)}]`;
  }, '$');
}

/** Thrown when an event pattern breaks the documented EventBridge pattern grammar. */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  /** JSONPath-style location of the offending node, `$` for the root. */
  readonly path: string;
  /** The rule that was broken, without the location prefix. */
  readonly reason: string;

  constructor(path: readonly PatternPathSegment[], reason: string, options?: ErrorOptions) {
    const printable = formatPatternPath(path);
    super(`Invalid event pattern at ${printable}: ${reason}`, options);
    this.path = printable;
    this.reason = reason;
  }
}
