// The part every format shares: `LEVEL logger [ctx] [instance: X] message[ debug suffix]`.
// Used after the oslo timestamp+pid, for devstack journal bodies, os-log-merger and prefixed lines.
import { hasAt } from './chars.js';
import type { FormatId, Level, LogRecord } from '../types.js';
import { parseContext, type IdentityOrder } from './context-block.js';
import { splitDebug } from './debug-suffix.js';
import { newRecord } from './record.js';
import { loggerAt, type LoggerInfo } from './logger-class.js';

/** Extra results of the last parseBody call: context block seen, interned logger. */
export const BODY: { hasCtx: boolean; info: LoggerInfo | null } = { hasCtx: false, info: null };

const LV = { end: 0 };

/** The level word at i (followed by a space or the end of the line), or null. */
export function levelAt(s: string, i: number): Level | null {
  let lv: Level | null = null;
  let n = 0;
  switch (s.charCodeAt(i)) {
    case 68: // D
      if (hasAt(s, i, 'DEBUG')) (lv = 'DEBUG'), (n = 5);
      break;
    case 73: // I
      if (hasAt(s, i, 'INFO')) (lv = 'INFO'), (n = 4);
      break;
    case 87: // W
      if (hasAt(s, i, 'WARNING')) (lv = 'WARNING'), (n = 7);
      else if (hasAt(s, i, 'WARN')) (lv = 'WARNING'), (n = 4);
      break;
    case 69: // E
      if (hasAt(s, i, 'ERROR')) (lv = 'ERROR'), (n = 5);
      break;
    case 67: // C
      if (hasAt(s, i, 'CRITICAL')) (lv = 'CRITICAL'), (n = 8);
      break;
    case 65: // A
      if (hasAt(s, i, 'AUDIT')) (lv = 'AUDIT'), (n = 5);
      break;
    case 84: // T
      if (hasAt(s, i, 'TRACE')) (lv = 'TRACE'), (n = 5);
      break;
    case 70: // F
      if (hasAt(s, i, 'FATAL')) (lv = 'CRITICAL'), (n = 5);
      break;
  }
  if (lv === null || s.charCodeAt(i + n) !== 32) return null;
  LV.end = i + n;
  return lv;
}

function isLoggerStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/**
 * Parse a body starting at i. Returns a fresh record (time/pid/host/format as given) or null when the
 * text at i is not `LEVEL logger …`. BODY.hasCtx tells whether a context block (`[-]`, `[req-…]`) was
 * present: lines without one are exception-prefix (traceback) lines.
 */
export function parseBody(
  s: string,
  i: number,
  source: string,
  time: number,
  micros: number,
  host: string | null,
  pid: number | null,
  format: FormatId,
  order: IdentityOrder,
): LogRecord | null {
  const level = levelAt(s, i);
  if (level === null) return null;
  const ls = LV.end + 1;
  if (!isLoggerStart(s.charCodeAt(ls))) return null;
  let le = s.indexOf(' ', ls);
  if (le === -1) le = s.length;
  const info = loggerAt(s, ls, le);
  BODY.info = info;
  const rec = newRecord(source, time, micros, host, pid, level, info.name, format);
  let p = le + 1;
  let hasCtx = false;
  if (s.charCodeAt(p) === 91 /* [ */) {
    if (!hasAt(s, p, '[instance: ')) {
      const close = s.indexOf(']', p + 1);
      if (close !== -1 && parseContext(s, p + 1, close, rec, order)) {
        hasCtx = true;
        p = close + 1;
        if (s.charCodeAt(p) === 32) p++;
      }
    }
    if (hasAt(s, p, '[instance: ')) {
      const close = s.indexOf(']', p + 11);
      if (close !== -1) {
        // Nova prints the uuid lower-case: the dashes are check enough on this hot path.
        const q = p + 11;
        if (close === p + 47 && s.charCodeAt(q + 8) === 45 && s.charCodeAt(q + 13) === 45 && s.charCodeAt(q + 18) === 45 && s.charCodeAt(q + 23) === 45) {
          rec.instance = s.slice(q, close);
        }
        p = close + 1;
        if (s.charCodeAt(p) === 32) p++;
      }
    }
  }
  BODY.hasCtx = hasCtx;
  let end = s.length;
  while (end > p && s.charCodeAt(end - 1) === 32) end--;
  if (level === 'DEBUG' && hasCtx && end > p) end = splitDebug(s, p, end, rec);
  rec.message = p >= end ? '' : p === 0 && end === s.length ? s : s.slice(p, end);
  return rec;
}
