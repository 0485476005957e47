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

export interface JsonDocument {
  sources: SourceStats[];
  operations: OperationResult[];
  records?: LogRecord[];
  extra?: Record<string, unknown>;
}

export function renderJson(doc: JsonDocument): string {
  return [...renderJsonPieces(doc)].join('');
}

/**
 * The same text as renderJson, in pieces (one per array element), converting each element only when
 * asked: one string for a whole document of 200k operations exceeds V8's maximum string length
 * ("Invalid string length", found by test/robustness). Write every piece in one synchronous loop.
 */
export function* renderJsonPieces(doc: JsonDocument): Generator<string> {
  const fields: Array<[string, unknown]> = [
    ['schemaVersion', SCHEMA_VERSION],
    ['sources', new Lazy(doc.sources, sourceJson)],
    ['operations', new Lazy(doc.operations, operationJson)],
  ];
  if (doc.records) fields.push(['records', new Lazy(doc.records, recordJson)]);
  // Object.assign semantics: an extra key replaces a field of the same name in place, others follow.
  for (const [k, v] of Object.entries(doc.extra ?? {})) {
    const at = fields.findIndex(([name]) => name === k);
    if (at >= 0) fields[at] = [k, v];
    else fields.push([k, v]);
  }
  yield '{';
  let first = true;
  for (const [key, value] of fields) {
    if (value instanceof Lazy) {
      yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
      first = false;
      if (value.items.length === 0) {
        yield '[]';
        continue;
      }
      yield '[';
      for (let i = 0; i < value.items.length; i++) {
        const text = JSON.stringify((value.map as (x: unknown) => unknown)(value.items[i]), null, 2) ?? 'null';
        yield `${i === 0 ? '' : ','}\n    ${text.replaceAll('\n', '\n    ')}`;
      }
      yield '\n  ]';
    } else {
      const text = JSON.stringify(value, null, 2);
      if (text === undefined) continue; // undefined and functions are left out, as JSON.stringify does
      yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: ${text.replaceAll('\n', '\n  ')}`;
      first = false;
    }
  }
  yield first ? '}' : '\n}';
}

/** An array converted element by element while the document is written. */
class Lazy {
  constructor(
    readonly items: readonly unknown[],
    readonly map: (x: never) => unknown,
  ) {}
}
