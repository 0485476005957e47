// Builds the `failure` of a result from the failure markers that fired: the primary one (highest
// priority, earliest), its exception and root cause, and the scheduler/cause lines that explain it.
import type { CompiledFailure } from '../models/model-types.js';
import type { LogRecord } from '../types.js';
import { httpExceptionName } from './api-lines.js';
import { rootCauseOf, shortExceptionName, summaryException, tracebackExceptions } from './exceptions.js';
import type { MatchFailure } from './match-types.js';

export interface FailureHit {
  failure: CompiledFailure;
  /** Index of the record in the sorted timeline. */
  index: number;
  record: LogRecord;
  groups: Record<string, string | undefined>;
}

export function sourceOf(r: LogRecord): string {
  return `${r.source}:${r.line}`;
}

/** Replaces `{group}` with the marker's named groups; empty groups leave no stray spaces. */
export function interpolate(template: string, groups: Record<string, string | undefined>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, name: string) => (groups[name] ?? '').trim())
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The decisive failure: highest priority, then earliest. */
export function pickPrimary(hits: readonly FailureHit[]): FailureHit | null {
  let best: FailureHit | null = null;
  for (const h of hits) {
    if (best === null || h.failure.priority > best.failure.priority) best = h;
  }
  return best;
}

function isApiRecord(r: LogRecord): boolean {
  return r.service === 'api' || r.logger.startsWith('nova.api.');
}

/**
 * A traceback for the failure: its own, else the next ERROR traceback within 10 s on the same source.
 * Records without a time sort last; they are reached only when no timed record is more than 10 s later,
 * which `end` (the latest time of the timeline, counting records a thinned timeline left out) tells.
 */
function findTraceback(primary: FailureHit, records: readonly LogRecord[], end: number): string[] {
  if (primary.record.traceback.length > 0) return primary.record.traceback;
  const t0 = primary.record.time;
  for (let i = primary.index + 1; i < records.length; i++) {
    const r = records[i]!;
    if ((Number.isNaN(r.time) ? end : r.time) - t0 > 10_000) break;
    if (r.source === primary.record.source && r.traceback.length > 0 && (r.level === 'ERROR' || r.level === 'CRITICAL')) return r.traceback;
  }
  return [];
}

export interface BuildFailureInput {
  primary: FailureHit;
  /** Every failure hit of the timeline (for causes and an earlier traceback). */
  hits: readonly FailureHit[];
  records: readonly LogRecord[];
  /** Latest record time of the timeline (NaN when none has a time). */
  end: number;
  stage: string | null;
  apiStatus: number | null;
}

export function buildFailure({ primary, hits, records, end, stage, apiStatus }: BuildFailureInput): MatchFailure {
  const spec = primary.failure.spec;
  const r = primary.record;
  const causes: string[] = [];
  for (const h of hits) {
    if (h === primary || (h.failure.severity !== 'cause' && h.failure.severity !== 'context')) continue;
    const text = interpolate(h.failure.spec.explanation, h.groups);
    if (!causes.includes(text)) causes.push(text);
  }
  const traceback = findTraceback(primary, records, end);
  const summary = summaryException(r.message, r.traceback);
  const tbExcs = tracebackExceptions(traceback);
  let exception: string | null = summary?.cls ?? tbExcs[tbExcs.length - 1]?.cls ?? null;
  if (exception === null && apiStatus !== null && apiStatus >= 400 && isApiRecord(r)) exception = httpExceptionName(apiStatus);
  let rootCause = rootCauseOf(traceback);
  if (rootCause === null) {
    // An earlier failure line may carry the traceback (e.g. "Instance failed to spawn" before "Build … aborted").
    for (const h of hits) {
      if (h.index >= primary.index || h.record.traceback.length === 0) continue;
      rootCause = rootCauseOf(h.record.traceback);
      if (rootCause !== null) break;
    }
  }
  if (rootCause === null && exception !== null && !exception.startsWith('HTTP')) rootCause = shortExceptionName(exception);
  return {
    id: primary.failure.id,
    severity: primary.failure.severity,
    stage,
    exception,
    message: r.message.trimEnd(),
    source: sourceOf(r),
    hint: interpolate(spec.hint, primary.groups),
    explanation: [interpolate(spec.explanation, primary.groups), ...causes].join(' '),
    rootCause,
    traceback,
    causes,
  };
}

/** A failure known only from the access line status (no failure marker fired). */
export function httpFailure(access: LogRecord, status: number, stage: string | null): MatchFailure {
  return {
    id: 'http_error',
    severity: 'fatal',
    stage,
    exception: httpExceptionName(status),
    message: access.message,
    source: sourceOf(access),
    hint: 'nova-api rejected the request before any work started; the API log (DEBUG) around this request says why.',
    explanation: `nova-api answered HTTP ${status}.`,
    rootCause: null,
    traceback: [],
    causes: [],
  };
}
