// DEBUG lines end with the caller's location, in one of three spellings:
//   oslo (Liberty+ files)        `… msg func /path/file.py:123`
//   oslo ≤ Kilo, devstack screen `… msg from (pid=4242) func /path/file.py:123`
//   devstack journald            `… msg {{(pid=4242) func /path/file.py:123}}`
// splitDebug sets rec.debug (and rec.pid when the suffix names it) and returns where the message ends.
import { hasAt } from './chars.js';
import type { LogRecord } from '../types.js';

function digitsEnd(s: string, i: number, end: number): number {
  let j = i;
  while (j < end) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) break;
    j++;
  }
  return j;
}

/** The value of the digits s[a, b) (checked by the caller); Number's own parse past 15 digits (exact there). */
function digitsValue(s: string, a: number, b: number): number {
  if (b - a > 15) return Number(s.slice(a, b));
  let v = 0;
  for (let j = a; j < b; j++) v = v * 10 + (s.charCodeAt(j) - 48);
  return v;
}

function trimEnd(s: string, p: number, end: number): number {
  while (end > p && s.charCodeAt(end - 1) === 32) end--;
  return end;
}

function looksLikeFunc(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 60; // a-z A-Z _ <
}

function looksLikePath(s: string, a: number, b: number): boolean {
  const slash = s.indexOf('/', a);
  return (slash !== -1 && slash < b) || (b - a > 3 && hasAt(s, b - 3, '.py'));
}

function devstackSuffix(s: string, p: number, end: number, rec: LogRecord): number {
  const k = s.lastIndexOf('{{(pid=', end);
  if (k < p) return end;
  const pe = digitsEnd(s, k + 7, end);
  if (pe === k + 7 || s.charCodeAt(pe) !== 41 /* ) */ || s.charCodeAt(pe + 1) !== 32) return end;
  const fs = pe + 2;
  const fe = s.indexOf(' ', fs);
  const inner = end - 2;
  if (fe === -1 || fe >= inner) return end;
  const colon = s.lastIndexOf(':', inner);
  if (colon <= fe || digitsEnd(s, colon + 1, inner) !== inner || colon + 1 === inner) return end;
  rec.pid = digitsValue(s, k + 7, pe);
  rec.debug = { func: s.slice(fs, fe), path: s.slice(fe + 1, colon), line: digitsValue(s, colon + 1, inner) };
  return trimEnd(s, p, k);
}

export function splitDebug(s: string, p: number, end: number, rec: LogRecord): number {
  if (s.charCodeAt(end - 1) === 125 && s.charCodeAt(end - 2) === 125) return devstackSuffix(s, p, end, rec);
  const last = s.charCodeAt(end - 1);
  if (last < 48 || last > 57) return end;
  const ls = s.lastIndexOf(' ', end - 1);
  if (ls < p) return end;
  const colon = s.lastIndexOf(':', end - 1);
  if (colon <= ls + 1 || digitsEnd(s, colon + 1, end) !== end) return end;
  if (!looksLikePath(s, ls + 1, colon)) return end;
  const ls2 = ls > p ? s.lastIndexOf(' ', ls - 1) : -1;
  const fs = ls2 < p ? p : ls2 + 1;
  if (fs >= ls || !looksLikeFunc(s.charCodeAt(fs))) return end;
  rec.debug = { func: s.slice(fs, ls), path: s.slice(ls + 1, colon), line: digitsValue(s, colon + 1, end) };
  let msgEnd = fs > p ? fs - 1 : p;
  // `from (pid=N) ` before the function: Essex … Kilo defaults and devstack screen logs.
  if (msgEnd > p && s.charCodeAt(msgEnd - 1) === 41 /* ) */) {
    const k = s.lastIndexOf('from (pid=', msgEnd);
    if (k >= p && digitsEnd(s, k + 10, msgEnd) === msgEnd - 1) {
      rec.pid = digitsValue(s, k + 10, msgEnd - 1);
      msgEnd = k;
    }
  }
  return trimEnd(s, p, msgEnd);
}
