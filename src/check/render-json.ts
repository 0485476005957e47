// `check --json`: the versioned document every command prints, with the verdicts under `check`.
import type { AnalyzeSummary } from '../analyze/index.js';
import type { MatchResult } from '../match/index.js';
import { renderJson } from '../report/json.js';
import type { CheckReport } from './types.js';

export function renderCheckJson(report: CheckReport, sources: AnalyzeSummary['sources'], operations: readonly MatchResult[]): string {
  const check = {
    file: report.file,
    total: report.verdicts.length,
    passed: report.passed,
    failed: report.failed,
    expectations: report.verdicts.map((v) => ({
      index: v.index,
      name: v.name,
      status: v.status,
      selected: v.selected,
      checked: v.checked,
      reasons: v.reasons,
    })),
  };
  return renderJson({ sources, operations: [...operations], extra: { check } });
}
