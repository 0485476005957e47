// `journalctl -o json`: one object per line. MESSAGE is a string, or an array of bytes when it is not
// valid UTF-8 or holds control characters (colour codes!). oslo.log's OSJournalHandler (use_journal)
// adds LOGGER_NAME, LOGGER_LEVEL, CODE_FILE/LINE/FUNC, REQUEST_ID, PROJECT_NAME/ID, USER_NAME/ID and,
// for exceptions, EXCEPTION_INFO; those fields win over what the MESSAGE text says. (The handler sends
// no global request id nor instance; GLOBAL_REQUEST_ID is read if some other writer sets it.)
import type { Level, LogRecord } from '../types.js';
import { stripAnsi } from './ansi.js';
import { BODY, levelAt, parseBody } from './body.js';
import type { LineState } from './line-state.js';
import { parseOslo } from './oslo.js';
import { newRecord, normaliseRequestId } from './record.js';
import { cachedServiceFromPath } from './service.js';
import type { SourceContext } from './source-context.js';
import { isDateAt } from './time.js';

type Json = Record<string, unknown>;
const decoder = new TextDecoder();

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return decoder.decode(Uint8Array.from(v as number[]));
  return null;
}

const PRIORITY: Level[] = ['CRITICAL', 'CRITICAL', 'CRITICAL', 'ERROR', 'WARNING', 'INFO', 'INFO', 'DEBUG'];

function levelWord(v: string): Level | null {
  return levelAt(v + ' ', 0);
}

/** Drop the exception prefix (`ERROR logger [instance: …] `) that oslo put on each traceback line. */
function stripPrefix(line: string, rec: LogRecord): string {
  const lv = levelAt(line, 0);
  if (lv === null) return line;
  const at = line.indexOf(' ') + 1;
  if (!line.startsWith(rec.logger, at)) return line;
  let p = at + rec.logger.length;
  if (line.charCodeAt(p) === 32) p++;
  if (line.startsWith('[instance: ', p)) {
    const close = line.indexOf(']', p);
    p = close === -1 ? p : close + 1;
    if (line.charCodeAt(p) === 32) p++;
  }
  return line.slice(p);
}

export function parseJournalJson(s: string, ctx: SourceContext, st: LineState): LogRecord | null {
  if (s.indexOf('"MESSAGE"') === -1) return null;
  let o: unknown;
  try {
    o = JSON.parse(s);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const j = o as Json;
  let msg = j.MESSAGE === null ? '' : text(j.MESSAGE);
  if (msg === null) return null;
  if (msg.indexOf('\x1b') !== -1) msg = stripAnsi(msg);
  while (msg.endsWith('\n')) msg = msg.slice(0, -1);
  const us = Number(str(j.__REALTIME_TIMESTAMP) ?? str(j._SOURCE_REALTIME_TIMESTAMP) ?? NaN);
  const time = Number.isFinite(us) ? Math.floor(us / 1000) : NaN;
  const micros = Number.isFinite(us) ? us - time * 1000 : 0;
  const host = str(j._HOSTNAME) ?? ctx.host;
  const ident = str(j.SYSLOG_IDENTIFIER) ?? str(j._COMM) ?? '';
  const jpidRaw = Number(str(j._PID) ?? str(j.SYSLOG_PID) ?? NaN);
  const jpid = Number.isFinite(jpidRaw) ? jpidRaw : null;
  const lines = msg.split('\n');
  const first = lines[0] as string;
  let rec: LogRecord | null = null;
  if (isDateAt(first, 0)) rec = parseOslo(first, 0, ctx, st, 'journal-json', null);
  else if (levelAt(first, 0) !== null) {
    rec = parseBody(first, 0, ctx.source, time, micros, host, jpid, 'journal-json', 'project-first');
    if (rec !== null) st.traceback = st.contOnly = !BODY.hasCtx;
  }
  st.noise = false;
  const loggerName = str(j.LOGGER_NAME);
  if (rec === null) {
    const pr = Number(str(j.PRIORITY) ?? 6);
    const level = PRIORITY[pr >= 0 && pr <= 7 ? pr : 6] as Level;
    rec = newRecord(ctx.source, time, micros, host, jpid, level, loggerName ?? ident, 'journal-json');
    rec.message = first;
    st.contOnly = loggerName === null; // a bare stdout line: continuation of the same ident+pid
    st.traceback = false;
  }
  rec.time = time;
  rec.micros = micros;
  rec.host = host;
  if (rec.pid === null) rec.pid = jpid;
  if (loggerName !== null) rec.logger = loggerName;
  const lv = str(j.LOGGER_LEVEL);
  const level = lv === null ? null : levelWord(lv);
  if (level !== null) rec.level = level;
  const req = str(j.REQUEST_ID);
  if (req !== null) rec.requestId = normaliseRequestId(req);
  const greq = str(j.GLOBAL_REQUEST_ID);
  if (greq !== null && greq.startsWith('req-')) rec.globalRequestId = greq;
  const project = str(j.PROJECT_NAME) ?? str(j.PROJECT_ID);
  if (project !== null) rec.project = project;
  const user = str(j.USER_NAME) ?? str(j.USER_ID);
  if (user !== null) rec.user = user;
  const file = str(j.CODE_FILE);
  if (file !== null && rec.level === 'DEBUG') {
    rec.debug = { func: str(j.CODE_FUNC) ?? '', path: file, line: Number(str(j.CODE_LINE) ?? 0) };
  }
  for (let i = 1; i < lines.length; i++) rec.traceback.push(stripPrefix(lines[i] as string, rec));
  const exc = str(j.EXCEPTION_INFO) ?? str(j.EXCEPTION_TEXT);
  if (exc !== null && lines.length === 1) for (const l of exc.replace(/\n+$/, '').split('\n')) rec.traceback.push(l);
  st.key = (host ?? '') + ' ' + ident + '[' + (jpid ?? '') + ']';
  st.fixedService = cachedServiceFromPath(ident);
  return rec;
}
