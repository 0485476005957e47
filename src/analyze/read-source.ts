// One source → batches of LogRecords. Bytes are split into whole lines, optionally gated by the fast
// path's needles (a chunk without any needle is only counted), decoded, and pushed through the parser's
// assembler, which folds tracebacks and continuation lines and keeps the per-source accounting.
import { countLines, openSource, wholeLineChunks, type InputSpec } from '../input/index.js';
import { createAssembler, serviceFromPath, type Assembler } from '../parse/index.js';
import type { LogRecord, SourceStats } from '../types.js';
import { probeHostAt } from './host-probe.js';
import type { Needles } from './needles.js';

export interface ReadOptions {
  maxLineBytes: number;
  year: number | null;
  needles: Needles | null;
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
    const base = this.assembler?.stats ?? emptyStats(this.name);
    const hosts = this.host !== null && !base.hosts.includes(this.host) ? [...base.hosts, this.host] : base.hosts;
    return { ...base, hosts, cut: this.cut, warnings: [...base.warnings, ...this.warnings] };
  }

  /** Yields record batches in input order. Throws InputError only if the source cannot be opened. */
  async *batches(): AsyncGenerator<LogRecord[]> {
    const opened = await openSource(this.spec, this.warnings);
    let batch: LogRecord[] = [];
    const asm = createAssembler(
      {
        source: this.name,
        service: this.spec.kind === 'file' ? serviceFromPath(this.spec.path) : null,
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
      if (this.host === null) {
        const found = probeHostAt(buf);
        if (found !== null) {
          this.host = found.host;
          this.hostLine = lineNo + countLines(buf.subarray(0, found.at + 1));
        }
      }
      if (needles !== null && !inRun && !needles.inBuffer(buf)) {
        const n = countLines(buf);
        asm.skip(n);
        lineNo += n;
        continue;
      }
      const text = buf.toString('utf8');
      let pos = 0;
      const len = text.length;
      while (pos < len) {
        let nl = text.indexOf('\n', pos);
        if (nl < 0) nl = len;
        const line = text.slice(pos, nl);
        pos = nl + 1;
        lineNo++;
        if (needles === null) {
          asm.push(line, lineNo);
        } else if (needles.inLine(line)) {
          asm.push(line, lineNo);
          inRun = true;
        } else if (inRun) {
          if (asm.push(line, lineNo) !== 'folded') inRun = false;
        } else {
          asm.skip(1);
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

export function emptyStats(source: string): SourceStats {
  return {
    source,
    formats: {},
    services: {},
    hosts: [],
    linesRead: 0,
    records: 0,
    folded: 0,
    unparsed: 0,
    skipped: 0,
    cut: 0,
    unparsedSamples: [],
    warnings: [],
  };
}
