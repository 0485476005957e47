// `check --update`: what the logs show now, as expectations. One per operation (in the order `list`
// shows them: first time, then request id), plus how many operations there are and how many error
// lines no model explains. Durations only with --budgets: timings vary between recordings.
import type { MatchResult } from '../match/index.js';
import { isoTime } from '../report/json.js';
import { operationLabel } from '../report/list-table.js';
import { failureException, unexplainedErrors } from './op-checks.js';
import type { ExpectationSpec, FailureExpect, SelectSpec } from './types.js';

export const COUNT_NAME = 'operations found';
export const ERRORS_NAME = 'unexplained error lines';

export interface GenerateOptions {
  /** Budget = observed duration × this factor (rounded up); null: no budgets. */
  budgets: number | null;
}

/** Rounded up to two significant digits (21543 → 22000), so budgets read as round numbers. */
export function roundBudget(ms: number): number {
  if (ms < 10) return Math.max(1, Math.ceil(ms));
  const step = 10 ** (Math.floor(Math.log10(ms)) - 1);
  return Math.ceil(Math.round((ms / step) * 1e6) / 1e6) * step;
}

export function generateAggregates(ops: readonly MatchResult[]): ExpectationSpec[] {
  const unexplained = ops.reduce((n, op) => n + unexplainedErrors(op), 0);
  return [
    { name: COUNT_NAME, select: 'all', count: ops.length },
    unexplained === 0 ? { name: ERRORS_NAME, select: 'all', noUnknownErrors: true } : { name: ERRORS_NAME, select: 'all', unknownErrors: unexplained },
  ];
}

export function generateOperations(ops: readonly MatchResult[], opts: GenerateOptions): ExpectationSpec[] {
  const key = (op: MatchResult, withInstance: boolean) => `${op.requestId}|${withInstance ? op.instance : ''}`;
  const byRequest = countBy(ops.map((op) => key(op, false)));
  const byInstance = countBy(ops.map((op) => key(op, true)));
  return ops.map((op) => {
    const withInstance = (byRequest.get(key(op, false)) ?? 0) > 1 && op.instance !== null;
    const withStart = op.requestId === null || (byInstance.get(key(op, withInstance)) ?? 0) > 1;
    return operationExpectation(op, { withInstance, withStart }, opts);
  });
}

/** The generated selection of one operation: request id, plus instance and start only when needed. */
export function operationSelect(op: MatchResult, need: { withInstance: boolean; withStart: boolean }): SelectSpec {
  const select: Exclude<SelectSpec, 'all'> = {};
  if (op.requestId !== null) select.requestId = op.requestId;
  if ((need.withInstance || op.requestId === null) && op.instance !== null) select.instance = op.instance;
  const start = isoTime(op.start);
  if (need.withStart && start !== null) select.start = start;
  return select;
}

export function generatedName(op: MatchResult, select: SelectSpec): string {
  const s = select === 'all' ? {} : select;
  const parts = [operationLabel(op), op.requestId ?? '(no request id)'];
  if (s.instance) parts.push(`on ${s.instance}`);
  if (s.start) parts.push(`at ${s.start}`);
  return parts.join(' ');
}

function operationExpectation(op: MatchResult, need: { withInstance: boolean; withStart: boolean }, opts: GenerateOptions): ExpectationSpec {
  const select = operationSelect(op, need);
  const e: ExpectationSpec = { name: generatedName(op, select), select, operation: op.operation };
  if (op.variant !== null) e.variant = op.variant;
  e.outcome = op.outcome;
  const order = new Map(op.stages.map((s, i) => [s.id, i]));
  const reached = op.stages.filter((s) => s.reached).sort((a, b) => (a.at ?? 0) - (b.at ?? 0) || order.get(a.id)! - order.get(b.id)!);
  if (reached.length > 0) e.stages = reached.map((s) => s.id);
  const unreached = op.stages.filter((s) => !s.reached).map((s) => s.id);
  if (unreached.length > 0) e.notStages = unreached;
  if (op.failure) {
    const f: FailureExpect = { id: op.failure.id };
    const exc = failureException(op);
    if (exc !== null) f.exception = exc;
    f.stage = op.failure.stage;
    e.failure = f;
  }
  if (opts.budgets !== null) Object.assign(e, budgetsFor(op, opts.budgets));
  return e;
}

export function budgetsFor(op: MatchResult, factor: number): Pick<ExpectationSpec, 'maxDurationMs' | 'stageBudgetsMs'> {
  const out: Pick<ExpectationSpec, 'maxDurationMs' | 'stageBudgetsMs'> = {};
  if (Number.isFinite(op.durationMs)) out.maxDurationMs = roundBudget(op.durationMs * factor);
  const stages: Record<string, number> = {};
  for (const s of op.stages) if (s.reached && s.durationMs !== null && Number.isFinite(s.durationMs)) stages[s.id] = roundBudget(s.durationMs * factor);
  if (Object.keys(stages).length > 0) out.stageBudgetsMs = stages;
  return out;
}

function countBy(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
