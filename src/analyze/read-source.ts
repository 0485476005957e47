// One source → batches of LogRecords. Bytes are split into whole lines, optionally gated by the fast
// path's needles (a chunk without any needle is only counted), decoded, and pushed through the parser's
// assembler, which folds tracebacks and continuation lines and keeps the per-source accounting.
import { byteScanner, countLines, openSource, wholeLineChunks, type InputSpec } from '../input/index.js';
import { createAssembler, newStats, serviceFromPath, type Assembler } from '../parse/index.js';
import type { LogRecord, SourceStats } from '../types.js';
import { probeHostAt } from './host-probe.js';
import type { Needles } from './needles.js';

export interface ReadOptions {
  maxLineBytes: number;
  year: number | null;
  needles: Needles | null;
  /** With needles: read into the WebAssembly scanner's memory and search there (default true). */
  byteScan?: boolean;
}

export class SourceReader {
  readonly spec: InputSpec;
  readonly name: string;
  private readonly opts: ReadOptions;
  private assembler: Assembler | null = null;
  private readonly warnings: string[] = [];
  private cut = 0;
  /** The host this source's lines come from, once a line has named it (see host-probe). */
  host: string | null = null;
  /** Line number of the line that named the host (Infinity until one has). */
  hostLine = Infinity;
  /** Highest line number of this source's records the merge has passed on (set by analyze). */
  mergedLine = 0;
  /** Whether a line may name the host (a compute service's file, or one of unknown service). */
  private probing = true;

  constructor(spec: InputSpec, opts: ReadOptions) {
    this.spec = spec;
    this.name = spec.kind === 'file' ? spec.path : spec.name;
    this.opts = opts;
  }

  /** The fast path's terms, the learnt instance uuids included (empty without the fast path). */
  get needleTerms(): readonly string[] {
    return this.opts.needles?.terms ?? [];
  }

  /** Accounting so far (final once batches() has finished). */
  get stats(): SourceStats {
    const base = this.assembler?.stats ?? newStats(this.name);
    const hosts = this.host !== null && !base.hosts.includes(this.host) ? [...base.hosts, this.host] : base.hosts;
    return { ...base, hosts, cut: this.cut, warnings: [...base.warnings, ...this.warnings] };
  }

  /**
   * Whether the host analyze gives this source's records now is the one they would get at the end: the
   * merge has passed the line that named it, or no line can name it. (Not "the reader found none": the
   * reader runs ahead of the merge by a chunk, and what depends on its progress depends on chunk sizes.)
   */
  get hostFinal(): boolean {
    return this.host !== null ? this.mergedLine >= this.hostLine : !this.probing;
  }

  /** Yields record batches in input order. Throws InputError only if the source cannot be opened. */
  async *batches(): AsyncGenerator<LogRecord[]> {
    // Every line parsed: the reads are far ahead of the parser, large ones gain nothing (list of 100 MiB:
    // the same time with 64 KiB as with 512 KiB) and 27 sources × 2 buffers of 512 KiB are 28 MB.
    const fast = this.opts.needles !== null;
    const opened = await openSource(this.spec, this.warnings, fast ? undefined : PARSE_READ_BYTES, fast && this.opts.byteScan !== false ? byteScanner() : null);
    let batch: LogRecord[] = [];
    const service = this.spec.kind === 'file' ? serviceFromPath(this.spec.path) : null;
    // Only a compute service names its host in its resource audit: do not scan the bytes of files
    // already known to be another service's (two searches over every byte of n-api, n-cond, n-sch).
    const probing = (this.probing = service === null || service === 'compute');
    const asm = createAssembler(
      {
        source: this.name,
        service,
        host: null,
        year: this.opts.year,
        referenceTime: opened.mtime,
      },
      (r) => batch.push(r),
    );
    this.assembler = asm;
    const counters = { cut: 0 };
    const needles = this.opts.needles;
    let lineNo = 0;
    let inRun = false; // following a matching line: keep parsing its traceback / continuation lines

    for await (const buf of wholeLineChunks(opened.chunks, this.opts.maxLineBytes, counters)) {
      this.cut = counters.cut;
      if (probing && this.host === null) {
        const found = probeHostAt(buf);
        if (found !== null) {
          this.host = found.host;
          this.hostLine = lineNo + countLines(buf.subarray(0, found.at + 1));
        }
      }
      // Lines are decoded one by one (never sliced out of one big chunk string, which every record
      // kept would pin in memory), and only when they are parsed.
      const len = buf.length;
      let pos = 0;
      if (needles === null) {
        while (pos < len) {
          let nl = buf.indexOf(NL, pos);
          if (nl < 0) nl = len;
          asm.push(buf.toString('utf8', pos, nl), ++lineNo);
          pos = nl + 1;
          if (batch.length >= BATCH_MAX) {
            yield batch;
            batch = [];
          }
        }
      } else {
        // Fast path: jump from one term hit to the next; the lines in between are counted, not decoded.
        let hit = needles.nextHit(buf, 0);
        while (pos < len) {
          if (!inRun) {
            if (hit < 0) {
              const n = needles.linesAfter(buf, pos) ?? countLines(buf.subarray(pos));
              asm.skip(n);
              lineNo += n;
              break;
            }
            const lineStart = hit === 0 ? 0 : buf.lastIndexOf(NL, hit - 1) + 1;
            if (lineStart > pos) {
              const n = countLines(buf.subarray(pos, lineStart));
              asm.skip(n);
              lineNo += n;
              pos = lineStart;
            }
          }
          let nl = buf.indexOf(NL, pos);
          if (nl < 0) nl = len;
          const line = buf.toString('utf8', pos, nl);
          lineNo++;
          if (hit >= 0 && hit < nl) {
            needles.learn(line);
            asm.push(line, lineNo);
            inRun = true;
            hit = needles.nextHit(buf, nl + 1);
          } else if (asm.push(line, lineNo) !== 'folded') {
            inRun = false; // the traceback / continuation lines after the match have ended
          }
          pos = nl + 1;
        }
      }
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
    }
    this.cut = counters.cut;
    asm.end();
    const st = asm.stats;
    // Another service's log or binary junk: every line is counted as unparsed; also say it in words.
    if (st.records === 0 && st.skipped === 0 && st.unparsed > 0) this.warnings.push(`${this.name}: no line in a known log format (${st.unparsed} lines unparsed)`);
    if (batch.length > 0) yield batch;
  }
}

const NL = 10;

/**
 * Records per batch. Small: a record lives from its parse until the merge passes it, and the merge holds
 * one batch per source; with a batch per 512 KiB read (~1200 records) × 27 sources, most records
 * outlived two scavenges, were promoted and died in old space, which only a full collection frees
 * (`list` of 100 MiB: merge alone peaked at 266 MB RSS, 119 MB in batches of 32; 20% less CPU).
 * Since the young generation stops at 4 MB semi-spaces (cli/run.ts), a scavenge comes every ~4 MB of
 * allocation, and a batch of 32 of a compute log (~7 000 records per 100 MiB: 32 records span ~0.5% of
 * the merge) still outlived one: batches of 8 copy 128 → 91 MB in scavenges and promote 87 → 66 MB
 * (`--trace-gc-nvp`, `list` of 100 MiB, 2026-11-22); an async generator's yield costs ~0.3 µs.
 */
const BATCH_MAX = 8;

const PARSE_READ_BYTES = 64 * 1024;
