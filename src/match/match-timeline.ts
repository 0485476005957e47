// Matches ONE timeline (one request, one instance: the correlation step splits multi-create and
// periodic contexts before this) against the models: which operation, which stages were reached and
// when, how it ended, and what looked wrong. Pure: no I/O, no clock.
import type { CompiledModel } from '../models/model-types.js';
import type { LogRecord, Outcome, Service, StageResult, Timeline } from '../types.js';
import type { AccessLine } from './api-lines.js';
import { buildFailure, type FailureHit, httpFailure, interpolate, pickPrimary, sourceOf } from './failure.js';
import { candidates, FAILURE, modelDispatch, STAGE, SUCCESS } from './dispatch.js';
import { namesInstance } from './lock-lines.js';
import { markerMatches, testMarker } from './marker.js';
import type { MatchFailure, MatchOptions, MatchResult } from './match-types.js';
import { extractFacts, type Recognition, recognise, type TimelineFacts } from './recognise.js';
import { sortRecords } from './sort-records.js';
import { applicableStages } from './stages.js';

export { applicableStages };

const MAX_NOTES_PER_KIND = 5;
/** Stages on different hosts may appear out of order by this much clock skew without a note. */
const CROSS_HOST_SKEW_MS = 2000;

function isError(r: LogRecord): boolean {
  return r.level === 'ERROR' || r.level === 'CRITICAL';
}

function clip(s: string, n = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}


interface Basics {
  start: number;
  end: number;
  hosts: string[];
  services: Service[];
  instance: string | null;
  errorCount: number;
}

function basics(timeline: Timeline, records: readonly LogRecord[]): Basics {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const hosts: string[] = [];
  const services: Service[] = [];
  const instances = new Map<string, number>();
  const notInstances = new Set<string>();
  let errorCount = 0;
  for (const r of records) {
    if (!Number.isNaN(r.time)) {
      if (r.time < start) start = r.time;
      if (r.time > end) end = r.time;
    }
    if (r.host !== null && !hosts.includes(r.host)) hosts.push(r.host);
    if (!services.includes(r.service)) services.push(r.service);
    if (r.instance !== null) {
      if (namesInstance(r)) instances.set(r.instance, (instances.get(r.instance) ?? 0) + 1);
      else notInstances.add(r.instance);
    }
    if (isError(r)) errorCount++;
  }
  // A thinned timeline: each group's first record was counted above, the rest are counted here.
  if (timeline.omitted !== undefined) {
    for (const o of timeline.omitted) {
      if (o.lastTime > end) end = o.lastTime;
      if (o.instance !== null && o.namesInstance) instances.set(o.instance, (instances.get(o.instance) ?? 0) + o.count);
    }
  }
  let instance: string | null = null;
  let best = 0;
  for (const [id, n] of instances) {
    if (n > best) {
      best = n;
      instance = id;
    }
  }
  instance ??= timeline.instances.find((id) => !notInstances.has(id)) ?? null;
  if (start === Number.POSITIVE_INFINITY) {
    start = Number.NaN;
    end = Number.NaN;
  }
  return { start, end, hosts, services, instance, errorCount };
}

const SERVER_IN_PATH = /\/servers\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/;

function instanceFromAccess(facts: TimelineFacts): string | null {
  for (const a of facts.access) {
    const m = SERVER_IN_PATH.exec(a.line.path);
    if (m) return m[1]!;
  }
  return null;
}

/** The access line of the operation: one whose path the model recognises, else the first non-GET, else the first. */
function operationAccess(recognition: Recognition | null, facts: TimelineFacts): { record: LogRecord; line: AccessLine } | null {
  if (facts.access.length === 0) return null;
  const api = recognition?.model.recognise.api ?? [];
  return (
    facts.access.find((a) => api.some((s) => s.method === a.line.method && s.path.test(a.line.path))) ??
    facts.access.find((a) => a.line.method !== 'GET') ??
    facts.access[0]!
  );
}

function unknownResult(timeline: Timeline, records: readonly LogRecord[], b: Basics, facts: TimelineFacts): MatchResult {
  const notes: string[] = [];
  for (const r of records) {
    if (isError(r) && notes.length < MAX_NOTES_PER_KIND) notes.push(`unexplained ${r.level} ${r.logger}: ${clip(r.message)} (${sourceOf(r)})`);
  }
  if (timeline.background) notes.push('background context (periodic task or lifecycle events), no operation recognised');
  const access = operationAccess(null, facts);
  return result(timeline, records, b, {
    operation: 'unknown',
    variant: null,
    confidence: 0,
    outcome: 'unknown',
    stages: [],
    failure: null,
    idleMs: null,
    notes,
    apiStatus: access?.line.status ?? null,
    modelFile: null,
  });
}

type Verdict = Pick<MatchResult, 'operation' | 'variant' | 'confidence' | 'outcome' | 'stages' | 'failure' | 'idleMs' | 'notes' | 'apiStatus' | 'modelFile'>;

