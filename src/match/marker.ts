import type { CompiledMarker } from '../models/model-types.js';
import type { LogRecord } from '../types.js';

/**
 * Tests one compiled marker against a record: literal-prefix gate, then service/level/logger scope,
 * then the anchored regex on the message. A record whose service is unknown (`other`) is not excluded
 * by a service scope. Returns the match (for named groups) or null.
 */
export function testMarker(m: CompiledMarker, r: LogRecord): RegExpExecArray | null {
  if (m.prefix.length > 0) {
    if (!r.message.startsWith(m.prefix)) return null;
  } else if (m.needle.length > 0 && !r.message.includes(m.needle)) {
    return null;
  }
  if (m.service !== null && r.service !== m.service && r.service !== 'other') return null;
  if (m.levels !== null && !m.levels.has(r.level)) return null;
  if (m.logger !== null && !m.logger.test(r.logger)) return null;
  return m.re.exec(r.message);
}

/** First marker of the list that matches, with its match. */
export function firstMatch(markers: readonly CompiledMarker[], r: LogRecord): RegExpExecArray | null {
  for (const m of markers) {
    const hit = testMarker(m, r);
    if (hit) return hit;
  }
  return null;
}
