/**
 * A copy of any JSON-like value cut to a size that can always be serialized and sent (a dead letter
 * must keep even the event that was refused for its size or depth): nesting below `maxDepth`,
 * strings beyond `maxString` and keys beyond 256 characters are cut, and at most `maxNodes` values
 * are copied. Iterative, so no input can overflow the stack. Returns the copy and whether anything
 * was cut.
 */
export const boundedCopy = (
  value: unknown,
  limits = { maxDepth: 24, maxString: 4_096, maxNodes: 5_000 },
): { copy: unknown; truncated: boolean } => {
  let truncated = false;
  let nodes = 0;
  const root: { value?: unknown } = {};
  const stack: Array<{ node: unknown; depth: number; assign: (v: unknown) => void }> = [
    { node: value, depth: 0, assign: (v) => (root.value = v) },
  ];
  while (stack.length > 0) {
    const { node, depth, assign } = stack.pop()!;
    if (++nodes > limits.maxNodes) {
      truncated = true;
      assign('[cut: too many values]');
      continue;
    }
    if (typeof node === 'string') {
      if (node.length > limits.maxString) truncated = true;
      assign(
        node.length > limits.maxString ? `${node.slice(0, limits.maxString)}[cut: ${node.length} characters]` : node,
      );
    } else if (node === null || typeof node !== 'object') {
      assign(
        typeof node === 'number' || typeof node === 'boolean' || node === null || node === undefined
          ? node
          : `[${typeof node}]`,
      );
    } else if (depth >= limits.maxDepth) {
      truncated = true;
      assign('[cut: nested too deep]');
    } else if (Array.isArray(node)) {
      const out: unknown[] = [];
      assign(out);
      node.forEach((child, i) => stack.push({ node: child, depth: depth + 1, assign: (v) => (out[i] = v) }));
    } else {
      const out: Record<string, unknown> = {};
      assign(out);
      for (const [key, child] of Object.entries(node)) {
        if (key.length > 256) truncated = true;
        // Defined, not assigned: a "__proto__" key (JSON.parse makes it an own field) must stay a field
        // of the copy, not become its prototype (and vanish from the kept event).
        stack.push({
          node: child,
          depth: depth + 1,
          assign: (v) =>
            Object.defineProperty(out, key.slice(0, 256), {
              value: v,
              writable: true,
              enumerable: true,
              configurable: true,
            }),
        });
      }
    }
  }
  return { copy: root.value, truncated };
};
