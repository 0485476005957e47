// Groups a time-ordered stream of records into timelines, one per request (first correlation step).
// - User requests: grouped by request id across every source, service and host.
// - Admin contexts (periodic tasks, lifecycle events, start-up): split per instance, and per task run
//   or idle gap, marked `background`, never one giant operation.
// - Lines without a request id (`[-]` looping-call lines, orphan tracebacks) and lifecycle lines under a
//   stale id are attached to the open request acting on the same instance at the same place
//   (host, or source when the host is unknown) within a time window.
// Memory is bounded by requests in flight: a timeline idle past the window is closed and emitted, and
// past `maxOpen` the least recently active one is evicted.
import { LinkedList } from '../linked-list.js';
import type { LogRecord, Timeline } from '../types.js';
import { isAdminContext, isLifecycleLine, isPeriodicTaskStart, isReadOnlyResponse } from './background.js';
import { isLinkingLine } from './links.js';
import { splitByInstance } from './split-instances.js';
import { lineText, ThinContext, without, type ThinPolicy } from './thin.js';
import { NO_INSTANCE, TimelineBuilder } from './timeline-builder.js';

export interface CorrelateOptions {
  /** A request with no record for this long (log time) is finished. */
  idleWindowMs: number;
  /** Background segments split after this gap. */
  backgroundGapMs: number;
  /**
   * A read-only API request (GET/HEAD) is finished this long after its response line: it does no work
   * after answering, and held for the whole idle window it was most of what was open (1 GiB of logs:
   * ~8 000 of ~17 600 open timelines).
   */
  answeredWindowMs: number;
  /** How long after a request's last record at a place an id-less line may still attach to it. */
  attachWindowMs: number;
  /**
   * A request idle this long is offered to `settle` (once per spell of idleness). Taken as at least
   * `attachWindowMs`: an id-less line may attach to a request until that long after its last line.
   */
  settleWindowMs: number;
  /**
   * Given the timelines a request idle past `settleWindowMs` would close as, returns true when the caller
   * takes them as final (an operation that has completed: nothing more is expected of it), and the request
   * is closed without being emitted; false keeps it open until the idle window. null: never asked.
   * Completed operations were most of what was open (1 GiB of logs: held ten minutes after their last line).
   */
  settle: ((timelines: Timeline[]) => boolean) | null;
  /** Open timelines beyond this are evicted, least recently active first. */
  maxOpen: number;
  /** Records kept per timeline (first half + last half); the rest are counted. */
  maxRecordsPerTimeline: number;
  /**
   * Keep only the records this policy says matching can use (see thin.ts); null keeps every record.
   * Only for callers that never print records: the request trace needs them all.
   */
  thin: ThinPolicy | null;
  /**
   * Given, a background segment that names no instance, or that is thinned and holds only inert
   * records (Timeline.inert), is not built when it closes: this is called with its latest record time
   * instead (-Infinity without one). For callers that only count such segments (`list` without --all:
   * ~16 000 of them per 100 MiB of logs, each sorted and copied into a Timeline to be counted). Not for
   * a segment past its record bound (its tail is not classified).
   */
  onInertBackground: ((last: number) => void) | null;
}

export const DEFAULT_CORRELATE: CorrelateOptions = {
  idleWindowMs: 10 * 60_000,
  backgroundGapMs: 60_000,
  answeredWindowMs: 60_000,
  attachWindowMs: 120_000,
  settleWindowMs: 120_000,
  settle: null,
  maxOpen: 20_000,
  maxRecordsPerTimeline: 20_000,
  thin: null,
  onInertBackground: null,
};

export interface CorrelateStats {
  timelines: number;
  background: number;
  /** Timelines closed early, before going idle, to keep at most `maxOpen` open. */
  evicted: number;
  /** Evicted requests that logged again afterwards: their later lines became a timeline of their own. */
  cutShort: number;
  /** Records attached to a request by instance + place + time rather than by request id. */
  attached: number;
  /** Records with no request id that no open request could take. */
  unattached: number;
  /** Request pairs linked through a line logged under one about the other's instance. */
  linked: number;
  /** Requests closed as completed before the idle window (see `settle`). */
  settled: number;
  /**
   * Settled requests that logged again within the idle window of their last line (held, they would
   * have taken the line): their later lines became a timeline of their own.
   */
  reopened: number;
}

const SWEEP_EVERY = 1024;
/** Open timelines of one instance past which they are held in a Set (see `byInstance`). */
const SHARED_BY = 16;

