// An open timeline: the records of one request (or one background segment) while it is in flight.
// Holds a bounded number of records: the first `headLimit` and the last `tailLimit`; the middle of a
// pathological million-line request is counted, not kept. With a thin policy (see thin.ts) the head
// keeps only the records matching can use and groups the rest; the tail (only a request past
// `headLimit` records has one) keeps every record, so which records the bound drops stays the same.
import type { LinkedList } from '../linked-list.js';
import type { LogRecord, Timeline } from '../types.js';
import { lineText, ThinHead, type ThinContext } from './thin.js';

/** The instance part of the key of a background segment about no instance. */
export const NO_INSTANCE = '-';

// Thousands of requests are open at once on a busy log: what every builder carries is kept small
// (arrays rather than Maps and Sets, created when first needed, ids copied out of their log lines).
// The short lists (instances, places) grow by `concat`, which allocates the exact size: `push` (and a
// spread) reserve 17 slots (184 bytes) for a first element, and most requests name one instance at two
// or three places.
export class TimelineBuilder {
  readonly requestId: string;
  /**
   * A background segment's number (> 0), 0 for a request. A segment holds the lines of one request id
   * about one instance (or about none): its key, `<request id>/<instance or ->#<number>`, is built when
   * it closes rather than held (5 000 segments are open at once on 1 GiB of logs).
   */
  readonly segment: number;
  readonly background: boolean;
  globalRequestId: string | null = null;
  /** Instance uuids seen, in order. */
  instances: readonly string[] = [];
  /** Request ids linked to this one (external events, abort/force-complete), with the instance that linked them. */
  private related: Map<string, string | null> | null = null;
  /**
   * A request that only relays events about someone else's operation (neutron's external events):
   * linked, but never the target of id-less lines.
   */
  auxiliary = false;
  /** Places (host, or source when the host is unknown) and the last record time at each, for attaching id-less lines. */
  private places: readonly string[] = [];
  private placeLast: number[] = [];
  first = Infinity;
  last = -Infinity;
  /** The correlator's least-recently-active list holding this, and the neighbours in it (owned by the Correlator). */
  list: LinkedList<TimelineBuilder> | null = null;
  prev: TimelineBuilder | null = null;
  next: TimelineBuilder | null = null;
  /** When it was last active, as the correlator's count of additions (orders the two lists' heads). */
  touched = 0;
  /** A read-only API request whose response has been logged (see CorrelateOptions.answeredWindowMs). */
  answered = false;
  private head: LogRecord[] | null = null;
  private tail: LogRecord[] | null = null;
  private tailStart = 0;
  private dropped = 0;
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly thin: ThinContext | null;
  /** With thinning, the head: what matching can use of the first `headLimit` records. */
  private thinHead: ThinHead | null = null;
  /** Records that arrived while the head was filling (held or not). */
  private headSeen = 0;

  constructor(requestId: string, segment: number, limit: number, thin: ThinContext | null = null) {
    this.requestId = requestId;
    this.segment = segment;
    this.background = segment > 0;
    this.headLimit = Math.ceil(limit / 2);
    this.tailLimit = Math.max(1, Math.floor(limit / 2));
    this.thin = thin;
  }

  /** The request id, or a background segment's key (only the lines of its instance join a segment). */
  get key(): string {
    return this.segment === 0 ? this.requestId : `${this.requestId}/${this.instances[0] ?? NO_INSTANCE}#${this.segment}`;
  }

  /** Records held. */
  get size(): number {
    return (this.thinHead?.size ?? this.head?.length ?? 0) + (this.tail?.length ?? 0);
  }

  /** Thinned, and every record classified inert (the tail, past headLimit, is not classified): Timeline.inert. */
  private get inert(): boolean {
    return this.thin !== null && this.tail === null && this.thinHead?.anyKept !== true;
  }

  /**
   * A background segment its Timeline would show as naming no instance or as inert, with every record
   * it was given accounted for in it (no tail): `last` is then its Timeline's latest time.
   */
  get inertBackground(): boolean {
    if (!this.background || this.tail !== null) return false;
    const n = this.instances.length;
    return n === 0 || (n === 1 && this.inert);
  }

  hasInstance(id: string): boolean {
    return this.instances.includes(id);
  }

  /** Last record time at this place, or undefined if the request has none there. */
  lastAt(place: string): number | undefined {
    const i = this.places.indexOf(place);
    return i < 0 ? undefined : this.placeLast[i];
  }

  relate(requestId: string, via: string | null): void {
    (this.related ??= new Map()).set(requestId, via);
  }

  add(r: LogRecord, place: string): void {
    const t = r.time;
    const at = this.places.indexOf(place);
    if (Number.isFinite(t)) {
      if (t < this.first) this.first = t;
      if (t > this.last) this.last = t;
      if (at < 0) this.addPlace(place, r, t);
      else if (t > this.placeLast[at]!) this.placeLast[at] = t;
    } else if (at < 0) {
      this.addPlace(place, r, this.last);
    }
    if (r.instance !== null && !this.instances.includes(r.instance)) this.instances = this.instances.concat([lineText(this.thin, r.instance)]);
    if (this.globalRequestId === null && r.globalRequestId !== null) this.globalRequestId = lineText(this.thin, r.globalRequestId);
    if (this.headSeen < this.headLimit) {
      this.headSeen++;
      if (this.thin === null) (this.head ??= []).push(r);
      else (this.thinHead ??= new ThinHead(this.thin)).add(r);
    } else {
      const held = this.thin === null ? r : this.thin.copy(r);
      if (this.tail === null || this.tail.length < this.tailLimit) (this.tail ??= []).push(held);
      else {
        // Ring buffer over the tail: overwrite the oldest.
        this.tail[this.tailStart] = held;
        this.tailStart = (this.tailStart + 1) % this.tailLimit;
        this.dropped++;
      }
    }
  }

  private addPlace(place: string, r: LogRecord, t: number): void {
    // A source name is one string per source (the same object on every record: found at once).
    this.places = this.places.concat([place === r.source ? place : lineText(this.thin, place)]);
    this.placeLast = this.placeLast.concat([t]);
  }

  build(closedBy: Timeline['closedBy']): Timeline {
    const tail = this.tail === null ? [] : this.tailStart === 0 ? this.tail : [...this.tail.slice(this.tailStart), ...this.tail.slice(0, this.tailStart)];
    const head = this.thinHead?.records() ?? this.head ?? [];
    const records = head.concat(tail);
    records.sort(compareRecords);
    const omitted = this.thinHead?.omitted() ?? [];
    const related = this.related ?? new Map<string, string | null>();
    return {
      key: this.key,
      requestId: this.requestId,
      globalRequestId: this.globalRequestId,
      related: [...related.keys()],
      relatedVia: Object.fromEntries(related),
      instances: [...this.instances],
      records,
      droppedRecords: this.dropped,
      ...(omitted.length > 0 ? { omitted } : {}),
      closedBy,
      background: this.background,
      relay: this.auxiliary,
      ...(this.inert ? { inert: true } : {}),
    };
  }
}

/** Time order; ties keep the order of sources and lines. Records without a time keep their place. */
export function compareRecords(a: LogRecord, b: LogRecord): number {
  const ta = a.time;
  const tb = b.time;
  if (ta !== tb && Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  if (a.micros !== b.micros && ta === tb) return a.micros - b.micros;
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.line - b.line;
}
