// Each kind of expectation, holding and not holding, over synthetic match results.
import { describe, expect, it } from 'vitest';
import { evaluate, loadExpectations, type ExpectationSpec } from '../../src/check/index.js';
import type { MatchResult } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import { failure, op, stages, T0 } from './helpers.js';

const models = loadModels();
const A = 'req-3f1c2a9e-7b4d-4e8a-9c21-5d6e7f8a9b01';
const B = 'req-8d2e4f6a-1c3b-4d5e-8f7a-9b0c1d2e3f40';
const VB = 'b2c3d4e5-2222-4b3c-9d4e-1f2a3b4c5d6e';

const ok = op();
const vif = op({
  requestId: B,
  instance: VB,
  start: T0 + 60_000,
  outcome: 'failed',
  reached: ['api', 'scheduling', 'host_selected', 'build_started', 'claimed', 'networking', 'block_device_mapping', 'spawning'],
  failure: failure(),
});
const OPS = [ok, vif];

/** The reasons one expectation gives over `ops` ([] when it holds). */
function reasons(spec: ExpectationSpec, ops: MatchResult[] = OPS): string[] {
  const file = loadExpectations('t.json', JSON.stringify({ version: 1, expectations: [spec] }), models);
  const [v] = evaluate(file, ops).verdicts;
  expect(v!.status).toBe(v!.reasons.length === 0 ? 'pass' : 'fail');
  return v!.reasons;
}

