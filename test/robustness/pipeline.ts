// Runs one generated case through the library pipeline (analyze → match → every renderer) and checks
// the invariants of the issue. Throws (node:assert) on the first broken one, so it works both inside
// a fast-check property and in plain scripts. Returns the JSON document, for same-input comparisons.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { analyze } from '../../src/analyze/index.js';
import { compareRecords } from '../../src/correlate/index.js';
import { matchTimeline, type MatchResult } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import { createPalette } from '../../src/report/colors.js';
import { operationJson, recordJson, renderJson, sourceJson } from '../../src/report/json.js';
import { renderListTable } from '../../src/report/list-table.js';
import { renderOperation } from '../../src/report/operation-text.js';
import { computeStats } from '../../src/report/stats.js';
import { renderStats } from '../../src/report/stats-text.js';
import { renderSources, renderSummary, summarize } from '../../src/report/summary-text.js';
import { renderTimeline } from '../../src/report/timeline-text.js';
import type { LogRecord, Timeline } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';
import { encode, split, type PipelineCase, type StreamCase } from './arbitraries.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'output.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
export const validateOutput = ajv.compile(schema);

const models = loadModels();
const PLAIN = { palette: createPalette(0), verbose: false, width: 120 };
const VERBOSE = { palette: createPalette(3), verbose: true, width: 80 };

/** Lines in a byte stream as the reader counts them: one per LF, plus an unterminated last line. */
export function countLines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return b.length > 0 && b[b.length - 1] !== 10 ? n + 1 : n;
}

/** Lines longer than the bound (bytes, without the LF). */
export function countLong(b: Buffer, max: number): number {
  let n = 0;
  let start = 0;
  while (start < b.length) {
    let nl = b.indexOf(10, start);
    if (nl < 0) nl = b.length;
    if (nl - start > max) n++;
    start = nl + 1;
  }
  return n;
}

export interface PipelineRun {
  json: string;
  records: number;
  operations: number;
}

/** The key of the timeline a multi-create split part came from (its own key when not a part). */
function baseKey(t: Timeline): string {
  const only = t.instances.length === 1 ? t.instances[0] : undefined;
  if (!t.background && only !== undefined && t.key.endsWith(`/${only}`)) return t.key.slice(0, -only.length - 1);
  return t.key;
}

export async function runPipeline(c: PipelineCase, rechunk?: (s: StreamCase) => number[]): Promise<PipelineRun> {
  try {
    return await checkPipeline(c, rechunk);
  } catch (err) {
    dumpCase(c);
    throw err;
  }
}

/** With NOVA_TRACE_FUZZ_DUMP=dir, a failing case's streams are written there (plain bytes) to replay by hand. */
export function dumpCase(c: PipelineCase): void {
  const dir = process.env.NOVA_TRACE_FUZZ_DUMP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const s of c.streams) writeFileSync(join(dir, s.name), s.bytes);
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ ...c, streams: c.streams.map((s) => ({ ...s, bytes: s.bytes.length })) }, null, 2));
}

