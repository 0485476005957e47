// `check --update` over an existing file: regenerate what the logs show, keep what people wrote.
// Kept: the file's $schema, description and inputs (unless new paths were given); per operation, a
// hand-chosen name, the description, and budgets that still hold (when --budgets is not given); any
// other hand-written expectation that still holds. Dropped (and said so): hand-written ones that no
// longer hold. Running it twice gives the same file; `check` right after it passes.
import type { MatchResult } from '../match/index.js';
import { compileExpectations } from './load-expectations.js';
import { verdict } from './evaluate.js';
import { normalizeRequestId } from './select.js';
import { COUNT_NAME, ERRORS_NAME, generateAggregates, generateOperations, type GenerateOptions } from './generate.js';
import type { ExpectationFileSpec, ExpectationSpec } from './types.js';

export interface RefreshOptions extends GenerateOptions {
  /** `$schema` for a new file (a path relative to the file, or a URL). */
  schemaRef: string;
  /** Inputs to record (relative to the file), or null to keep the file's own. */
  inputs: string[] | null;
  /** `--year` to record, or null to keep the file's own. */
  year?: number | null;
}

export interface Refreshed {
  spec: ExpectationFileSpec;
  /** Names of hand-written expectations dropped because they no longer hold, with the first reason. */
  dropped: string[];
}

export function refreshExpectations(old: ExpectationFileSpec | null, ops: readonly MatchResult[], opts: RefreshOptions): Refreshed {
  const perOp = generateOperations(ops, opts);
  const bySelect = new Map(perOp.map((e) => [JSON.stringify(e.select), e]));
  const kept: ExpectationSpec[] = [];
  const dropped: string[] = [];
  for (const e of old?.expectations ?? []) {
    const gen = bySelect.get(JSON.stringify(sortedSelect(e.select)));
    if (gen) {
      carryOver(e, gen, ops, opts);
      continue;
    }
    if (e.select === 'all' && (e.name === COUNT_NAME || e.name === ERRORS_NAME)) continue;
    const failure = firstReason(e, ops);
    if (failure === null) kept.push(e);
    else dropped.push(`${e.name ?? compileExpectations({ version: 1, expectations: [e] })[0]!.name}: ${failure}`);
  }
  const spec: ExpectationFileSpec = { $schema: old?.$schema ?? opts.schemaRef, version: 1, expectations: [] };
  if (old?.description !== undefined) spec.description = old.description;
  const inputs = opts.inputs ?? old?.inputs;
  if (inputs !== undefined && inputs.length > 0) spec.inputs = inputs;
  const year = opts.year ?? old?.year;
  if (year !== undefined) spec.year = year;
  spec.expectations = [...generateAggregates(ops), ...kept, ...perOp];
  return { spec, dropped };
}

/** The generated selection with keys in the order `generate` writes, to compare with an old one. */
function sortedSelect(select: ExpectationSpec['select']): ExpectationSpec['select'] {
  if (select === 'all') return select;
  const out: Record<string, unknown> = {};
  for (const k of ['requestId', 'instance', 'start'] as const) if (select[k] !== undefined) out[k] = k === 'requestId' ? normalizeRequestId(select[k]!) : select[k];
  return Object.keys(out).length === Object.keys(select).length ? (out as ExpectationSpec['select']) : select;
}

function carryOver(old: ExpectationSpec, gen: ExpectationSpec, ops: readonly MatchResult[], opts: GenerateOptions): void {
  // A generated name ends with the request id (and instance/start); anything else was chosen by a person.
  const rid = gen.select === 'all' ? undefined : gen.select.requestId;
  if (old.name !== undefined && !(rid !== undefined && old.name.includes(rid))) gen.name = old.name;
  if (old.description !== undefined) gen.description = old.description;
  if (opts.budgets === null && (old.maxDurationMs !== undefined || old.stageBudgetsMs !== undefined)) {
    const budgets: ExpectationSpec = { select: gen.select };
    if (old.maxDurationMs !== undefined) budgets.maxDurationMs = old.maxDurationMs;
    if (old.stageBudgetsMs !== undefined) budgets.stageBudgetsMs = old.stageBudgetsMs;
    if (firstReason(budgets, ops) === null) Object.assign(gen, { maxDurationMs: budgets.maxDurationMs, stageBudgetsMs: budgets.stageBudgetsMs });
  }
}

function firstReason(e: ExpectationSpec, ops: readonly MatchResult[]): string | null {
  const [compiled] = compileExpectations({ version: 1, expectations: [e] });
  const v = verdict(compiled!, ops);
  return v.status === 'pass' ? null : (v.reasons[0] ?? 'does not hold');
}