export class Correlator {
  private readonly opts: CorrelateOptions;
  private readonly emit: (t: Timeline) => void;
  private readonly thin: ThinContext | null;
  /** Open requests by request id (their order of activity is kept in the two lists below). */
  private readonly open = new Map<string, TimelineBuilder>();
  /**
   * Open background segments by request id, then instance (NO_INSTANCE for none): a periodic-task id is shared
   * by every instance a compute service holds (1 GiB of logs: 50 ids, 5 000 segments open at once).
   */
  private readonly segments = new Map<string, Map<string, TimelineBuilder>>();
  private segmentCount = 0;
  private lastSegment = 0;
  /**
   * Open timelines per instance, for attaching id-less lines: most instances have one or two (a Set
   * costs ~300 bytes, and there is one per instance in flight): they are arrays grown by `concat`
   * (exact size), and a Set past SHARED_BY (a polled instance may have thousands: copying, or removing
   * from the front of an array, would be quadratic).
   */
  private readonly byInstance = new Map<string, TimelineBuilder[] | Set<TimelineBuilder>>();
  private now = -Infinity;
  private sinceSweep = 0;
  /**
   * Open timelines as lists in order of last activity (head = least recently active), for eviction
   * and sweeps: user requests (closed after the idle window), and background segments and answered
   * read-only requests (closed after a minute). With one list, every sweep walked all the requests idle
   * between one and ten minutes (~7 s of a 1 GiB `list`); now it stops at the first one still open.
   * (A Map kept in that order by delete + set, and read with values().next(), made V8 skip ever more
   * deleted slots: 44% of a 300k-request `list` went there; found by test/fuzz/memory.)
   */
  private readonly long = new LinkedList<TimelineBuilder>();
  private readonly short = new LinkedList<TimelineBuilder>();
  /**
   * With `settle`: user requests active within the settle window, or not yet offered to `settle` since
   * their last line (`long` then holds those it declined, in the same order).
   */
  private readonly fresh = new LinkedList<TimelineBuilder>();
  private touches = 0;
  /** Keys of recently evicted timelines, to count those that come back (cut short). */
  private readonly evicted = new KeyRing();
  /** Keys of requests settled within the idle window, to count those that come back (reopened). */
  private readonly settledKeys = new RecentKeys();
  readonly stats: CorrelateStats = { timelines: 0, background: 0, evicted: 0, cutShort: 0, attached: 0, unattached: 0, linked: 0, settled: 0, reopened: 0 };

  constructor(emit: (t: Timeline) => void, opts: Partial<CorrelateOptions> = {}) {
    const o = { ...DEFAULT_CORRELATE, ...opts };
    this.opts = { ...o, settleWindowMs: Math.max(o.settleWindowMs, o.attachWindowMs) };
    this.emit = emit;
    this.thin = this.opts.thin === null ? null : new ThinContext(this.opts.thin);
  }

  add(r: LogRecord): void {
    if (Number.isFinite(r.time) && r.time > this.now) this.now = r.time;
    const place = r.host ?? r.source;

    if (r.requestId === null) {
      const target = r.instance === null ? null : this.attachTarget(r, place);
      if (target === null) this.stats.unattached++;
      else this.addTo(target, r, place, true);
    } else if (isAdminContext(r)) {
      const target = r.instance !== null && isLifecycleLine(r.message) ? this.attachTarget(r, place) : null;
      if (target !== null) this.addTo(target, r, place, true);
      else this.addBackground(r, place);
    } else {
      let b = this.open.get(r.requestId);
      if (b === undefined) {
        // The id is a slice of its log line: a copy, not to keep the line alive as long as the request.
        b = this.openBuilder(lineText(this.thin, r.requestId), 0);
        this.open.set(b.requestId, b);
      }
      if (r.instance !== null && isLinkingLine(r.message)) this.link(b, r);
      if (!b.answered && r.service === 'api' && isReadOnlyResponse(r.message)) b.answered = true;
      this.addTo(b, r, place, false);
    }

    if (++this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0;
      this.sweep();
    }
  }

  /** Closes every open timeline (end of input). */
  end(): void {
    for (let b = this.oldest(); b !== null; b = this.oldest()) this.close(b, 'end');
  }

  /** The least recently active open timeline of all lists. */
  private oldest(): TimelineBuilder | null {
    return older(older(this.long.head, this.short.head), this.fresh.head);
  }

  private addBackground(r: LogRecord, place: string): void {
    const instance = r.instance ?? NO_INSTANCE;
    let b = this.segments.get(r.requestId!)?.get(instance);
    const t = r.time;
    if (
      b !== undefined &&
      ((Number.isFinite(t) && t - b.last > this.opts.backgroundGapMs) || (r.instance === null && isPeriodicTaskStart(r.message)))
    ) {
      this.close(b, 'idle');
      b = undefined;
    }
    if (b === undefined) {
      b = this.openBuilder(lineText(this.thin, r.requestId!), ++this.lastSegment);
      let byInstance = this.segments.get(b.requestId);
      if (byInstance === undefined) this.segments.set(b.requestId, (byInstance = new Map()));
      byInstance.set(r.instance === null ? instance : lineText(this.thin, instance), b);
      this.segmentCount++;
    }
    this.addTo(b, r, place, false);
  }

