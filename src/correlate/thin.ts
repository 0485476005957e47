// Thin timelines: where records are never printed (`list`, `stats`, `check`, `instance`), an open
// request holds only what matching can use of its records. A request idle for up to 10 minutes is still
// open, and on a busy cloud most of what it holds is DEBUG noise no model marker matches (lock lines,
// lazy loads, wsgi lines): keeping it all held every line of the last 10 minutes (100 MiB of logs:
// ~180 MB of records).
// The policy (src/match/thin-policy.ts, built from the models) keeps the records that can matter; of
// the others (inert), matching reads only their time, host, service and instance, whether they count
// as naming the instance, and whether a nova logger wrote them. Of those an inert record is held only
// when it comes first (in the order matching sorts) for its instance and place (source, format, host,
// service: the host mapping in analyze() reads the first three) or for its instance and naming, so
// that hosts, services and instances appear in the same order; it is held without its message when
// the policy cannot tell the two apart. The rest are counted per instance, with their latest time
// (`Timeline.omitted`). A multi-create request is split per instance after it closes: all of this is
// per instance, so each part gets what it needs.
// Held records are copies: a message, an id or a logger name is a slice of its log line and kept the
// whole line alive (with its header and debug suffix, twice the message).
import type { LogRecord, OmittedRecords } from '../types.js';

/** `classify` result for a record to keep. */
export const KEEP = -1;
/** Bits of `traits` (and of `classify` for an inert record). */
export const NAMES_INSTANCE = 1;
export const NOVA_LOGGER = 2;

export interface ThinPolicy {
  /** KEEP, or for an inert record its `traits`. */
  classify(r: LogRecord): number;
  /** What matching reads from any record beyond its source, format, host, service and instance (bits). */
  traits(r: LogRecord): number;
  /** The order in which matching sorts records: a group's first record in it is the one held. */
  compare(a: LogRecord, b: LogRecord): number;
  /** Whether matching reads the record's folded lines (`traceback`); a held copy leaves them out when not. */
  readsFolded(r: LogRecord): boolean;
}

/** Shared by the timelines of one correlator: the policy and flat copies of repeated strings. */
export class ThinContext {
  readonly policy: ThinPolicy;
  private young = new Map<string, string>();
  private old = new Map<string, string>();

  constructor(policy: ThinPolicy) {
    this.policy = policy;
  }

  /**
   * The copy held for an inert record: without its message when nothing matching reads tells the two
   * apart (the policy classifies the copy the same; it does unless a marker matches an empty message).
   */
  held(r: LogRecord, bits: number, like: LogRecord | null): LogRecord {
    const c = this.copy(r, like, '');
    return this.policy.classify(c) === bits ? c : this.copy(r, like);
  }

  /**
   * A copy of the record that does not keep its log line alive; the debug suffix is not kept, nor the
   * folded lines where matching does not read them. `like`, an earlier copy of the same request, lends
   * its copies of the ids the two share.
   */
  copy(r: LogRecord, like: LogRecord | null = null, message = flat(r.message)): LogRecord {
    return {
      time: r.time,
      micros: r.micros,
      source: r.source,
      line: r.line,
      host: this.same(r.host, like?.host),
      service: r.service,
      pid: r.pid,
      level: r.level,
      logger: this.same(r.logger, like?.logger)!,
      globalRequestId: this.same(r.globalRequestId, like?.globalRequestId),
      requestId: this.same(r.requestId, like?.requestId),
      user: this.same(r.user, like?.user),
      project: this.same(r.project, like?.project),
      instance: this.same(r.instance, like?.instance),
      message,
      traceback: r.traceback.length === 0 || !this.policy.readsFolded(r) ? NO_LINES : r.traceback,
      debug: null,
      format: r.format,
    };
  }

  /** The earlier copy when equal (comparing is cheaper than hashing a new slice), else one from the table. */
  private same(s: string | null, copied: string | null | undefined): string | null {
    return s === null ? null : s === copied ? copied : this.text(s);
  }

  /**
   * One flat copy per distinct text (ids, loggers, hosts repeat on every line). Bounded, in two
   * generations: when the young table is full it becomes the old one, and a text found there moves back,
   * so the ids of requests still open keep their copy (one table emptied when full made new copies of
   * them all). The correlator and the builders take their copies of ids, instances and hosts from here
   * too: one copy per open request id, not one per builder, per held record and per table reset.
   */
  text(s: string): string {
    let v = this.young.get(s);
    if (v !== undefined) return v;
    v = this.old.get(s) ?? flat(s);
    if (this.young.size >= MAX_STRINGS / 2) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(v, v);
    return v;
  }
}

const MAX_STRINGS = 20_000;
/** The traceback of every held record that has none (matching only reads it). */
const NO_LINES: string[] = [];

/**
 * A copy of `s` that does not keep a longer string alive: V8 makes a substring of 13 characters or
 * more a view into its parent. Joining its two halves writes a new flat string (a slice of a flattened
 * `' ' + s` did too, but held it through a 32-byte view: 4 MB of a 1 GiB `list`'s live set).
 */
export function flat(s: string): string {
  if (s.length < 13) return s;
  const half = s.length >> 1;
  return [s.slice(0, half), s.slice(half)].join('');
}

/**
 * A copy of a string of a log line that does not keep the line alive: the context's shared copy when
 * thinning (see ThinContext.text), else a copy of its own.
 */
export function lineText(ctx: ThinContext | null, s: string): string {
  return ctx === null ? flat(s) : ctx.text(s);
}

