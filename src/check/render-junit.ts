// `check --format junit`: one <testcase> per expectation, the JUnit XML that Jenkins, GitLab and GitHub
// test reporters read. A testcase's time is the logged duration of the operation it selects (when it
// selects exactly one), so reports stay the same from run to run.
import type { CheckReport } from './types.js';

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates): replaced, not escaped.
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string, attribute = false): string {
  let s = text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attribute) s = s.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
  return s;
}

/** `fixtures/check/x/expectations.json` → `fixtures.check.x.expectations`: Jenkins reads package.class. */
export function classnameOf(file: string): string {
  const parts = file.replace(/\\/g, '/').replace(/\.(json|ya?ml)$/i, '').split('/').filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts.map((p) => p.replace(/[^\w-]+/g, '_')).join('.') || 'expectations';
}

const seconds = (ms: number) => (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0).toFixed(3);

export function renderJunit(report: CheckReport): string {
  const classname = xmlEscape(classnameOf(report.file), true);
  const total = report.verdicts.reduce((t, v) => t + (Number.isFinite(v.durationMs) && v.durationMs > 0 ? v.durationMs : 0), 0);
  const counts = `tests="${report.verdicts.length}" failures="${report.failed}" errors="0"`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nova-trace check" ${counts} time="${seconds(total)}">`,
    `  <testsuite name="${xmlEscape(report.file, true)}" ${counts} skipped="0" time="${seconds(total)}">`,
  ];
  for (const v of report.verdicts) {
    const head = `    <testcase classname="${classname}" name="${xmlEscape(v.name, true)}" time="${seconds(v.durationMs)}"`;
    if (v.status === 'pass') {
      out.push(`${head}/>`);
      continue;
    }
    out.push(`${head}>`);
    out.push(`      <failure message="${xmlEscape(v.reasons[0] ?? 'deviation', true)}" type="deviation">${xmlEscape(v.reasons.join('\n'))}</failure>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}
