// Which model a timeline is: weigh the evidence each model's `recognise` block finds (the API dispatch
// line names the action for sure; the access path, a compute lock closure or a distinctive message
// less so), pick the strongest, then the variant.
import type { CompiledAction, CompiledModel } from '../models/model-types.js';
import type { LogRecord } from '../types.js';
import { type AccessLine, type ActionLine, parseAccessLine, parseActionLine } from './api-lines.js';
import { candidates, recogniseDispatch } from './dispatch.js';
import { lockLeaf } from './lock-lines.js';
import { testMarker } from './marker.js';

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

function modelEvidence(model: CompiledModel, facts: TimelineFacts): Evidence[] {
  const out: Evidence[] = [];
  const r = model.recognise;
  for (const { record, line } of facts.actions) {
    const spec = r.actions.find((a) => actionMatches(a, line));
    if (spec) out.push({ kind: 'action', detail: line.bodyKey ?? line.method ?? line.action, record });
  }
  for (const { record, line } of facts.access) {
    const api = r.api.find(
      (a) => a.method === line.method && a.path.test(line.path) && (a.body === null || facts.actions.some((x) => a.body!.test(x.line.body))),
    );
    if (api) out.push({ kind: 'api', detail: `${line.method} ${line.path}`, record });
  }
  if (r.locks.length > 0) {
    for (const { record, leaf } of facts.locks) {
      if (r.locks.includes(leaf)) out.push({ kind: 'lock', detail: leaf, record });
    }
  }
  return out;
}

/** `recognise.messages` evidence of every model, in one pass over the records. */
function messageEvidence(records: readonly LogRecord[], models: readonly CompiledModel[]): Evidence[][] {
  const out: Evidence[][] = models.map(() => []);
  const d = recogniseDispatch(models);
  const seen = new Int32Array(models.length).fill(-1);
  records.forEach((record, i) => {
    for (const slot of candidates(d, record.message)) {
      if (seen[slot.ref] === i || testMarker(slot.marker, record) === null) continue;
      seen[slot.ref] = i;
      out[slot.ref]!.push({ kind: 'message', detail: slot.marker.spec.pattern, record });
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
    if (v.messages.length > 0 && records.some((rec) => v.messages.some((m) => testMarker(m, rec) !== null))) return v.id;
  }
  return model.defaultVariant;
}

/** Recognises the operation of a (sorted) timeline, or null when no model finds any evidence. */
export function recognise(records: readonly LogRecord[], models: readonly CompiledModel[], facts = extractFacts(records)): Recognition | null {
  const scored: Array<{ model: CompiledModel; evidence: Evidence[]; score: number }> = [];
  const messages = messageEvidence(records, models);
  for (let k = 0; k < models.length; k++) {
    const model = models[k]!;
    const evidence = [...modelEvidence(model, facts), ...messages[k]!];
    if (evidence.length > 0) scored.push({ model, evidence, score: score(model, evidence) });
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
