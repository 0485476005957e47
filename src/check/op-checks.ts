// The per-operation assertions of an expectation. Each returns the reasons it does not hold (empty when
// it does), worded for a CI log: "boot req-… reached `spawning` but not `spawned`; failed: X".
import type { MatchResult } from '../match/index.js';
import { shortExceptionName } from '../match/index.js';
import { formatDuration } from '../report/format.js';
import { operationLabel } from '../report/list-table.js';
import type { Expectation } from './types.js';

const tick = (s: string) => `\`${s}\``;

/** `boot req-…` (with the instance when a request covers several). */
export function opLabel(op: MatchResult, withInstance = false): string {
  const inst = withInstance && op.instance ? ` on ${op.instance}` : '';
  return `${operationLabel(op)} ${op.requestId ?? '(no request id)'}${inst}`;
}

/** The exception the operation failed with, as `list` shows it: root cause first. */
export function failureException(op: MatchResult): string | null {
  const f = op.failure;
  if (!f) return null;
  const cls = f.rootCause ?? f.exception;
  return cls === null ? null : shortExceptionName(cls);
}

/** Error lines no model explains. The matcher lists them as notes (capped, with a "… N more" line). */
export function unexplainedErrors(op: MatchResult): number {
  if (op.operation === 'unknown') return op.errorCount;
  let n = 0;
  for (const note of op.notes) {
    if (note.startsWith('unexplained ')) n++;
    else {
      const more = /^… and (\d+) more unexplained error lines$/.exec(note);
      if (more) n += Number(more[1]);
    }
  }
  return n;
}

function lastReached(op: MatchResult): string | null {
  let best: { id: string; at: number } | null = null;
  for (const s of op.stages) if (s.reached && (best === null || (s.at ?? -Infinity) >= best.at)) best = { id: s.id, at: s.at ?? -Infinity };
  return best?.id ?? null;
}

/** What became of the operation, for the end of a reason: `failed: NoValidHost`, `incomplete`. */
function fate(op: MatchResult): string {
  if (op.outcome === 'failed') {
    const exc = failureException(op);
    return exc ? `failed: ${exc}` : `failed${op.failure?.stage ? ` at ${tick(op.failure.stage)}` : ''}`;
  }
  if (op.outcome === 'incomplete') {
    const last = lastReached(op);
    return last ? `incomplete after ${tick(last)}` : 'incomplete';
  }
  return op.outcome === 'completed' ? '' : op.outcome;
}

const withFate = (text: string, op: MatchResult) => (fate(op) ? `${text}; ${fate(op)}` : text);

export function checkOperation(e: Expectation, op: MatchResult, label: string): string[] {
  const s = e.spec;
  const out: string[] = [];
  if (s.operation !== undefined && op.operation !== s.operation) out.push(`${label} was matched as ${operationLabel(op)}, expected ${s.operation}`);
  if (s.variant !== undefined && op.variant !== s.variant) out.push(`${label} has variant ${op.variant ?? 'none'}, expected ${s.variant ?? 'none'}`);
  if (s.outcome !== undefined && op.outcome !== s.outcome) {
    const f = fate(op);
    out.push(`${label} ${op.outcome === 'completed' ? 'completed' : f || op.outcome}, expected ${s.outcome}`);
  }
  if (s.stages) out.push(...checkStages(s.stages, op, label));
  if (s.notStages) {
    const bad = s.notStages.filter((id) => op.stages.some((x) => x.id === id && x.reached));
    if (bad.length > 0) out.push(`${label} reached ${bad.map(tick).join(', ')}, expected not to`);
  }
  if (s.failure !== undefined) out.push(...checkFailure(e, op, label));
  if (s.maxDurationMs !== undefined && op.durationMs > s.maxDurationMs) {
    out.push(`${label} took ${formatDuration(op.durationMs)}, budget ${formatDuration(s.maxDurationMs)}`);
  }
  for (const [id, budget] of Object.entries(s.stageBudgetsMs ?? {})) {
    const st = op.stages.find((x) => x.id === id);
    if (st?.durationMs != null && st.durationMs > budget) out.push(`${label} spent ${formatDuration(st.durationMs)} in ${tick(id)}, budget ${formatDuration(budget)}`);
  }
  return out;
}

function checkStages(expected: string[], op: MatchResult, label: string): string[] {
  const byId = new Map(op.stages.map((x) => [x.id, x]));
  const missing = expected.filter((id) => byId.get(id)?.reached !== true);
  if (missing.length > 0) {
    const last = lastReached(op);
    const head = last ? `${label} reached ${tick(last)} but not ${missing.map(tick).join(', ')}` : `${label} reached no stage (expected ${missing.map(tick).join(', ')})`;
    return [withFate(head, op)];
  }
  for (let i = 1; i < expected.length; i++) {
    const a = byId.get(expected[i - 1]!)!;
    const b = byId.get(expected[i]!)!;
    if (a.at !== null && b.at !== null && b.at < a.at) return [`${label} reached ${tick(b.id)} before ${tick(a.id)} (${formatDuration(a.at - b.at)} earlier)`];
  }
  return [];
}

function checkFailure(e: Expectation, op: MatchResult, label: string): string[] {
  const want = e.spec.failure!;
  const f = op.failure;
  if (want === null) return f ? [`${label} ${fate(op) || 'has a failure'}, expected no failure`] : [];
  if (!f) return [withFate(`${label} has no failure, expected one${want.exception ? ` (${want.exception})` : ''}`, op)];
  const out: string[] = [];
  if (want.id !== undefined && f.id !== want.id) out.push(`${label} failed with ${f.id}, expected ${want.id}`);
  if (want.exception !== undefined) {
    const names = [f.exception, f.rootCause].filter((x): x is string => x !== null).flatMap((x) => [x, shortExceptionName(x)]);
    if (!names.includes(want.exception)) out.push(`${label} failed with ${failureException(op) ?? 'no exception'}, expected ${want.exception}`);
  }
  if (e.message && !e.message.test(f.message)) out.push(`${label} failure message ${JSON.stringify(f.message)} does not match /${e.message.source}/`);
  if (want.stage !== undefined && f.stage !== want.stage) out.push(`${label} failed at ${f.stage === null ? 'no stage' : tick(f.stage)}, expected ${want.stage === null ? 'no stage' : tick(want.stage)}`);
  return out;
}
