// Validation of model files: every problem is a ValidationError carrying the file, the JSON path
// (`$.stages[3].markers[0].pattern`), what was expected and what was found (lnav's format loader,
// changesets' parse errors). Hand-written rather than JSON-Schema so regexes are compiled and
// cross-references (stage ids, variants, `{group}` placeholders) are checked in the same pass.
import { ValidationError } from '../errors.js';
import type { Level, MarkerSpec, OperationModel, Service } from '../types.js';
import type {
  ActionSpec,
  CommonDefinition,
  FailureSeverity,
  ModelDefinition,
  ModelFailureSpec,
  ModelRecogniseSpec,
  ModelStageSpec,
  VariantSpec,
} from './model-types.js';

export const SERVICES: readonly Service[] = ['api', 'conductor', 'scheduler', 'compute', 'other'];
export const LEVELS: readonly Level[] = ['DEBUG', 'INFO', 'AUDIT', 'WARNING', 'ERROR', 'CRITICAL', 'TRACE'];
const SEVERITIES: readonly FailureSeverity[] = ['fatal', 'cause', 'context', 'warning'];
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];
const ID_RE = /^[a-z][a-z0-9_]*$/;

type Json = unknown;

function describe(v: Json): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Compiles like the matcher does (unicode mode); returns the RegExp error text or null. */
export function regexError(source: string): string | null {
  try {
    new RegExp(source, 'u');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Named groups of a pattern, read from its source. */
export function namedGroups(source: string): string[] {
  const out: string[] = [];
  const re = /\(\?<([A-Za-z_$][\w$]*)>/g;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push(m[1]!);
  return out;
}

class Checker {
  constructor(readonly file: string) {}

  fail(path: string, expected: string, found: Json | string, raw = false): never {
    throw new ValidationError(this.file, path, expected, raw ? String(found) : describe(found));
  }

  object(v: Json, path: string, allowed: readonly string[]): Record<string, Json> {
    if (!isObject(v)) this.fail(path, 'an object', v);
    for (const key of Object.keys(v)) {
      if (key === '$schema' || key === '$comment') continue;
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, `one of the keys ${allowed.join(', ')}`, `unknown key "${key}"`, true);
    }
    return v;
  }

  string(v: Json, path: string, what = 'a non-empty string'): string {
    if (typeof v !== 'string' || v.length === 0) this.fail(path, what, v);
    return v;
  }

  optString(v: Json, path: string): string | undefined {
    return v === undefined ? undefined : this.string(v, path);
  }

  id(v: Json, path: string): string {
    const s = this.string(v, path, 'an id (lower-case letters, digits, _)');
    if (!ID_RE.test(s)) this.fail(path, 'an id matching ^[a-z][a-z0-9_]*$', s);
    return s;
  }

  bool(v: Json, path: string): boolean | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(path, 'true or false', v);
    return v;
  }

  number(v: Json, path: string): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, 'a number', v);
    return v;
  }

  array(v: Json, path: string, nonEmpty = false): Json[] {
    if (!Array.isArray(v)) this.fail(path, nonEmpty ? 'a non-empty array' : 'an array', v);
    if (nonEmpty && v.length === 0) this.fail(path, 'a non-empty array', v);
    return v;
  }

  regex(v: Json, path: string): string {
    const s = this.string(v, path, 'a regular expression (string)');
    const err = regexError(s);
    if (err !== null) this.fail(path, 'a regular expression that compiles', err, true);
    return s;
  }

  oneOf<T extends string>(v: Json, path: string, values: readonly T[]): T {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) this.fail(path, `one of ${values.join(', ')}`, v);
    return v as T;
  }

  marker(v: Json, path: string): MarkerSpec {
    const o = this.object(v, path, ['pattern', 'service', 'logger', 'level']);
    const m: MarkerSpec = { pattern: this.regex(o.pattern, `${path}.pattern`) };
    if (o.service !== undefined) m.service = this.oneOf(o.service, `${path}.service`, SERVICES);
    if (o.logger !== undefined) m.logger = this.regex(o.logger, `${path}.logger`);
    if (o.level !== undefined) {
      if (Array.isArray(o.level)) {
        m.level = this.array(o.level, `${path}.level`, true).map((l, i) => this.oneOf(l, `${path}.level[${i}]`, LEVELS));
      } else {
        m.level = this.oneOf(o.level, `${path}.level`, LEVELS);
      }
    }
    return m;
  }

  markers(v: Json, path: string, nonEmpty = true): MarkerSpec[] {
    return this.array(v, path, nonEmpty).map((m, i) => this.marker(m, `${path}[${i}]`));
  }

  action(v: Json, path: string): ActionSpec {
    const o = this.object(v, path, ['action', 'method', 'body']);
    if (o.action === undefined && o.method === undefined) this.fail(path, 'an "action" (body key) or a "method" (Controller.method)', 'neither');
    const a: ActionSpec = {};
    if (o.action !== undefined) a.action = this.string(o.action, `${path}.action`);
    if (o.method !== undefined) {
      a.method = this.string(o.method, `${path}.method`);
      if (!/^\w+\.\w+$/.test(a.method)) this.fail(`${path}.method`, 'Controller.method', a.method);
    }
    if (o.body !== undefined) a.body = this.regex(o.body, `${path}.body`);
    return a;
  }

  recognise(v: Json, path: string): ModelRecogniseSpec {
    const o = this.object(v, path, ['api', 'actions', 'locks', 'messages']);
    const r: ModelRecogniseSpec = {};
    if (o.api !== undefined) {
      r.api = this.array(o.api, `${path}.api`).map((a, i) => {
        const p = `${path}.api[${i}]`;
        const ao = this.object(a, p, ['method', 'path', 'body']);
        const entry: { method: string; path: string; body?: string } = {
          method: this.oneOf(ao.method, `${p}.method`, HTTP_METHODS),
          path: this.regex(ao.path, `${p}.path`),
        };
        if (ao.body !== undefined) entry.body = this.regex(ao.body, `${p}.body`);
        return entry;
      });
    }
    if (o.actions !== undefined) r.actions = this.array(o.actions, `${path}.actions`).map((a, i) => this.action(a, `${path}.actions[${i}]`));
    if (o.locks !== undefined) {
      r.locks = this.array(o.locks, `${path}.locks`).map((l, i) => {
        const s = this.string(l, `${path}.locks[${i}]`, 'a lock closure name');
        if (!/^[\w.<>]+$/.test(s)) this.fail(`${path}.locks[${i}]`, 'a closure name like terminate_instance.<locals>.do_terminate_instance', s);
        return s;
      });
    }
    if (o.messages !== undefined) r.messages = this.markers(o.messages, `${path}.messages`, false);
    if (!r.api?.length && !r.actions?.length && !r.locks?.length && !r.messages?.length) {
      this.fail(path, 'at least one of api, actions, locks, messages', 'none');
    }
    return r;
  }

  variants(v: Json, path: string): VariantSpec[] {
    const seen = new Set<string>();
    return this.array(v, path).map((x, i) => {
      const p = `${path}[${i}]`;
      const o = this.object(x, p, ['id', 'title', 'when', 'derived']);
      const id = this.id(o.id, `${p}.id`);
      if (seen.has(id)) this.fail(`${p}.id`, 'a variant id not used before', id);
      seen.add(id);
      // A derived variant is set from another request's evidence after matching (resolveAcross); its
      // own lines say nothing, so it has no `when`.
      if (o.derived !== undefined) {
        if (o.derived !== true) this.fail(`${p}.derived`, 'true', JSON.stringify(o.derived));
        if (o.when !== undefined) this.fail(`${p}.when`, 'no evidence for a derived variant', 'when');
        const spec: VariantSpec = { id, when: {}, derived: true };
        const title = this.optString(o.title, `${p}.title`);
        if (title !== undefined) spec.title = title;
        return spec;
      }
      const w = this.object(o.when, `${p}.when`, ['actions', 'messages']);
      const when: VariantSpec['when'] = {};
      if (w.actions !== undefined) when.actions = this.array(w.actions, `${p}.when.actions`).map((a, j) => this.action(a, `${p}.when.actions[${j}]`));
      if (w.messages !== undefined) when.messages = this.markers(w.messages, `${p}.when.messages`, false);
      if (!when.actions?.length && !when.messages?.length) this.fail(`${p}.when`, 'actions or messages', 'none');
      const spec: VariantSpec = { id, when };
      const title = this.optString(o.title, `${p}.title`);
      if (title !== undefined) spec.title = title;
      return spec;
    });
  }

  failure(v: Json, path: string, stageIds: ReadonlySet<string> | null): ModelFailureSpec {
    const o = this.object(v, path, ['id', 'markers', 'stage', 'explanation', 'hint', 'severity', 'priority', 'final']);
    const f: ModelFailureSpec = {
      id: this.id(o.id, `${path}.id`),
      markers: this.markers(o.markers, `${path}.markers`),
      explanation: this.string(o.explanation, `${path}.explanation`),
      hint: this.string(o.hint, `${path}.hint`),
    };
    if (o.stage !== undefined) {
      f.stage = this.id(o.stage, `${path}.stage`);
      if (stageIds && !stageIds.has(f.stage)) this.fail(`${path}.stage`, `a stage id of this model (${[...stageIds].join(', ')})`, f.stage);
    }
    if (o.severity !== undefined) f.severity = this.oneOf(o.severity, `${path}.severity`, SEVERITIES);
    const priority = this.number(o.priority, `${path}.priority`);
    if (priority !== undefined) f.priority = priority;
    if (o.final !== undefined) {
      if (typeof o.final !== 'boolean') this.fail(`${path}.final`, 'true or false', JSON.stringify(o.final));
      f.final = o.final as boolean;
    }
    const groups = new Set(f.markers.flatMap((m) => namedGroups(m.pattern)));
    for (const key of ['explanation', 'hint'] as const) {
      for (const m of f[key].matchAll(/\{(\w+)\}/g)) {
        if (!groups.has(m[1]!)) this.fail(`${path}.${key}`, `placeholders naming a group of the markers (${[...groups].join(', ') || 'none'})`, `{${m[1]}}`, true);
      }
    }
    return f;
  }

  failures(v: Json, path: string, stageIds: ReadonlySet<string> | null, taken: ReadonlySet<string> = new Set()): ModelFailureSpec[] {
    const seen = new Set<string>();
    return this.array(v, path).map((x, i) => {
      const f = this.failure(x, `${path}[${i}]`, stageIds);
      if (seen.has(f.id) || taken.has(f.id)) this.fail(`${path}[${i}].id`, 'a failure id not used before (here or in _common.json)', f.id);
      seen.add(f.id);
      return f;
    });
  }

  samples(v: Json, path: string, stageIds: ReadonlySet<string>, failureIds: ReadonlySet<string>): OperationModel['samples'] {
    return this.array(v, path, true).map((x, i) => {
      const p = `${path}[${i}]`;
      const o = this.object(x, p, ['line', 'expect']);
      const line = this.string(o.line, `${p}.line`);
      const e = this.object(o.expect, `${p}.expect`, ['stage', 'success', 'failure']);
      const expect: OperationModel['samples'][number]['expect'] = {};
      if (e.stage !== undefined) {
        expect.stage = this.string(e.stage, `${p}.expect.stage`);
        if (!stageIds.has(expect.stage)) this.fail(`${p}.expect.stage`, `a stage id of this model (${[...stageIds].join(', ')})`, expect.stage);
      }
      const success = this.bool(e.success, `${p}.expect.success`);
      if (success !== undefined) expect.success = success;
      if (e.failure !== undefined) {
        expect.failure = this.string(e.failure, `${p}.expect.failure`);
        if (!failureIds.has(expect.failure)) this.fail(`${p}.expect.failure`, 'a failure id of this model or of _common.json', expect.failure);
      }
      if (expect.stage === undefined && expect.success === undefined && expect.failure === undefined) {
        this.fail(`${p}.expect`, 'at least one of stage, success, failure', e);
      }
      return { line, expect };
    });
  }
}

