// `nova-trace stats`: per operation and stage, counts, failures and duration percentiles. Pure.
import type { OperationResult } from '../types.js';
import { operationLabel } from './list-table.js';

export interface DurationStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface OperationStats {
  operation: string;
  count: number;
  completed: number;
  failed: number;
  incomplete: number;
  total: DurationStats | null;
  stages: Array<{ id: string; reached: number; duration: DurationStats | null }>;
  /** Failure causes (root cause or exception) with their counts, most frequent first. */
  failures: Array<{ cause: string; count: number }>;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function durationStats(values: number[]): DurationStats | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return { count: v.length, p50: percentile(v, 50), p95: percentile(v, 95), p99: percentile(v, 99), max: v[v.length - 1]! };
}

export function computeStats(ops: OperationResult[]): OperationStats[] {
  const groups = new Map<string, OperationResult[]>();
  for (const o of ops) {
    const k = operationLabel(o);
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = []));
    g.push(o);
  }
  const out: OperationStats[] = [];
  for (const [operation, g] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    const stageIds: string[] = [];
    const stageDurations = new Map<string, number[]>();
    const stageReached = new Map<string, number>();
    const causes = new Map<string, number>();
    for (const o of g) {
      for (const s of o.stages) {
        if (!stageDurations.has(s.id)) {
          stageIds.push(s.id);
          stageDurations.set(s.id, []);
          stageReached.set(s.id, 0);
        }
        if (s.reached) {
          stageReached.set(s.id, stageReached.get(s.id)! + 1);
          if (s.durationMs !== null) stageDurations.get(s.id)!.push(s.durationMs);
        }
      }
      if (o.outcome === 'failed') {
        const c = o.failure?.rootCause ?? o.failure?.exception ?? o.failure?.stage ?? 'unexplained';
        causes.set(c, (causes.get(c) ?? 0) + 1);
      }
    }
    out.push({
      operation,
      count: g.length,
      completed: g.filter((o) => o.outcome === 'completed').length,
      failed: g.filter((o) => o.outcome === 'failed').length,
      incomplete: g.filter((o) => o.outcome === 'incomplete').length,
      total: durationStats(g.filter((o) => o.outcome === 'completed').map((o) => o.durationMs)),
      stages: stageIds.map((id) => ({ id, reached: stageReached.get(id)!, duration: durationStats(stageDurations.get(id)!) })),
      failures: [...causes].map(([cause, count]) => ({ cause, count })).sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause)),
    });
  }
  return out;
}