/** A result: the timeline's own facts around the verdict, in the documented field order (JSON output). */
function result(timeline: Timeline, records: readonly LogRecord[], b: Basics, v: Verdict): MatchResult {
  return {
    requestId: timeline.requestId,
    globalRequestId: timeline.globalRequestId,
    relatedRequestIds: [...timeline.related],
    operation: v.operation,
    variant: v.variant,
    confidence: v.confidence,
    instance: b.instance,
    hosts: b.hosts,
    services: b.services,
    start: b.start,
    end: b.end,
    durationMs: Number.isNaN(b.start) ? 0 : b.end - b.start,
    outcome: v.outcome,
    stages: v.stages,
    failure: v.failure,
    idleMs: v.idleMs,
    notes: v.notes,
    errorCount: b.errorCount,
    recordCount: records.length + omittedCount(timeline),
    apiStatus: v.apiStatus,
    modelFile: v.modelFile,
  };
}

function omittedCount(timeline: Timeline): number {
  let n = 0;
  if (timeline.omitted !== undefined) for (const o of timeline.omitted) n += o.count;
  return n;
}

interface StageHit {
  index: number;
  record: LogRecord;
}

/**
 * Matches one timeline. `timeline.records` need not be sorted (a sorted copy is used). Returns a result
 * for every timeline: `operation: 'unknown'` when no model recognises it.
 */
