// A record still open for folding, kept in a list ordered by when its writer last started a record
// (head = oldest), plus the finishing touches applied when it is emitted.
import type { LogRecord, SourceStats } from '../types.js';
import { splitDebug } from './debug-suffix.js';

export interface Open {
  rec: LogRecord;
  key: string | number;
  /** File token of a prefixed line (grep prefixes are stripped from raw lines folded into it). */
  token: string | null;
  /** Folded lines not kept because of the bound. */
  dropped: number;
  prev: Open | null;
  next: Open | null;
}

/** Before emit: note dropped lines, and split a DEBUG suffix that ended up on the last continuation line. */
export function finalize(o: Open): void {
  const rec = o.rec;
  const tb = rec.traceback;
  if (o.dropped > 0) tb.push(`… ${o.dropped} more lines not kept`);
  else if (rec.level === 'DEBUG' && rec.debug === null && tb.length > 0) {
    const t = tb[tb.length - 1] as string;
    let end = t.length;
    while (end > 0 && t.charCodeAt(end - 1) === 32) end--;
    const cut = end > 0 ? splitDebug(t, 0, end, rec) : end;
    if (rec.debug !== null) {
      if (cut === 0) tb.pop(); // the line held nothing but the suffix
      else tb[tb.length - 1] = t.slice(0, cut);
    }
  }
}

export function newStats(source: string): SourceStats {
  return {
    source,
    formats: {},
    services: {},
    hosts: [],
    linesRead: 0,
    records: 0,
    folded: 0,
    unparsed: 0,
    skipped: 0,
    cut: 0,
    unparsedSamples: [],
    warnings: [],
  };
}
