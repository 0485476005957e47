// Thin timelines (src/correlate/thin.ts) must not change any result: over every fixture log, the
// operations (every field of every MatchResult), the hidden counts and the summary are the same with
// and without thinning; also with `--all`, and with a per-timeline bound small enough to drop records.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOperations, thinFromEnv, type OperationsOptions } from '../../src/cli/operations.js';
import { cli } from '../helpers/cli.js';
import { files, FIXTURES, fixtureRuns } from '../helpers/fixture-runs.js';
import { useGeneratedLogs } from '../helpers/generated.js';

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

  // A busy cloud's logs: thousands of periodic-task segments, most of them inert (a thinned timeline
  // with no record matching can use is counted as hidden without being matched).
  describe('on generated logs of a busy cloud', () => {
    const logs = useGeneratedLogs('8M', 11);

    it('gives the same results and hidden counts', async () => {
      let inert = 0;
      await run(logs(), true, { all: true, select: (t) => ((inert += t.inert === true && t.background ? 1 : 0), false) });
      expect(inert).toBeGreaterThan(500);
      for (const extra of [{}, { all: true }]) {
        const thin = await run(logs(), true, extra);
        const full = await run(logs(), false, extra);
        expect(thin.hidden.background).toBe(full.hidden.background);
        expect(thin).toEqual(full);
      }
    });

    it('counts inert background segments without building them, as judging them would', async () => {
      // With a `select`, every timeline is built and judged; without, inert segments are only counted.
      const judged = await run(logs(), true, { select: () => true });
      const counted = await run(logs(), true);
      expect(counted.hidden.background).toBeGreaterThan(500);
      expect(counted).toEqual(judged);
    });
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

// NOVA_TRACE_NO_THIN=1 turns thinning off in every command that matches (list, stats, instance, check):
// the output must not change.
describe('NOVA_TRACE_NO_THIN', () => {
  it('is read as off only when set to 1', () => {
    expect(thinFromEnv({})).toBe(true);
    expect(thinFromEnv({ NOVA_TRACE_NO_THIN: '0' })).toBe(true);
    expect(thinFromEnv({ NOVA_TRACE_NO_THIN: '1' })).toBe(false);
  });

  const lab = join(FIXTURES, 'lab', 'build');
  const logs = files(lab, (f) => /\.log(\.gz)?$/.test(f));
  const server = /"instance":\s*"([0-9a-f-]{36})"/.exec(cli(['list', ...logs, '--format', 'json']).stdout)?.[1];
  const expectations = join(FIXTURES, 'check', 'boot-no-valid-host', 'expectations.yaml');
  const commands: Array<[string, string[]]> = [
    ['list', ['list', ...logs, '--format', 'json']],
    ['stats', ['stats', ...logs, '--format', 'json']],
    ['instance', ['instance', server ?? 'none', ...logs, '--format', 'json']],
    ['check', ['check', '--expect', expectations, '--format', 'json']],
  ];
  for (const [name, args] of commands) {
    it(`changes nothing in ${name}'s output`, () => {
      if (name === 'instance') expect(server).toBeDefined();
      const thin = cli(args);
      const full = cli(args, { env: { NOVA_TRACE_NO_THIN: '1' } });
      expect(thin.stdout.length).toBeGreaterThan(100);
      expect(full).toEqual(thin);
    });
  }
});
