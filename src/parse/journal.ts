// journalctl text output:
//   short / short-precise          `Nov 21 17:37:49[.830291] host ident[pid]: body`   (no year)
//   short-iso / short-iso-precise  `2026-11-21T17:37:49[.830291]+0000 host ident[pid]: body`
//   cat                            `body`
// The body is a devstack body (`LEVEL logger [ctx] … {{(pid=N) f p:l}}`), a full oslo line, a uwsgi
// request line, or the continuation of a multi-line message (folds into the same ident+pid).
import type { FormatId, LogRecord, Service } from '../types.js';
import { BODY, levelAt, parseBody } from './body.js';
import type { LineState } from './line-state.js';
import { parseOslo } from './oslo.js';
import { newRecord } from './record.js';
import { cachedServiceFromPath } from './service.js';
import type { SourceContext } from './source-context.js';
import { epochOf, inferYear, isDateAt, parseIsoLike, parseShortStamp, TS, TS_SHORT } from './time.js';

interface Writer {
  host: string;
  ident: string;
  jpid: number | null;
  service: Service | null;
}

// Keys (`host ident[pid]`) repeat on every line; bounded so a stream of short-lived pids cannot grow it.
const writers = new Map<string, Writer>();

function writerOf(key: string, hostLen: number, identEnd: number, jpid: number | null): Writer {
  let w = writers.get(key);
  if (w === undefined) {
    const ident = key.slice(hostLen + 1, identEnd);
    w = { host: key.slice(0, hostLen), ident, jpid, service: cachedServiceFromPath(ident) };
    if (writers.size >= 4096) writers.clear();
    writers.set(key, w);
  }
  return w;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function parseJournal(s: string, ctx: SourceContext, st: LineState): LogRecord | null {
  const iso = isDigit(s.charCodeAt(0));
  let time = NaN;
  let micros = 0;
  let p: number;
  if (iso) {
    time = parseIsoLike(s, 0, true);
    if (time !== time) return null;
    micros = TS.micros;
    p = TS.end;
  } else {
    if (!parseShortStamp(s)) return null;
    p = TS_SHORT.end;
  }
  const n = s.length;
  if (s.charCodeAt(p) !== 32) return null;
  const hs = p + 1;
  const he = s.indexOf(' ', hs);
  if (he <= hs) return null;
  let k = he + 1;
  let c = 0;
  while (k < n) {
    c = s.charCodeAt(k);
    if (c === 91 || c === 58 || c === 32) break;
    k++;
  }
  if (k === he + 1) return null;
  let keyEnd: number;
  let jpid: number | null = null;
  if (c === 91) {
    let pe = k + 1;
    while (isDigit(s.charCodeAt(pe))) pe++;
    if (pe === k + 1 || s.charCodeAt(pe) !== 93 || s.charCodeAt(pe + 1) !== 58) return null;
    jpid = Number(s.slice(k + 1, pe));
    keyEnd = pe + 1;
  } else if (c === 58) keyEnd = k;
  else return null;
  let b = keyEnd + 1;
  if (b < n) {
    if (s.charCodeAt(b) !== 32) return null;
    b++;
  }
  const fmt: FormatId = iso ? 'journal-iso' : 'journal-short';
  if (!iso) {
    // Year-less stamp: ctx.year or inferred once, then rolled forward when the month wraps Dec → Jan.
    const month = TS_SHORT.month;
    if (st.year === null) st.year = inferYear(month, TS_SHORT.day, TS_SHORT.msOfDay, st.reference);
    else if (month + 6 < st.lastMonth) st.year++;
    st.lastMonth = month;
    time = epochOf(st.year, month, TS_SHORT.day, TS_SHORT.msOfDay);
    micros = TS_SHORT.micros;
  }
  const key = s.slice(hs, keyEnd);
  const w = writerOf(key, he - hs, k - hs, jpid);
  let rec: LogRecord | null = null;
  if (b < n) {
    const bc = s.charCodeAt(b);
    if (isDigit(bc) && isDateAt(s, b)) {
      rec = parseOslo(s, b, ctx, st, fmt, null);
      st.noise = false;
      if (rec !== null) {
        rec.time = time; // the journal's stamp: it has a zone (iso) and µs
        rec.micros = micros;
      }
    } else if (levelAt(s, b) !== null) {
      rec = parseBody(s, b, ctx.source, time, micros, w.host, jpid, fmt, 'project-first');
      if (rec !== null) st.traceback = st.contOnly = !BODY.hasCtx;
    } else if (bc === 91 && s.startsWith('[pid: ', b)) {
      rec = newRecord(ctx.source, time, micros, w.host, jpid, 'INFO', 'uwsgi', fmt);
      rec.message = s.slice(b);
      st.traceback = st.contOnly = false;
    }
  }
  if (rec === null) {
    // Not a log header: the continuation of a multi-line message written by the same ident+pid.
    rec = newRecord(ctx.source, time, micros, w.host, jpid, 'INFO', w.ident, fmt);
    rec.message = b < n ? s.slice(b) : '';
    st.contOnly = true;
    st.traceback = false;
  }
  rec.host = w.host;
  st.key = key;
  st.fixedService = w.service;
  return rec;
}

/** `journalctl -o cat`: the devstack body alone (no time, no writer); one stream, one key. */
export function parseCat(s: string, ctx: SourceContext, st: LineState): LogRecord | null {
  const rec = parseBody(s, 0, ctx.source, NaN, 0, ctx.host, null, 'journal-cat', 'project-first');
  if (rec === null) return null;
  st.traceback = st.contOnly = !BODY.hasCtx;
  st.key = '';
  return rec;
}
