// `nova-trace list [paths…]`: every operation found, as a table, JSON or NDJSON.
// Memory stays bounded on huge inputs: the table and NDJSON are written in pages of operations in
// start order once more than LIST_WINDOW are waiting (a page's table keeps the first page's widths);
// JSON is one document, so it keeps every operation and stops with a clear error past MAX_JSON_OPERATIONS.
import { DEFAULT_CORRELATE } from '../correlate/index.js';
import { UsageError } from '../errors.js';
import { operationJson, renderJsonPieces } from '../report/json.js';
import { columnWidths, listRow, renderListRows, renderListTable } from '../report/list-table.js';
import { renderSources, warningLines } from '../report/summary-text.js';
import { plural } from '../report/format.js';
import type { OperationResult } from '../types.js';
import { outputFormat, parseYear, renderContext, type CommonOptions } from './common.js';
import { buildFilter, type FilterOptions } from './filters.js';
import { resolveInputs } from './inputs.js';
import { Interrupted, type Io } from './io.js';
import { runOperations, thinFromEnv, type HiddenCounts } from './operations.js';

export interface ListOptions extends CommonOptions, FilterOptions {
  all?: boolean;
  failOn?: string;
}

/**
 * Operations kept before the earliest-starting half is written out (table, NDJSON). Small: each
 * result holds ~2.5 KB and lives long enough to reach V8's old generation.
 */
export const LIST_WINDOW = 5_000;
/** Operations written to NDJSON at once. */
const NDJSON_SLICE = 256;
/** JSON text rendered before the first byte is written. */
const JSON_HOLD = 64 * 1024 * 1024;
/** Operations one JSON document may hold (about 2.5 KB of memory each). */
export const MAX_JSON_OPERATIONS = 500_000;

export interface OutcomeCounts {
  total: number;
  completed: number;
  failed: number;
  incomplete: number;
  unknown: number;
}

/** Adds the outcomes of `ops` to `counts` (a fresh tally when none is given); returns it. */
export function tallyOutcomes(ops: readonly OperationResult[], counts: OutcomeCounts = { total: 0, completed: 0, failed: 0, incomplete: 0, unknown: 0 }): OutcomeCounts {
  for (const o of ops) {
    counts.total++;
    counts[o.outcome]++;
  }
  return counts;
}

export async function runList(paths: string[], opts: ListOptions, io: Io): Promise<number> {
  const year = parseYear(opts.year);
  const filter = buildFilter(opts);
  const format = outputFormat(opts, 'table');
  const ctx = renderContext(opts, io);
  const maxOpen = maxOpenFromEnv(io.env);
  const inputs = await resolveInputs(paths, io, opts.quiet === true);
  const counts = tallyOutcomes([]);
  let widths: number[] | null = null; // the table's, once a first page has been written
  const tally = (ops: OperationResult[]) => tallyOutcomes(ops, counts);
  // Rows of a page (never empty): the first one sets the table's widths and has the header.
  const ndjsonRows = (ops: OperationResult[]) => ops.map((o) => JSON.stringify(operationJson(o))).join('\n');
  const tableRows = (ops: OperationResult[]) => {
    const header = widths === null;
    const rows = ops.map(listRow);
    widths ??= columnWidths(rows);
    return renderListRows(ops, widths, ctx, header, rows);
  };
  // NDJSON in slices: a page's text at once (~2.5 KB an operation, with its parts and their join) made
  // the peak of a 1 GiB `list --format ndjson` (158 → 190 MB at its last page).
  const writeNdjson = (ops: OperationResult[], from: number) => {
    const to = Math.min(ops.length, from + NDJSON_SLICE);
    io.out(ndjsonRows(ops.slice(from, to)) + '\n');
    return to;
  };
  const writePage = (batch: OperationResult[]) => {
    const ops = batch.filter(filter);
    tally(ops);
    if (format === 'ndjson') for (let at = 0; at < ops.length; ) at = writeNdjson(ops, at);
    else if (ops.length > 0) io.out(tableRows(ops) + '\n');
  };
  const release =
    format === 'json'
      ? {
          window: MAX_JSON_OPERATIONS,
          onRelease: () => {
            throw new UsageError(`more than ${MAX_JSON_OPERATIONS} operations: too many for one JSON document; use --format ndjson, which streams them`);
          },
        }
      : { window: LIST_WINDOW, onRelease: writePage };
  const run = await runOperations({
    inputs: inputs.specs,
    year,
    modelDirs: opts.models ?? [],
    all: opts.all === true,
    release,
    ...(maxOpen !== null ? { correlate: { maxOpen } } : {}),
    thin: thinFromEnv(io.env),
    // Pages are written while reading: wait for stdout to take them, and stop when interrupted.
    pace: () => {
      if (io.interrupted?.()) throw new Interrupted();
      return io.drain?.();
    },
  });
  io.noteAccounting?.(run.summary.sources);
  const problems = [...inputs.problems, ...run.summary.problems];
  for (const p of problems) io.err(`nova-trace: ${p}\n`);
  if (format !== 'table' || opts.quiet) io.err(warningLines(run.summary.sources));
  const ops = run.results.filter(filter);
  tally(ops);
  const { evicted, cutShort, reopened } = run.summary.correlate;
  const closing = { evicted, cutShort, reopened, maxOpen: maxOpen ?? DEFAULT_CORRELATE.maxOpen };

  if (format === 'json') {
    // Never half a document: the first 64 MiB are rendered before anything is written (so a document
    // of usual size is complete or absent even if rendering fails); once begun, the document is
    // finished even if interrupted meanwhile; beyond 64 MiB it is written as it is rendered.
    const held: string[] = [];
    let size = 0;
    let streaming = false;
    for (const piece of renderJsonPieces({ sources: run.summary.sources, operations: ops, extra: { evicted, cutShortByEviction: cutShort, reopened } })) {
      if (!streaming) {
        held.push(piece);
        if ((size += piece.length) < JSON_HOLD) continue;
        streaming = true;
        io.out(held.join(''));
        held.length = 0;
      } else io.out(piece);
      if ((size += piece.length) > 1 << 20 && io.drain) {
        size = 0;
        await io.drain();
      }
    }
    io.out(held.join('') + '\n');
  } else if (format === 'ndjson') {
    for (let at = 0; at < ops.length; ) {
      at = writeNdjson(ops, at);
      await io.drain?.();
    }
  } else {
    const parts: string[] = [];
    if (ops.length > 0) parts.push(tableRows(ops));
    else if (widths === null) parts.push(renderListTable(ops, ctx)); // no operation at all
    parts.push('', countsLine(counts, run.hidden, closing));
    if (!opts.quiet) parts.push(renderSources(run.summary.sources, ctx));
    io.out(parts.join('\n') + '\n');
  }
  if (problems.length > 0) return 2;
  return opts.failOn === 'failed' && counts.failed > 0 ? 1 : 0;
}

