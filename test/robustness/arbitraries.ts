// fast-check arbitraries for whatever is on disk: real lines of every known format, cut, damaged,
// duplicated, swapped, re-timed and interleaved; random text and bytes (NUL, invalid UTF-8, lone CR);
// CR/CRLF/no final newline; over-long lines; split into arbitrary chunks, sometimes gzipped or
// truncated gzip. Everything is derived from the seed, so a failure replays from its seed and path.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { allLines, formatFixtures } from './corpus.js';

export const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
export const FAILED_REQ = 'req-3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7';
export const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';

const NOISE = [
  '\x00', '\x1b[01;31m', '\x1b[00m', '\uFFFD', '\uFEFF', ']', '[', ' ', '{{', '}}', '(pid=', ':', '"', '{', '}', '\r', '\t',
  'req-', '[instance: ', 'Traceback (most recent call last):', 'ERROR', ' TRACE ', '[-]', '[None ', 'None', '\\n', '\u2028', '😀',
];

/** Bytes that break decoders: NUL, lone continuation bytes, truncated sequences, BOM, ESC, CR, LF. */
const BAD_BYTES = [0x00, 0xff, 0xfe, 0xc3, 0xe2, 0x82, 0x80, 0xef, 0xbb, 0xbf, 0x1b, 0x0d, 0x0a, 0x09, 0x7f];

function lineArb(lines: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...lines);
}

/** One line, damaged the way real files are: cut, spliced with noise, digits of its stamp changed. */
function mutatedLine(lines: readonly string[]): fc.Arbitrary<string> {
  const base = lineArb(lines);
  return fc.oneof(
    fc.tuple(base, fc.nat()).map(([l, k]) => l.slice(0, k % (l.length + 1))), // cut (half-written line)
    fc.tuple(base, fc.nat()).map(([l, k]) => l.slice(k % (l.length + 1))), // head lost (rotation mid-line)
    fc.tuple(base, fc.nat(), fc.constantFrom(...NOISE)).map(([l, k, n]) => {
      const at = k % (l.length + 1);
      return l.slice(0, at) + n + l.slice(at + 1);
    }),
    fc.tuple(base, fc.nat(), fc.string({ unit: 'binary', maxLength: 4 })).map(([l, k, s]) => {
      const at = k % (l.length + 1);
      return l.slice(0, at) + s + l.slice(at);
    }),
    // Timestamp digits changed: out of order, clock jumps, impossible dates (month 13, second 61).
    fc.tuple(base, fc.array(fc.tuple(fc.nat(40), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 4 })).map(([l, edits]) => {
      const chars = [...l];
      for (const [i, d] of edits) if (i < chars.length && chars[i]! >= '0' && chars[i]! <= '9') chars[i] = String(d);
      return chars.join('');
    }),
    fc.tuple(base, base).map(([a, b]) => a + b), // two lines glued (lost newline)
    fc.tuple(base, fc.nat()).map(([l, k]) => l + ' ' + 'x'.repeat(k % 3000)), // long tail
  );
}

/** A line as bytes: real, mutated, template, random text, or random bytes. */
function lineBytes(lines: readonly string[]): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 10, arbitrary: lineArb(lines).map((s) => Buffer.from(s)) },
    { weight: 5, arbitrary: mutatedLine(lines).map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }).map((s) => Buffer.from(s)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
  );
}

/** A run of consecutive lines of one fixture file (keeps tracebacks under their header). */
function fileRun(): fc.Arbitrary<Buffer[]> {
  const files = formatFixtures();
  return fc
    .tuple(fc.integer({ min: 0, max: files.length - 1 }), fc.nat(), fc.integer({ min: 1, max: 40 }))
    .map(([f, start, n]) => {
      const lines = files[f]!.lines;
      const s = lines.length === 0 ? 0 : start % lines.length;
      return lines.slice(s, s + n).map((l) => Buffer.from(l));
    });
}

/** Line-list mutations: duplicate a range, swap two lines, reverse a block (out of order). */
function reorder(lines: Buffer[], ops: Array<[number, number, number]>): Buffer[] {
  const out = lines.slice();
  for (const [kind, a0, b0] of ops) {
    if (out.length === 0) break;
    const a = a0 % out.length;
    const b = b0 % out.length;
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    if (kind === 0) out.splice(hi, 0, ...out.slice(lo, Math.min(hi + 1, lo + 20)));
    else if (kind === 1) [out[a], out[b]] = [out[b]!, out[a]!];
    else out.splice(lo, hi - lo + 1, ...out.slice(lo, hi + 1).reverse());
  }
  return out;
}

