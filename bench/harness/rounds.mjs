// The benchmark's schedule: every tool once per round, so that the ratios compare runs made at the same
// moments (bench/run.mjs; tested in test/bench/rounds.test.ts with a fake `measure`).
import { loadavg } from 'node:os';
import { median } from './measure.mjs';

/**
 * Runs the tools in rounds, each tool once per round (a warm-up round first, not recorded unless a run
 * is slow enough not to care), so that a machine whose speed drifts during the benchmark (a shared VM:
 * ±30% within minutes) slows every tool alike and the ratios compare runs made at the same moments.
 * A tool whose run takes longer than `slowMs` is not repeated; one killed at the timeout is not run again.
 * `opts.measure(argv, { timeoutMs, env })` runs one command (harness/measure.mjs), `opts.log` reports.
 */
export async function runTools(tools, bytes, runs, opts) {
  const { measure, log } = opts;
  const outs = tools.map((tool) => ({ tool, done: false, out: { label: tool.label, runsMs: [], cpuMs: [], rssKb: [], codes: [], okRuns: 0, outLines: null, loadAvg: +loadavg()[0].toFixed(2) } }));
  for (let round = -1; round < runs; round++) {
    for (const t of outs) {
      if (t.done) continue;
      const { tool, out } = t;
      const r = await measure(tool.argv, { timeoutMs: opts.timeoutMs, env: tool.env });
      if (r.timedOut) {
        out.timedOut = true;
        out.timeoutMs = opts.timeoutMs;
        log(`  ${tool.id}: killed after ${opts.timeoutMs / 1000} s`);
        t.done = true;
        continue;
      }
      if (round >= 0 || r.wallMs > 10_000) {
        out.runsMs.push(r.wallMs);
        out.cpuMs.push(r.cpuMs);
        out.rssKb.push(r.rssKb);
        out.codes.push(r.code);
        out.outLines = r.outLines;
        if (tool.okCodes.includes(r.code)) out.okRuns++;
        else log(`  ${tool.id}: exit ${r.code}: ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
      }
      if (out.runsMs.length >= runs) t.done = true;
      else if (r.wallMs > opts.slowMs) {
        // minutes per run: repeating would not change the verdict, only the length of the benchmark
        out.singleRunBecauseSlow = true;
        log(`  ${tool.id}: ${(r.wallMs / 1000).toFixed(0)} s for one run, not repeated`);
        t.done = out.runsMs.length > 0;
      }
    }
  }
  const result = {};
  for (const { tool, out } of outs) {
    out.medianMs = out.runsMs.length > 0 ? median(out.runsMs) : NaN;
    out.medianCpuMs = median(out.cpuMs);
    out.maxRssKb = out.rssKb.length > 0 ? Math.max(...out.rssKb.filter(Number.isFinite)) : NaN;
    out.medianRssKb = median(out.rssKb);
    out.mbPerS = bytes / 1e6 / (out.medianMs / 1000);
    log(`  ${tool.label}: median ${(out.medianMs / 1000).toFixed(3)} s (cpu ${(out.medianCpuMs / 1000).toFixed(3)} s), ${out.mbPerS.toFixed(0)} MB/s, peak RSS ${(out.maxRssKb / 1024).toFixed(0)} MB, load ${out.loadAvg}`);
    result[tool.id] = out;
  }
  return result;
}
