// The literal text every match of an anchored pattern must start with, so the matcher can run a cheap
// `startsWith` before the regex (style.md: gates before regexes). Conservative: when in doubt, ''.

const ESCAPABLE_LITERAL = new Set([...'.()[]{}?*+|\\/^$-\'"<>:,=!@#%&~` ']);
const META = new Set([...'.()[]{}?*+|^$\\']);
const QUANTIFIER = new Set([...'?*+{']);

/** True when `source` has a `|` outside any group or character class. */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

export function literalPrefix(pattern: string): string {
  const source = pattern.startsWith('^') ? pattern.slice(1) : pattern;
  if (hasTopLevelAlternation(source)) return '';
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    let lit: string | null = null;
    let width = 1;
    if (c === '\\') {
      const n = source[i + 1];
      if (n !== undefined && ESCAPABLE_LITERAL.has(n)) {
        lit = n;
        width = 2;
      }
    } else if (!META.has(c)) {
      lit = c;
    }
    if (lit === null) break;
    const next = source[i + width];
    if (next !== undefined && QUANTIFIER.has(next)) break; // this char may repeat or vanish
    out += lit;
    i += width;
  }
  return out;
}
