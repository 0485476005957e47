// Thin timelines (src/correlate/thin.ts) must not change any result: over every fixture log, the
// operations (every field of every MatchResult), the hidden counts and the summary are the same with
// and without thinning; also with `--all`, and with a per-timeline bound small enough to drop records.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOperations, type OperationsOptions } from '../../src/cli/operations.js';
import { ROOT } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'fixtures');

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .filter((f) => keep(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isDirectory())
    .sort()
    .map((f) => join(dir, f));
}

/** Every set of logs a fixture feeds to nova-trace as one run: name → files. */
function fixtureRuns(): Array<[string, string[]]> {
  const runs: Array<[string, string[]]> = [];
  const add = (dir: string, logs: string[]) => {
    if (logs.length > 0) runs.push([dir.slice(FIXTURES.length + 1), logs]);
  };
  for (const d of subdirs(join(FIXTURES, 'formats'))) add(d, files(d, (f) => !f.startsWith('expected.') && f !== 'context.json'));
  for (const d of subdirs(join(FIXTURES, 'lab'))) add(d, files(d, (f) => /\.log(\.gz)?$/.test(f)));
  for (const d of subdirs(join(FIXTURES, 'check'))) add(d, files(d, (f) => /\.log(\.gz)?$/.test(f)));
  for (const model of subdirs(join(FIXTURES, 'models'))) {
    for (const c of subdirs(model)) for (const rendering of subdirs(c)) add(rendering, files(rendering, () => true));
  }
  return runs;
}

function run(logs: string[], thin: boolean, extra: Partial<OperationsOptions> = {}) {
  return runOperations({ inputs: logs.map((path) => ({ kind: 'file', path })), year: 2026, modelDirs: [], thin, ...extra });
}

const RUNS = fixtureRuns();

describe('thin timelines', () => {
  it('finds the fixture logs', () => {
    const trees = new Set(RUNS.map(([name]) => name.split('/')[0]));
    expect([...trees].sort()).toEqual(['check', 'formats', 'lab', 'models']);
    expect(RUNS.length).toBeGreaterThan(100);
  });

  let held = 0;
  let omitted = 0;
  for (const [name, logs] of RUNS) {
    it(`gives the same results on ${name}`, async () => {
      for (const extra of [{}, { all: true }]) {
        const thin = await run(logs, true, extra);
        const full = await run(logs, false, extra);
        expect(thin.results.length).toBe(full.results.length);
        expect(thin).toEqual(full);
      }
      await run(logs, true, {
        all: true,
        select: (t) => {
          held += t.records.length;
          for (const o of t.omitted ?? []) omitted += o.count;
          return false;
        },
      });
    });
  }

  it('left records out on those fixtures (the comparison means something)', () => {
    expect(omitted).toBeGreaterThan(held);
  });

  // A timeline past its bound keeps its first and last records: the same ones with thinning.
  for (const [name, logs] of RUNS.filter(([n]) => n.startsWith('lab/'))) {
    it(`gives the same results on ${name} with records dropped`, async () => {
      const extra = { all: true, correlate: { maxRecordsPerTimeline: 24 } };
      const thin = await run(logs, true, extra);
      const full = await run(logs, false, extra);
      expect(full.results.some((r) => r.notes.some((n) => n.includes('records dropped')))).toBe(true);
      expect(thin).toEqual(full);
    });
  }
});
