import Table from 'cli-table3';
import type { RenderContext } from './context.js';
import { formatDuration } from './format.js';
import type { DurationStats, OperationStats } from './stats.js';

const PLAIN_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '',
  'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: ' ',
};

function cells(d: DurationStats | null): string[] {
  return d === null ? ['—', '—', '—', '—'] : [d.p50, d.p95, d.p99, d.max].map((x) => formatDuration(x));
}

export function renderStats(stats: OperationStats[], ctx: RenderContext): string {
  const p = ctx.palette;
  if (stats.length === 0) return p.dim('no operations found');
  const table = new Table({
    head: ['OPERATION / STAGE', 'COUNT', 'FAILED', 'INCOMPLETE', 'P50', 'P95', 'P99', 'MAX'],
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 1 },
    chars: PLAIN_CHARS,
  });
  for (const s of stats) {
    table.push([p.bold(s.operation), String(s.count), s.failed > 0 ? p.error(String(s.failed)) : '0', String(s.incomplete), ...cells(s.total)]);
    for (const st of s.stages) if (st.reached > 0) table.push([`  ${st.id}`, String(st.reached), '', '', ...cells(st.duration)]);
    for (const f of s.failures) table.push([p.error(`  ✗ ${f.cause}`), String(f.count), '', '', '', '', '', '']);
  }
  return table.toString() + '\n' + p.dim('Durations: operation totals of completed operations; stages from each stage to the next one reached.');
}
