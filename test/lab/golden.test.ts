// The lab's golden test: nova-trace over every recorded scenario must report, for each lifecycle
// request of the manifest, the operation (and variant) the lab ran, the outcome Nova showed, and at
// least the stages listed in expected.json. A mismatch is a bug in nova-trace or a model — never a
// reason to edit the recorded logs. `UPDATE_LAB_STAGES=1` fills empty `stages` lists from the current
// output (review the diff: those stages become the floor).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

interface Expected {
  request_id: string;
  operation: string;
  variant?: string | null;
  outcome: string;
  stages: string[];
}
interface Op {
  requestId: string;
  operation: string;
  variant: string | null;
  outcome: string;
  stages: Array<{ id: string; reached: boolean }>;
}

const LAB = join(ROOT, 'fixtures', 'lab');
const UPDATE = process.env.UPDATE_LAB_STAGES === '1';

for (const scenario of readdirSync(LAB).sort()) {
  const file = join(LAB, scenario, 'expected.json');
  const expected = JSON.parse(readFileSync(file, 'utf8')) as { requests: Expected[] };

  describe(`lab scenario ${scenario}`, () => {
    // Journal exports have no year: the fixtures were recorded in 2026.
    const r = cli(['list', join(LAB, scenario), '--json', '--all', '-q', '--year', '2026']);
    const doc = JSON.parse(r.stdout) as { operations: Op[] };
    let changed = false;

    for (const want of expected.requests) {
      it(`${want.operation} ${want.request_id} ${want.outcome}`, () => {
        const ops = doc.operations.filter((o) => o.requestId === want.request_id);
        expect(ops.length, 'nova-trace reports the request').toBeGreaterThan(0);
        for (const o of ops) {
          expect(o.operation).toBe(want.operation);
          if (want.variant) expect(o.variant).toBe(want.variant);
          expect(o.outcome).toBe(want.outcome);
          const reached = o.stages.filter((s) => s.reached).map((s) => s.id);
          if (UPDATE && want.stages.length === 0) {
            want.stages = reached;
            changed = true;
          }
          for (const s of want.stages) expect(reached, `stage ${s} reached`).toContain(s);
        }
      });
    }
    it.runIf(UPDATE)('writes the filled stages', () => {
      if (changed) writeFileSync(file, JSON.stringify(expected, null, 1) + '\n');
    });
  });
}
