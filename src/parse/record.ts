// The one place a LogRecord is allocated: every record has the same shape (same field order), which
// keeps V8's hidden classes monomorphic along the pipeline.
import type { FormatId, Level, LogRecord, Service } from '../types.js';

export function newRecord(
  source: string,
  time: number,
  micros: number,
  host: string | null,
  pid: number | null,
  level: Level,
  logger: string,
  format: FormatId,
): LogRecord {
  return {
    time,
    micros,
    source,
    line: 0,
    host,
    service: 'other' as Service,
    pid,
    level,
    logger,
    globalRequestId: null,
    requestId: null,
    user: null,
    project: null,
    instance: null,
    message: '',
    traceback: [],
    debug: null,
    format,
  };
}

/** `-`, `None` and empty identity fields mean "not set". */
export function nullable(s: string): string | null {
  return s === '' || s === '-' || s === 'None' ? null : s;
}

/** Request ids are always `req-<uuid>`: add the prefix to a bare uuid. */
export function normaliseRequestId(token: string): string | null {
  return requestIdAt(token, 0, token.length);
}

/**
 * `req-<uuid>` or a bare uuid in s[a, e) → `req-<lower-case uuid>`; null for anything else. A cut or
 * damaged id (`req-0c9a3f4e-5b7d`, a NUL inside) must not become a request of its own, nor break the
 * documented `^req-<uuid>$` shape of the JSON output (found by test/robustness).
 */
export function requestIdAt(s: string, a: number, e: number): string | null {
  const u = e - a === 40 && s.charCodeAt(a) === 114 && s.charCodeAt(a + 1) === 101 && s.charCodeAt(a + 2) === 113 && s.charCodeAt(a + 3) === 45 ? a + 4 : a;
  if (e - u !== 36) return null;
  let upper = false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(u + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return null;
    } else if (c >= 65 && c <= 70) upper = true;
    else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return null;
  }
  const id = u === a ? 'req-' + s.slice(u, e) : s.slice(a, e);
  return upper ? id.toLowerCase() : id;
}