async function checkPipeline(c: PipelineCase, rechunk?: (s: StreamCase) => number[]): Promise<PipelineRun> {
  const timelines: Timeline[] = [];
  let merged = 0;
  const summary = await analyze({
    inputs: c.streams.map((s) => ({
      kind: 'stream' as const,
      name: s.name,
      stream: Readable.from(rechunk ? split(encode({ ...s, cuts: [] })[0] ?? Buffer.alloc(0), rechunk(s)) : encode(s)),
    })),
    maxLineBytes: c.maxLineBytes,
    year: c.year,
    needles: c.needle === null ? null : { terms: [c.needle], learnInstances: c.learnInstances },
    correlate: { maxOpen: c.maxOpen, maxRecordsPerTimeline: c.maxRecords },
    onTimeline: (t) => timelines.push(t),
    onRecord: () => {
      merged++;
    },
  });

  // ── every line accounted for ──
  assert.equal(summary.problems.length, 0, `no stream can fail to open: ${summary.problems.join('; ')}`);
  assert.equal(summary.sources.length, c.streams.length);
  let totalRecords = 0;
  for (const [i, s] of summary.sources.entries()) {
    const sc = c.streams[i]!;
    assert.equal(s.linesRead, s.records + s.folded + s.unparsed + s.skipped, `${s.source}: linesRead = records + folded + unparsed + skipped`);
    if (sc.gzip === 'truncated') {
      assert.ok(s.linesRead <= countLines(sc.bytes), `${s.source}: no more lines than written`);
      assert.ok(s.warnings.some((w) => w.includes(sc.name) && /gzip/.test(w)), `${s.source}: truncated gzip is reported (${s.warnings.join('; ')})`);
    } else {
      assert.equal(s.linesRead, countLines(sc.bytes), `${s.source}: every line read`);
      assert.equal(s.cut, countLong(sc.bytes, c.maxLineBytes), `${s.source}: over-long lines counted as cut`);
    }
    assert.ok(s.unparsedSamples.every((u) => u.line >= 1 && u.line <= s.linesRead));
    totalRecords += s.records;
  }
  assert.equal(merged, totalRecords, 'every parsed record reaches correlation');

  // ── every record ends in a timeline, is counted as unattached, or as dropped by the per-request bound ──
  const inTimelines = new Set<LogRecord>();
  let droppedTotal = 0;
  let lastSplit: string | null = null;
  for (const t of timelines) {
    for (const r of t.records) inTimelines.add(r);
    // The parts of a split multi-create timeline come one after the other and share its dropped count.
    const base = baseKey(t);
    if (base === t.key || base !== lastSplit) droppedTotal += t.droppedRecords;
    lastSplit = base === t.key ? null : base;
  }
  assert.equal(
    inTimelines.size + summary.correlate.unattached + droppedTotal,
    totalRecords,
    `records (${totalRecords}) = in timelines (${inTimelines.size}) + unattached (${summary.correlate.unattached}) + dropped (${droppedTotal})`,
  );
  if (c.maxOpen < 20_000) assert.ok(summary.correlate.evicted >= 0);

  // ── match and render everything ──
  const results: MatchResult[] = timelines.map((t) => matchTimeline(t, models, { inputEnd: summary.inputEnd }));
  for (const o of results) {
    assert.ok(Number.isFinite(o.durationMs) && o.durationMs >= 0, `operation ${o.requestId}: duration ${o.durationMs} is a non-negative number`);
    assert.ok(Number.isNaN(o.start) ? Number.isNaN(o.end) : o.start <= o.end, `operation ${o.requestId}: start ≤ end`);
    for (const s of o.stages) assert.ok(s.durationMs === null || s.durationMs >= 0, `stage ${s.id}: duration ${s.durationMs} ≥ 0`);
    assert.ok(o.idleMs === null || o.idleMs >= 0, `idle ${o.idleMs} ≥ 0`);
  }
  const records = [...inTimelines].sort(compareRecords);
  const json = renderJson({ sources: summary.sources, operations: results, records, extra: { query: REQ_QUERY, evicted: summary.correlate.evicted } });
  // Written in pieces, the document must be exactly what one JSON.stringify of it gives.
  const whole = { schemaVersion: 1, sources: summary.sources.map(sourceJson), operations: results.map(operationJson), records: records.map(recordJson), query: REQ_QUERY, evicted: summary.correlate.evicted };
  assert.equal(json, JSON.stringify(whole, null, 2), 'renderJson pieces = JSON.stringify of the whole document');
  const doc = JSON.parse(json);
  if (!validateOutput(doc)) assert.fail(`JSON output does not validate: ${ajv.errorsText(validateOutput.errors)}`);

  for (const ctx of [PLAIN, VERBOSE]) {
    const table = renderListTable(results, ctx);
    assert.equal(typeof table, 'string');
    if (ctx === PLAIN) assert.doesNotMatch(table, /\bNaN\b|Invalid Date|undefined/, 'the list table has no NaN/undefined cells');
    for (const o of results) assert.equal(typeof renderOperation(o, ctx), 'string');
    assert.equal(typeof renderTimeline(records, ctx), 'string');
    assert.equal(typeof renderSummary(summarize(records, []), ctx), 'string');
    assert.equal(typeof renderSources(summary.sources, ctx), 'string');
    assert.equal(typeof renderStats(computeStats(results), ctx), 'string');
  }
  return { json, records: totalRecords, operations: results.length };
}

const REQ_QUERY = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';

/** The plain bytes a stream case decodes to (for truncated gzip: what zlib recovers). */
export function plainBytes(s: StreamCase): Buffer {
  if (s.gzip !== 'truncated') return s.bytes;
  const data = Buffer.concat(encode(s));
  return gunzipSync(data, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
}
