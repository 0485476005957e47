// `s.startsWith(lit, i)` without the builtin call: on V8 the builtin costs ~100 ns per call on sliced
// strings, a charCode loop over a short literal a few ns. Used on every line, so it matters.

export function hasAt(s: string, i: number, lit: string): boolean {
  const n = lit.length;
  if (s.length < i + n) return false;
  for (let k = 0; k < n; k++) if (s.charCodeAt(i + k) !== lit.charCodeAt(k)) return false;
  return true;
}
