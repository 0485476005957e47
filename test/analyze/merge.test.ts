import { describe, expect, it } from 'vitest';
import { mergeByTime } from '../../src/analyze/merge.js';
import type { LogRecord } from '../../src/types.js';
import { rec } from '../helpers/record.js';

/** A source yielding the given batches of records at these times (seconds), noting when it was closed. */
function source(name: string, batches: number[][], log: string[]): AsyncIterable<LogRecord[]> {
  return (async function* () {
    try {
      for (const b of batches) yield b.map((t, i) => ({ ...rec(t), source: name, line: i + 1 }));
    } finally {
      log.push(`${name} closed`);
    }
  })();
}

describe('mergeByTime', () => {
  it('merges the sources by time, ties by source order', async () => {
    const log: string[] = [];
    const seen: string[] = [];
    await mergeByTime(
      [source('a', [[0, 2], [4]], log), source('b', [[1, 2, 3]], log)],
      (r) => seen.push(`${r.source}${(r.time - rec(0).time) / 1000}`),
      () => undefined,
    );
    expect(seen).toEqual(['a0', 'b1', 'a2', 'b2', 'b3', 'a4']);
    expect(log.sort()).toEqual(['a closed', 'b closed']);
  });

  it('calls pace before each batch it takes, awaiting only the promises it returns', async () => {
    const calls: string[] = [];
    let paced = 0;
    let waits = 0;
    await mergeByTime(
      [source('a', [[0], [2], [4]], [])],
      (r) => calls.push(`record ${(r.time - rec(0).time) / 1000}`),
      () => undefined,
      () => {
        calls.push('pace');
        if (++paced % 2 === 1) return;
        waits++;
        return new Promise((resolve) => setTimeout(resolve, 1));
      },
    );
    // Before each of the three batches, and before the call that finds the source ended.
    expect(calls).toEqual(['pace', 'record 0', 'pace', 'record 2', 'pace', 'record 4', 'pace']);
    expect(waits).toBeGreaterThan(0);
  });

  it('closes the sources still open when it stops on an error (a callback or pace)', async () => {
    for (const stop of ['record', 'pace'] as const) {
      const log: string[] = [];
      let n = 0;
      const run = mergeByTime(
        [source('a', [[0], [1], [5]], log), source('b', [[2], [3], [6]], log), source('c', [[7]], log)],
        () => {
          if (stop === 'record' && ++n === 3) throw new Error('stop');
        },
        (_i, err) => {
          throw err;
        },
        () => {
          if (stop === 'pace' && ++n === 5) throw new Error('stop');
        },
      );
      await expect(run).rejects.toThrow('stop');
      expect(log.sort()).toEqual(['a closed', 'b closed', 'c closed']);
    }
  });
});
