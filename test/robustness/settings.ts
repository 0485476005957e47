// fast-check settings shared by the property tests: a fixed seed (printed by fast-check with the path
// of any counterexample), a few hundred runs in `npm test`, and the overrides `npm run fuzz` passes:
// NOVA_TRACE_FUZZ_RUNS, NOVA_TRACE_FUZZ_SEED (and NOVA_TRACE_FUZZ_PATH to replay one counterexample).
import type { Parameters } from 'fast-check';

export const SEED = Number(process.env.NOVA_TRACE_FUZZ_SEED ?? 20261121);

/** Whether the fuzz runner asked for a long run (tests then get a longer timeout). */
export const FUZZING = process.env.NOVA_TRACE_FUZZ_RUNS !== undefined;

export function params<T>(runs: number, weight = 1): Parameters<T> {
  const fuzzRuns = FUZZING ? Math.max(1, Math.round(Number(process.env.NOVA_TRACE_FUZZ_RUNS) * weight)) : runs;
  const path = process.env.NOVA_TRACE_FUZZ_PATH;
  return { seed: SEED, numRuns: fuzzRuns, ...(path ? { path, endOnFailure: true } : {}) };
}

/** Test timeout: generous when fuzzing, the suite default otherwise. */
export const TIMEOUT = FUZZING ? 24 * 3600_000 : 120_000;
