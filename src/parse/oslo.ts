// oslo.log file lines of every era, starting with the timestamp at `i`:
//   `2026-08-21 10:00:00.123 4242 INFO logger [ctx] [instance: …] msg`      Liberty+ (pid column)
//   `2013-09-27 18:22:39.743 DEBUG logger [req-X user tenant] msg from (pid=N) f p:l`  devstack screen
//   `2012-03-20 10:00:00 DEBUG logger [req-X user project] msg from (pid=N) f p:l`     Essex
//   `2015-11-12 13:18:46.998 18756 TRACE logger [instance: …] Traceback …`             ≤ Kilo traceback
// A `[ALIAS]` after the timestamp is os-log-merger output; `ts | …` is a devstack console line (noise).
import type { FormatId, LogRecord } from '../types.js';
import { BODY, parseBody } from './body.js';
import type { IdentityOrder } from './context-block.js';
import type { LineState } from './line-state.js';
import { parseMergerRest } from './merger.js';
import type { SourceContext } from './source-context.js';
import { parseIsoLike, TS } from './time.js';

// devstack printed `user_name project_name` until late 2013 (Havana gate logs), then
// `project_name user_name`; oslo's own default has always been user first.
const SCREEN_ORDER_SWITCH = Date.UTC(2014, 0, 1);

export function parseOslo(
  s: string,
  i: number,
  ctx: SourceContext,
  st: LineState,
  format: FormatId | null,
  token: string | null,
): LogRecord | null {
  const time = parseIsoLike(s, i, false);
  if (time !== time) return null; // NaN
  let j = TS.end;
  const micros = TS.micros;
  const frac = TS.frac;
  if (s.charCodeAt(j) !== 32) return null;
  j++;
  const c = s.charCodeAt(j);
  let pid: number | null = null;
  let fmt: FormatId = format ?? 'oslo';
  let order: IdentityOrder = 'user-first';
  if (c >= 48 && c <= 57) {
    let pe = j;
    let v = 0;
    for (;;) {
      const d = s.charCodeAt(pe) - 48;
      if (!(d >= 0 && d <= 9)) break; // NaN past the end of the line breaks too
      v = v * 10 + d;
      pe++;
    }
    if (s.charCodeAt(pe) !== 32) return null;
    pid = v;
    j = pe + 1;
  } else if (c === 91 /* [ */ && format === null) {
    return parseMergerRest(s, j, time, micros, ctx, st);
  } else if (c === 124 /* | */) {
    st.noise = true;
    return null;
  } else if (frac && format === null) {
    fmt = 'devstack-screen';
    if (time >= SCREEN_ORDER_SWITCH) order = 'project-first';
  }
  const rec = parseBody(s, j, ctx.source, time, micros, ctx.host, pid, fmt, order);
  if (rec === null) return null;
  st.traceback = st.contOnly = !BODY.hasCtx;
  if (token === null) st.key = pid === null ? -1 : pid;
  else st.key = token + '\t' + (pid === null ? '' : pid);
  st.token = token;
  return rec;
}
