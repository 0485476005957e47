// The fixture requirement of the models issue, as a test: every model in src/models/defs has at least one
// success and one failure case, each rendered as oslo files and as a journal, whose request the golden
// file says is that model with that outcome; resize, cold migrate and live migration have a case whose
// stages land on two compute hosts. A new model without fixtures fails here.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Expected, listCases, modelIds } from './cases.js';

const cases = listCases();

function primaryOps(c: (typeof cases)[number]) {
  const expected = existsSync(c.expectedFile) ? (JSON.parse(readFileSync(c.expectedFile, 'utf8')) as Expected) : null;
  const alias = c.scenario.primary ?? 'req';
  const id = c.scenario.requests[alias]?.id;
  return { expected, id };
}

describe('every model has fixtures', () => {
  for (const model of modelIds()) {
    for (const kind of ['success', 'failure'] as const) {
      it(`${model}: a ${kind} case in oslo and journal`, () => {
        const mine = cases.filter((c) => c.scenario.model === model && c.scenario.kind === kind);
        expect(mine.map((c) => c.name), `no ${kind} scenario with "model": "${model}" under fixtures/models`).not.toEqual([]);
        const good = mine.filter((c) => {
          const { expected, id } = primaryOps(c);
          return (['oslo', 'journal'] as const).every((r) => {
            const ops = expected?.renderings[r]?.operations ?? [];
            return c.renderings.includes(r) && ops.some((o) => o.requestId === id && o.operation === model && o.outcome === (kind === 'success' ? 'completed' : 'failed'));
          });
        });
        expect(good.map((c) => c.name), `${mine.map((c) => c.name).join(', ')}: the golden files must show the primary request as ${model} ${kind === 'success' ? 'completed' : 'failed'} in both oslo and journal`).not.toEqual([]);
      });
    }
  }

  for (const model of ['resize', 'migrate', 'live_migration']) {
    it(`${model}: a cross-host case (source and destination compute logs)`, () => {
      const cross = cases.filter((c) => {
        if (c.scenario.model !== model) return false;
        const { expected, id } = primaryOps(c);
        const op = expected?.renderings.oslo?.operations.find((o) => o.requestId === id && o.operation === model);
        const hosts = new Set(op?.stages.map((s) => s.split('@')[1]).filter((h) => h && c.scenario.hosts.computes.includes(h)));
        return hosts.size >= 2 && existsSync(`${c.dir}/oslo`);
      });
      expect(cross.map((c) => c.name)).not.toEqual([]);
    });
  }
});
