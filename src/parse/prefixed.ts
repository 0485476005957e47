// A file-name token before an oslo line:
//   loghub      `nova-compute.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO …`
//   grep -r     `path/to/nova-api.log:2017-05-16 00:00:00.008 …`
//   grep -rn    `path/to/nova-api.log:123:2017-05-16 00:00:00.008 …`
// The token's file name gives the service; the writer key includes the token.
import type { LogRecord } from '../types.js';
import type { LineState } from './line-state.js';
import { parseOslo } from './oslo.js';
import { cachedServiceFromPath } from './service.js';
import type { SourceContext } from './source-context.js';
import { isDateAt } from './time.js';

/** Where the oslo line starts after a grep prefix (`path:` or `path:123:`) at `col`, or -1. */
function afterGrepPrefix(s: string, col: number): number {
  if (isDateAt(s, col + 1)) return col + 1;
  let j = col + 1;
  while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  if (j > col + 1 && s.charCodeAt(j) === 58 && isDateAt(s, j + 1)) return j + 1;
  return -1;
}

export function parsePrefixed(s: string, ctx: SourceContext, st: LineState): LogRecord | null {
  const sp = s.indexOf(' ');
  let start = -1;
  let tokenEnd = -1;
  if (sp > 0 && isDateAt(s, sp + 1) && s.charCodeAt(sp + 11) === 32) {
    start = sp + 1;
    tokenEnd = sp;
  } else {
    const col = s.indexOf(':');
    if (col > 0 && (sp === -1 || col < sp)) {
      start = afterGrepPrefix(s, col);
      tokenEnd = col;
    }
  }
  if (start === -1) return null;
  const token = s.slice(0, tokenEnd);
  const rec = parseOslo(s, start, ctx, st, 'prefixed', token);
  if (rec === null) return null;
  st.fixedService = cachedServiceFromPath(token);
  return rec;
}

/**
 * A raw line of `grep -r` output repeats the file token (`path:text`, `path-text` for context lines,
 * `path:12:text` / `path-12-text` with -n): strip it so the folded text is the original line.
 */
export function stripGrepToken(s: string, token: string): string {
  if (!s.startsWith(token)) return s;
  let j = token.length;
  const sep = s.charCodeAt(j);
  if (sep !== 58 && sep !== 45) return s;
  j++;
  let k = j;
  while (k < s.length && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
  if (k > j && s.charCodeAt(k) === sep) j = k + 1;
  return s.slice(j);
}
