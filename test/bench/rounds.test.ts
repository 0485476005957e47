// The benchmark's schedule (bench/harness/rounds.mjs): each tool once per round, so that a machine whose
// speed drifts during the benchmark slows every tool alike. Driven with a fake `measure`.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the benchmark, without types
import { runTools } from '../../bench/harness/rounds.mjs';

interface FakeRun {
  wallMs: number;
  timedOut?: boolean;
  code?: number;
}

/** A `measure` that records the order of the runs and answers from each tool's script (last entry repeats). */
function fake(script: Record<string, FakeRun[]>) {
  const calls: string[] = [];
  const seen = new Map<string, number>();
  const measure = async (argv: string[]) => {
    const id = argv[0]!;
    calls.push(id);
    const k = seen.get(id) ?? 0;
    seen.set(id, k + 1);
    const runs = script[id]!;
    const r = runs[Math.min(k, runs.length - 1)]!;
    return { wallMs: r.wallMs, cpuMs: r.wallMs, rssKb: 1000 + k, code: r.code ?? 0, outLines: 1, stderr: '', timedOut: r.timedOut === true };
  };
  return { calls, measure };
}

const tool = (id: string) => ({ id, label: id, argv: [id], okCodes: [0] });
const opts = (measure: unknown) => ({ timeoutMs: 1000, slowMs: 60_000, measure, log: () => {} });

describe('benchmark rounds', () => {
  it('run every tool once per round, a warm-up round first, and keep the medians of the recorded runs', async () => {
    const { calls, measure } = fake({ a: [{ wallMs: 99 }, { wallMs: 10 }, { wallMs: 30 }, { wallMs: 20 }], b: [{ wallMs: 5 }] });
    const out = await runTools([tool('a'), tool('b')], 1e6, 3, opts(measure));
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(out.a.runsMs).toEqual([10, 30, 20]); // the warm-up's 99 is not recorded
    expect(out.a.medianMs).toBe(20);
    expect(out.b.runsMs).toEqual([5, 5, 5]);
    expect(out.a.okRuns).toBe(3);
    expect(out.a.mbPerS).toBeCloseTo(1e6 / 1e6 / 0.02);
  });

  it('record a warm-up that is slow enough not to care, and do not repeat a tool slower than slowMs', async () => {
    const { calls, measure } = fake({ slow: [{ wallMs: 70_000 }], fast: [{ wallMs: 1 }] });
    const out = await runTools([tool('fast'), tool('slow')], 1, 3, opts(measure));
    expect(calls).toEqual(['fast', 'slow', 'fast', 'fast', 'fast']);
    expect(out.slow.runsMs).toEqual([70_000]);
    expect(out.slow.singleRunBecauseSlow).toBe(true);
    expect(out.fast.runsMs).toHaveLength(3);
  });

  it('stop running a tool killed at the timeout, and count runs that exit with an unexpected code', async () => {
    const { calls, measure } = fake({ hang: [{ wallMs: 1000, timedOut: true }], bad: [{ wallMs: 2, code: 3 }] });
    const out = await runTools([tool('hang'), tool('bad')], 1, 2, opts(measure));
    expect(calls).toEqual(['hang', 'bad', 'bad', 'bad']);
    expect(out.hang.timedOut).toBe(true);
    expect(out.hang.runsMs).toEqual([]);
    expect(Number.isNaN(out.hang.medianMs)).toBe(true);
    expect(out.bad.okRuns).toBe(0);
    expect(out.bad.codes).toEqual([3, 3]);
  });
});
