import { InvalidEventPatternError, type PatternPathSegment } from './errors';

/** EventBridge only compares numbers within ±5.0e9 (inclusive). */
export const NUMERIC_LIMIT = 5e9;

const MICROS_PER_UNIT = 1e6;

interface Bound {
  readonly micros: number;
  readonly inclusive: boolean;
}

/** A numeric condition as an interval on the six-decimal grid. */
export interface NumericRange {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

const LOWER_OPERATORS = new Set(['>', '>=']);
const UPPER_OPERATORS = new Set(['<', '<=']);
const ALL_OPERATORS = new Set(['=', ...LOWER_OPERATORS, ...UPPER_OPERATORS]);

/**
 * Maps a number onto EventBridge's six-digits-after-the-point grid. Digits past
 * the sixth are cut off (floor keeps the mapping monotonic, so ranges stay
 * ranges); the snap first undoes binary noise such as 1.000001 * 1e6 = 1000000.9999999999.
 */
function toMicros(value: number): number {
  const scaled = value * MICROS_PER_UNIT;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) <= Math.abs(scaled) * 4 * Number.EPSILON) return nearest;
  return Math.floor(scaled);
}

function operand(value: unknown, path: readonly PatternPathSegment[], operator: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidEventPatternError(path, `the value after "${operator}" must be a number`);
  }
  if (Math.abs(value) > NUMERIC_LIMIT) {
    throw new InvalidEventPatternError(path, `${value} is outside the numeric range -5.0e9..+5.0e9`);
  }
  return toMicros(value);
}

function operator(value: unknown, path: readonly PatternPathSegment[]): string {
  if (typeof value !== 'string' || !ALL_OPERATORS.has(value)) {
    throw new InvalidEventPatternError(
      path,
      `unknown numeric operator ${JSON.stringify(value) ?? String(value)}; use =, <, <=, >, >=`,
    );
  }
  return value;
}

/**
 * Validates a `numeric` operand list: one comparison, or a lower bound (`>`/`>=`)
 * followed by an upper bound (`<`/`<=`) that is strictly greater.
 *
 * @param value - the operand of `numeric`
 * @param path - location of the operand, for error messages
 * @returns the interval the operand describes
 * @throws InvalidEventPatternError when the operand is malformed
 */
export function compileNumeric(value: unknown, path: readonly PatternPathSegment[]): NumericRange {
  if (!Array.isArray(value))
    throw new InvalidEventPatternError(path, 'numeric needs an array such as [">", 0, "<=", 5]');
  const items: readonly unknown[] = value;
  if (items.length !== 2 && items.length !== 4) {
    throw new InvalidEventPatternError(path, `numeric needs 2 or 4 elements, got ${items.length}`);
  }
  const first = operator(items[0], [...path, 0]);
  const firstBound = operand(items[1], [...path, 1], first);
  if (items.length === 2) {
    if (first === '=')
      return { lower: { micros: firstBound, inclusive: true }, upper: { micros: firstBound, inclusive: true } };
    const bound = { micros: firstBound, inclusive: first.endsWith('=') };
    return LOWER_OPERATORS.has(first) ? { lower: bound } : { upper: bound };
  }
  if (!LOWER_OPERATORS.has(first)) {
    throw new InvalidEventPatternError([...path, 0], `a numeric range must start with ">" or ">=", not "${first}"`);
  }
  const second = operator(items[2], [...path, 2]);
  if (!UPPER_OPERATORS.has(second)) {
    throw new InvalidEventPatternError([...path, 2], `a numeric range must end with "<" or "<=", not "${second}"`);
  }
  const secondBound = operand(items[3], [...path, 3], second);
  if (secondBound <= firstBound)
    throw new InvalidEventPatternError(path, 'the lower bound of a numeric range must be less than the upper bound');
  return {
    lower: { micros: firstBound, inclusive: first === '>=' },
    upper: { micros: secondBound, inclusive: second === '<=' },
  };
}

/**
 * Tests an event value against a numeric interval. Only JSON numbers inside
 * the documented ±5.0e9 window can match; strings that look numeric never do.
 *
 * @param range - result of {@link compileNumeric}
 * @param value - the event leaf value
 * @returns whether the value lies in the interval
 */
export function inNumericRange(range: NumericRange, value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > NUMERIC_LIMIT) return false;
  const micros = toMicros(value);
  const { lower, upper } = range;
  if (lower !== undefined && (lower.inclusive ? micros < lower.micros : micros <= lower.micros)) return false;
  if (upper !== undefined && (upper.inclusive ? micros > upper.micros : micros >= upper.micros)) return false;
  return true;
}