/**
 * Validates one parsed model file. `commonFailureIds` are the ids of `_common.json` failures that
 * samples may expect and model failures must not reuse (unless `inheritCommon` is false).
 */
export function validateModel(json: Json, file: string, commonFailureIds: ReadonlySet<string> = new Set()): ModelDefinition {
  const c = new Checker(file);
  const o = c.object(json, '$', [
    'id', 'title', 'specificity', 'variants', 'defaultVariant', 'inheritCommon', 'olderReleases',
    'recognise', 'stages', 'success', 'failures', 'samples',
  ]);
  const id = c.id(o.id, '$.id');
  const title = c.string(o.title, '$.title');
  const specificity = c.number(o.specificity, '$.specificity');
  const variants = o.variants === undefined ? undefined : c.variants(o.variants, '$.variants');
  const variantIds = new Set((variants ?? []).map((v) => v.id));
  const defaultVariant = c.optString(o.defaultVariant, '$.defaultVariant');
  if (defaultVariant !== undefined && !variantIds.has(defaultVariant)) {
    c.fail('$.defaultVariant', `a variant id (${[...variantIds].join(', ') || 'no variants declared'})`, defaultVariant);
  }
  const inheritCommon = c.bool(o.inheritCommon, '$.inheritCommon');
  const olderReleases = c.optString(o.olderReleases, '$.olderReleases');
  const recognise = c.recognise(o.recognise, '$.recognise');

  const stageIds = new Set<string>();
  const stages = c.array(o.stages, '$.stages', true).map((x, i): ModelStageSpec => {
    const p = `$.stages[${i}]`;
    const so = c.object(x, p, ['id', 'title', 'service', 'markers', 'optional', 'taskState', 'variants']);
    const sid = c.id(so.id, `${p}.id`);
    if (stageIds.has(sid)) c.fail(`${p}.id`, 'a stage id not used before', sid);
    stageIds.add(sid);
    const stage: ModelStageSpec = {
      id: sid,
      title: c.string(so.title, `${p}.title`),
      service: c.oneOf(so.service, `${p}.service`, SERVICES),
      markers: c.markers(so.markers, `${p}.markers`),
    };
    const optional = c.bool(so.optional, `${p}.optional`);
    if (optional !== undefined) stage.optional = optional;
    const taskState = c.optString(so.taskState, `${p}.taskState`);
    if (taskState !== undefined) stage.taskState = taskState;
    if (so.variants !== undefined) {
      stage.variants = c.array(so.variants, `${p}.variants`, true).map((v, j) => {
        const vid = c.string(v, `${p}.variants[${j}]`);
        if (!variantIds.has(vid)) c.fail(`${p}.variants[${j}]`, `a variant id (${[...variantIds].join(', ') || 'no variants declared'})`, vid);
        return vid;
      });
    }
    return stage;
  });

  const success = c.markers(o.success ?? [], '$.success', false);
  const inherit = inheritCommon !== false;
  const failures = c.failures(o.failures ?? [], '$.failures', stageIds, inherit ? commonFailureIds : new Set());
  const failureIds = new Set([...failures.map((f) => f.id), ...(inherit ? commonFailureIds : [])]);
  const samples = c.samples(o.samples, '$.samples', stageIds, failureIds);

  const def: ModelDefinition = { id, title, recognise, stages, success, failures, samples };
  if (specificity !== undefined) def.specificity = specificity;
  if (variants !== undefined) def.variants = variants;
  if (defaultVariant !== undefined) def.defaultVariant = defaultVariant;
  if (inheritCommon !== undefined) def.inheritCommon = inheritCommon;
  if (olderReleases !== undefined) def.olderReleases = olderReleases;
  return def;
}

/** Validates `_common.json`: shared failures (their `stage` may name any model's stage) and samples. */
export function validateCommon(json: Json, file: string): CommonDefinition {
  const c = new Checker(file);
  const o = c.object(json, '$', ['failures', 'samples']);
  const failures = c.failures(o.failures, '$.failures', null);
  const samples = c.samples(o.samples, '$.samples', new Set(), new Set(failures.map((f) => f.id)));
  return { failures, samples };
}
