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
  if (token.startsWith('req-')) return token;
  if (token.length === 36 && token.charCodeAt(8) === 45 && token.charCodeAt(23) === 45) return 'req-' + token.toLowerCase();
  return null;
}
