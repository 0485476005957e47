// `nova-trace list [paths…]`: every operation found, as a table, JSON or NDJSON.
import { renderJson, operationJson } from '../report/json.js';
import { renderListTable } from '../report/list-table.js';
import { renderSources, warningLines } from '../report/summary-text.js';
import { plural } from '../report/format.js';
import type { OperationResult } from '../types.js';
import { outputFormat, parseYear, renderContext, type CommonOptions } from './common.js';
import { buildFilter, type FilterOptions } from './filters.js';
import { resolveInputs } from './inputs.js';
import type { Io } from './io.js';
import { runOperations, type HiddenCounts } from './operations.js';

export interface ListOptions extends CommonOptions, FilterOptions {
  all?: boolean;
  failOn?: string;
}

export async function runList(paths: string[], opts: ListOptions, io: Io): Promise<number> {
  const year = parseYear(opts.year);
  const filter = buildFilter(opts);
  const format = outputFormat(opts, 'table');
  const ctx = renderContext(opts, io);
  const inputs = await resolveInputs(paths, io, opts.quiet === true);
  const run = await runOperations({ inputs: inputs.specs, year, modelDirs: opts.models ?? [], all: opts.all === true });
  const problems = [...inputs.problems, ...run.summary.problems];
  for (const p of problems) io.err(`nova-trace: ${p}\n`);
  if (format !== 'table' || opts.quiet) io.err(warningLines(run.summary.sources));
  const ops = run.results.filter(filter);

  if (format === 'json') io.out(renderJson({ sources: run.summary.sources, operations: ops }) + '\n');
  else if (format === 'ndjson') io.out(ops.map((o) => JSON.stringify(operationJson(o))).join('\n') + (ops.length > 0 ? '\n' : ''));
  else {
    const parts = [renderListTable(ops, ctx), '', countsLine(ops, run.hidden)];
    if (!opts.quiet) parts.push(renderSources(run.summary.sources, ctx));
    io.out(parts.join('\n') + '\n');
  }
  if (problems.length > 0) return 2;
  return opts.failOn === 'failed' && ops.some((o) => o.outcome === 'failed') ? 1 : 0;
}

export function countsLine(ops: OperationResult[], hidden: HiddenCounts): string {
  const by = (k: OperationResult['outcome']) => ops.filter((o) => o.outcome === k).length;
  let line = `${plural(ops.length, 'operation')}: ${by('completed')} completed, ${by('failed')} failed, ${by('incomplete')} incomplete, ${by('unknown')} unknown`;
  const h = [
    hidden.readOnly > 0 ? plural(hidden.readOnly, 'read-only API request') : '',
    hidden.relay > 0 ? plural(hidden.relay, 'event relay request') : '',
    hidden.apiOnly > 0 ? plural(hidden.apiOnly, 'other API-only request') : '',
    hidden.library > 0 ? plural(hidden.library, 'request with library lines only', 'requests with library lines only') : '',
    hidden.background > 0 ? plural(hidden.background, 'background segment') : '',
  ].filter(Boolean);
  if (h.length > 0) line += ` (not listed: ${h.join(', ')}; --all lists them)`;
  return line;
}
