// `nova-trace list` as a table: one row per operation.
import Table from 'cli-table3';
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

export function renderListTable(ops: OperationResult[], ctx: RenderContext): string {
  const p = ctx.palette;
  if (ops.length === 0) return p.dim('no operations found');
  const table = new Table({
    head: ['TIME', 'REQUEST', 'OPERATION', 'INSTANCE', 'HOST', 'OUTCOME', 'DURATION', 'FAILED / STOPPED AT'],
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 1 },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
      'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ',
    },
  });
  for (const o of ops) {
    table.push([
      formatTime(o.start),
      o.requestId ?? '—',
      operationLabel(o),
      o.instance ?? '—',
      o.hosts.join(',') || '—',
      outcomeText(o, ctx),
      formatDuration(o.durationMs),
      stoppedAt(o),
    ]);
  }
  return table.toString();
}
