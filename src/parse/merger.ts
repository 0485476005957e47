// os-log-merger output (openstack/os-log-merger, oslogmerger.py): `<dt_str> [<alias>] <data>`, where
// dt_str is the source's own stamp (`2015-10-20 09:23:45.717`) or `%Y-%m-%d %H:%M:%S.%f`, the alias a
// path, a file name or a short form (`node1/N-CPU`), and data the rest of an oslo line (`pid LEVEL …`)
// or of a syslog line (`host ident: msg`). Continuation lines are padded with 40 spaces.
import type { LogRecord } from '../types.js';
import { BODY, parseBody } from './body.js';
import type { LineState } from './line-state.js';
import { newRecord } from './record.js';
import { serviceFromAlias } from './service.js';
import type { SourceContext } from './source-context.js';

export const MERGER_PADDING = '                                        ';

const aliasCache = new Map<string, ReturnType<typeof serviceFromAlias>>();

function aliasService(alias: string): ReturnType<typeof serviceFromAlias> {
  let hit = aliasCache.get(alias);
  if (hit === undefined) {
    hit = serviceFromAlias(alias);
    if (aliasCache.size < 10_000) aliasCache.set(alias, hit);
  }
  return hit;
}

/** The rest of a merged line after the timestamp and one space; `j` is at the `[` of the alias. */
export function parseMergerRest(
  s: string,
  j: number,
  time: number,
  micros: number,
  ctx: SourceContext,
  st: LineState,
): LogRecord | null {
  const close = s.indexOf('] ', j + 1);
  if (close === -1 || close === j + 1) return null;
  const sp = s.indexOf(' ', j + 1);
  if (sp !== -1 && sp < close) return null; // aliases have no spaces
  const alias = s.slice(j + 1, close);
  let k = close + 2;
  let pid: number | null = null;
  let pe = k;
  while (pe < s.length && s.charCodeAt(pe) >= 48 && s.charCodeAt(pe) <= 57) pe++;
  if (pe > k && s.charCodeAt(pe) === 32) {
    pid = Number(s.slice(k, pe));
    k = pe + 1;
  }
  let rec = parseBody(s, k, ctx.source, time, micros, ctx.host, pid, 'os-log-merger', 'user-first');
  if (rec !== null) st.traceback = st.contOnly = !BODY.hasCtx;
  else {
    if (pid !== null) return null;
    // Syslog data: `host ident[pid]: msg` / `host ident: msg`.
    const he = s.indexOf(' ', k);
    const colon = he === -1 ? -1 : s.indexOf(': ', he + 1);
    const sp2 = colon === -1 ? -1 : s.indexOf(' ', he + 1);
    if (he <= k || colon === -1 || sp2 < colon) return null;
    let ident = s.slice(he + 1, colon);
    const br = ident.indexOf('[');
    if (br > 0 && ident.endsWith(']')) {
      pid = Number(ident.slice(br + 1, -1)) || null;
      ident = ident.slice(0, br);
    }
    rec = newRecord(ctx.source, time, micros, s.slice(k, he), pid, 'INFO', ident, 'os-log-merger');
    rec.message = s.slice(colon + 2);
    st.traceback = st.contOnly = false;
  }
  st.key = alias + '\t' + (pid === null ? '' : pid);
  st.fixedService = aliasService(alias);
  st.token = alias;
  return rec;
}
