// `select` → a predicate over match results, and the words for it in default expectation names.
import type { MatchResult } from '../match/index.js';
import { isoTime } from '../report/json.js';
import type { ExpectationSpec, SelectSpec } from './types.js';

/** `req-<uuid>` in lower case, whatever way it was written (bare uuid, upper case). */
export function normalizeRequestId(id: string): string {
  const lower = id.toLowerCase();
  return lower.startsWith('req-') ? lower : `req-${lower}`;
}

const asList = <T>(v: T | T[] | undefined): T[] | null => (v === undefined ? null : Array.isArray(v) ? v : [v]);

export function compileSelect(select: SelectSpec): (op: MatchResult) => boolean {
  if (select === 'all') return () => true;
  const requestId = select.requestId === undefined ? null : normalizeRequestId(select.requestId);
  const globalId = select.globalRequestId === undefined ? null : normalizeRequestId(select.globalRequestId);
  const instance = select.instance?.toLowerCase() ?? null;
  const operations = asList(select.operation);
  const outcomes = asList(select.outcome);
  const start = select.start === undefined ? null : Date.parse(select.start);
  return (op) =>
    (requestId === null || op.requestId === requestId) &&
    (globalId === null || op.globalRequestId === globalId) &&
    (instance === null || op.instance === instance) &&
    (operations === null || operations.includes(op.operation)) &&
    (select.variant === undefined || op.variant === select.variant) &&
    (outcomes === null || outcomes.includes(op.outcome)) &&
    (select.host === undefined || op.hosts.includes(select.host)) &&
    (start === null || op.start === start);
}

/** `all operations`, `req-…`, `boot operations on 87da350f-…`: the selection in words. */
export function describeSelect(select: SelectSpec): string {
  if (select === 'all') return 'all operations';
  const parts: string[] = [];
  const ops = asList(select.operation);
  const opText = ops ? ops.join('/') + (select.variant ? ` (${select.variant})` : '') : null;
  if (select.requestId) parts.push(`${opText ? `${opText} ` : ''}${normalizeRequestId(select.requestId)}`);
  else parts.push(`${opText ?? 'all'} operations`);
  if (select.globalRequestId) parts.push(`under ${normalizeRequestId(select.globalRequestId)}`);
  if (select.instance) parts.push(`on ${select.instance.toLowerCase()}`);
  if (select.host) parts.push(`on host ${select.host}`);
  const outcomes = asList(select.outcome);
  if (outcomes) parts.push(`that ${outcomes.join(' or ')}`);
  if (select.start) parts.push(`started ${select.start}`);
  return parts.join(' ');
}

/** The default name of an expectation: its selection and what it states. */
export function defaultName(spec: ExpectationSpec): string {
  const said: string[] = [];
  if (spec.operation !== undefined) said.push(spec.variant ? `${spec.operation} (${spec.variant})` : spec.operation);
  if (spec.outcome !== undefined) said.push(spec.outcome);
  if (spec.stages) said.push(`reaches ${spec.stages.join(', ')}`);
  if (spec.notStages) said.push(`never ${spec.notStages.join(', ')}`);
  if (spec.failure !== undefined) said.push(spec.failure === null ? 'no failure' : `fails with ${spec.failure.exception ?? spec.failure.id ?? 'a failure'}`);
  if (spec.maxDurationMs !== undefined) said.push(`within ${spec.maxDurationMs} ms`);
  if (spec.stageBudgetsMs) said.push('stage budgets');
  if (spec.noFailed) said.push('none failed');
  if (spec.noUnknownErrors) said.push('no unexplained error lines');
  if (spec.unknownErrors !== undefined) said.push(`${spec.unknownErrors} unexplained error lines`);
  if (spec.count !== undefined) said.push(typeof spec.count === 'number' ? `exactly ${spec.count}` : countRange(spec.count));
  return `${describeSelect(spec.select)}: ${said.join('; ')}`;
}

export function countRange(c: { min?: number; max?: number }): string {
  if (c.min !== undefined && c.max !== undefined) return `${c.min} to ${c.max}`;
  return c.min !== undefined ? `at least ${c.min}` : `at most ${c.max}`;
}

/** The ISO start time used by `select.start`. */
export function startText(op: MatchResult): string | null {
  return isoTime(op.start);
}
