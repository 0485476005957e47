// Bounded memory, scaled down for `npm test` (the 10-million-id run is test/fuzz/memory.mjs): with the
// in-flight bound lowered, requests are evicted and `list` says how many operations were cut short;
// the table and NDJSON are written in pages; JSON stays one valid document.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { validateOutput } from './pipeline.js';
import { clean, env, run } from './spawn.js';
import { BIN } from '../helpers/cli.js';

const IDS = 15_000;
const LONG_EVERY = 50;
let log: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-trace-memory-'));
  log = join(dir, 'ids.log'); // a neutral name: the service comes from each line's logger
  // Every 50th request waits 2000 requests before its compute lines: past a bound of 500 in flight.
  const r = spawnSync(process.execPath, [join(ROOT, 'test/robustness/gen-ids.mjs'), '--ids', String(IDS), '--gap', '20', '--long-every', String(LONG_EVERY), '--long-gap', '2000'], {
    maxBuffer: 1 << 30,
  });
  writeFileSync(log, r.stdout);
});

describe('bounded memory: eviction is reported, outputs stay whole', () => {
  it('list says how many requests were evicted and how many operations were cut short', () => {
    const r = run(['list', log], { env: { NOVA_TRACE_MAX_OPEN: '500' } });
    expect(r.code).toBe(0);
    expect(clean(r.stderr)).toBe(true);
    const m = /(\d+) requests closed before going idle, to keep at most 500 in flight \(NOVA_TRACE_MAX_OPEN raises the bound\); (\d+) operations cut short by eviction/.exec(r.stdout);
    expect(m, r.stdout.slice(-600)).not.toBeNull();
    // The slow builds, except the last few: no newer request pushes them out once the ids run out.
    const cut = Number(m![2]);
    expect(cut).toBeGreaterThan(IDS / LONG_EVERY - 10);
    expect(cut).toBeLessThanOrEqual(IDS / LONG_EVERY);
    // Paged table: one header, one row per operation, nothing lost.
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('TIME '))).toHaveLength(1);
    const rows = lines.filter((l) => /^2026-11-21 /.test(l));
    const total = Number(/^(\d+) operations:/m.exec(r.stdout)![1]);
    expect(rows).toHaveLength(total);
    expect(total).toBe(IDS + cut); // each cut-short build is listed twice: its API half and its compute half
  });

  // src/cli/run.ts stops the young generation growing once it has two 4 MB semi-spaces (it grows to
  // 2 × 16 MB under list's allocation rate otherwise: 33.5 MB on this log). It looks every 10 ms: it
  // may be one step late.
  it('list keeps V8\'s young generation small', () => {
    const probe = join(ROOT, 'test', 'robustness', 'young-probe.cjs');
    const r = run(['list', log, '--format', 'ndjson'], { env: { NODE_OPTIONS: `--require ${probe}` } });
    expect(r.code).toBe(0);
    const size = Number(/young generation at most (\d+) bytes/.exec(r.stderr)?.[1]);
    expect(size).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(size).toBeLessThanOrEqual(16 * 1024 * 1024);
  });

  it('list --json: one valid document with evicted and cutShortByEviction', () => {
    const r = run(['list', '--json', log], { env: { NOVA_TRACE_MAX_OPEN: '500' } });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(validateOutput(doc), JSON.stringify(validateOutput.errors)).toBe(true);
    expect(doc.cutShortByEviction).toBeGreaterThan(IDS / LONG_EVERY - 10);
    expect(doc.evicted).toBeGreaterThanOrEqual(doc.cutShortByEviction);
    expect(doc.operations).toHaveLength(IDS + doc.cutShortByEviction);
  });

  it('list --format ndjson streams one line per operation; without pressure, nothing is evicted', () => {
    const r = run(['list', '--format', 'ndjson', log], { env: { NOVA_TRACE_MAX_OPEN: '500' } });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(IDS + IDS / LONG_EVERY - 10);
    expect(new Set(lines.map((l) => JSON.parse(l).requestId)).size).toBe(IDS);
    const roomy = run(['list', '--json', log], { env: { NOVA_TRACE_MAX_OPEN: '100000' } });
    expect(JSON.parse(roomy.stdout).evicted).toBe(0);
    expect(roomy.stdout).not.toContain('closed before going idle');
  });

  it('a bad NOVA_TRACE_MAX_OPEN is a usage error', () => {
    const r = run(['list', log], { env: { NOVA_TRACE_MAX_OPEN: 'lots' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nova-trace: NOVA_TRACE_MAX_OPEN=lots: expected a positive whole number of requests\n');
  });

  it.runIf(existsSync('/usr/bin/time'))('100k requests through stdin stay under 300 MB RSS (the 10M run is in npm run fuzz)', () => {
    // Before: V8 let the heap grow to ~5x the live set (a 200k-request list reached 570 MB).
    const gen = join(ROOT, 'test/robustness/gen-ids.mjs');
    const r = spawnSync('bash', ['--norc', '-c', `node "${gen}" --ids 100000 | /usr/bin/time -f 'RSS %M' node "${BIN}" list - >/dev/null`], {
      env: env({ HOME: process.env.HOME ?? '/' }),
      encoding: 'utf8',
      timeout: 300_000,
    });
    const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1]);
    expect(rss, r.stderr).toBeGreaterThan(0);
    expect(rss / 1024).toBeLessThan(300);
  });
});

