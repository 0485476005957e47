// `nova-trace list` as a table: one row per operation.
import type { OperationResult } from '../types.js';
import type { RenderContext } from './context.js';
import { formatDuration, formatTime } from './format.js';

export function operationLabel(o: Pick<OperationResult, 'operation' | 'variant'>): string {
  return o.variant ? `${o.operation} (${o.variant})` : o.operation;
}

export function outcomeText(o: OperationResult, ctx: RenderContext): string {
  const p = ctx.palette;
  switch (o.outcome) {
    case 'completed':
      return p.ok('completed');
    case 'failed':
      return p.error('failed');
    case 'incomplete':
      return p.warn('incomplete');
    default:
      return p.dim('unknown');
  }
}

/** The stage a failed or incomplete operation stopped at, with the exception when there is one. */
export function stoppedAt(o: OperationResult): string {
  if (o.outcome === 'failed') {
    const stage = o.failure?.stage ?? lastReached(o) ?? '—';
    const exc = o.failure?.rootCause ?? o.failure?.exception;
    return exc ? `${stage}: ${exc}` : stage;
  }
  if (o.outcome === 'incomplete') return `after ${lastReached(o) ?? '—'}`;
  return '';
}

function lastReached(o: OperationResult): string | null {
  for (let i = o.stages.length - 1; i >= 0; i--) if (o.stages[i]!.reached) return o.stages[i]!.id;
  return null;
}

const HEAD = ['TIME', 'REQUEST', 'OPERATION', 'INSTANCE', 'HOST', 'OUTCOME', 'DURATION', 'FAILED / STOPPED AT'];

/** The cells of one operation's row (plain text; the outcome is coloured when rendered). */
export function listRow(o: OperationResult): string[] {
  return [
    formatTime(o.start),
    o.requestId ?? '—',
    operationLabel(o),
    o.instance ?? '—',
    o.hosts.join(',') || '—',
    o.outcome,
    formatDuration(o.durationMs),
    stoppedAt(o),
  ];
}

/** Column widths for these rows (and the header), grown from `base` when given. */
export function columnWidths(rows: string[][], base: number[] = HEAD.map((h) => h.length)): number[] {
  // A loop, not Math.max(...rows): spreading 200k rows overflows the stack (found by test/robustness).
  const widths = base.slice();
  for (const r of rows) for (let i = 0; i < r.length; i++) if (r[i]!.length > widths[i]!) widths[i] = r[i]!.length;
  return widths;
}

/**
 * Rows aligned to `widths`, with the header line when asked. `list` on a huge input prints its table
 * in pages with the widths of the first page (a wider cell later shifts its own row only). `rows` are
 * the operations' cells (listRow), made once for the widths and for this.
 */
export function renderListRows(
  ops: OperationResult[],
  widths: number[],
  ctx: RenderContext,
  header: boolean,
  rows: string[][],
): string {
  const line = (cells: string[], colour: (i: number, c: string) => string) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? colour(i, c) : colour(i, c) + ' '.repeat(Math.max(0, widths[i]! - c.length))))
      .join('  ')
      .trimEnd();
  const out = header ? [line(HEAD, (_, c) => c)] : [];
  ops.forEach((o, k) => out.push(line(rows[k]!, (i, c) => (i === 5 ? outcomeText(o, ctx) : c))));
  return out.join('\n');
}

/**
 * A plain aligned table. Written out rather than with cli-table3, whose layout pass grows
 * quadratically with rows (10 s of a 100 MiB `list` went into laying out 2,570 rows).
 */
export function renderListTable(ops: OperationResult[], ctx: RenderContext): string {
  if (ops.length === 0) return ctx.palette.dim('no operations found');
  const rows = ops.map(listRow);
  return renderListRows(ops, columnWidths(rows), ctx, true, rows);
}
