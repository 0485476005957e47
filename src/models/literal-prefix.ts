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

/**
 * The longest literal run (≥ 3 characters) that every match must contain, read from the top level of the
 * pattern (groups and character classes are skipped): an `includes` gate for patterns with no prefix.
 */
export function requiredLiteral(pattern: string): string {
  if (hasTopLevelAlternation(pattern)) return '';
  let best = '';
  let run = '';
  let depth = 0;
  let inClass = false;
  const endRun = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (inClass) {
      if (c === '\\') i++;
      else if (c === ']') inClass = false;
      continue;
    }
    if (depth > 0) {
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        // a quantified group may vanish; either way nothing after it joins the run before it
      }
      continue;
    }
    let lit: string | null = null;
    let width = 1;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n !== undefined && ESCAPABLE_LITERAL.has(n)) {
        lit = n;
        width = 2;
      }
    } else if (!META.has(c)) {
      lit = c;
    }
    if (lit === null) {
      endRun();
      if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === '\\') i++; // \d, \S …
      continue;
    }
    const next = pattern[i + width];
    if (next !== undefined && QUANTIFIER.has(next)) {
      endRun();
      i += width - 1;
      continue;
    }
    run += lit;
    i += width - 1;
  }
  endRun();
  return best.length >= 3 ? best : '';
}
