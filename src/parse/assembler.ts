// Lines → records for one source. A record stays open while lines can still fold into it: traceback
// lines of its writer (same key and logger, same stamp in files), journal continuation lines of its
// ident+pid, raw lines while it is the latest record. It is emitted when its writer starts a new record,
// when more than MAX_OPEN writers are open (oldest first), when a record WINDOW_MS younger has been seen
// (keeps emission close to time order for correlation), or at end().
import type { LogRecord } from '../types.js';
import { stripAnsi } from './ansi.js';
import { createLineState } from './line-state.js';
import { MERGER_PADDING } from './merger.js';
import { LinkedList } from '../linked-list.js';
import { finalize, newStats, type Open } from './open-record.js';
import { parseInto } from './parse-line.js';
import { stripGrepToken } from './prefixed.js';
import type { Assembler, LineKind, SourceContext } from './source-context.js';
import { WriterMemory } from './writer-memory.js';

export const MAX_OPEN = 64;
export const MAX_KEPT = 1000;
export const WINDOW_MS = 10_000;
const MAX_SAMPLES = 5;

export function createAssembler(ctx: SourceContext, emit: (r: LogRecord) => void): Assembler {
  const st = createLineState(ctx.year, ctx.referenceTime);
  const stats = newStats(ctx.source);
  const open = new Map<string | number, Open>();
  const memory = new WriterMemory();
  const list = new LinkedList<Open>();
  const hostsSeen = new Set<string>();
  let last: Open | null = null;

  function close(o: Open): void {
    list.unlink(o);
    open.delete(o.key);
    if (last === o) last = null;
    finalize(o);
    emit(o.rec);
  }

  function fold(o: Open, text: string): LineKind {
    stats.folded++;
    if (o.rec.traceback.length < MAX_KEPT) o.rec.traceback.push(text);
    else o.dropped++;
    last = o;
    return 'folded';
  }

  function unparsed(line: string, lineNo: number): LineKind {
    stats.unparsed++;
    if (stats.unparsedSamples.length < MAX_SAMPLES) stats.unparsedSamples.push({ line: lineNo, text: line.slice(0, 200) });
    return 'unparsed';
  }

  function raw(line: string, lineNo: number): LineKind {
    const o = last;
    if (o === null) return unparsed(line, lineNo);
    let text = line.indexOf('\x1b') === -1 ? line : stripAnsi(line);
    const fmt = o.rec.format;
    if (fmt === 'os-log-merger' && text.startsWith(MERGER_PADDING)) text = text.slice(MERGER_PADDING.length);
    else if (fmt === 'prefixed' && o.token !== null) text = stripGrepToken(text, o.token);
    return fold(o, text);
  }

  function push(input: string, lineNo: number): LineKind {
    const line = input.charCodeAt(input.length - 1) === 13 ? input.slice(0, -1) : input;
    stats.linesRead++;
    const rec = parseInto(line, ctx, st);
    if (rec === null) {
      if (st.noise) return unparsed(line, lineNo);
      // An invalid object in a `journalctl -o json` stream is not a continuation of anything.
      if (line.charCodeAt(0) === 123 && last !== null && last.rec.format === 'journal-json') return unparsed(line, lineNo);
      return raw(line, lineNo);
    }
    const key = st.key;
    let o = open.get(key);
    if (st.contOnly && o !== undefined) {
      if (!st.traceback) return fold(o, rec.message);
      const f = o.rec.format;
      const sameTime = o.rec.time === rec.time || f === 'journal-short' || f === 'journal-iso' || f === 'journal-cat' || f === 'journal-json';
      if (o.rec.logger === rec.logger && sameTime) return fold(o, rec.message);
    }
    rec.line = lineNo;
    if (st.byLogger) memory.refineService(rec, key, st.loggerClass);
    if (rec.host === null) memory.refineHost(rec, key);
    if (o !== undefined) {
      // The writer starts a new record: emit its previous one and reuse the slot (now the newest).
      list.unlink(o);
      finalize(o);
      emit(o.rec);
      o.rec = rec;
      o.token = st.token;
      o.dropped = 0;
    } else {
      o = { rec, key, token: st.token, dropped: 0, prev: null, next: null };
      open.set(key, o);
    }
    list.append(o);
    last = o;
    stats.records++;
    stats.formats[rec.format] = (stats.formats[rec.format] ?? 0) + 1;
    stats.services[rec.service] = (stats.services[rec.service] ?? 0) + 1;
    if (rec.host !== null && stats.hosts.length < 1000 && !hostsSeen.has(rec.host)) {
      hostsSeen.add(rec.host);
      stats.hosts.push(rec.host);
    }
    if (open.size > MAX_OPEN && list.head !== null) close(list.head);
    const t = rec.time;
    while (list.head !== null && list.head !== o && list.head.rec.time < t - WINDOW_MS) close(list.head);
    return 'record';
  }

  return {
    push,
    skip(count: number): void {
      if (count <= 0) return;
      stats.linesRead += count;
      stats.skipped += count;
      last = null; // a raw line after skipped lines may belong to one of them: do not guess
    },
    end(): void {
      while (list.head !== null) close(list.head);
    },
    stats,
  };
}
