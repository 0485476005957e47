import { describe, expect, it } from 'vitest';
import { computeStats, percentile } from '../../src/report/stats.js';
import type { OperationResult } from '../../src/types.js';

function op(operation: string, outcome: OperationResult['outcome'], durationMs: number, spawn: number | null, cause?: string): OperationResult {
  return {
    requestId: 'req-x', globalRequestId: null, relatedRequestIds: [], operation, variant: null, confidence: 1, instance: null,
    hosts: [], services: [], start: 0, end: durationMs, durationMs, outcome, idleMs: null, notes: [], errorCount: 0, recordCount: 1,
    stages: [{ id: 'spawning', title: 'Spawning', service: 'compute', host: null, reached: spawn !== null, at: spawn === null ? null : 0, durationMs: spawn }],
    failure: cause ? { stage: 'spawning', exception: cause, message: '', source: 'x:1', hint: '', explanation: '', rootCause: cause, traceback: [] } : null,
  };
}

describe('stats', () => {
  it('uses nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 50), percentile(v, 95), percentile(v, 99), percentile(v, 100)]).toEqual([50, 95, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
  });

  it('groups per operation: outcomes, totals of completed operations, stage durations, failure causes', () => {
    const s = computeStats([
      op('boot', 'completed', 1000, 400),
      op('boot', 'completed', 3000, 600),
      op('boot', 'failed', 500, null, 'NoValidHost'),
      op('boot', 'failed', 700, null, 'NoValidHost'),
      op('delete', 'completed', 200, null),
    ]);
    expect(s.map((x) => x.operation)).toEqual(['boot', 'delete']);
    const boot = s[0]!;
    expect([boot.count, boot.completed, boot.failed]).toEqual([4, 2, 2]);
    expect(boot.total).toEqual({ count: 2, p50: 1000, p95: 3000, p99: 3000, max: 3000 });
    expect(boot.stages).toEqual([{ id: 'spawning', reached: 2, duration: { count: 2, p50: 400, p95: 600, p99: 600, max: 600 } }]);
    expect(boot.failures).toEqual([{ cause: 'NoValidHost', count: 2 }]);
  });
});
