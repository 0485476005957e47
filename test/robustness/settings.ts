// fast-check settings shared by the property tests: a fixed seed (printed by fast-check with the path
// of any counterexample), a few hundred runs in `npm test`, and the overrides `npm run fuzz` passes:
// NOVA_TRACE_FUZZ_RUNS (a total, shared out by each property's weight), NOVA_TRACE_FUZZ_SEED, and
// NOVA_TRACE_FUZZ_PATH to replay one counterexample. NOVA_TRACE_FUZZ_LOG gets one line per property
// with the runs it was given, so that the runner can report cases per second.
import { appendFileSync } from 'node:fs';
import type { Parameters } from 'fast-check';
import { expect } from 'vitest';

export const SEED = Number(process.env.NOVA_TRACE_FUZZ_SEED ?? 20261121);

/** Whether the fuzz runner asked for a long run (tests then get a longer timeout). */
export const FUZZING = process.env.NOVA_TRACE_FUZZ_RUNS !== undefined;

/**
 * `runs` in `npm test`; under `npm run fuzz`, `weight` × the total asked for (the weights of all
 * properties add up to about 1, cheap properties getting more cases than expensive ones).
 */
export function params<T>(runs: number, weight: number): Parameters<T> {
  const numRuns = FUZZING ? Math.max(1, Math.round(Number(process.env.NOVA_TRACE_FUZZ_RUNS) * weight)) : runs;
  const path = process.env.NOVA_TRACE_FUZZ_PATH;
  const log = process.env.NOVA_TRACE_FUZZ_LOG;
  if (log) appendFileSync(log, JSON.stringify({ test: expect.getState().currentTestName ?? '?', runs: numRuns, seed: SEED }) + '\n');
  return { seed: SEED, numRuns, ...(path ? { path, endOnFailure: true } : {}) };
}

/** Test timeout: generous when fuzzing, the suite default otherwise. */
export const TIMEOUT = FUZZING ? 24 * 3600_000 : 120_000;
