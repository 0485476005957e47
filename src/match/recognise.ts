// Which model a timeline is: weigh the evidence each model's `recognise` block finds (the API dispatch
// line names the action for sure; the access path, a compute lock closure or a distinctive message
// less so), pick the strongest, then the variant.
import type { CompiledAction, CompiledModel } from '../models/model-types.js';
import type { LogRecord } from '../types.js';
import { type AccessLine, type ActionLine, parseAccessLine, parseActionLine } from './api-lines.js';
import { candidates, recogniseDispatch } from './dispatch.js';
import { lockLeaf } from './lock-lines.js';
import { markerMatches } from './marker.js';

export type EvidenceKind = 'action' | 'api' | 'lock' | 'message';

/** How sure each kind of evidence makes us (the result's `confidence` is the best one seen). */
export const EVIDENCE_WEIGHT: Readonly<Record<EvidenceKind, number>> = {
  action: 1,
  api: 0.9,
  lock: 0.85,
  message: 0.7,
};

export interface Evidence {
  kind: EvidenceKind;
  detail: string;
  record: LogRecord;
}

export interface Recognition {
  model: CompiledModel;
  variant: string | null;
  confidence: number;
  evidence: Evidence[];
  /** Runner-up model ids with their scores, for diagnostics. */
  alternatives: Array<{ id: string; score: number }>;
}

/** API and lock facts of a timeline, extracted once. */
export interface TimelineFacts {
  access: Array<{ record: LogRecord; line: AccessLine }>;
  actions: Array<{ record: LogRecord; line: ActionLine }>;
  locks: Array<{ record: LogRecord; leaf: string }>;
}

export function extractFacts(records: readonly LogRecord[]): TimelineFacts {
  const facts: TimelineFacts = { access: [], actions: [], locks: [] };
  for (const record of records) {
    const msg = record.message;
    const c = msg.charCodeAt(0);
    if (c === 76 /* L */) {
      const leaf = lockLeaf(msg);
      if (leaf !== null) facts.locks.push({ record, leaf });
    } else if (c === 65 /* A */ || c === 67 /* C */) {
      const line = parseActionLine(msg, record.traceback);
      if (line) facts.actions.push({ record, line });
    } else {
      const line = parseAccessLine(msg);
      if (line) facts.access.push({ record, line });
    }
  }
  return facts;
}

export function actionMatches(spec: CompiledAction, line: ActionLine): boolean {
  const s = spec.spec;
  if (s.action !== undefined && s.action !== (line.bodyKey ?? line.action)) return false;
  if (s.method !== undefined && s.method !== line.method) return false;
  if (spec.body !== null && !spec.body.test(line.body)) return false;
  return true;
}

/** The evidence lists of models that have none (most models, for any one timeline): never written to. */
const NONE: readonly Evidence[] = [];

function modelEvidence(model: CompiledModel, facts: TimelineFacts): readonly Evidence[] {
  let out: Evidence[] | null = null;
  const r = model.recognise;
  // Plain loops: a `find` callback per line and model was a closure each (~30 models per timeline).
  for (const { record, line } of facts.actions) {
    for (const a of r.actions) {
      if (!actionMatches(a, line)) continue;
      (out ??= []).push({ kind: 'action', detail: line.bodyKey ?? line.method ?? line.action, record });
      break;
    }
  }
  for (const { record, line } of facts.access) {
    for (const a of r.api) {
      if (a.method !== line.method || !a.path.test(line.path) || (a.body !== null && !anyBody(a.body, facts))) continue;
      (out ??= []).push({ kind: 'api', detail: `${line.method} ${line.path}`, record });
      break;
    }
  }
  if (r.locks.length > 0) {
    for (const { record, leaf } of facts.locks) {
      if (r.locks.includes(leaf)) (out ??= []).push({ kind: 'lock', detail: leaf, record });
    }
  }
  return out ?? NONE;
}

/** Whether the body of any dispatch line of the timeline matches. */
function anyBody(body: RegExp, facts: TimelineFacts): boolean {
  for (const x of facts.actions) if (body.test(x.line.body)) return true;
  return false;
}

/** `recognise.messages` evidence of every model, in one pass over the records. */
function messageEvidence(records: readonly LogRecord[], models: readonly CompiledModel[]): Array<readonly Evidence[]> {
  const out: Array<readonly Evidence[]> = new Array<readonly Evidence[]>(models.length).fill(NONE);
  const d = recogniseDispatch(models);
  const seen = new Int32Array(models.length).fill(-1);
  records.forEach((record, i) => {
    for (const slot of candidates(d, record.message)) {
      if (seen[slot.ref] === i || !markerMatches(slot.marker, record)) continue;
      seen[slot.ref] = i;
      const e: Evidence = { kind: 'message', detail: slot.marker.spec.pattern, record };
      const list = out[slot.ref]!;
      if (list === NONE) out[slot.ref] = [e];
      else (list as Evidence[]).push(e);
    }
  });
  return out;
}

function score(model: CompiledModel, evidence: readonly Evidence[]): number {
  if (evidence.length === 0) return 0;
  let best = 0;
  const distinct = new Set<string>();
  for (const e of evidence) {
    best = Math.max(best, EVIDENCE_WEIGHT[e.kind]);
    distinct.add(`${e.kind}:${e.detail}`);
  }
  return best + 0.02 * Math.min(distinct.size, 5) + 0.0001 * model.specificity;
}

/** The variant of `model` this timeline shows: the first whose evidence is present, else the default. */
export function chooseVariant(model: CompiledModel, records: readonly LogRecord[], facts: TimelineFacts): string | null {
  for (const v of model.variants) {
    if (v.actions.some((a) => facts.actions.some((x) => actionMatches(a, x.line)))) return v.id;
    if (v.messages.length > 0 && records.some((rec) => v.messages.some((m) => markerMatches(m, rec)))) return v.id;
  }
  return model.defaultVariant;
}

/** Recognises the operation of a (sorted) timeline, or null when no model finds any evidence. */
export function recognise(records: readonly LogRecord[], models: readonly CompiledModel[], facts = extractFacts(records)): Recognition | null {
  const scored: Array<{ model: CompiledModel; evidence: Evidence[]; score: number }> = [];
  const messages = messageEvidence(records, models);
  for (let k = 0; k < models.length; k++) {
    const model = models[k]!;
    const own = modelEvidence(model, facts);
    const found = messages[k]!;
    if (own.length === 0 && found.length === 0) continue;
    const evidence = own.concat(found);
    scored.push({ model, evidence, score: score(model, evidence) });
  }
  if (scored.length === 0) return null;
  scored.sort((a, b) => b.score - a.score || a.model.id.localeCompare(b.model.id));
  const best = scored[0]!;
  const confidence = Math.max(...best.evidence.map((e) => EVIDENCE_WEIGHT[e.kind]));
  return {
    model: best.model,
    variant: chooseVariant(best.model, records, facts),
    confidence,
    evidence: best.evidence,
    alternatives: scored.slice(1, 4).map((s) => ({ id: s.model.id, score: Math.round(s.score * 1000) / 1000 })),
  };
}
