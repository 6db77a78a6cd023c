/**
 * Depth limits for the JSON a user hands the CLI (scenarios, event files). Everything that walks
 * such JSON afterwards (zod, the handlers, the report) may recurse: a file nested deeper than any
 * real event is refused up front, by a walk that is itself iterative so that it cannot overflow.
 */

/** Deeper than any real EventBridge event or AWS API input; shallow enough for every recursive walk. */
export const MAX_JSON_DEPTH = 64;

export type JsonPath = ReadonlyArray<string | number>;

/** The longest key a path shows whole: a hostile file's 100,000-character key must not become the line. */
const MAX_KEY_SHOWN = 60;
export const showKey = (key: string | number): string => {
  const text = String(key);
  return text.length > MAX_KEY_SHOWN ? `${text.slice(0, MAX_KEY_SHOWN - 3)}…` : text;
};

/** Keys as a problem lists them: each quoted and cut, at most five, then how many more. */
export const showKeys = (keys: readonly string[]): string => {
  const listed = keys
    .slice(0, 5)
    .map((key) => `"${showKey(key)}"`)
    .join(', ');
  return keys.length > 5 ? `${listed} and ${keys.length - 5} more` : listed;
};

/** `steps.0.api.input` for ['steps', 0, 'api', 'input']; long paths keep their ends, long keys are cut. */
export const formatPath = (path: JsonPath, base = ''): string => {
  const parts = base ? [base, ...path.map(showKey)] : path.map(showKey);
  if (parts.length <= 12) return parts.join('.') || '(root)';
  return `${parts.slice(0, 6).join('.')}.….${parts.slice(-3).join('.')}`;
};

/**
 * The path of the first container nested deeper than `limit` levels below `value`, or undefined.
 * The walk never goes below `limit + 1` levels, so it costs at most the size of the allowed part.
 */
export const findTooDeep = (value: unknown, limit = MAX_JSON_DEPTH): JsonPath | undefined => {
  const pending: Array<{ readonly value: unknown; readonly path: JsonPath }> = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (path.length > limit) return path;
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((item, index) => [index, item])
      : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      pending.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
};
