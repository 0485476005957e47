// The merged timeline of one request as text: time, offset, where, level, message; tracebacks folded
// under their line (shown with --verbose).
import type { Level, LogRecord } from '../types.js';
import type { RenderContext } from './context.js';
import { formatOffset, formatTime, trim } from './format.js';
import { whereOf } from './where.js';

const ERRORISH: ReadonlySet<Level> = new Set(['ERROR', 'CRITICAL', 'TRACE']);

export function renderTimeline(records: LogRecord[], ctx: RenderContext): string {
  const { palette: p } = ctx;
  if (records.length === 0) return '';
  const t0 = records.find((r) => Number.isFinite(r.time))?.time ?? NaN;
  // A loop, not Math.max(...records): spreading a huge request's records overflows the stack.
  let whereWidth = 5;
  for (const r of records) whereWidth = Math.max(whereWidth, Math.min(28, whereOf(r).length));
  const fixed = 23 + 2 + 9 + 2 + whereWidth + 2 + 8 + 1;
  const msgWidth = ctx.verbose ? Infinity : Math.max(40, ctx.width - fixed);
  const lines: string[] = [];
  lines.push(p.dim(`${'TIME'.padEnd(23)}  ${'OFFSET'.padEnd(9)}  ${'WHERE'.padEnd(whereWidth)}  ${'LEVEL'.padEnd(8)} MESSAGE`));
  for (const r of records) {
    const level = r.level.padEnd(8);
    const head = `${formatTime(r.time)}  ${formatOffset(r.time - t0).padEnd(9)}  ${trim(whereOf(r), whereWidth).padEnd(whereWidth)}  `;
    const msg = trim(r.message, msgWidth);
    if (ERRORISH.has(r.level)) lines.push(head + p.error(level) + ' ' + p.error(msg));
    else if (r.level === 'WARNING') lines.push(head + p.warn(level) + ' ' + p.warn(msg));
    else if (r.level === 'DEBUG') lines.push(p.dim(head + level) + ' ' + msg);
    else lines.push(head + level + ' ' + msg);
    if (r.traceback.length > 0) {
      const pad = ' '.repeat(fixed);
      if (ctx.verbose) {
        for (const t of r.traceback) lines.push(pad + p.dim('│ ') + t);
      } else {
        const last = lastMeaningful(r.traceback);
        const what = isTraceback(r.traceback) ? 'traceback' : 'continuation';
        lines.push(pad + p.dim(`↳ ${what}: ${r.traceback.length} lines folded${last ? ` · ${trim(last, Math.max(30, msgWidth - 30))}` : ''} (--verbose shows them)`));
      }
    }
  }
  return lines.join('\n');
}

function isTraceback(lines: string[]): boolean {
  return lines.some((l) => l.startsWith('Traceback (most recent call last)'));
}

/** The last non-empty folded line: for a traceback, the exception. */
function lastMeaningful(lines: string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!.trim();
    if (l !== '') return l;
  }
  return null;
}
