// `check --update`: generated expectations, refresh of an existing file, deterministic output.
import { describe, expect, it } from 'vitest';
import {
  compileExpectations,
  evaluate,
  loadExpectations,
  refreshExpectations,
  roundBudget,
  serializeExpectations,
  type ExpectationFileSpec,
} from '../../src/check/index.js';
import type { MatchResult } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import { failure, op, T0 } from './helpers.js';

const models = loadModels();
const A = 'req-3f1c2a9e-7b4d-4e8a-9c21-5d6e7f8a9b01';
const B = 'req-8d2e4f6a-1c3b-4d5e-8f7a-9b0c1d2e3f40';
const VB = 'b2c3d4e5-2222-4b3c-9d4e-1f2a3b4c5d6e';
const OPS: MatchResult[] = [
  op(),
  op({ requestId: B, instance: VB, start: T0 + 60_000, outcome: 'failed', reached: ['api', 'scheduling', 'host_selected', 'build_started', 'claimed', 'networking', 'block_device_mapping', 'spawning'], failure: failure() }),
  op({ requestId: null, operation: 'unknown', stages: [], outcome: 'unknown', start: T0 + 90_000, errorCount: 1 }),
];
const opts = { budgets: null, schemaRef: '../schema/expectations.schema.json', inputs: null };

function update(old: ExpectationFileSpec | null, ops = OPS, o: Partial<typeof opts> & { budgets?: number | null } = {}) {
  return refreshExpectations(old, ops, { ...opts, ...o });
}

/** Writes, reads back through the loader (schema + models), evaluates: the round trip `check` does. */
function roundTrip(spec: ExpectationFileSpec, format: 'json' | 'yaml', ops = OPS) {
  const text = serializeExpectations(spec, format);
  const file = loadExpectations(`e.${format}`, text, models);
  return { text, file, report: evaluate(file, ops) };
}

