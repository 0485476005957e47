// What the schema cannot know: operation, variant, stage and failure ids must exist in the models
// (built-in plus --models), count ranges must make sense, names must be unique (JUnit test names).
import type { CompiledModel } from '../models/index.js';
import type { JsonPath, SchemaIssue } from './schema-validator.js';
import { suggest } from './words.js';
import type { ExpectationFileSpec, ExpectationSpec } from './types.js';

/** Failure id the matcher gives when only the access line's HTTP status says the request failed. */
const HTTP_FAILURE = 'http_error';

interface Vocabulary {
  models: Map<string, CompiledModel>;
}

function oneOf(what: string, known: string[], found: string): string {
  const near = suggest(found, known);
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, …` : known.join(', ');
  return near ? `${what} such as "${near}" (known: ${list})` : `${what} (known: ${list})`;
}

export function semanticIssues(spec: ExpectationFileSpec, models: readonly CompiledModel[]): SchemaIssue | null {
  const v: Vocabulary = { models: new Map(models.map((m) => [m.id, m])) };
  const names = new Map<string, number>();
  for (let i = 0; i < spec.expectations.length; i++) {
    const e = spec.expectations[i]!;
    const issue = checkExpectation(e, v, ['expectations', i]);
    if (issue) return issue;
    if (e.name !== undefined) {
      const prev = names.get(e.name);
      if (prev !== undefined) return { path: ['expectations', i, 'name'], expected: `a name used once (JUnit test names must differ)`, found: `"${e.name}", also the name of expectations[${prev}]` };
      names.set(e.name, i);
    }
  }
  return null;
}

function checkExpectation(e: ExpectationSpec, v: Vocabulary, at: JsonPath): SchemaIssue | null {
  const operationIds = [...v.models.keys(), 'unknown'];
  const selOps = e.select === 'all' || e.select.operation === undefined ? null : Array.isArray(e.select.operation) ? e.select.operation : [e.select.operation];
  for (const [i, op] of (selOps ?? []).entries()) {
    if (!operationIds.includes(op)) {
      const path = Array.isArray((e.select as { operation: unknown }).operation) ? [...at, 'select', 'operation', i] : [...at, 'select', 'operation'];
      return { path, expected: oneOf('an operation id', operationIds, op), found: `"${op}"` };
    }
  }
  if (e.operation !== undefined && !operationIds.includes(e.operation)) {
    return { path: [...at, 'operation'], expected: oneOf('an operation id', operationIds, e.operation), found: `"${e.operation}"` };
  }
  // The models the expectation can be about: the one it states, else the selected ones, else all.
  const scope = e.operation !== undefined ? [e.operation] : (selOps ?? [...v.models.keys()]);
  const scoped = scope.map((id) => v.models.get(id)).filter((m): m is CompiledModel => m !== undefined);
  const where = e.operation ?? (selOps ? selOps.join('/') : 'any model');

  const variants = [...new Set(scoped.flatMap((m) => m.variants.map((x) => x.id)))];
  const checkVariant = (variant: string | null | undefined, path: JsonPath): SchemaIssue | null =>
    variant === undefined || variant === null || variants.includes(variant)
      ? null
      : { path, expected: variants.length ? oneOf(`a variant of ${where}`, variants, variant) : `null (${where} has no variants)`, found: `"${variant}"` };
  const vi = (e.select !== 'all' ? checkVariant(e.select.variant, [...at, 'select', 'variant']) : null) ?? checkVariant(e.variant, [...at, 'variant']);
  if (vi) return vi;

  const stageIds = [...new Set(scoped.flatMap((m) => m.stages.map((s) => s.id)))];
  const checkStage = (id: string, path: JsonPath): SchemaIssue | null =>
    stageIds.includes(id)
      ? null
      : { path, expected: stageIds.length ? oneOf(`a stage of ${where}`, stageIds, id) : `no stage (${where} has none)`, found: `"${id}"` };
  for (const key of ['stages', 'notStages'] as const) {
    for (const [i, id] of (e[key] ?? []).entries()) {
      const issue = checkStage(id, [...at, key, i]);
      if (issue) return issue;
    }
  }
  for (const id of Object.keys(e.stageBudgetsMs ?? {})) {
    const issue = checkStage(id, [...at, 'stageBudgetsMs', id]);
    if (issue) return issue;
  }
  const both = (e.stages ?? []).find((s) => e.notStages?.includes(s));
  if (both) return { path: [...at, 'notStages'], expected: 'stages not also listed in "stages"', found: `"${both}" in both` };
  if (e.failure) {
    if (typeof e.failure.stage === 'string') {
      const issue = checkStage(e.failure.stage, [...at, 'failure', 'stage']);
      if (issue) return issue;
    }
    const failureIds = [...new Set([...scoped.flatMap((m) => m.failures.map((f) => f.id)), HTTP_FAILURE])];
    if (e.failure.id !== undefined && !failureIds.includes(e.failure.id)) {
      return { path: [...at, 'failure', 'id'], expected: oneOf(`a failure id of ${where}`, failureIds, e.failure.id), found: `"${e.failure.id}"` };
    }
  }
  const c = e.count;
  if (typeof c === 'object' && c.min !== undefined && c.max !== undefined && c.min > c.max) {
    return { path: [...at, 'count'], expected: 'min ≤ max', found: `min ${c.min}, max ${c.max}` };
  }
  return null;
}