  private openBuilder(requestId: string, segment: number): TimelineBuilder {
    const oldest = this.open.size + this.segmentCount >= this.opts.maxOpen ? this.oldest() : null;
    if (oldest !== null) {
      this.stats.evicted++;
      if (!oldest.background) this.evicted.remember(oldest.key, this.opts.maxOpen);
      this.close(oldest, 'evicted');
    }
    if (segment === 0) {
      if (this.evicted.forget(requestId)) this.stats.cutShort++;
      else if (this.settledKeys.forget(requestId, this.now - this.opts.idleWindowMs)) this.stats.reopened++;
    }
    const b = new TimelineBuilder(requestId, segment, this.opts.maxRecordsPerTimeline, this.thin);
    this.touch(b);
    return b;
  }

  /** Makes b the most recently active of its list (moving it to the short list once answered). */
  private touch(b: TimelineBuilder): void {
    b.touched = ++this.touches;
    const list = b.background || b.answered ? this.short : this.opts.settle !== null ? this.fresh : this.long;
    if (list.tail === b) return;
    b.list?.unlink(b);
    list.append(b);
    b.list = list;
  }

  private addTo(b: TimelineBuilder, r: LogRecord, place: string, attached: boolean): void {
    if (attached) this.stats.attached++;
    const isNewInstance = r.instance !== null && !b.hasInstance(r.instance);
    b.add(r, place);
    if (isNewInstance) {
      const id = b.instances[b.instances.length - 1]!; // the builder's copy
      const open = this.byInstance.get(id);
      if (open === undefined) this.byInstance.set(id, [b]);
      else if (open instanceof Set) open.add(b);
      else this.byInstance.set(id, open.length < SHARED_BY ? open.concat([b]) : new Set(open).add(b));
    }
    // Keep the lists ordered by activity so that sweeps and eviction look at the oldest first.
    this.touch(b);
  }

  /** Links a request to the other open request acting on the same instance (any place), both ways. */
  private link(b: TimelineBuilder, r: LogRecord): void {
    if (b.instances.length === 0) b.auxiliary = true;
    const set = this.byInstance.get(r.instance!);
    if (set === undefined) return;
    let best: TimelineBuilder | null = null;
    for (const other of set) {
      if (other === b || other.requestId === null || other.auxiliary || other.background) continue;
      if (best === null || other.last > best.last) best = other;
    }
    if (best === null || best.requestId === null || b.requestId === null) return;
    if (r.time - best.last > this.opts.idleWindowMs) return;
    const via = lineText(this.thin, r.instance!);
    best.relate(b.requestId, via);
    b.relate(best.requestId, via);
    this.stats.linked++;
  }

  /**
   * The open request acting on this instance at this place most recently, within the window. User
   * requests are preferred; a background segment (a power-sync stop, a periodic offload) takes the line
   * only when no user request qualifies.
   */
  private attachTarget(r: LogRecord, place: string): TimelineBuilder | null {
    const set = this.byInstance.get(r.instance!);
    if (set === undefined) return null;
    const t = Number.isFinite(r.time) ? r.time : this.now;
    let user: TimelineBuilder | null = null;
    let userAt = -Infinity;
    let background: TimelineBuilder | null = null;
    let backgroundAt = -Infinity;
    for (const b of set) {
      if (b.auxiliary) continue;
      const at = b.lastAt(place);
      if (at === undefined) continue;
      if (t - at > this.opts.attachWindowMs || b.first - t > 5_000) continue;
      if (b.background) {
        if (at > backgroundAt) {
          background = b;
          backgroundAt = at;
        }
      } else if (at > userAt) {
        user = b;
        userAt = at;
      }
    }
    return user ?? background;
  }

  private sweep(): void {
    const { idleWindowMs, backgroundGapMs, answeredWindowMs, settleWindowMs, settle } = this.opts;
    if (settle !== null) {
      this.settledKeys.expire(this.now - idleWindowMs);
      for (let b = this.fresh.head; b !== null && this.now - b.last > settleWindowMs; b = this.fresh.head) {
        this.fresh.unlink(b);
        b.list = null;
        const timelines = this.timelinesOf(b, 'idle');
        if (settle(timelines)) {
          this.stats.settled++;
          this.settledKeys.remember(b.key, b.last);
          this.forget(b);
        } else {
          // Declined (still running, failed, …): held until the idle window, or offered again once it
          // has logged more and gone quiet. Appended in order of activity, as the list is kept.
          this.long.append(b);
          b.list = this.long;
        }
      }
    }
    // Oldest-active first: the first timeline still within the list's (shortest) window ends the walk.
    for (let b = this.long.head; b !== null && this.now - b.last > idleWindowMs; b = this.long.head) this.close(b, 'idle');
    const shortest = Math.min(backgroundGapMs, answeredWindowMs);
    for (let b = this.short.head; b !== null; ) {
      const next = b.next;
      const idleFor = this.now - b.last;
      if (idleFor <= shortest) break;
      if (idleFor > (b.background ? backgroundGapMs : answeredWindowMs)) this.close(b, 'idle');
      b = next;
    }
  }