describe('check: each kind of expectation', () => {
  it('operation and variant', () => {
    expect(reasons({ select: { requestId: A }, operation: 'boot', variant: null })).toEqual([]);
    expect(reasons({ select: { requestId: A }, operation: 'start' })).toEqual([`boot ${A} was matched as boot, expected start`]);
    expect(reasons({ select: { requestId: A }, variant: 'hard' })).toEqual([`boot ${A} has variant none, expected hard`]);
  });

  it('outcome', () => {
    expect(reasons({ select: { requestId: B }, outcome: 'failed' })).toEqual([]);
    expect(reasons({ select: { requestId: B }, outcome: 'completed' })).toEqual([`boot ${B} failed: VirtualInterfaceCreateException, expected completed`]);
    const stuck = op({ outcome: 'incomplete', reached: ['api', 'scheduling'] });
    expect(reasons({ select: 'all', outcome: 'completed' }, [stuck])).toEqual([`boot ${A} incomplete after \`scheduling\`, expected completed`]);
  });

  it('stages reached, in order', () => {
    expect(reasons({ select: { requestId: A }, stages: ['scheduling', 'claimed', 'spawned', 'done'] })).toEqual([]);
    expect(reasons({ select: { requestId: B }, stages: ['scheduling', 'claimed', 'spawned', 'done'] })).toEqual([
      `boot ${B} reached \`spawning\` but not \`spawned\`, \`done\`; failed: VirtualInterfaceCreateException`,
    ]);
    expect(reasons({ select: { requestId: A }, stages: ['spawned', 'claimed'] })[0]).toMatch(/reached `claimed` before `spawned`/);
    const none = op({ reached: [] });
    expect(reasons({ select: 'all', stages: ['api'] }, [none])).toEqual([`boot ${A} reached no stage (expected \`api\`)`]);
  });

  it('stages not reached', () => {
    expect(reasons({ select: { requestId: B }, notStages: ['spawned', 'done'] })).toEqual([]);
    expect(reasons({ select: { requestId: A }, notStages: ['guest_created', 'networking'] })).toEqual([`boot ${A} reached \`networking\`, expected not to`]);
  });

  it('the failure: id, exception (short, as logged, or root cause), message pattern, stage', () => {
    const spec = { id: 'build_aborted', exception: 'VirtualInterfaceCreateException', message: 'aborted: Virtual', stage: 'spawning' };
    expect(reasons({ select: { requestId: B }, failure: spec })).toEqual([]);
    const logged = op({ outcome: 'failed', failure: failure({ exception: 'nova.exception_Remote.NoValidHost_Remote', rootCause: null }) });
    expect(reasons({ select: 'all', failure: { exception: 'NoValidHost' } }, [logged])).toEqual([]);
    expect(reasons({ select: 'all', failure: { exception: 'nova.exception_Remote.NoValidHost_Remote' } }, [logged])).toEqual([]);
    const bad = reasons({ select: { requestId: B }, failure: { id: 'no_valid_host', exception: 'NoValidHost', message: '^No valid', stage: 'scheduling' } });
    expect(bad).toEqual([
      `boot ${B} failed with build_aborted, expected no_valid_host`,
      `boot ${B} failed with VirtualInterfaceCreateException, expected NoValidHost`,
      `boot ${B} failure message "Build of instance b2c3d4e5 aborted: Virtual Interface creation failed" does not match /^No valid/`,
      `boot ${B} failed at \`spawning\`, expected \`scheduling\``,
    ]);
  });

  it('no failure (failure: null), and a failure where there is none', () => {
    expect(reasons({ select: { requestId: A }, failure: null })).toEqual([]);
    expect(reasons({ select: { requestId: B }, failure: null })).toEqual([`boot ${B} failed: VirtualInterfaceCreateException, expected no failure`]);
    expect(reasons({ select: { requestId: A }, failure: { exception: 'X' } })).toEqual([`boot ${A} has no failure, expected one (X)`]);
  });

  it('duration budgets, in total and per stage (unreached stages are not timed)', () => {
    expect(reasons({ select: { requestId: A }, maxDurationMs: 10_000, stageBudgetsMs: { spawning: 1000, guest_created: 1 } })).toEqual([]);
    expect(reasons({ select: { requestId: A }, maxDurationMs: 5000, stageBudgetsMs: { spawning: 999 } })).toEqual([
      `boot ${A} took 10.000s, budget 5.000s`,
      `boot ${A} spent 1.000s in \`spawning\`, budget 0.999s`,
    ]);
  });

  it('no operation failed', () => {
    expect(reasons({ select: { requestId: A }, noFailed: true })).toEqual([]);
    expect(reasons({ select: 'all', noFailed: true })).toEqual([`boot ${B} failed at \`spawning\`: VirtualInterfaceCreateException`]);
  });

  it('no unexplained error lines, or exactly N (notes, "… N more", and every error of an unknown operation)', () => {
    expect(reasons({ select: 'all', noUnknownErrors: true })).toEqual([]);
    const noisy = op({ notes: ['unexplained ERROR nova.compute.manager: boom (n-cpu.log:3)', '… and 2 more unexplained error lines', 'also x'] });
    const unknown = op({ requestId: B, operation: 'unknown', stages: [], errorCount: 4 });
    expect(reasons({ select: 'all', unknownErrors: 7 }, [noisy, unknown])).toEqual([]);
    const r = reasons({ select: 'all', noUnknownErrors: true }, [noisy]);
    expect(r[0]).toBe('all operations: 3 unexplained error lines, expected none');
    expect(r[1]).toContain('boom (n-cpu.log:3)');
  });

  it('counts: exactly N, or a range; an empty selection fails unless a count allows it', () => {
    expect(reasons({ select: { operation: 'boot' }, count: 2 })).toEqual([]);
    expect(reasons({ select: { operation: 'boot' }, count: 12 })).toEqual(['boot operations: found 2, expected exactly 12']);
    expect(reasons({ select: { operation: ['boot', 'start'], outcome: 'failed' }, count: { min: 1, max: 1 } })).toEqual([]);
    expect(reasons({ select: { outcome: 'completed' }, count: { min: 3 } })).toEqual(['all operations that completed: found 1, expected at least 3']);
    expect(reasons({ select: { operation: 'resize' }, count: 0 })).toEqual([]);
    expect(reasons({ select: { operation: 'resize' }, outcome: 'completed' })).toEqual(['no operation matches: resize operations']);
  });

  it('selects by request id (any case, bare uuid), instance, host, start, global id', () => {
    expect(reasons({ select: { requestId: A.slice(4).toUpperCase() }, count: 1 })).toEqual([]);
    expect(reasons({ select: { instance: VB }, outcome: 'failed' })).toEqual([]);
    expect(reasons({ select: { host: 'cmp2' }, count: 0 })).toEqual([]);
    expect(reasons({ select: { start: new Date(T0 + 60_000).toISOString() }, outcome: 'failed' })).toEqual([]);
    expect(reasons({ select: { globalRequestId: A }, count: 0 })).toEqual([]);
  });

  it('names the instance when one request covers several operations (multi-create)', () => {
    const two = [op({ instance: 'a1b2c3d4-1111-4a2b-8c3d-0e1f2a3b4c5d' }), op({ instance: VB, outcome: 'failed', failure: failure() })];
    expect(reasons({ select: { requestId: A }, outcome: 'completed' }, two)).toEqual([`boot ${A} on ${VB} failed: VirtualInterfaceCreateException, expected completed`]);
  });

  it('a stage list for another model (stages() of a pause)', () => {
    const pause = op({ operation: 'pause', stages: stages(['api', 'compute_received'], ['api', 'compute_received', 'lifecycle']) });
    expect(reasons({ select: 'all', operation: 'pause', stages: ['api', 'compute_received'], notStages: ['lifecycle'] }, [pause])).toEqual([]);
  });

  it('counts passes and failures, and cuts a long list of reasons', () => {
    const many = Array.from({ length: 30 }, (_, i) => op({ requestId: `req-00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, outcome: 'failed' }));
    const file = loadExpectations('t.json', JSON.stringify({ version: 1, expectations: [{ select: 'all', noFailed: true }, { select: 'all', count: 30 }] }), models);
    const report = evaluate(file, many);
    expect([report.passed, report.failed]).toEqual([1, 1]);
    expect(report.verdicts[0]!.reasons).toHaveLength(21);
    expect(report.verdicts[0]!.reasons[20]).toBe('… and 10 more');
    expect(report.verdicts[0]!.name).toBe('all operations: none failed');
  });
});
