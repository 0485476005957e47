// Per-record dispatch: markers bucketed by the first character of their literal prefix, so a record is
// tested only against markers that can match it (plus those without a prefix). Built once per model
// (and variant) or per model list, cached by identity.
import type { CompiledMarker, CompiledModel } from '../models/model-types.js';
import { applicableStages } from './stages.js';

export const STAGE = 0;
export const SUCCESS = 1;
export const FAILURE = 2;

export interface Slot {
  marker: CompiledMarker;
  kind: typeof STAGE | typeof SUCCESS | typeof FAILURE;
  /** Index of the stage (in the applicable list), of the failure, or of the model. */
  ref: number;
}

export interface Dispatch {
  byChar: Map<number, Slot[]>;
  always: Slot[];
}

export function buildDispatch(slots: readonly Slot[]): Dispatch {
  const always = slots.filter((s) => s.marker.prefix.length === 0);
  const byChar = new Map<number, Slot[]>();
  for (const c of new Set(slots.filter((s) => s.marker.prefix.length > 0).map((s) => s.marker.prefix.charCodeAt(0)))) {
    byChar.set(c, slots.filter((s) => s.marker.prefix.length === 0 || s.marker.prefix.charCodeAt(0) === c));
  }
  return { byChar, always };
}

export function candidates(d: Dispatch, message: string): readonly Slot[] {
  return d.byChar.get(message.charCodeAt(0)) ?? d.always;
}

const modelCache = new WeakMap<CompiledModel, Map<string, Dispatch>>();

/** Stage, success and failure markers of a model for one variant. */
export function modelDispatch(model: CompiledModel, variant: string | null): Dispatch {
  let byVariant = modelCache.get(model);
  if (!byVariant) {
    byVariant = new Map();
    modelCache.set(model, byVariant);
  }
  const key = variant ?? '\u0000';
  let d = byVariant.get(key);
  if (!d) {
    const slots: Slot[] = [];
    applicableStages(model, variant).forEach((s, i) => s.markers.forEach((marker) => slots.push({ marker, kind: STAGE, ref: i })));
    model.success.forEach((marker) => slots.push({ marker, kind: SUCCESS, ref: 0 }));
    model.failures.forEach((f, i) => f.markers.forEach((marker) => slots.push({ marker, kind: FAILURE, ref: i })));
    d = buildDispatch(slots);
    byVariant.set(key, d);
  }
  return d;
}

const recogniseCache = new WeakMap<readonly CompiledModel[], Dispatch>();

/** The `recognise.messages` markers of every model of the list (`ref` = model index). */
export function recogniseDispatch(models: readonly CompiledModel[]): Dispatch {
  let d = recogniseCache.get(models);
  if (!d) {
    const slots: Slot[] = [];
    models.forEach((m, i) => m.recognise.messages.forEach((marker) => slots.push({ marker, kind: STAGE, ref: i })));
    d = buildDispatch(slots);
    recogniseCache.set(models, d);
  }
  return d;
}
