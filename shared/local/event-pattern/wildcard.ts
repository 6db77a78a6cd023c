/**
 * A wildcard operand split on its unescaped `*`s: the event string must start
 * with the first literal, end with the last, and contain the middle ones in order.
 */
export interface WildcardPattern {
  readonly literals: readonly string[];
}

/**
 * Parses a `wildcard` operand. EventBridge rejects consecutive `*` and any
 * backslash escape other than `\*` and `\\`, so those throw here too.
 *
 * @param text - the operand as written in the pattern
 * @returns the literal pieces between the unescaped wildcards
 * @throws Error naming the position of the first syntax problem
 */
export function parseWildcard(text: string): WildcardPattern {
  const literals: string[] = [];
  let current = '';
  let previousWasWildcard = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '*') {
      if (previousWasWildcard) throw new Error(`consecutive wildcard characters at position ${index}`);
      literals.push(current);
      current = '';
      previousWasWildcard = true;
      continue;
    }
    previousWasWildcard = false;
    if (char === '\\') {
      const next = text.charAt(index + 1);
      if (next !== '*' && next !== '\\') throw new Error(`invalid escape character at position ${index}`);
      current += next;
      index += 1;
      continue;
    }
    current += char;
  }
  literals.push(current);
  return { literals };
}

/**
 * Tests a string against a parsed wildcard. Leftmost placement of each middle
 * literal is always safe for `*`-only globs, so no backtracking is needed.
 *
 * @param pattern - result of {@link parseWildcard}
 * @param value - the event string
 * @returns whether `value` matches
 */
export function matchesWildcard(pattern: WildcardPattern, value: string): boolean {
  const { literals } = pattern;
  const first = literals[0] ?? '';
  if (literals.length === 1) return value === first;
  const last = literals[literals.length - 1] ?? '';
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  const end = value.length - last.length;
  let position = first.length;
  for (const literal of literals.slice(1, -1)) {
    const found = value.indexOf(literal, position);
    if (found < 0 || found + literal.length > end) return false;
    position = found + literal.length;
  }
  return true;
}