describe('check --update', () => {
  it('writes counts, unexplained errors and one expectation per operation, in order', () => {
    const { spec } = update(null);
    expect(spec.expectations.map((e) => e.name)).toEqual(['operations found', 'unexplained error lines', `boot ${A}`, `boot ${B}`, 'unknown (no request id) on a1b2c3d4-1111-4a2b-8c3d-0e1f2a3b4c5d at 2026-11-21T09:01:30.000Z']);
    expect(spec.expectations[1]).toEqual({ name: 'unexplained error lines', select: 'all', unknownErrors: 1 });
    expect(spec.expectations[3]).toEqual({
      name: `boot ${B}`,
      select: { requestId: B },
      operation: 'boot',
      outcome: 'failed',
      stages: ['api', 'scheduling', 'host_selected', 'build_started', 'claimed', 'networking', 'block_device_mapping', 'spawning'],
      notStages: ['guest_created', 'spawned', 'done'],
      failure: { id: 'build_aborted', exception: 'VirtualInterfaceCreateException', stage: 'spawning' },
    });
    expect(spec.expectations[4]!.select).toEqual({ instance: 'a1b2c3d4-1111-4a2b-8c3d-0e1f2a3b4c5d', start: '2026-11-21T09:01:30.000Z' });
    expect(spec.expectations.some((e) => e.maxDurationMs !== undefined)).toBe(false);
  });

  it('tells apart operations that share a request id (instance, then start)', () => {
    const two = [op({ instance: VB }), op({ instance: VB, start: T0 + 5000 }), op()];
    const selects = update(null, two).spec.expectations.slice(2).map((e) => e.select);
    expect(selects).toEqual([
      { requestId: A, instance: VB, start: '2026-11-21T09:00:00.000Z' },
      { requestId: A, instance: VB, start: '2026-11-21T09:00:05.000Z' },
      { requestId: A, instance: 'a1b2c3d4-1111-4a2b-8c3d-0e1f2a3b4c5d' },
    ]);
    expect(roundTrip(update(null, two).spec, 'json', two).report.failed).toBe(0);
  });

  for (const format of ['json', 'yaml'] as const) {
    it(`${format}: check right after --update passes, and a second --update is byte-identical`, () => {
      const first = roundTrip(update(null).spec, format);
      expect(first.report.failed).toBe(0);
      const second = roundTrip(update(first.file.spec).spec, format);
      expect(second.text).toBe(first.text);
      expect(first.text.endsWith('\n')).toBe(true);
    });
  }

  it('writes stable, reviewable JSON: 2 spaces, schema key order, short lists on one line', () => {
    const { text } = roundTrip(update(null).spec, 'json');
    expect(text.split('\n').slice(0, 4)).toEqual(['{', '  "$schema": "../schema/expectations.schema.json",', '  "version": 1,', '  "expectations": [']);
    expect(text).toContain(`      "select": { "requestId": "${B}" },\n      "operation": "boot",\n      "outcome": "failed",\n`);
    expect(text).toContain('      "notStages": ["guest_created", "spawned", "done"],\n');
  });

  it('writes YAML with flow lists', () => {
    const { text } = roundTrip(update(null).spec, 'yaml');
    expect(text).toContain('    notStages: [ guest_created, spawned, done ]\n');
    expect(text.startsWith('$schema: ../schema/expectations.schema.json\nversion: 1\n')).toBe(true);
  });

  it('--budgets: observed duration × factor, rounded up to two significant digits', () => {
    expect([roundBudget(0), roundBudget(7.2), roundBudget(21543), roundBudget(3000), roundBudget(999.5)]).toEqual([1, 8, 22000, 3000, 1000]);
    const e = update(null, OPS, { budgets: 3 }).spec.expectations[2]!;
    expect(e.maxDurationMs).toBe(30000);
    expect(e.stageBudgetsMs).toMatchObject({ api: 3000, spawning: 3000 });
    expect(roundTrip(update(null, OPS, { budgets: 3 }).spec, 'json').report.failed).toBe(0);
  });

  it('keeps the header, hand-chosen names, descriptions, budgets that hold and hand-written expectations that hold', () => {
    const old: ExpectationFileSpec = {
      $schema: 'https://example.invalid/schema.json',
      version: 1,
      description: 'kept',
      inputs: ['logs'],
      expectations: [
        { name: 'vm1 boots', description: 'why', select: { requestId: A.toUpperCase() }, outcome: 'failed', maxDurationMs: 60_000 },
        { name: `boot ${B}`, select: { requestId: B }, stageBudgetsMs: { spawning: 1 } },
        { name: 'two boots', select: { operation: 'boot' }, count: 2 },
        { name: 'twelve boots', select: { operation: 'boot' }, count: 12 },
        { name: 'operations found', select: 'all', count: 99 },
      ],
    };
    const { spec, dropped } = update(old);
    expect([spec.$schema, spec.description, spec.inputs]).toEqual(['https://example.invalid/schema.json', 'kept', ['logs']]);
    expect(spec.expectations.map((e) => e.name)).toEqual(['operations found', 'unexplained error lines', 'two boots', 'vm1 boots', `boot ${B}`, spec.expectations[5]!.name]);
    const vm1 = spec.expectations[3]!;
    expect([vm1.description, vm1.outcome, vm1.maxDurationMs]).toEqual(['why', 'completed', 60_000]);
    expect(spec.expectations[4]!.stageBudgetsMs).toBeUndefined(); // 1 ms no longer holds
    expect(spec.expectations[0]!.count).toBe(3);
    expect(dropped).toEqual(['twelve boots: boot operations: found 2, expected exactly 12']);
    expect(update(old, OPS, { inputs: ['other'] }).spec.inputs).toEqual(['other']);
    expect(update({ ...old, year: 2025 }).spec.year).toBe(2025);
    expect(update({ ...old, year: 2025 }, OPS, { year: 2026 }).spec.year).toBe(2026);
    expect(serializeExpectations(update({ ...old, year: 2025 }).spec, 'json')).toContain('"inputs": ["logs"],\n  "year": 2025,\n  "expectations": [');
  });

  it('names a hand-written expectation without a name in the dropped list', () => {
    const old: ExpectationFileSpec = { version: 1, expectations: [{ select: { operation: 'boot' }, count: 5 }] };
    expect(update(old).dropped).toEqual(['boot operations: exactly 5: boot operations: found 2, expected exactly 5']);
    expect(compileExpectations(old)[0]!.name).toBe('boot operations: exactly 5');
  });
});
