// The versioned JSON document every command prints with --json:
// { schemaVersion, sources[], operations[] } (+ records[] for a request trace). Times are ISO 8601;
// zone-less log timestamps are reported as if they were UTC (they are kept as written).
import type { LogRecord, OperationResult, SourceStats } from '../types.js';

export const SCHEMA_VERSION = 1;

export function isoTime(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export function sourceJson(s: SourceStats) {
  return {
    path: s.source,
    formats: s.formats,
    services: s.services,
    hosts: s.hosts,
    linesRead: s.linesRead,
    records: s.records,
    continuationLines: s.folded,
    unparsed: s.unparsed,
    skipped: s.skipped,
    cut: s.cut,
    unparsedSamples: s.unparsedSamples,
    warnings: s.warnings,
  };
}

export function recordJson(r: LogRecord) {
  return {
    time: isoTime(r.time),
    micros: r.micros,
    source: r.source,
    line: r.line,
    host: r.host,
    service: r.service,
    pid: r.pid,
    level: r.level,
    logger: r.logger,
    globalRequestId: r.globalRequestId,
    requestId: r.requestId,
    user: r.user,
    project: r.project,
    instance: r.instance,
    message: r.message,
    traceback: r.traceback,
    debug: r.debug,
    format: r.format,
  };
}

export function operationJson(o: OperationResult) {
  return {
    ...o,
    start: isoTime(o.start),
    end: isoTime(o.end),
    stages: o.stages.map((s) => ({ ...s, at: s.at === null ? null : isoTime(s.at) })),
  };
}

export function renderJson(doc: {
  sources: SourceStats[];
  operations: OperationResult[];
  records?: LogRecord[];
  extra?: Record<string, unknown>;
}): string {
  const out: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    sources: doc.sources.map(sourceJson),
    operations: doc.operations.map(operationJson),
  };
  if (doc.records) out.records = doc.records.map(recordJson);
  if (doc.extra) Object.assign(out, doc.extra);
  return JSON.stringify(out, null, 2);
}
