// k-way merge of per-source record batches by time, so that correlation sees one stream in (nearly)
// time order across files and hosts and can close idle requests without holding whole inputs.
// Records without a time sort with the previous record of their source.
import type { LogRecord } from '../types.js';

interface Head {
  batches: AsyncIterator<LogRecord[]>;
  batch: LogRecord[];
  index: number;
  key: number;
  order: number;
}

/**
 * Merges the sources' batches into one stream. `pace`, when given, is called before each batch is
 * taken from a source and awaited when it returns a promise; what it throws is that source's error.
 * (It was a wrapping async generator per source: one more promise and microtask per batch of 8.)
 */
export async function mergeByTime(
  sources: Array<AsyncIterable<LogRecord[]>>,
  onRecord: (r: LogRecord) => void,
  onSourceError: (index: number, err: unknown) => void,
  pace: (() => Promise<void> | void) | null = null,
): Promise<void> {
  const heap: Head[] = [];
  const lastKey = new Array<number>(sources.length).fill(-Infinity);

  const refill = async (h: Head): Promise<boolean> => {
    for (;;) {
      let next: IteratorResult<LogRecord[]>;
      try {
        if (pace !== null) {
          const wait = pace();
          if (wait !== undefined) await wait;
        }
        next = await h.batches.next();
      } catch (err) {
        onSourceError(h.order, err);
        return false;
      }
      if (next.done) return false;
      if (next.value.length === 0) continue;
      h.batch = next.value;
      h.index = 0;
      h.key = keyOf(h.batch[0]!, lastKey[h.order]!);
      return true;
    }
  };

  await Promise.all(
    sources.map(async (s, order) => {
      const h: Head = { batches: s[Symbol.asyncIterator](), batch: [], index: 0, key: 0, order };
      if (await refill(h)) push(heap, h);
    }),
  );

  try {
    while (heap.length > 0) {
      const h = heap[0]!;
      const r = h.batch[h.index]!;
      lastKey[h.order] = h.key;
      onRecord(r);
      h.index++;
      if (h.index < h.batch.length) {
        h.key = keyOf(h.batch[h.index]!, h.key);
        siftDown(heap, 0);
      } else if (await refill(h)) {
        siftDown(heap, 0);
      } else {
        const last = heap.pop()!;
        if (heap.length > 0 && last !== h) {
          heap[0] = last;
          siftDown(heap, 0);
        }
      }
    }
  } catch (err) {
    // Stopped (a callback threw, or `pace`): let the sources still open close their files.
    await Promise.allSettled(heap.map((h) => h.batches.return?.()));
    throw err;
  }
}

function keyOf(r: LogRecord, previous: number): number {
  return Number.isFinite(r.time) ? r.time : previous;
}

function less(a: Head, b: Head): boolean {
  return a.key < b.key || (a.key === b.key && a.order < b.order);
}

function push(heap: Head[], h: Head): void {
  heap.push(h);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(heap[i]!, heap[p]!)) break;
    [heap[i], heap[p]] = [heap[p]!, heap[i]!];
    i = p;
  }
}

function siftDown(heap: Head[], i: number): void {
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < n && less(heap[l]!, heap[m]!)) m = l;
    if (r < n && less(heap[r]!, heap[m]!)) m = r;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m]!, heap[i]!];
    i = m;
  }
}
