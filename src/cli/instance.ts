// `nova-trace instance <uuid> [paths…]`: the history of one server across requests.
import { NotFoundError } from '../errors.js';
import { renderJson } from '../report/json.js';
import { renderListTable } from '../report/list-table.js';
import { renderOperation } from '../report/operation-text.js';
import { renderSources } from '../report/summary-text.js';
import { baseName, plural } from '../report/format.js';
import { outputFormat, parseYear, renderContext, type CommonOptions } from './common.js';
import { resolveInputs } from './inputs.js';
import { countsLine, tallyOutcomes } from './list.js';
import type { Io } from './io.js';
import { byteScanFromEnv, runOperations, thinFromEnv } from './operations.js';
import { normaliseUuid } from './request-id.js';

export async function runInstance(uuidArg: string, paths: string[], opts: CommonOptions & { all?: boolean }, io: Io): Promise<number> {
  const uuid = normaliseUuid(uuidArg, 'an instance uuid');
  const year = parseYear(opts.year);
  const format = outputFormat(opts, 'text');
  const ctx = renderContext(opts, io);
  const inputs = await resolveInputs(paths, io, opts.quiet === true);
  const run = await runOperations({
    inputs: inputs.specs,
    year,
    modelDirs: opts.models ?? [],
    needles: { terms: [uuid], learnInstances: false },
    // Like `list`: periodic-task segments, event relays and read-only calls that no model recognised
    // are counted, not shown, unless --all (an instance's history is its operations).
    all: opts.all === true,
    select: (t) => t.instances.includes(uuid),
    thin: thinFromEnv(io.env),
    byteScan: byteScanFromEnv(io.env),
  });
  const problems = [...inputs.problems, ...run.summary.problems];
  for (const p of problems) io.err(`nova-trace: ${p}\n`);
  // Background segments that no model recognised are noise here too, unless --all.
  const ops = run.results.filter((o) => opts.all || o.operation !== 'unknown' || o.requestId !== null);
  if (ops.length === 0) {
    if (run.summary.sources.length === 0) return 2;
    throw new NotFoundError(
      `instance ${uuid} was not found in ${plural(run.summary.sources.length, 'source')} (${run.summary.sources.map((s) => baseName(s.source)).join(', ')}).`,
    );
  }
  if (format === 'json') {
    io.out(renderJson({ sources: run.summary.sources, operations: ops, extra: { query: uuid } }) + '\n');
  } else {
    const p = ctx.palette;
    const parts = [p.bold(`Instance ${uuid}: ${plural(ops.length, 'operation')}`), renderListTable(ops, ctx), ''];
    parts.push(countsLine(tallyOutcomes(ops), run.hidden), '');
    for (const o of ops) if (o.outcome !== 'completed') parts.push(`${p.dim(o.requestId ?? '—')}`, renderOperation(o, ctx), '');
    if (!opts.quiet) parts.push(renderSources(run.summary.sources, ctx));
    io.out(parts.join('\n') + '\n');
  }
  return problems.length > 0 ? 2 : 0;
}
