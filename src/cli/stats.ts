// `nova-trace stats [paths…]`: per operation and stage: count, failures, p50/p95/p99/max durations.
import { SCHEMA_VERSION, sourceJson } from '../report/json.js';
import { computeStats } from '../report/stats.js';
import { renderStats } from '../report/stats-text.js';
import { renderSources } from '../report/summary-text.js';
import { outputFormat, parseYear, renderContext, type CommonOptions } from './common.js';
import { buildFilter, type FilterOptions } from './filters.js';
import { resolveInputs } from './inputs.js';
import type { Io } from './io.js';
import { runOperations, thinFromEnv } from './operations.js';

export async function runStats(paths: string[], opts: CommonOptions & FilterOptions, io: Io): Promise<number> {
  const year = parseYear(opts.year);
  const filter = buildFilter(opts);
  const ctx = renderContext(opts, io);
  const inputs = await resolveInputs(paths, io, opts.quiet === true);
  const run = await runOperations({ inputs: inputs.specs, year, modelDirs: opts.models ?? [], thin: thinFromEnv(io.env) });
  const problems = [...inputs.problems, ...run.summary.problems];
  for (const p of problems) io.err(`nova-trace: ${p}\n`);
  const stats = computeStats(run.results.filter(filter));
  if (outputFormat(opts, 'table') === 'json') {
    io.out(JSON.stringify({ schemaVersion: SCHEMA_VERSION, sources: run.summary.sources.map(sourceJson), stats }, null, 2) + '\n');
  } else {
    io.out(renderStats(stats, ctx) + '\n' + (opts.quiet ? '' : '\n' + renderSources(run.summary.sources, ctx) + '\n'));
  }
  return problems.length > 0 ? 2 : 0;
}
