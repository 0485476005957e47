// Property tests on the parser and the line splitter: whatever the text, no exception, every line
// accounted for, every record well-formed, same lines → same records.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { countLines as countChunkLines, wholeLineChunks } from '../../src/input/index.js';
import { createAssembler, parseLine } from '../../src/parse/index.js';
import type { LogRecord } from '../../src/types.js';
import { split, streamBytes } from './arbitraries.js';
import { allLines } from './corpus.js';
import { countLines, countLong } from './pipeline.js';
import { params, TIMEOUT } from './settings.js';

const FORMATS = new Set(['oslo', 'devstack-screen', 'journal-short', 'journal-iso', 'journal-cat', 'journal-json', 'os-log-merger', 'prefixed']);
const SERVICES = new Set(['api', 'conductor', 'scheduler', 'compute', 'other']);
const LEVELS = new Set(['DEBUG', 'INFO', 'AUDIT', 'WARNING', 'ERROR', 'CRITICAL', 'TRACE']);
const REQ_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkRecord(r: LogRecord, lines: number): void {
  assert.equal(typeof r.time, 'number');
  assert.ok(Number.isNaN(r.time) || Number.isFinite(r.time), `time ${r.time}`);
  assert.ok(Number.isNaN(r.time) || Math.abs(r.time) < 8.64e15, `time ${r.time} fits a Date`);
  assert.ok(Number.isInteger(r.micros) && r.micros >= 0 && r.micros <= 999, `micros ${r.micros}`);
  assert.ok(Number.isInteger(r.line) && r.line >= 1 && r.line <= lines, `line ${r.line} of ${lines}`);
  assert.ok(FORMATS.has(r.format), `format ${r.format}`);
  assert.ok(SERVICES.has(r.service), `service ${r.service}`);
  assert.ok(LEVELS.has(r.level), `level ${r.level}`);
  assert.equal(typeof r.logger, 'string');
  assert.equal(typeof r.message, 'string');
  assert.ok(r.requestId === null || REQ_ID.test(r.requestId), `request id ${JSON.stringify(r.requestId)}`);
  assert.ok(r.globalRequestId === null || REQ_ID.test(r.globalRequestId), `global request id ${JSON.stringify(r.globalRequestId)}`);
  assert.ok(r.pid === null || Number.isFinite(r.pid), `pid ${r.pid}`);
  assert.ok(r.traceback.every((t) => typeof t === 'string'));
  assert.ok(r.debug === null || (typeof r.debug.func === 'string' && Number.isFinite(r.debug.line)));
}

/** Pushes lines through one assembler; returns the records (in emission order) and the stats. */
function assemble(lines: string[], skipAt: number | null) {
  const records: LogRecord[] = [];
  const a = createAssembler({ source: 'x.log', service: null, host: null, year: null, referenceTime: Date.UTC(2026, 10, 22) }, (r) => records.push(r));
  lines.forEach((l, i) => {
    if (skipAt !== null && i % 7 === skipAt) a.skip(1);
    else a.push(l, i + 1);
  });
  a.end();
  return { records, stats: a.stats };
}

/** Lines as the reader splits them: LF only; a CR stays in the line (the assembler drops a final one). */
function linesOf(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return text.length === 0 ? [] : lines;
}

describe('parser properties', () => {
  const corpus = allLines();
  const anyLine = fc.oneof(
    fc.constantFrom(...corpus),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.tuple(fc.constantFrom(...corpus), fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).map(([l, k, s]) => {
      const at = k % (l.length + 1);
      return l.slice(0, at) + s + l.slice(at);
    }),
  );

  it('parseLine never throws and returns a well-formed record or raw/noise', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(anyLine, (line) => {
        const p = parseLine(line, { source: 'x.log', service: null, host: null, year: 2026, referenceTime: null });
        assert.ok(p.kind === 'header' || p.kind === 'raw' || p.kind === 'noise');
        if (p.kind === 'header') checkRecord({ ...p.record, line: 1 }, 1);
      }),
      params(2000, 0.35),
    );
  });

  it('assembler: linesRead = records + folded + unparsed + skipped; one emission per record; deterministic', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(streamBytes(), fc.option(fc.integer({ min: 0, max: 6 })), (bytes, skipAt) => {
        const lines = linesOf(bytes);
        const one = assemble(lines, skipAt);
        const s = one.stats;
        assert.equal(s.linesRead, lines.length);
        assert.equal(s.linesRead, s.records + s.folded + s.unparsed + s.skipped);
        assert.equal(one.records.length, s.records);
        assert.equal(new Set(one.records.map((r) => r.line)).size, one.records.length, 'one record per header line');
        for (const r of one.records) checkRecord(r, lines.length);
        const two = assemble(lines, skipAt);
        assert.deepEqual(two.records, one.records);
        assert.deepEqual(two.stats, one.stats);
      }),
      params(400, 0.15),
    );
  });

  it('line splitter: whatever the chunks, every line once, cut to the bound, in order', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(streamBytes(), fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b))),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.constantFrom(1, 5, 64, 1000, 1 << 20),
        async (bytes, cuts, max) => {
          const counters = { cut: 0 };
          async function* src() {
            yield* split(bytes, cuts);
          }
          const out: Buffer[] = [];
          for await (const b of wholeLineChunks(src(), max, counters)) out.push(Buffer.from(b));
          const got = out.reduce((n, b) => n + countChunkLines(b), 0);
          assert.equal(got, countLines(bytes), 'as many lines as LFs (+ an unterminated last line)');
          // Each yielded buffer holds whole lines: its lines equal the input's, each cut to `max`.
          const want: Buffer[] = [];
          let start = 0;
          while (start < bytes.length) {
            let nl = bytes.indexOf(10, start);
            if (nl < 0) nl = bytes.length;
            want.push(bytes.subarray(start, Math.min(nl, start + max)));
            start = nl + 1;
          }
          const have: Buffer[] = [];
          for (const b of out) {
            let s = 0;
            while (s < b.length) {
              let nl = b.indexOf(10, s);
              if (nl < 0) nl = b.length;
              have.push(b.subarray(s, nl));
              s = nl + 1;
            }
          }
          assert.equal(have.length, want.length);
          have.forEach((h, i) => assert.ok(h.equals(want[i]!), `line ${i + 1}`));
          assert.equal(counters.cut, countLong(bytes, max), 'over-long lines counted');
        },
      ),
      params(500, 0.15),
    );
  });
});

