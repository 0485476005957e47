// `check --format markdown`: for CI step summaries ($GITHUB_STEP_SUMMARY, GitLab job summaries).
// Failures first in a table with their reasons; passes folded into a <details> block.
import { plural } from '../report/format.js';
import type { CheckReport } from './types.js';

/** Safe inside a GFM table cell: no raw HTML or control characters, pipes escaped, one line. */
export function mdCell(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

export function renderMarkdown(report: CheckReport): string {
  const failed = report.verdicts.filter((v) => v.status === 'fail');
  const passed = report.verdicts.filter((v) => v.status === 'pass');
  const total = plural(report.verdicts.length, 'expectation');
  const title = failed.length === 0 ? `✅ nova-trace check: ${total}, all passed` : `❌ nova-trace check: ${failed.length} of ${total} failed`;
  const out = [`### ${title}`, '', `\`${mdCell(report.file)}\` · ${plural(report.operations, 'operation')} read`, ''];
  if (failed.length > 0) {
    out.push('| | Expectation | Why |', '| --- | --- | --- |');
    for (const v of failed) out.push(`| ❌ | ${mdCell(v.name)} | ${v.reasons.map(mdCell).join('<br>')} |`);
    out.push('');
  }
  if (passed.length > 0) {
    out.push(`<details><summary>${plural(passed.length, 'expectation')} passed</summary>`, '');
    out.push('| | Expectation | Checked |', '| --- | --- | --- |');
    for (const v of passed) out.push(`| ✅ | ${mdCell(v.name)} | ${mdCell(v.checked.join(', '))} |`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