/**
 * What the order of appearance is taken from, per instance (a multi-create timeline is split by it):
 * the place, with its source and format (the host mapping reads them) and service; and whether the
 * record counts as naming its instance.
 */
const PLACE = 0;
const NAMING = 1;

/** The earliest held record of one value of one of those, within one instance. */
interface First {
  kind: number;
  record: LogRecord;
}

/**
 * The head of a thinned timeline: its kept records, and of the inert ones each that is the earliest
 * of its instance's place or naming (hosts, services and instances then appear in the same order);
 * the others are counted.
 */
export class ThinHead {
  private readonly kept: LogRecord[] = [];
  // The short lists below grow by `concat` (exact size, see timeline-builder.ts): most hold one to three entries.
  private firsts: readonly First[] = [];
  /** Inert records held, and for each how many `firsts` it is (×4) and its traits (low bits). */
  private held: readonly LogRecord[] = [];
  private heldValue: number[] = [];
  /** Records not held, per instance and whether they name it. */
  private left: readonly OmittedRecords[] = [];
  /** The last copy made, whose ids the next one likely shares. */
  private last: LogRecord | null = null;
  private readonly ctx: ThinContext;

  constructor(ctx: ThinContext) {
    this.ctx = ctx;
  }

  add(r: LogRecord): void {
    const policy = this.ctx.policy;
    const bits = policy.classify(r);
    if (bits === KEEP) {
      const k = this.ctx.copy(r, this.last);
      this.last = k;
      this.kept.push(k);
      this.claim(PLACE, k, -1);
      if (k.instance !== null) this.claim(NAMING, k, -1);
      return;
    }
    if (!this.earlier(PLACE, r, bits) && (r.instance === null || !this.earlier(NAMING, r, bits))) {
      this.omit(r, bits);
      return;
    }
    const c = this.ctx.held(r, bits, this.last);
    this.last = c;
    this.held = this.held.concat([c]);
    this.heldValue = this.heldValue.concat([bits]);
    this.claim(PLACE, c, bits);
    if (c.instance !== null) this.claim(NAMING, c, bits);
  }

  /** Whether any record added was one matching can use (kept whole). */
  get anyKept(): boolean {
    return this.kept.length > 0;
  }

  /** Records held: kept ones and inert ones that are the earliest of something. */
  get size(): number {
    return this.kept.length + this.held.length;
  }

  records(): LogRecord[] {
    return this.kept.concat(this.held);
  }

  omitted(): OmittedRecords[] {
    return this.left.map((o) => ({ ...o }));
  }

  /** Whether r would come before the held earliest record of its value of `kind` (or there is none). */
  private earlier(kind: number, r: LogRecord, bits: number): boolean {
    const f = this.find(kind, r, bits);
    return f === undefined || this.ctx.policy.compare(r, f.record) < 0;
  }

  /** Makes a held record the earliest of its value of `kind` where it comes first; `bits` -1 for a kept record. */
  private claim(kind: number, r: LogRecord, bits: number): void {
    const f = this.find(kind, r, bits < 0 ? this.ctx.policy.traits(r) : bits);
    if (f === undefined) this.firsts = this.firsts.concat([{ kind, record: r }]);
    else if (this.ctx.policy.compare(r, f.record) < 0) {
      this.release(f.record);
      f.record = r;
    } else return;
    if (bits >= 0) this.heldValue[this.held.indexOf(r)]! += 4;
  }

  /** A record is no longer the earliest of one value: when it is of none, it is counted instead. */
  private release(r: LogRecord): void {
    const i = this.held.indexOf(r);
    if (i < 0) return; // a kept record
    const v = this.heldValue[i]!;
    if (v >= 8) this.heldValue[i] = v - 4;
    else {
      this.held = without(this.held, i);
      this.heldValue = without(this.heldValue, i);
      this.omit(r, v & 3);
    }
  }

  private omit(r: LogRecord, bits: number): void {
    const names = (bits & NAMES_INSTANCE) !== 0;
    let o: OmittedRecords | undefined;
    for (const x of this.left) if (x.instance === r.instance && x.namesInstance === names) o = x;
    if (o === undefined) {
      o = { instance: r.instance === null ? null : this.ctx.text(r.instance), namesInstance: names, count: 0, lastTime: NaN, novaLogger: false };
      this.left = this.left.concat([o]);
    }
    o.count++;
    if ((bits & NOVA_LOGGER) !== 0) o.novaLogger = true;
    // Only timed records count (a NaN would stick).
    if (r.time > o.lastTime || (Number.isNaN(o.lastTime) && Number.isFinite(r.time))) o.lastTime = r.time;
  }

  private find(kind: number, r: LogRecord, bits: number): First | undefined {
    for (const f of this.firsts) {
      if (f.kind !== kind) continue;
      const x = f.record;
      if (x.instance !== r.instance) continue;
      if (kind === PLACE ? x.host === r.host && x.source === r.source && x.service === r.service && x.format === r.format : this.namingOf(x) === (bits & NAMES_INSTANCE)) return f;
    }
    return undefined;
  }

  private namingOf(x: LogRecord): number {
    const i = this.held.indexOf(x);
    return (i < 0 ? this.ctx.policy.traits(x) : this.heldValue[i]!) & NAMES_INSTANCE;
  }
}

/** The array without its i-th element, allocated at its exact size (`filter` reserves slack). */
export function without<T>(a: readonly T[], i: number): T[] {
  return a.slice(0, i).concat(a.slice(i + 1));
}
