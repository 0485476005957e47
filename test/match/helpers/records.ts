// Test helpers: log text → LogRecords through the project parser (src/parse createAssembler), and
// records → a Timeline like the correlation step builds.
import { createAssembler } from '../../../src/parse/index.js';
import type { LogRecord, Service, Timeline } from '../../../src/types.js';

export interface SourceCtx {
  source: string;
  /** null: let the parser decide (file name hints, logger). */
  service: Service | null;
  host: string | null;
}

/** Parses the lines of one source into records (tracebacks and continuation lines folded). */
export function parseLines(lines: readonly string[], ctx: SourceCtx): LogRecord[] {
  const out: LogRecord[] = [];
  const asm = createAssembler({ ...ctx, year: null, referenceTime: null }, (r) => out.push(r));
  lines.forEach((l, i) => asm.push(l, i + 1));
  asm.end();
  return out;
}

/** One sample line → one record (samples carry no file name, so the service comes from the line). */
export function parseSample(line: string): LogRecord | null {
  return parseLines([line], { source: 'sample', service: null, host: null })[0] ?? null;
}

/** Records of several sources, each `{ ctx, text }`, merged. */
export function parseSources(sources: ReadonlyArray<{ ctx: SourceCtx; text: string }>): LogRecord[] {
  return sources.flatMap(({ ctx, text }) => parseLines(text.replace(/\n$/, '').split('\n'), ctx));
}

export function timelineOf(records: LogRecord[], extra: Partial<Timeline> = {}): Timeline {
  const instances = [...new Set(records.map((r) => r.instance).filter((x): x is string => x !== null))];
  const first = records.find((r) => r.requestId !== null);
  return {
    key: first?.requestId ?? 'test',
    requestId: first?.requestId ?? null,
    globalRequestId: null,
    related: [],
    instances,
    records,
    droppedRecords: 0,
    closedBy: 'end',
    background: false,
    ...extra,
  };
}
