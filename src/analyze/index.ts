// The library's core entry: read sources → parse → merge by time → correlate → timelines.
// Runs without the CLI: it never prints, exits or touches process.*.
import { Correlator, type CorrelateOptions, type CorrelateStats } from '../correlate/index.js';
import { NovaTraceError } from '../errors.js';
import { attachAccounting } from './accounting.js';
import type { InputSpec } from '../input/index.js';
import type { LogRecord, SourceStats, Timeline } from '../types.js';
import { mergeByTime } from './merge.js';
import { Needles } from './needles.js';
import { SourceReader } from './read-source.js';

export { Needles } from './needles.js';
export { accountingOf, attachAccounting } from './accounting.js';

export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export interface AnalyzeOptions {
  inputs: InputSpec[];
  /** Year for year-less timestamps (journal short); null infers it from the file time. */
  year?: number | null;
  maxLineBytes?: number;
  /**
   * Fast path: only lines containing one of these terms are parsed (plus the traceback and continuation
   * lines that follow them); with `learnInstances`, instance uuids seen on those lines become terms too.
   */
  needles?: { terms: string[]; learnInstances: boolean } | null;
  /**
   * With needles, read plain files into the WebAssembly scanner's memory and search them there (default
   * true; false searches with Buffer.indexOf, to compare: the results are the same).
   */
  byteScan?: boolean;
  correlate?: Partial<CorrelateOptions>;
  onTimeline: (t: Timeline) => void;
  /**
   * Offered the timelines of a request idle for a while (CorrelateOptions.settleWindowMs): true when they
   * are final (the operation completed) and taken as such, instead of being passed to onTimeline when
   * the request closes. Without it, requests close only after the idle window.
   */
  settle?: (timelines: Timeline[]) => boolean;
  /** Called for every record in merged order (e.g. to collect a request's raw records). */
  onRecord?: (r: LogRecord) => void;
  /**
   * Called before each batch of records is taken from a source, and awaited when it returns a promise:
   * lets the caller apply backpressure (output written while reading) or stop (throw) without the core
   * knowing about either. Return nothing when there is nothing to wait for (no microtask per batch).
   */
  pace?: () => Promise<void> | void;
}

export interface AnalyzeSummary {
  sources: SourceStats[];
  /** Inputs that could not be read at all, one message each (path and problem). */
  problems: string[];
  /** Earliest and latest record time (epoch ms), NaN when there were no timed records. */
  inputStart: number;
  inputEnd: number;
  correlate: CorrelateStats;
  /** Final needle terms (request ids and the instance uuids learned), when the fast path ran. */
  needleTerms: string[];
}

export async function analyze(opts: AnalyzeOptions): Promise<AnalyzeSummary> {
  // One Needles per source: sources are read concurrently, so instance uuids learnt in one source and
  // applied to another would make what is skipped depend on read timing (same input, different output;
  // found by test/robustness). Within a source, learning follows line order and is deterministic.
  const needleSet = opts.needles ?? null;
  const readers = opts.inputs.map(
    (spec) =>
      new SourceReader(spec, {
        maxLineBytes: opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
        year: opts.year ?? null,
        needles: needleSet ? new Needles(needleSet.terms, needleSet.learnInstances) : null,
        byteScan: opts.byteScan ?? true,
      }),
  );
  // Lines of files that do not name their host get the host the file was found to belong to (the
  // parser may have guessed a node name from a claim line; the resource audit's host wins).
  // The host is used once the merge has passed the line that named it (or at the end): readers run
  // ahead of the merge by a chunk, so using it as soon as a reader saw it made the hosts of timelines
  // closed meanwhile depend on chunk boundaries (found by test/robustness).
  const hostOf = new Map<string, SourceReader>(readers.map((r) => [r.name, r]));
  let ended = false;
  const hostless = (r: LogRecord) => r.format !== 'journal-short' && r.format !== 'journal-iso' && r.format !== 'journal-json';
  const placeRecords = (t: Timeline) => {
    for (const r of t.records) {
      if (!hostless(r)) continue;
      const reader = hostOf.get(r.source);
      if (reader === undefined || reader.host === null) continue;
      if (ended || reader.mergedLine >= reader.hostLine) r.host = reader.host;
    }
  };
  const onTimeline = opts.onTimeline;
  const settle = opts.settle;
  const correlator = new Correlator(
    (t) => {
      placeRecords(t);
      onTimeline(t);
    },
    {
      ...opts.correlate,
      settle:
        settle === undefined
          ? null
          : (timelines) => {
              // Not before the records have the host they would get at the end (an oslo compute log
              // names its host only in its resource audit, a minute or so into the file). Placed, they
              // stay placed if the request is not settled: held records with their host, later ones
              // without until it closes; matching reads the same.
              for (const t of timelines) for (const r of t.records) if (hostless(r) && hostOf.get(r.source)?.hostFinal === false) return false;
              for (const t of timelines) placeRecords(t);
              return settle(timelines);
            },
    },
  );
  const problems: string[] = [];
  const failed = new Set<number>();
  let inputStart = Infinity;
  let inputEnd = -Infinity;
  const onRecord = opts.onRecord;
  let curName = '';
  let cur: SourceReader | undefined;

  const pace = opts.pace;
  try {
    await mergeByTime(
      readers.map((r) => r.batches()),
      (r) => {
        const t = r.time;
        if (t < inputStart) inputStart = t;
        if (t > inputEnd) inputEnd = t;
        if (r.source !== curName) {
          curName = r.source;
          cur = hostOf.get(curName);
        }
        if (cur !== undefined && r.line > cur.mergedLine) cur.mergedLine = r.line;
        onRecord?.(r);
        correlator.add(r);
      },
      (index, err) => {
        if (!(err instanceof NovaTraceError)) throw err;
        failed.add(index);
        problems.push(err.message);
      },
      pace ?? null,
    );
    ended = true;
    correlator.end();
  } catch (err) {
    // A bug (or a caller's callback) failed mid-way: let the error report say how far reading got.
    throw attachAccounting(err, readers.map((r) => r.stats));
  }
  return {
    sources: readers.filter((_, i) => !failed.has(i)).map((r) => r.stats),
    problems,
    inputStart: Number.isFinite(inputStart) ? inputStart : NaN,
    inputEnd: Number.isFinite(inputEnd) ? inputEnd : NaN,
    correlate: correlator.stats,
    needleTerms: [...new Set(readers.flatMap((r) => r.needleTerms))],
  };
}
