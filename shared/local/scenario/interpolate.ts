import { formatPath } from './json-depth';
import { ScenarioError } from './scenario-error';

/** What a scenario kept with `save`: responses by name. */
export type SavedValues = Readonly<Record<string, unknown>>;

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const PATH = '(?:\\.[A-Za-z0-9_]+)*';
const reference = new RegExp(`\\$\\{(${NAME})(${PATH})\\}`, 'g');
const wholeReference = new RegExp(`^\\$\\{(${NAME})(${PATH})\\}$`);

const lookup = (saved: SavedValues, name: string, path: string, where: string): unknown => {
  const at = where ? `${where}: ` : '';
  if (!Object.hasOwn(saved, name)) {
    const known = Object.keys(saved);
    throw new ScenarioError(
      `${at}\${${name}${path}}: nothing was saved as ${name} (${known.length > 0 ? `saved: ${known.join(', ')}` : 'nothing was saved yet'})`,
    );
  }
  let value: unknown = saved[name];
  for (const key of path.split('.').filter(Boolean)) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) {
      throw new ScenarioError(`${at}\${${name}${path}}: ${key} is not there`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value instanceof Date ? value.toISOString() : value;
};

const substitute = (text: string, saved: SavedValues, where: string): unknown => {
  const whole = wholeReference.exec(text);
  if (whole) return lookup(saved, whole[1]!, whole[2] ?? '', where);
  return text.replace(reference, (_match, name: string, path: string) => String(lookup(saved, name, path, where)));
};

/** A path as a linked list: deep values share their parents' paths instead of copying them. */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly key: string | number;
}

const pathOf = (link: PathLink | undefined): Array<string | number> => {
  const keys: Array<string | number> = [];
  for (let at = link; at; at = at.parent) keys.push(at.key);
  return keys.reverse();
};

// A key such as "__proto__" (legal in JSON) must stay a plain own property of the copy.
const setOwn = (target: object, key: string | number, value: unknown): void => {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
};

/**
 * Replaces `${name.path}` by values saved from earlier responses. A string that is exactly one
 * reference takes the value itself (a number stays a number); otherwise the value is spliced in.
 * Returns a copy; the walk is iterative, so no nesting depth can overflow the stack.
 *
 * @param value - JSON (from a scenario step or an event file)
 * @param saved - the values saved so far
 * @param where - where `value` comes from, for messages (e.g. `steps.2.api.input`)
 * @throws ScenarioError naming the reference and its place when a reference cannot be resolved
 */
export const interpolate = <T>(value: T, saved: SavedValues, where = ''): T => {
  const root: { value?: unknown } = {};
  const pending: Array<{
    readonly from: unknown;
    readonly into: object;
    readonly key: string | number;
    readonly path: PathLink | undefined;
  }> = [{ from: value, into: root, key: 'value', path: undefined }];
  while (pending.length > 0) {
    const { from, into, key, path } = pending.pop()!;
    if (typeof from === 'string') {
      setOwn(into, key, from.includes('${') ? substitute(from, saved, formatPath(pathOf(path), where)) : from);
    } else if (Array.isArray(from)) {
      const copy: unknown[] = new Array<unknown>(from.length);
      setOwn(into, key, copy);
      from.forEach((item, index) =>
        pending.push({ from: item, into: copy, key: index, path: { parent: path, key: index } }),
      );
    } else if (from !== null && typeof from === 'object' && !(from instanceof Date)) {
      const copy: Record<string, unknown> = {};
      setOwn(into, key, copy);
      // Keys first, in order, so that filling them in any order keeps the original key order.
      const entries = Object.entries(from);
      for (const [k] of entries) setOwn(copy, k, undefined);
      for (const [k, v] of entries) pending.push({ from: v, into: copy, key: k, path: { parent: path, key: k } });
    } else {
      setOwn(into, key, from);
    }
  }
  return root.value as T;
};

/** The names a JSON value refers to with `${name…}` (to tell a user which scenario it needs). */
export const referencedNames = (value: unknown): string[] => {
  const names = new Set<string>();
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') for (const match of current.matchAll(reference)) names.add(match[1]!);
    else if (current !== null && typeof current === 'object')
      for (const child of Object.values(current)) pending.push(child);
  }
  return [...names];
};
