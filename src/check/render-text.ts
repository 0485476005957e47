// `check` for people: one line per expectation (PASS/FAIL), the reasons under each failure, a count.
import type { RenderContext } from '../report/context.js';
import { plural } from '../report/format.js';
import type { CheckReport } from './types.js';

export function renderCheckText(report: CheckReport, ctx: RenderContext): string {
  const p = ctx.palette;
  const lines = [p.bold(`nova-trace check: ${report.file}`) + p.dim(` (${plural(report.operations, 'operation')} read)`), ''];
  for (const v of report.verdicts) {
    if (v.status === 'pass') {
      lines.push(`  ${p.ok('PASS')}  ${v.name}`);
      continue;
    }
    lines.push(`  ${p.error('FAIL')}  ${v.name}`);
    for (const r of v.reasons) lines.push(`        ${r.replace(/\n/g, '\n        ')}`);
  }
  if (report.verdicts.length === 0) lines.push(p.dim('  no expectations in the file'));
  lines.push('', summaryLine(report, ctx));
  return lines.join('\n');
}

export function summaryLine(report: CheckReport, ctx: RenderContext): string {
  const p = ctx.palette;
  const total = plural(report.verdicts.length, 'expectation');
  if (report.failed === 0) return p.ok(`${total}: all passed`);
  return `${total}: ${p.ok(`${report.passed} passed`)}, ${p.error(`${report.failed} failed`)}`;
}
