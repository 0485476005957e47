// `nova-trace <request-id> [paths…]`: the timeline of one request across services and hosts.
import { analyze } from '../analyze/index.js';
import { countRequestIds } from '../analyze/count-ids.js';
import { compareRecords } from '../correlate/index.js';
import { NotFoundError } from '../errors.js';
import { baseName, plural } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { renderSources, renderSummary, summarize, warningLines } from '../report/summary-text.js';
import { renderTimeline } from '../report/timeline-text.js';
import { matchTimeline } from '../match/index.js';
import { loadModels } from '../models/index.js';
import { renderOperation } from '../report/operation-text.js';
import type { Timeline } from '../types.js';
import { outputFormat, parseYear, renderContext, type CommonOptions } from './common.js';
import { resolveInputs } from './inputs.js';
import type { Io } from './io.js';
import { byteScanFromEnv } from './operations.js';
import { normaliseRequestId } from './request-id.js';

const LEVEL_RANK: Record<string, number> = { DEBUG: 0, INFO: 1, AUDIT: 1, WARNING: 2, ERROR: 3, TRACE: 3, CRITICAL: 4 };

export async function runTrace(idArg: string, paths: string[], opts: CommonOptions & { level?: string }, io: Io): Promise<number> {
  const id = normaliseRequestId(idArg);
  const year = parseYear(opts.year);
  const models = loadModels(opts.models ?? []);
  const format = outputFormat(opts, 'text');
  const ctx = renderContext(opts, io);
  const inputs = await resolveInputs(paths, io, opts.quiet === true);

  const timelines: Timeline[] = [];
  const summary = await analyze({
    inputs: inputs.specs,
    year,
    needles: { terms: [id.slice(4)], learnInstances: true },
    byteScan: byteScanFromEnv(io.env),
    onTimeline: (t) => {
      if (t.requestId === id || t.globalRequestId === id) timelines.push(t);
    },
  });
  io.noteAccounting?.(summary.sources);
  const problems = [...inputs.problems, ...summary.problems];
  for (const p of problems) io.err(`nova-trace: ${p}\n`);
  if (format === 'json' || opts.quiet) io.err(warningLines(summary.sources));

  if (timelines.length === 0) {
    if (summary.sources.length === 0) return 2;
    const ids = await countRequestIds(inputs.specs);
    const names = summary.sources.map((s) => baseName(s.source)).join(', ');
    throw new NotFoundError(
      `${id} was not found in ${plural(summary.sources.length, 'source')} (${names}), which hold ${ids.capped ? 'over ' : ''}${plural(ids.count, 'distinct request id')}.\n` +
        'Check the id (x-openstack-request-id of the API call), or add the logs of the other services and hosts.',
    );
  }

  timelines.sort((a, b) => (a.records[0]?.time ?? 0) - (b.records[0]?.time ?? 0));
  // A multi-create request is one timeline per instance; lines shared by them are shown once.
  const records = [...new Set(timelines.flatMap((t) => t.records))].sort(compareRecords);
  const related = [...new Set(timelines.flatMap((t) => [t.requestId, ...t.related]).filter((r): r is string => r !== null && r !== id))];
  const operations = timelines.map((t) => matchTimeline(t, models, { inputEnd: summary.inputEnd }));

  if (format === 'json') {
    io.out(renderJson({ sources: summary.sources, operations, records, extra: { query: id } }) + '\n');
  } else {
    const p = ctx.palette;
    const local = new Set(timelines.map((t) => t.requestId));
    const header = local.size === 1 && local.has(id) ? id : `${id} (global request id: ${plural(local.size, 'local request')})`;
    const parts = [p.bold(header)];
    for (const o of operations) {
      if (local.size > 1) parts.push(p.dim(o.requestId ?? ''));
      parts.push(renderOperation(o, ctx), '');
    }
    // --level thins the timeline shown; matching and the summary always use every record.
    const min = LEVEL_RANK[(opts.level ?? 'debug').toUpperCase()] ?? 0;
    const shown = min === 0 ? records : records.filter((r) => (LEVEL_RANK[r.level] ?? 0) >= min);
    if (shown.length < records.length) parts.push(ctx.palette.dim(`(${records.length - shown.length} lines below ${opts.level!.toUpperCase()} not shown)`));
    parts.push(renderTimeline(shown, ctx), '', renderSummary(summarize(records, related), ctx));
    const dropped = timelines.reduce((n, t) => n + t.droppedRecords, 0);
    if (dropped > 0) parts.push(p.warn(`  ${dropped} more lines not shown (the middle of a very long request)`));
    if (!opts.quiet) parts.push('', renderSources(summary.sources, ctx));
    io.out(parts.join('\n') + '\n');
  }
  return problems.length > 0 ? 2 : 0;
}
