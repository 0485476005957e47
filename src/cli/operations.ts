// Shared by `list`, `instance`, `stats` and `check`: read → correlate → match every timeline.
import { analyze, type AnalyzeSummary } from '../analyze/index.js';
import { isReadOnlyResponse, type CorrelateOptions } from '../correlate/index.js';
import type { InputSpec } from '../input/index.js';
import { matchTimeline, resolveAcross, thinPolicy, type MatchResult } from '../match/index.js';
import { loadModels } from '../models/index.js';
import type { Timeline } from '../types.js';

export interface OperationsRun {
  results: MatchResult[];
  summary: AnalyzeSummary;
  /**
   * Timelines not listed by default: background segments no model recognised, read-only API calls,
   * event relays, and other API-only calls no model recognised (keypairs, flavors, EC2 Describe*…).
   */
  hidden: HiddenCounts;
}

export interface HiddenCounts {
  background: number;
  readOnly: number;
  relay: number;
  apiOnly: number;
  /** Requests whose only lines come from libraries (oslo.messaging connecting, …), no Nova logger. */
  library: number;
}

export interface OperationsOptions {
  inputs: InputSpec[];
  year: number | null;
  modelDirs: string[];
  /** Fast path terms (e.g. an instance uuid), or null to read everything. */
  needles?: { terms: string[]; learnInstances: boolean } | null;
  /** Keep every timeline, including the ones hidden by default. */
  all?: boolean;
  /** Keep only timelines for which this is true (checked before matching). */
  select?: (t: Timeline) => boolean;
  /**
   * Bounded memory for huge inputs (`list` of millions of requests): past `window` results kept, the
   * earlier-starting half is handed to `onRelease` (sorted) and forgotten; `results` then holds only
   * the rest. Released results saw cross-request resolution and idle time within the window only.
   */
  release?: { window: number; onRelease: (batch: MatchResult[]) => void };
  /** Correlation bounds (e.g. `maxOpen` from NOVA_TRACE_MAX_OPEN). */
  correlate?: Partial<CorrelateOptions>;
  /**
   * Thin timelines (default true): open requests hold only the records matching can use, the results
   * are the same (test/cli/thin.test.ts). False keeps every record, to compare (NOVA_TRACE_NO_THIN=1).
   */
  thin?: boolean;
  /**
   * Close a request once it has gone quiet after finishing (default true; see CorrelateOptions.settle):
   * the same results, less memory. False holds every request for the whole idle window, to compare.
   */
  settle?: boolean;
  /** With needles: search in WebAssembly (default true; see AnalyzeOptions.byteScan). */
  byteScan?: boolean;
  /** Backpressure / interruption hook, awaited between batches (see AnalyzeOptions.pace). */
  pace?: () => Promise<void> | void;
}

/**
 * NOVA_TRACE_NO_THIN=1 keeps every record of open requests (thin timelines off): the same output, more
 * memory; for comparing the two (see OperationsOptions.thin). Read by every command that matches.
 */
export function thinFromEnv(env: Record<string, string | undefined>): boolean {
  return env.NOVA_TRACE_NO_THIN !== '1';
}

/**
 * NOVA_TRACE_NO_WASM=1 searches the request trace's and `instance`'s needles with Buffer.indexOf instead
 * of the WebAssembly scanner: the same output, slower; for comparing the two.
 */
export function byteScanFromEnv(env: Record<string, string | undefined>): boolean {
  return env.NOVA_TRACE_NO_WASM !== '1';
}

const byStart = (a: MatchResult, b: MatchResult) => a.start - b.start || (a.requestId ?? '').localeCompare(b.requestId ?? '');

