// AWS models carry `pattern` traits written for java.util.regex (the services validate with Java).
// Most are valid ECMAScript too, but a few Java-only constructs need rewriting before `new RegExp`.
const POSIX_CLASSES: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

const cache = new Map<string, RegExp>();

/**
 * Converts a Java regular expression from a model `pattern` trait to a JavaScript RegExp.
 *
 * Smithy and botocore define `pattern` as not implicitly anchored (a search, like Java's
 * `Matcher.find`), so the result is meant for `.test()` as is: anchors stay where the model put them.
 * Rewritten constructs: `\A` and `\z`/`\Z` anchors, POSIX classes `\p{Alpha}` etc. (inside and
 * outside brackets), `\h`, possessive quantifiers (`*+`, `++`, `?+`, `}+`, matched greedily, which
 * accepts the same strings for the models' patterns) and atomic groups `(?>`. Unicode property
 * escapes such as `\p{L}` need the `u` flag; patterns invalid in `u` mode fall back to no flag.
 *
 * @param pattern - the Java pattern
 * @throws Error when the pattern cannot be expressed as a JavaScript RegExp
 */
export function javaPatternToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const source = rewrite(pattern);
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, 'u');
  } catch {
    try {
      compiled = new RegExp(source);
    } catch (cause) {
      throw new Error(`Cannot convert the Java pattern ${JSON.stringify(pattern)} to a JavaScript RegExp`, { cause });
    }
  }
  cache.set(pattern, compiled);
  return compiled;
}

function rewrite(pattern: string): string {
  let out = '';
  let inClass = false;
  // True right after a quantifier, where a '+' makes it possessive rather than repeating.
  let afterQuantifier = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const quantified = afterQuantifier;
    afterQuantifier = false;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (next === 'p' || next === 'P') {
        const match = /^\{(\w+)\}/.exec(pattern.slice(i + 2));
        const posix = match ? POSIX_CLASSES[match[1]!.replace(/^Is/, '')] : undefined;
        if (match && posix !== undefined) {
          const negated = next === 'P';
          out += inClass && !negated ? posix : `[${negated ? '^' : ''}${posix}]`;
          i += 1 + match[0].length;
          continue;
        }
      }
      if (!inClass && next === 'A') {
        out += '^';
        i++;
        continue;
      }
      if (!inClass && (next === 'z' || next === 'Z')) {
        out += '$';
        i++;
        continue;
      }
      if (next === 'h') {
        out += inClass ? ' \\t' : '[ \\t]';
        i++;
        continue;
      }
      out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A leading ']' (or '^]') is a literal in Java; escape it for JavaScript.
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && pattern.startsWith('?>', i + 1)) {
      out += '(?:';
      i += 2;
      continue;
    }
    if (ch === '+' && quantified) continue;
    if (ch === '*' || ch === '+' || (ch === '?' && pattern[i - 1] !== '(')) afterQuantifier = true;
    if (ch === '}' && /\{\d+(,\d*)?$/.test(pattern.slice(0, i))) afterQuantifier = true;
    out += ch;
  }
  return out;
}
