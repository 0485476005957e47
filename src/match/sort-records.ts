import type { LogRecord } from '../types.js';

/** Records without a timestamp sort after those with one (then by source and line). */
function timeKey(r: LogRecord): number {
  return Number.isNaN(r.time) ? Number.POSITIVE_INFINITY : r.time;
}

export function compareRecords(a: LogRecord, b: LogRecord): number {
  const ta = timeKey(a);
  const tb = timeKey(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.micros !== b.micros) return a.micros - b.micros;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.line - b.line;
}

/** A sorted copy by (time, micros, source, line); the input is left untouched. */
export function sortRecords(records: readonly LogRecord[]): LogRecord[] {
  return [...records].sort(compareRecords);
}
