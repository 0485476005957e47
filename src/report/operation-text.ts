// One operation as text: a header line, the stage table, and the outcome with the failure block.
import type { OperationResult } from '../types.js';
import type { RenderContext } from './context.js';
import { formatDuration, formatTime, trim } from './format.js';
import { operationLabel, outcomeText } from './list-table.js';

export function renderOperation(o: OperationResult, ctx: RenderContext): string {
  const p = ctx.palette;
  const lines: string[] = [];
  const confidence = o.operation === 'unknown' ? '' : p.dim(` (confidence ${o.confidence.toFixed(2)})`);
  lines.push(
    `${p.bold('Operation')} ${p.accent(operationLabel(o))}${confidence} · ${outcomeText(o, ctx)} · ${formatDuration(o.durationMs)}` +
      (o.instance ? ` · instance ${o.instance}` : '') +
      (o.hosts.length > 0 ? ` · ${o.hosts.join(', ')}` : ''),
  );
  if (o.stages.length > 0) lines.push(renderStages(o, ctx));
  if (o.outcome === 'incomplete') {
    const last = [...o.stages].reverse().find((s) => s.reached);
    lines.push(
      p.warn(`  incomplete: last stage reached ${last ? `"${last.id}"` : '(none)'}` + (o.idleMs !== null ? `, nothing logged for ${formatDuration(o.idleMs)} before the end of the input` : '')),
    );
  }
  if (o.failure) {
    const f = o.failure;
    lines.push(p.error(`  failed${f.stage ? ` at ${f.stage}` : ''}: ${f.rootCause ?? f.exception ?? ''}`.trimEnd()));
    if (f.explanation) lines.push(`  why:     ${f.explanation}`);
    lines.push(`  message: ${ctx.verbose ? f.message : trim(f.message, Math.max(60, ctx.width - 11))}`);
    if (f.exception && f.exception !== f.rootCause) lines.push(`  raised:  ${f.exception}`);
    lines.push(`  where:   ${f.source}`);
    if (f.hint) lines.push(`  ${p.bold('hint')}:    ${f.hint}`);
    if (ctx.verbose && f.traceback.length > 0) for (const t of f.traceback) lines.push(p.dim(`    │ ${t}`));
  }
  for (const n of o.notes) lines.push(p.warn(`  note: ${n}`));
  return lines.join('\n');
}

function renderStages(o: OperationResult, ctx: RenderContext): string {
  const p = ctx.palette;
  const failedStage = o.outcome === 'failed' ? o.failure?.stage ?? null : null;
  const rows = o.stages.map((s) => {
    const where = s.host ? `${s.service}@${s.host}` : s.service;
    let status: string;
    if (s.id === failedStage) status = p.error('✗ failed');
    else if (s.reached) status = p.ok('✓');
    else status = p.dim('·');
    return [s.id, where, s.at !== null ? formatTime(s.at) : '—', s.reached ? formatDuration(s.durationMs) : '—', status] as const;
  });
  const w = [0, 1, 2, 3].map((i) => Math.max(['STAGE', 'WHERE', 'REACHED AT', 'DURATION'][i]!.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: readonly string[]) => '  ' + cells.map((c, i) => (i < 4 ? c.padEnd(w[i]!) : c)).join('  ');
  return [p.dim(fmt(['STAGE', 'WHERE', 'REACHED AT', 'DURATION', 'STATUS'])), ...rows.map((r) => fmt(r))].join('\n');
}
