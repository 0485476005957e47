// Sizes real logs reach: hundreds of thousands of operations in one list, a request with a million
// lines. Renderers must not spread huge arrays into calls (stack overflow) nor keep every line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { run } from './spawn.js';
import { createPalette } from '../../src/report/colors.js';
import { renderListTable } from '../../src/report/list-table.js';
import { renderTimeline } from '../../src/report/timeline-text.js';
import type { LogRecord, OperationResult } from '../../src/types.js';

const ctx = { palette: createPalette(0), verbose: false, width: 120 };

function op(i: number): OperationResult {
  const id = i.toString(16).padStart(12, '0');
  return {
    requestId: `req-00000000-0000-4000-8000-${id}`, globalRequestId: null, relatedRequestIds: [], operation: 'boot', variant: null,
    confidence: 1, instance: `00000000-0000-4000-9000-${id}`, hosts: ['cmp1'], services: ['api'], start: 1e12 + i, end: 1e12 + i + 5,
    durationMs: 5, outcome: 'completed', stages: [], failure: null, idleMs: null, notes: [], errorCount: 0, recordCount: 2,
  };
}

function record(i: number): LogRecord {
  return {
    time: 1e12 + i, micros: 0, source: 'n-cpu.log', line: i + 1, host: 'cmp1', service: 'compute', pid: 1, level: 'DEBUG',
    logger: 'nova.compute.manager', globalRequestId: null, requestId: null, user: null, project: null, instance: null,
    message: `poll ${i}`, traceback: [], debug: null, format: 'oslo',
  };
}

describe('large outputs', () => {
  it('renders a list of 250,000 operations (Math.max(...rows) overflowed the stack at ~120k)', () => {
    const ops = Array.from({ length: 250_000 }, (_, i) => op(i));
    const table = renderListTable(ops, ctx);
    expect(table.split('\n')).toHaveLength(250_001);
  });

  it('renders a timeline of 250,000 records', () => {
    const records = Array.from({ length: 250_000 }, (_, i) => record(i));
    expect(renderTimeline(records, ctx).split('\n')).toHaveLength(250_001);
  });

  it('a request with 100,000 lines: the first and last 10,000 are shown, "N more lines not shown" for the rest', () => {
    // The million-line version runs in `npm run fuzz` (test/fuzz/memory.mjs), with its time measured.
    const log = join(mkdtempSync(join(tmpdir(), 'nova-trace-large-')), 'n-cpu.log');
    writeFileSync(log, spawnSync(process.execPath, [join(ROOT, 'test/robustness/gen-ids.mjs'), '--one-request', '100000'], { maxBuffer: 1 << 30 }).stdout);
    const req = 'req-9e3817e8-0000-4001-8001-000000000001';
    const r = run([req, log]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('80003 more lines not shown (the middle of a very long request)');
    expect(r.stdout).toContain('Took 3.52 seconds to build instance.'); // the end is kept
    const doc = JSON.parse(run([req, '--json', log]).stdout);
    expect(doc.records).toHaveLength(20_000);
    expect(doc.operations[0].notes).toContain('80003 records dropped (per-operation bound reached)');
    expect(doc.sources[0].linesRead).toBe(100_003);
  });
});

