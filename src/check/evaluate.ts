// Expectations × match results → one verdict per expectation, with reasons a CI log can show. Pure.
import type { MatchResult } from '../match/index.js';
import { plural } from '../report/format.js';
import { checkOperation, failureException, opLabel, unexplainedErrors } from './op-checks.js';
import { countRange, describeSelect } from './select.js';
import type { CheckReport, Expectation, ExpectationFile, ExpectationVerdict } from './types.js';

/** Past this many reasons an expectation's list is cut: one broken selector should not flood the log. */
const MAX_REASONS = 20;

export function evaluate(file: ExpectationFile, ops: readonly MatchResult[]): CheckReport {
  const verdicts = file.expectations.map((e) => verdict(e, ops));
  const failed = verdicts.filter((v) => v.status === 'fail').length;
  return { file: file.path, operations: ops.length, verdicts, passed: verdicts.length - failed, failed };
}

export function verdict(e: Expectation, ops: readonly MatchResult[]): ExpectationVerdict {
  const s = e.spec;
  const selected = ops.filter(e.selects);
  const reasons: string[] = [];
  const what = describeSelect(s.select);

  if (s.count !== undefined) {
    const n = selected.length;
    const c = s.count;
    const ok = typeof c === 'number' ? n === c : (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
    if (!ok) reasons.push(`${what}: found ${n}, expected ${typeof c === 'number' ? `exactly ${c}` : countRange(c)}`);
  } else if (selected.length === 0) {
    reasons.push(`no operation matches: ${what}`);
  }

  const ids = selected.map((o) => o.requestId);
  const shared = new Set(ids.filter((id, i) => ids.indexOf(id) !== i));
  for (const op of selected) {
    const label = opLabel(op, shared.has(op.requestId));
    reasons.push(...checkOperation(e, op, label));
    if (s.noFailed && op.outcome === 'failed') {
      const exc = failureException(op);
      reasons.push(`${label} failed${op.failure?.stage ? ` at \`${op.failure.stage}\`` : ''}${exc ? `: ${exc}` : ''}`);
    }
  }

  if (s.noUnknownErrors || s.unknownErrors !== undefined) {
    const want = s.unknownErrors ?? 0;
    const found = selected.reduce((n, op) => n + unexplainedErrors(op), 0);
    if (found !== want) {
      reasons.push(`${what}: ${plural(found, 'unexplained error line')}, expected ${want === 0 ? 'none' : want}`);
      for (const op of selected) {
        const label = opLabel(op, shared.has(op.requestId));
        for (const note of op.notes) if (note.startsWith('unexplained ') || note.startsWith('… and ')) reasons.push(`  ${label}: ${note}`);
      }
    }
  }

  const cut = reasons.length > MAX_REASONS ? [...reasons.slice(0, MAX_REASONS), `… and ${reasons.length - MAX_REASONS} more`] : reasons;
  return {
    index: e.index,
    name: e.name,
    status: reasons.length === 0 ? 'pass' : 'fail',
    selected: selected.map((o) => o.requestId ?? '—'),
    checked: checkedList(e),
    reasons: cut,
    durationMs: selected.length === 1 && s.select !== 'all' && (s.select.requestId ?? s.select.instance) !== undefined ? selected[0]!.durationMs : 0,
  };
}

function checkedList(e: Expectation): string[] {
  const s = e.spec;
  const out: string[] = [];
  if (s.operation !== undefined) out.push(`operation ${s.operation}`);
  if (s.variant !== undefined) out.push(`variant ${s.variant ?? 'none'}`);
  if (s.outcome !== undefined) out.push(`outcome ${s.outcome}`);
  if (s.stages) out.push(plural(s.stages.length, 'stage') + ' reached');
  if (s.notStages) out.push(plural(s.notStages.length, 'stage') + ' not reached');
  if (s.failure !== undefined) out.push(s.failure === null ? 'no failure' : 'failure');
  if (s.maxDurationMs !== undefined) out.push(`duration ≤ ${s.maxDurationMs} ms`);
  if (s.stageBudgetsMs) out.push(plural(Object.keys(s.stageBudgetsMs).length, 'stage budget'));
  if (s.noFailed) out.push('none failed');
  if (s.noUnknownErrors) out.push('no unexplained error lines');
  if (s.unknownErrors !== undefined) out.push(`${s.unknownErrors} unexplained error lines`);
  if (s.count !== undefined) out.push(typeof s.count === 'number' ? `count ${s.count}` : `count ${countRange(s.count)}`);
  return out;
}