  private close(b: TimelineBuilder, closedBy: Timeline['closedBy']): void {
    this.forget(b);
    const inert = this.opts.onInertBackground;
    if (inert !== null && b.inertBackground) inert(b.last);
    else for (const t of this.timelinesOf(b, closedBy)) this.emit(t);
  }

  private timelinesOf(b: TimelineBuilder, closedBy: Timeline['closedBy']): Timeline[] {
    return splitByInstance(b.build(closedBy));
  }

  /** Takes a timeline out of every list and map, and counts it. */
  private forget(b: TimelineBuilder): void {
    b.list?.unlink(b);
    b.list = null;
    if (!b.background) this.open.delete(b.requestId);
    else {
      const byInstance = this.segments.get(b.requestId)!;
      byInstance.delete(b.instances[0] ?? NO_INSTANCE);
      if (byInstance.size === 0) this.segments.delete(b.requestId);
      this.segmentCount--;
    }
    for (const i of b.instances) {
      const open = this.byInstance.get(i);
      if (open === undefined) continue;
      if (open instanceof Set) {
        open.delete(b);
        if (open.size === 0) this.byInstance.delete(i);
        continue;
      }
      const at = open.indexOf(b);
      if (at < 0) continue;
      if (open.length === 1) this.byInstance.delete(i);
      else this.byInstance.set(i, without(open, at));
    }
    this.stats.timelines++;
    if (b.background) this.stats.background++;
  }
}

function older(a: TimelineBuilder | null, b: TimelineBuilder | null): TimelineBuilder | null {
  if (a === null || b === null) return a ?? b;
  return a.touched < b.touched ? a : b;
}

/**
 * Keys of recently evicted timelines, to count those that log again. Bounded (every request is evicted
 * when more than maxOpen arrive per idle window): remembers the last max(4 × maxOpen, 100k) in a ring;
 * one that comes back later than that is not counted. Kept as 52-bit hashes: a key string is a slice of
 * its log line and would keep the whole line alive.
 */
class KeyRing {
  private readonly keys = new Set<number>();
  private readonly ring: number[] = [];
  private at = 0;

  remember(keyText: string, maxOpen: number): void {
    const key = keyHash(keyText);
    const cap = Math.max(4 * maxOpen, 100_000);
    if (this.ring.length < cap) this.ring.push(key);
    else {
      this.keys.delete(this.ring[this.at]!);
      this.ring[this.at] = key;
      this.at = (this.at + 1) % cap;
    }
    this.keys.add(key);
  }

  /** Whether the key was remembered (it is forgotten then: counted once). */
  forget(keyText: string): boolean {
    return this.keys.size > 0 && this.keys.delete(keyHash(keyText));
  }
}

/**
 * Keys (52-bit hashes, as in KeyRing) with the time of their last line, kept until that time falls out
 * of a window: a line under the key after that would not have joined the timeline anyway. As many as
 * are settled per idle window (1 GiB of logs: ~3 000), not as many as the input holds.
 */
class RecentKeys {
  private readonly keys = new Map<number, number>();
  /** Hashes and times in the order remembered: roughly time order (one kept a little long is still checked). */
  private queue: number[] = [];
  private head = 0;

  remember(keyText: string, time: number): void {
    const key = keyHash(keyText);
    this.keys.set(key, time);
    this.queue.push(key, time);
  }

  /** Forgets the keys whose time is before `since`. */
  expire(since: number): void {
    const q = this.queue;
    while (this.head < q.length && !(q[this.head + 1]! >= since)) {
      const key = q[this.head]!;
      if (this.keys.get(key) === q[this.head + 1]) this.keys.delete(key);
      this.head += 2;
    }
    if (this.head > 4096 && this.head * 2 > q.length) {
      this.queue = q.slice(this.head);
      this.head = 0;
    }
  }

  /** Whether the key was remembered with a time since `since` (it is forgotten then: counted once). */
  forget(keyText: string, since: number): boolean {
    if (this.keys.size === 0) return false;
    const key = keyHash(keyText);
    const time = this.keys.get(key);
    if (time === undefined) return false;
    this.keys.delete(key);
    return time >= since;
  }
}

/** Two 26-bit FNV-1a hashes of a key, as one number below 2^52 (collisions: negligible for counting). */
function keyHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 6) * 0x4000000 + (b >>> 6);
}