export function matchTimeline(timeline: Timeline, models: readonly CompiledModel[], opts: MatchOptions): MatchResult {
  const records = sortRecords(timeline.records);
  const facts = extractFacts(records);
  const b = basics(timeline, records);
  // A request rejected by nova-api may name its server only in the URI of its access line.
  if (b.instance === null) b.instance = instanceFromAccess(facts);
  const recognition = recognise(records, models, facts);
  if (recognition === null) return unknownResult(timeline, records, b, facts);

  const { model, variant } = recognition;
  const stages = applicableStages(model, variant);
  const stageHits = new Map<string, StageHit>();
  const successIdx: number[] = [];
  const hits: FailureHit[] = [];
  const notes: string[] = [];
  const unexplained: LogRecord[] = [];

  const dispatch = modelDispatch(model, variant);
  const stageHitList: Array<StageHit | undefined> = new Array(stages.length);
  const failureSeen = new Int32Array(model.failures.length).fill(-1);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const error = isError(r);
    let explained = false;
    let success = false;
    for (const slot of candidates(dispatch, r.message)) {
      if (slot.kind === STAGE) {
        if (stageHitList[slot.ref] !== undefined && (!error || explained)) continue;
        if (!markerMatches(slot.marker, r)) continue;
        explained = true;
        if (stageHitList[slot.ref] === undefined) stageHitList[slot.ref] = { index: i, record: r };
      } else if (slot.kind === SUCCESS) {
        if (success || !markerMatches(slot.marker, r)) continue;
        success = true;
        explained = true;
        successIdx.push(i);
      } else {
        if (failureSeen[slot.ref] === i) continue;
        const hit = testMarker(slot.marker, r);
        if (hit === null) continue;
        failureSeen[slot.ref] = i;
        explained = true;
        hits.push({ failure: model.failures[slot.ref]!, index: i, record: r, groups: { ...hit.groups } });
      }
    }
    if (!explained && error) unexplained.push(r);
  }
  stages.forEach((s, k) => {
    const h = stageHitList[k];
    if (h) stageHits.set(s.id, h);
  });

  const access = operationAccess(recognition, facts);
  const apiStatus = access?.line.status ?? null;
  const lastSuccess = successIdx.length > 0 ? successIdx[successIdx.length - 1]! : -1;

  // ── outcome ──
  let outcome: Outcome;
  let failure: MatchFailure | null = null;
  // A final failure stands even when a success line follows it (see ModelFailureSpec.final).
  const fatal = hits.filter((h) => h.failure.severity === 'fatal' && (h.index > lastSuccess || h.failure.spec.final === true));
  const causesOnly = hits.filter((h) => h.failure.severity === 'cause' && h.index > lastSuccess);
  const failedStage = (h: FailureHit): string | null => {
    const want = h.failure.spec.stage;
    if (want !== undefined && stages.some((s) => s.id === want)) return want;
    let best: { id: string; index: number } | null = null;
    for (const s of stages) {
      const sh = stageHits.get(s.id);
      if (sh && sh.index <= h.index && (best === null || sh.index >= best.index)) best = { id: s.id, index: sh.index };
    }
    return best?.id ?? null;
  };
  const requiredLast = [...stages].reverse().find((s) => s.spec.optional !== true) ?? null;
  // Without the variant, the required stages of the variants (compute side of a delete, the offload of
  // a shelve …) are unknown: reaching the shared ones proves nothing.
  const variantKnownEnough = variant !== null || model.stages.every((s) => s.variants === null || s.spec.optional === true);

  if (fatal.length > 0) {
    outcome = 'failed';
    const primary = pickPrimary(fatal)!;
    failure = buildFailure({ primary, hits: hits.filter((h) => h.index > lastSuccess || h.failure.severity !== 'fatal' || h.failure.spec.final === true), records, end: b.end, stage: failedStage(primary), apiStatus });
  } else if (successIdx.length > 0) {
    outcome = 'completed';
  } else if (apiStatus !== null && apiStatus >= 400) {
    outcome = 'failed';
    const apiStage = stages.find((s) => s.spec.service === 'api')?.id ?? stages[0]?.id ?? null;
    failure = httpFailure(access!.record, apiStatus, apiStage);
  } else if (causesOnly.length > 0) {
    outcome = 'failed';
    const primary = pickPrimary(causesOnly)!;
    failure = buildFailure({ primary, hits, records, end: b.end, stage: failedStage(primary), apiStatus });
  } else if ((requiredLast === null || stageHits.has(requiredLast.id)) && variantKnownEnough) {
    outcome = 'completed';
  } else {
    outcome = 'incomplete';
  }

  // ── stages, durations ──
  const reached = stages
    .filter((s) => stageHits.has(s.id))
    .map((s) => ({ s, hit: stageHits.get(s.id)! }))
    .sort((x, y) => x.hit.index - y.hit.index);
  const duration = new Map<string, number | null>();
  for (let k = 0; k < reached.length; k++) {
    const cur = reached[k]!;
    const nextAt = k + 1 < reached.length ? reached[k + 1]!.hit.record.time : b.end;
    const d = nextAt - cur.hit.record.time;
    duration.set(cur.s.id, Number.isNaN(d) ? null : Math.max(0, d));
  }
  const stageResults: StageResult[] = stages.map((s) => {
    const hit = stageHits.get(s.id);
    return {
      id: s.id,
      title: s.spec.title,
      service: s.spec.service,
      host: hit?.record.host ?? null,
      reached: hit !== undefined,
      at: hit && !Number.isNaN(hit.record.time) ? hit.record.time : null,
      durationMs: duration.get(s.id) ?? null,
    };
  });

  // ── notes ──
  let prev: { id: string; record: LogRecord } | null = null;
  for (const s of stages) {
    const hit = stageHits.get(s.id);
    if (!hit) continue;
    if (prev !== null) {
      const skew = prev.record.host === hit.record.host ? 0 : CROSS_HOST_SKEW_MS;
      if (hit.record.time + skew < prev.record.time) {
        notes.push(`stage ${s.id} (${sourceOf(hit.record)}) reached before stage ${prev.id} (${sourceOf(prev.record)})`);
      }
    }
    if (prev === null || hit.record.time >= prev.record.time) prev = { id: s.id, record: hit.record };
  }
  if (failure !== null) {
    // The other failure lines after the decisive one: what else nova did about it (set to ERROR, reverted…).
    const seen = new Set([failure.id]);
    for (const h of fatal) {
      if (seen.has(h.failure.id)) continue;
      seen.add(h.failure.id);
      if (seen.size > MAX_NOTES_PER_KIND + 1) break;
      notes.push(`also ${h.failure.id}: ${interpolate(h.failure.spec.explanation, h.groups)} (${sourceOf(h.record)})`);
    }
  }
  const warnings = hits.filter((h) => h.failure.severity === 'warning');
  for (const h of warnings.slice(0, MAX_NOTES_PER_KIND)) {
    notes.push(`${h.failure.id}: ${interpolate(h.failure.spec.explanation, h.groups)}${h.record.host ? ` [${h.record.host}]` : ''} (${sourceOf(h.record)})`);
  }
  if (warnings.length > MAX_NOTES_PER_KIND) notes.push(`… and ${warnings.length - MAX_NOTES_PER_KIND} more warnings`);
  if (lastSuccess >= 0) {
    const recovered = hits.filter((h) => h.failure.severity === 'fatal' && !h.failure.spec.final && h.index < lastSuccess);
    for (const h of recovered.slice(0, MAX_NOTES_PER_KIND)) {
      notes.push(`recovered: ${h.failure.id} (${clip(h.record.message, 100)})${h.record.host ? ` [${h.record.host}]` : ''} before the success line (${sourceOf(h.record)})`);
    }
  }
  for (const r of unexplained.slice(0, MAX_NOTES_PER_KIND)) {
    notes.push(`unexplained ${r.level} ${r.logger}: ${clip(r.message)} (${sourceOf(r)})`);
  }
  if (unexplained.length > MAX_NOTES_PER_KIND) notes.push(`… and ${unexplained.length - MAX_NOTES_PER_KIND} more unexplained error lines`);
  let idleMs: number | null = null;
  if (outcome === 'incomplete') {
    idleMs = Number.isNaN(b.end) ? null : Math.max(0, opts.inputEnd - b.end);
    const last = reached[reached.length - 1];
    const task = last?.s.spec.taskState;
    if (task) notes.push(`instance left in ${task} (last stage reached: ${last.s.id})`);
  }
  if (timeline.background) notes.push('performed by a background context (periodic task or lifecycle handling)');
  if (timeline.droppedRecords > 0) notes.push(`${timeline.droppedRecords} records dropped (per-operation bound reached)`);

  return result(timeline, records, b, {
    operation: model.id,
    variant,
    confidence: recognition.confidence,
    outcome,
    stages: stageResults,
    failure,
    idleMs,
    notes,
    apiStatus,
    modelFile: model.file,
  });
}
