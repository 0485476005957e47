// Turns validated model definitions into the compiled form the matcher reads: every pattern is
// anchored and compiled exactly once here, with a literal-prefix gate for the hot path.
import type { Level, MarkerSpec } from '../types.js';
import { literalPrefix, requiredLiteral } from './literal-prefix.js';
import type {
  ActionSpec,
  CommonDefinition,
  CompiledAction,
  CompiledFailure,
  CompiledMarker,
  CompiledModel,
  ModelDefinition,
  ModelFailureSpec,
} from './model-types.js';
import { namedGroups } from './validate.js';

/** `^(?:…)$` unless the pattern is already anchored at both ends. */
export function anchor(pattern: string): string {
  if (pattern.startsWith('^') && pattern.endsWith('$') && !pattern.endsWith('\\$')) return pattern;
  return `^(?:${pattern})$`;
}

/**
 * Compiled once per spec object: the common failures (_common.json) are part of every model, and
 * compiling them again for each of the 31 models was most of the models' load time at start-up.
 * Sharing is safe: the regexes have no `g`/`y` flag, so exec keeps no state.
 */
const compiled = new WeakMap<MarkerSpec, CompiledMarker>();

export function compileMarker(spec: MarkerSpec): CompiledMarker {
  let c = compiled.get(spec);
  if (c === undefined) compiled.set(spec, (c = compileMarkerOnce(spec)));
  return c;
}

/**
 * The gates of a pattern: its literal prefix, and when it has none the literal every match contains.
 * Working them out took ~30 ms for the ~400 built-in patterns at every start-up (code that runs once is
 * interpreted): the build saves them with the built-in models (see load.ts) and they are learnt from there.
 */
const gates = new Map<string, readonly [prefix: string, needle: string]>();

export function gatesOf(pattern: string): readonly [prefix: string, needle: string] {
  let g = gates.get(pattern);
  if (g === undefined) {
    const prefix = literalPrefix(pattern);
    g = [prefix, prefix.length > 0 ? '' : requiredLiteral(pattern.startsWith('^') ? pattern.slice(1) : pattern)];
    gates.set(pattern, g);
  }
  return g;
}

/** Gates worked out before (by the build, for the built-in models). */
export function learnGates(known: readonly (readonly [pattern: string, prefix: string, needle: string])[]): void {
  for (const [p, prefix, needle] of known) if (!gates.has(p)) gates.set(p, [prefix, needle]);
}

function compileMarkerOnce(spec: MarkerSpec): CompiledMarker {
  let levels: Set<Level> | null = null;
  if (spec.level !== undefined) {
    levels = new Set(Array.isArray(spec.level) ? spec.level : [spec.level]);
    // Havana logged at AUDIT what later releases log at INFO.
    if (levels.has('INFO')) levels.add('AUDIT');
  }
  const [prefix, needle] = gatesOf(spec.pattern);
  return {
    spec,
    re: new RegExp(anchor(spec.pattern), 'su'),
    prefix,
    needle,
    service: spec.service ?? null,
    logger: spec.logger === undefined ? null : new RegExp(anchor(spec.logger), 'u'),
    levels,
    groups: namedGroups(spec.pattern),
  };
}

function compileAction(spec: ActionSpec): CompiledAction {
  return { spec, body: spec.body === undefined ? null : new RegExp(spec.body, 'u') };
}

function compileFailure(spec: ModelFailureSpec, common: boolean): CompiledFailure {
  return {
    spec,
    id: spec.id,
    severity: spec.severity ?? 'fatal',
    priority: spec.priority ?? 0,
    markers: spec.markers.map(compileMarker),
    common,
  };
}

/** Last dotted component of a lock closure name: `terminate_instance.<locals>.do_terminate_instance` → `do_terminate_instance`. */
export function lockLeaf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? name : name.slice(i + 1);
}

/** Every marker of a compiled model: stages, success, failures (shared ones included), recognise and variant messages. */
export function markersOf(m: CompiledModel): CompiledMarker[] {
  const out: CompiledMarker[] = [];
  for (const s of m.stages) out.push(...s.markers);
  out.push(...m.success);
  for (const f of m.failures) out.push(...f.markers);
  out.push(...m.recognise.messages);
  for (const v of m.variants) out.push(...v.messages);
  return out;
}

export function compileModel(def: ModelDefinition, file: string, common: CommonDefinition | null): CompiledModel {
  const failures = def.failures.map((f) => compileFailure(f, false));
  if (common && def.inheritCommon !== false) failures.push(...common.failures.map((f) => compileFailure(f, true)));
  return {
    id: def.id,
    title: def.title,
    specificity: def.specificity ?? 0,
    file,
    definition: def,
    recognise: {
      api: (def.recognise.api ?? []).map((a) => ({
        method: a.method,
        path: new RegExp(anchor(a.path), 'u'),
        body: a.body === undefined ? null : new RegExp(a.body, 'u'),
      })),
      actions: (def.recognise.actions ?? []).map(compileAction),
      locks: (def.recognise.locks ?? []).map(lockLeaf),
      messages: (def.recognise.messages ?? []).map(compileMarker),
    },
    variants: (def.variants ?? []).map((v) => ({
      id: v.id,
      title: v.title ?? v.id,
      actions: (v.when.actions ?? []).map(compileAction),
      messages: (v.when.messages ?? []).map(compileMarker),
    })),
    defaultVariant: def.defaultVariant ?? null,
    stages: def.stages.map((s, index) => ({
      spec: s,
      id: s.id,
      index,
      markers: s.markers.map(compileMarker),
      variants: s.variants ? new Set(s.variants) : null,
    })),
    success: def.success.map(compileMarker),
    failures,
  };
}
