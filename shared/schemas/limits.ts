import { MalformedEventError } from '../domain/errors';

/**
 * Limits on anything that enters from outside, checked before it is parsed, stored or sent:
 * EventBridge delivers at most 256 KiB per event, and no real record nests deeper than a dozen
 * levels. The walk is iterative, so a hostile nesting cannot overflow the stack.
 */
export interface InputLimits {
  readonly maxDepth: number;
  readonly maxBytes: number;
  readonly maxStringLength: number;
  readonly maxNodes: number;
}

export const eventLimits: InputLimits = { maxDepth: 32, maxBytes: 262_144, maxStringLength: 65_536, maxNodes: 20_000 };

/** Throws `MalformedEventError` naming the first limit `value` breaks (the path where it broke). */
export const checkLimits = (value: unknown, limits: InputLimits = eventLimits, what = 'the event'): void => {
  const stack: Array<{ node: unknown; depth: number; path: string }> = [{ node: value, depth: 0, path: '$' }];
  let bytes = 0;
  let nodes = 0;
  const refuse = (reason: string, path: string): never => {
    throw new MalformedEventError(`${what} is refused before processing: ${reason} (at ${path.slice(0, 120)})`, [
      `${path.slice(0, 120)}: ${reason}`,
    ]);
  };
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (++nodes > limits.maxNodes) refuse(`more than ${limits.maxNodes} values`, path);
    if (depth > limits.maxDepth) refuse(`nested deeper than ${limits.maxDepth} levels`, path);
    if (typeof node === 'string') {
      if (node.length > limits.maxStringLength)
        refuse(`a string of ${node.length} characters (at most ${limits.maxStringLength})`, path);
      bytes += node.length + 2;
    } else if (Array.isArray(node)) {
      bytes += 2 + node.length;
      for (let i = 0; i < node.length; i++) stack.push({ node: node[i], depth: depth + 1, path: `${path}[${i}]` });
    } else if (node && typeof node === 'object') {
      const entries = Object.entries(node);
      bytes += 2 + entries.length;
      for (const [key, child] of entries) {
        if (key.length > 256) refuse(`a key of ${key.length} characters`, path);
        bytes += key.length + 3;
        stack.push({ node: child, depth: depth + 1, path: `${path}.${key}` });
      }
    } else bytes += 8;
    if (bytes > limits.maxBytes) refuse(`larger than ${limits.maxBytes} bytes`, path);
  }
};