export interface StreamCase {
  name: string;
  /** The plain bytes of the stream (before any gzip). */
  bytes: Buffer;
  /** Chunk boundaries (offsets into the encoded bytes). */
  cuts: number[];
  gzip: 'none' | 'full' | 'truncated';
}

/** Separators: mostly LF, some CRLF, a lone CR now and then (old Mac, or a CR inside a line). */
const SEP = fc.oneof({ weight: 12, arbitrary: fc.constant('\n') }, { weight: 3, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\r') });

export function streamBytes(): fc.Arbitrary<Buffer> {
  const lines = allLines();
  const block = fc.oneof({ weight: 3, arbitrary: fileRun() }, { weight: 2, arbitrary: lineBytes(lines).map((b) => [b]) });
  return fc
    .record({
      blocks: fc.array(block, { maxLength: 12 }),
      reorder: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.nat()), { maxLength: 3 }),
      seps: fc.array(SEP, { minLength: 1, maxLength: 8 }),
      finalNewline: fc.boolean(),
      junk: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BAD_BYTES)), { maxLength: 4 }),
    })
    .map(({ blocks, reorder: ops, seps, finalNewline, junk }) => {
      const lines = reorder(blocks.flat(), ops);
      const parts: Buffer[] = [];
      lines.forEach((l, i) => {
        parts.push(l);
        if (i < lines.length - 1 || finalNewline) parts.push(Buffer.from(seps[i % seps.length]!));
      });
      let bytes = Buffer.concat(parts);
      for (const [at, b] of junk) {
        if (bytes.length === 0) break;
        const i = at % bytes.length;
        bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([b]), bytes.subarray(i)]);
      }
      return bytes;
    });
}

function streamCase(name: string): fc.Arbitrary<StreamCase> {
  return fc
    .record({
      bytes: streamBytes(),
      cuts: fc.array(fc.nat(), { maxLength: 8 }),
      gzip: fc.oneof({ weight: 10, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constant('full' as const) }, { weight: 1, arbitrary: fc.constant('truncated' as const) }),
    })
    .map(({ bytes, cuts, gzip }) => ({ name, bytes, cuts, gzip }));
}

/** The bytes as they reach the reader (gzipped, or gzipped and cut short), split at `cuts`. */
export function encode(s: StreamCase): Buffer[] {
  let data = s.bytes;
  if (s.gzip !== 'none') {
    data = gzipSync(s.bytes);
    if (s.gzip === 'truncated') data = data.subarray(0, Math.max(2, Math.floor(data.length / 2)));
  }
  return split(data, s.cuts);
}

export function split(data: Buffer, cuts: number[]): Buffer[] {
  if (data.length === 0) return [];
  const points = [...new Set(cuts.map((c) => c % data.length))].filter((c) => c > 0).sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(Buffer.from(data.subarray(prev, p)));
    prev = p;
  }
  out.push(Buffer.from(data.subarray(prev)));
  return out;
}

export interface PipelineCase {
  streams: StreamCase[];
  maxLineBytes: number;
  /** Fast-path term (a request id or instance uuid), or null to parse everything. */
  needle: string | null;
  learnInstances: boolean;
  maxOpen: number;
  maxRecords: number;
  year: number | null;
}

export function pipelineCase(): fc.Arbitrary<PipelineCase> {
  return fc.record({
    streams: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).chain((ids) => fc.tuple(...ids.map((_, i) => streamCase(`s${i}.log`)))),
    maxLineBytes: fc.constantFrom(16, 200, 4096, 1 << 20),
    needle: fc.option(fc.constantFrom(REQ.slice(4), FAILED_REQ.slice(4), INST, 'ffffffff-0000-4000-8000-000000000000'), { freq: 3 }),
    learnInstances: fc.boolean(),
    maxOpen: fc.constantFrom(1, 3, 20_000),
    maxRecords: fc.constantFrom(2, 5, 20_000),
    year: fc.constantFrom(null, 2026),
  });
}