export async function runOperations(opts: OperationsOptions): Promise<OperationsRun> {
  const models = loadModels(opts.modelDirs);
  const results: MatchResult[] = [];
  const hidden: HiddenCounts = { background: 0, readOnly: 0, relay: 0, apiOnly: 0, library: 0 };
  let now = -Infinity;
  /** What a timeline comes to: a result, the kind of hidden timeline it is, or null when not selected. */
  const judge = (t: Timeline): MatchResult | keyof HiddenCounts | null => {
    if (opts.select && !opts.select(t)) return null;
    const last = lastTime(t);
    if (last > now) now = last;
    const kind = hiddenKind(t);
    if (!opts.all && kind === 'readOnly') return kind;
    // A periodic-task run that names no instance is never an operation (the periodic tasks that act,
    // power-sync stop, auto-confirm, shelved offload, name the instance), nor one without a line any
    // model can use (most: a resource audit's per-instance lines): not worth matching.
    if (!opts.all && kind === 'background' && (t.instances.length === 0 || t.inert === true)) return kind;
    const r = matchTimeline(t, models, { inputEnd: now });
    return !opts.all && r.operation === 'unknown' && kind !== null ? kind : r;
  };
  const take = (judged: MatchResult | keyof HiddenCounts | null) => {
    if (judged === null) return;
    if (typeof judged === 'string') {
      hidden[judged]++;
      return;
    }
    results.push(judged);
    if (opts.release !== undefined && results.length >= opts.release.window) {
      resolveAcross(results);
      results.sort(byStart);
      const batch = results.splice(0, results.length >> 1);
      for (const o of batch) if (o.outcome === 'incomplete' && Number.isFinite(now)) o.idleMs = Math.max(0, now - o.end);
      opts.release.onRelease(batch);
    }
  };
  const summary = await analyze({
    inputs: opts.inputs,
    year: opts.year,
    needles: opts.needles ?? null,
    byteScan: opts.byteScan ?? true,
    correlate: {
      ...opts.correlate,
      thin: opts.thin === false ? null : thinPolicy(models),
      // What judge would count as hidden background without matching it, not built at all.
      ...(opts.all || opts.select
        ? {}
        : {
            onInertBackground: (last: number) => {
              if (last > now) now = last;
              hidden.background++;
            },
          }),
    },
    ...(opts.pace ? { pace: opts.pace } : {}),
    onTimeline: (t) => take(judge(t)),
    // A request that has gone quiet after reaching the last stage of its operation is final: nothing
    // more is expected of it. Anything else waits for the idle window: running, failed (a reschedule may
    // still succeed), unknown, or judged completed for want of more lines (a migration whose destination
    // steps are optional, for logs without the destination host, may still be copying its disk).
    ...(opts.settle === false
      ? {}
      : {
          settle: (timelines: Timeline[]) => {
            const judged = timelines.map(judge);
            if (!judged.every((j) => j !== null && (j === 'relay' || (typeof j !== 'string' && isFinished(j))))) return false;
            for (const j of judged) take(j);
            return true;
          },
        }),
  });
  resolveAcross(results);
  // Operations were matched as they closed; incomplete ones are measured against the true end of input.
  for (const r of results) if (r.outcome === 'incomplete' && Number.isFinite(summary.inputEnd)) r.idleMs = Math.max(0, summary.inputEnd - r.end);
  results.sort(byStart);
  return { results, summary, hidden };
}

/** Completed, and the operation's last stage reached. */
function isFinished(r: MatchResult): boolean {
  return r.outcome === 'completed' && r.stages.length > 0 && r.stages[r.stages.length - 1]!.reached;
}

/**
 * The latest time of a timeline (-Infinity if none). Not the time of its last record: records without
 * a time sort by source and line among the others, so the last one need not be the latest.
 */
function lastTime(t: Timeline): number {
  let last = -Infinity;
  for (const r of t.records) if (r.time > last) last = r.time;
  if (t.omitted !== undefined) for (const o of t.omitted) if (o.lastTime > last) last = o.lastTime;
  return last;
}

/** Why a timeline would not be listed by default, or null. */
function hiddenKind(t: Timeline): keyof HiddenCounts | null {
  if (t.background) return 'background';
  if (t.relay) return 'relay';
  if (
    t.records.every((r) => !r.logger.startsWith('nova.') && r.level !== 'ERROR' && r.level !== 'CRITICAL') &&
    !(t.omitted?.some((o) => o.novaLogger) ?? false)
  ) {
    return 'library';
  }
  let readOnly = false;
  for (const r of t.records) {
    if (r.service !== 'api') return null;
    if (r.level === 'ERROR' || r.level === 'CRITICAL') return null;
    if (isReadOnlyResponse(r.message)) readOnly = true;
  }
  return readOnly ? 'readOnly' : 'apiOnly';
}
