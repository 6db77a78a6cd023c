/**
 * Edits of JSON events that copy only along the edited path and keep every key an own data property (`__proto__` too).
 */

export type JsonPath = ReadonlyArray<string | number>;

/** Returned by an edit to remove the key. */
export const remove = Symbol('remove');

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  typeof value === 'object' && value !== null;

const define = (target: object, key: string | number, value: unknown): void => {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
};

const copyOf = (container: Record<string, unknown> | unknown[]): Record<string, unknown> | unknown[] => {
  if (Array.isArray(container)) return container.slice();
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(container)) define(copy, key, value);
  return copy;
};

/**
 * `root` with the value at `path` replaced by `edit(current)` (`remove` deletes it), or `undefined`
 * when the path does not lead there (a parent missing or not a container): the edit does not apply.
 */
export const editAt = (root: unknown, path: JsonPath, edit: (current: unknown) => unknown): unknown => {
  if (path.length === 0) return edit(root);
  if (!isContainer(root)) return undefined;
  const [key, ...rest] = path as [string | number, ...Array<string | number>];
  const current = Object.hasOwn(root, key) ? (root as Record<string | number, unknown>)[key] : undefined;
  if (rest.length > 0 && !isContainer(current)) return undefined;
  const next = rest.length === 0 ? edit(current) : editAt(current, rest, edit);
  if (next === undefined && rest.length > 0) return undefined;
  const copy = copyOf(root);
  if (next === remove) {
    if (Array.isArray(copy)) copy.splice(Number(key), 1);
    else delete copy[key];
  } else define(copy, key, next);
  return copy;
};

export const valueAt = (root: unknown, path: JsonPath): unknown => {
  let value = root;
  for (const key of path) {
    if (!isContainer(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
};

/**
 * The paths of the objects (not arrays) in `root`, breadth first, at most `limit`, `maxDepth` deep,
 * looking at the first few items of an array only: a case may hold 20,001 values or 10,000 levels,
 * and choosing where to put the next change must not cost their walk.
 */
export const objectPaths = (root: unknown, maxDepth = 5, limit = 200): JsonPath[] => {
  const found: JsonPath[] = [];
  const queue: Array<{ value: unknown; path: JsonPath }> = [{ value: root, path: [] }];
  for (let next = 0; next < queue.length && found.length < limit && queue.length < 4 * limit; next++) {
    const { value, path } = queue[next]!;
    if (!isContainer(value) || path.length > maxDepth) continue;
    if (Array.isArray(value))
      value.slice(0, 5).forEach((child, index) => queue.push({ value: child, path: [...path, index] }));
    else {
      found.push(path);
      for (const [key, child] of Object.entries(value)) queue.push({ value: child, path: [...path, key] });
    }
  }
  return found;
};

/** Every path to a string value matching `pattern` (ids in a record), iteratively. */
export const stringPaths = (root: unknown, pattern: RegExp): JsonPath[] => {
  const found: JsonPath[] = [];
  const stack: Array<{ value: unknown; path: JsonPath }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string' && pattern.test(value)) found.push(path);
    else if (isContainer(value))
      for (const [key, child] of Object.entries(value))
        stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
  return found;
};
