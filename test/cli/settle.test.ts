// Settling (CorrelateOptions.settle, runOperations): a request that has gone quiet after reaching the
// last stage of its operation is closed then, not ten minutes later. That must not change any result:
// the operations, hidden counts and sources are the same as when every request waits for the idle
// window, over every fixture log (a few minutes each: little settles there), and over the benchmark's
// generated logs of a busy cloud with the windows scaled down to their minute and a bit, where many
// operations settle.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOperations, type OperationsOptions } from '../../src/cli/operations.js';
import { cli } from '../helpers/cli.js';
import { FIXTURES, fixtureRuns } from '../helpers/fixture-runs.js';
import { useGeneratedLogs } from '../helpers/generated.js';

function run(logs: string[], settle: boolean, extra: Partial<OperationsOptions> = {}) {
  return runOperations({ inputs: logs.map((path) => ({ kind: 'file', path })), year: 2026, modelDirs: [], settle, ...extra });
}

const RUNS = fixtureRuns();

describe('settling finished requests', () => {
  for (const [name, logs] of RUNS) {
    it(`gives the same results on ${name}`, async () => {
      for (const extra of [{}, { all: true }]) {
        const settled = await run(logs, true, extra);
        const held = await run(logs, false, extra);
        expect(held.summary.correlate).toMatchObject({ settled: 0, reopened: 0 });
        expect(comparable(settled)).toEqual(comparable(held));
        expect(settled.summary.correlate.reopened).toBe(0);
      }
    });
  }

  describe('on generated logs of a busy cloud', () => {
    const logs = useGeneratedLogs('12M', 7);

    it('gives the same results with the windows scaled down, and settles many operations', async () => {
      const correlate = { idleWindowMs: 60_000, attachWindowMs: 15_000, settleWindowMs: 15_000 };
      let operations = 0;
      for (const extra of [{ correlate }, { correlate, all: true }]) {
        const settled = await run(logs(), true, extra);
        const held = await run(logs(), false, extra);
        expect(comparable(settled)).toEqual(comparable(held));
        operations ||= held.results.length;
        // (12 MiB, 390 operations: 191 settled, relays of neutron events included; 125 with --all)
        expect(settled.summary.correlate.settled).toBeGreaterThan(operations / 4);
        expect(settled.summary.correlate.reopened).toBe(0);
      }
    });
  });
});

// A stop whose last line is at 18:22:19, then a line of its request at 18:26:30: it was settled meanwhile
// (two minutes quiet; the filler request makes the sweeps that notice it), so the late line is an
// operation of its own, and `list` says so.
describe('an operation that logs again after it was settled', () => {
  const REQ = 'req-5f2c424f-3113-4bba-8a79-5c7ac85bb1d1';
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nova-trace-reopen-'));
    const stop = join(FIXTURES, 'models', 'stop', 'success', 'oslo');
    const filler = Array.from(
      { length: 1100 },
      (_, i) =>
        `2026-11-21 18:25:${String(Math.floor(i / 20)).padStart(2, '0')}.${String((i % 20) * 10).padStart(3, '0')} 25744 INFO nova.api.openstack.requestlog [None req-00000000-0000-4000-8000-000000000001 e576ded0fc124050b0d1aa0dde7a34e5 7a69ff299871461ab66cc5dce9eec36e - - default default] 10.0.0.5 "POST /compute/v2.1/os-keypairs" status: 200 len: 10 microversion: 2.90 time: 0.01\n`,
    );
    writeFileSync(join(dir, 'n-api.log'), readFileSync(join(stop, 'n-api.log'), 'utf8') + filler.join(''));
    const late = `2026-11-21 18:26:30.000 25702 DEBUG nova.compute.manager [None ${REQ} e576ded0fc124050b0d1aa0dde7a34e5 7a69ff299871461ab66cc5dce9eec36e - - default default] [instance: 498a56f1-809a-4c44-a789-2ff0ca0a4a47] Checking state _get_power_state /usr/lib/python3/dist-packages/nova/compute/manager.py:1789\n`;
    writeFileSync(join(dir, 'n-cpu-cmp2.log'), readFileSync(join(stop, 'n-cpu-cmp2.log'), 'utf8') + late);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the late line as an operation of its own and counts it', () => {
    const logs = [join(dir, 'n-api.log'), join(dir, 'n-cpu-cmp2.log')];
    const json = cli(['list', ...logs, '--format', 'json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { reopened: number; operations: Array<{ requestId: string; operation: string; outcome: string; end: string }> };
    expect(doc.reopened).toBe(1);
    expect(doc.operations.filter((o) => o.requestId === REQ).map((o) => [o.operation, o.outcome, o.end])).toEqual([
      ['stop', 'completed', '2026-11-21T18:22:19.410Z'],
      ['unknown', 'unknown', '2026-11-21T18:26:30.000Z'],
    ]);
    expect(cli(['list', ...logs]).stdout).toContain('1 operation closed as finished (two minutes quiet after the last stage) logged again');
  });
});

/** A run without the counts of settled and reopened requests (the only things settling may change). */
function comparable(r: Awaited<ReturnType<typeof runOperations>>) {
  const { settled: _s, reopened: _r, ...correlate } = r.summary.correlate;
  return { ...r, summary: { ...r.summary, correlate } };
}