/**
 * The summary line under a table; with `closing`, what was closed before going idle (evicted, and of
 * those, cut short) and what logged again after it was closed as finished (reopened).
 */
export function countsLine(c: OutcomeCounts, hidden: HiddenCounts, closing?: { evicted: number; cutShort: number; reopened: number; maxOpen: number }): string {
  let line = `${plural(c.total, 'operation')}: ${c.completed} completed, ${c.failed} failed, ${c.incomplete} incomplete, ${c.unknown} unknown`;
  const h = [
    hidden.readOnly > 0 ? plural(hidden.readOnly, 'read-only API request') : '',
    hidden.relay > 0 ? plural(hidden.relay, 'event relay request') : '',
    hidden.apiOnly > 0 ? plural(hidden.apiOnly, 'other API-only request') : '',
    hidden.library > 0 ? plural(hidden.library, 'request with library lines only', 'requests with library lines only') : '',
    hidden.background > 0 ? plural(hidden.background, 'background segment') : '',
  ].filter(Boolean);
  if (h.length > 0) line += ` (not listed: ${h.join(', ')}; --all lists them)`;
  if (closing !== undefined && closing.evicted > 0) {
    // Memory is bounded by requests in flight: past the bound the least recently active is closed early.
    line +=
      `\n${plural(closing.evicted, 'request')} closed before going idle, to keep at most ${closing.maxOpen} in flight (NOVA_TRACE_MAX_OPEN raises the bound)` +
      (closing.cutShort > 0
        ? `; ${plural(closing.cutShort, 'operation')} cut short by eviction: what they logged afterwards is listed as an operation of its own`
        : '; none of them logged again');
  }
  if (closing !== undefined && closing.reopened > 0) {
    // A request is closed two minutes after its last line once its operation has reached its last stage.
    line += `\n${plural(closing.reopened, 'operation')} closed as finished (two minutes quiet after the last stage) logged again: what they logged afterwards is listed as an operation of its own`;
  }
  return line;
}

/** NOVA_TRACE_MAX_OPEN: how many requests may be in flight before the least recently active is evicted. */
export function maxOpenFromEnv(env: Record<string, string | undefined>): number | null {
  const text = env.NOVA_TRACE_MAX_OPEN;
  if (text === undefined || text === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`NOVA_TRACE_MAX_OPEN=${text}: expected a positive whole number of requests`);
  return n;
}
