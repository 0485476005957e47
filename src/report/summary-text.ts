// The summary under a request's timeline, and the input accounting shown under every command.
import type { LogRecord, SourceStats } from '../types.js';
import type { RenderContext } from './context.js';
import { baseName, formatDuration, formatTime, plural } from './format.js';

export interface RequestSummary {
  services: string[];
  hosts: string[];
  first: number;
  last: number;
  durationMs: number;
  errors: number;
  warnings: number;
  related: string[];
}

export function summarize(records: LogRecord[], related: string[]): RequestSummary {
  const services = new Set<string>();
  const hosts = new Set<string>();
  let first = Infinity;
  let last = -Infinity;
  let errors = 0;
  let warnings = 0;
  for (const r of records) {
    services.add(r.service);
    if (r.host !== null) hosts.add(r.host);
    if (r.time < first) first = r.time;
    if (r.time > last) last = r.time;
    if (r.level === 'ERROR' || r.level === 'CRITICAL' || r.level === 'TRACE') errors++;
    else if (r.level === 'WARNING') warnings++;
  }
  const order = ['api', 'conductor', 'scheduler', 'compute', 'other'];
  return {
    services: [...services].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    hosts: [...hosts].sort(),
    first,
    last,
    durationMs: Number.isFinite(first) && Number.isFinite(last) ? last - first : NaN,
    errors,
    warnings,
    related,
  };
}

export function renderSummary(s: RequestSummary, ctx: RenderContext): string {
  const p = ctx.palette;
  const row = (k: string, v: string) => `  ${k.padEnd(10)} ${v}`;
  return [
    p.bold('Summary'),
    row('services', s.services.join(', ') || '—'),
    row('hosts', s.hosts.join(', ') || '— (not in the logs read)'),
    row('first', formatTime(s.first)),
    row('last', formatTime(s.last)),
    row('duration', formatDuration(s.durationMs)),
    row('errors', s.errors > 0 ? p.error(String(s.errors)) : '0') + (s.warnings > 0 ? p.warn(`  (warnings: ${s.warnings})`) : ''),
    row('related', s.related.length > 0 ? s.related.join(', ') : 'none'),
  ].join('\n');
}

/** One line per source: what was read and how every line was accounted for. */
export function renderSources(sources: SourceStats[], ctx: RenderContext): string {
  const p = ctx.palette;
  const out = [p.dim(`Read ${plural(sources.length, 'source')}:`)];
  for (const s of sources) {
    const formats = Object.keys(s.formats).join('+') || 'no records';
    const parts = [`${s.linesRead} lines`, `${s.records} records`, `${s.folded} folded`, `${s.unparsed} unparsed`];
    if (s.skipped > 0) parts.push(`${s.skipped} skipped by the fast path`);
    if (s.cut > 0) parts.push(`${s.cut} cut (too long)`);
    out.push(p.dim(`  ${baseName(s.source)} [${formats}]: ${parts.join(', ')}`));
    for (const w of s.warnings) out.push(p.warn(`  warning: ${w}`));
  }
  return out.join('\n');
}

/** The sources' warnings for stderr, when the output does not show the accounting (JSON, --quiet). */
export function warningLines(sources: SourceStats[]): string {
  return sources.flatMap((s) => s.warnings.map((w) => `nova-trace: warning: ${w}\n`)).join('');
}
