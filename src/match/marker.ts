import type { CompiledMarker } from '../models/model-types.js';
import type { LogRecord } from '../types.js';

/**
 * Whether a record passes a marker's gates before its regex: literal prefix (or needle), then the
 * service/level/logger scope. A record whose service is unknown (`other`) is not excluded by a service
 * scope.
 */
function gates(m: CompiledMarker, r: LogRecord): boolean {
  if (m.prefix.length > 0) {
    if (!r.message.startsWith(m.prefix)) return false;
  } else if (m.needle.length > 0 && !r.message.includes(m.needle)) {
    return false;
  }
  if (m.service !== null && r.service !== m.service && r.service !== 'other') return false;
  if (m.levels !== null && !m.levels.has(r.level)) return false;
  return m.logger === null || m.logger.test(r.logger);
}

/**
 * Tests one compiled marker against a record: its gates, then the anchored regex on the message.
 * Returns the match (for named groups) or null.
 */
export function testMarker(m: CompiledMarker, r: LogRecord): RegExpExecArray | null {
  return gates(m, r) ? m.re.exec(r.message) : null;
}

/**
 * Whether the marker matches the record: testMarker without the match (`test` allocates no result
 * array; the thinning policy asks this of every record, matching of every stage candidate).
 */
export function markerMatches(m: CompiledMarker, r: LogRecord): boolean {
  return gates(m, r) && m.re.test(r.message);
}

/** Whether any marker of the list matches. */
export function anyMarkerMatches(markers: readonly CompiledMarker[], r: LogRecord): boolean {
  for (const m of markers) if (markerMatches(m, r)) return true;
  return false;
}
