// An open timeline: the records of one request (or one background segment) while it is in flight.
// Holds a bounded number of records: the first `headLimit` and the last `tailLimit`; the middle of a
// pathological million-line request is counted, not kept.
import type { LogRecord, Timeline } from '../types.js';

export class TimelineBuilder {
  readonly key: string;
  readonly requestId: string | null;
  readonly background: boolean;
  globalRequestId: string | null = null;
  readonly instances = new Set<string>();
  /** Request ids linked to this one (external events, abort/force-complete), with the instance that linked them. */
  readonly related = new Map<string, string | null>();
  /**
   * A request that only relays events about someone else's operation (neutron's external events):
   * linked, but never the target of id-less lines.
   */
  auxiliary = false;
  /** Last record time per place (host, or source when the host is unknown), for attaching id-less lines. */
  readonly lastAtPlace = new Map<string, number>();
  first = Infinity;
  last = -Infinity;
  /** Neighbours in the correlator's least-recently-active list (owned by the Correlator). */
  lruPrev: TimelineBuilder | null = null;
  lruNext: TimelineBuilder | null = null;
  private readonly head: LogRecord[] = [];
  private readonly tail: LogRecord[] = [];
  private tailStart = 0;
  private dropped = 0;
  private readonly headLimit: number;
  private readonly tailLimit: number;

  constructor(key: string, requestId: string | null, background: boolean, limit: number) {
    this.key = key;
    this.requestId = requestId;
    this.background = background;
    this.headLimit = Math.ceil(limit / 2);
    this.tailLimit = Math.max(1, Math.floor(limit / 2));
  }

  get size(): number {
    return this.head.length + this.tail.length;
  }

  add(r: LogRecord, place: string): void {
    const t = r.time;
    if (Number.isFinite(t)) {
      if (t < this.first) this.first = t;
      if (t > this.last) this.last = t;
      const prev = this.lastAtPlace.get(place);
      if (prev === undefined || t > prev) this.lastAtPlace.set(place, t);
    } else if (!this.lastAtPlace.has(place)) {
      this.lastAtPlace.set(place, this.last);
    }
    if (r.instance !== null) this.instances.add(r.instance);
    if (this.globalRequestId === null && r.globalRequestId !== null) this.globalRequestId = r.globalRequestId;
    if (this.head.length < this.headLimit) {
      this.head.push(r);
    } else if (this.tail.length < this.tailLimit) {
      this.tail.push(r);
    } else {
      // Ring buffer over the tail: overwrite the oldest.
      this.tail[this.tailStart] = r;
      this.tailStart = (this.tailStart + 1) % this.tailLimit;
      this.dropped++;
    }
  }

  build(closedBy: Timeline['closedBy']): Timeline {
    const tail = this.tailStart === 0 ? this.tail : [...this.tail.slice(this.tailStart), ...this.tail.slice(0, this.tailStart)];
    const records = this.head.concat(tail);
    records.sort(compareRecords);
    return {
      key: this.key,
      requestId: this.requestId,
      globalRequestId: this.globalRequestId,
      related: [...this.related.keys()],
      relatedVia: Object.fromEntries(this.related),
      instances: [...this.instances],
      records,
      droppedRecords: this.dropped,
      closedBy,
      background: this.background,
      relay: this.auxiliary,
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
