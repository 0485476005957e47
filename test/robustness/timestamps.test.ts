// Timestamps as they really are: lines out of order, a host whose clock is off, DST changes, years
// missing (journald short), hosts in different time zones. Ordering stays sensible; no duration is
// negative; a stage logged before the one it follows is flagged in the operation's notes.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clean, run } from './spawn.js';

const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
const CTX = `[None ${REQ} 6f1d2c3b4a5948e7a1b2c3d4e5f60718 9a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6 - - default default]`;
let dir: string;
const p = (n: string) => join(dir, n);

/** A boot as oslo lines: API access line, then compute build lines at the given wall-clock stamps. */
function oslo(api: string, compute: string[]) {
  return {
    api: `${api} 100 INFO nova.api.openstack.requestlog ${CTX} 10.0.0.5 "POST /compute/v2.1/servers" status: 202 len: 414 microversion: 2.90 time: 0.700000\n`,
    cpu: [
      `${compute[0]} 200 DEBUG nova.compute.manager ${CTX} [instance: ${INST}] Starting instance... _do_build_and_run_instance /x.py:1`,
      `${compute[1]} 200 INFO nova.compute.claims ${CTX} [instance: ${INST}] Claim successful on node cmp1`,
      `${compute[2]} 200 INFO nova.compute.manager ${CTX} [instance: ${INST}] Took 3.52 seconds to build instance.`,
    ].join('\n') + '\n',
  };
}

interface Doc {
  operations: Array<{ durationMs: number; start: string; end: string; notes: string[]; stages: Array<{ id: string; durationMs: number | null; reached: boolean }> }>;
  records: Array<{ time: string | null; message: string }>;
}

function trace(...files: string[]): Doc {
  const r = run([REQ, '--json', ...files]);
  expect(r.code, r.stderr).toBe(0);
  expect(clean(r.stderr)).toBe(true);
  return JSON.parse(r.stdout) as Doc;
}

function checkSane(doc: Doc): void {
  for (const o of doc.operations) {
    expect(o.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(o.end)).toBeGreaterThanOrEqual(Date.parse(o.start));
    for (const s of o.stages) if (s.durationMs !== null) expect(s.durationMs, s.id).toBeGreaterThanOrEqual(0);
  }
  const times = doc.records.map((r) => (r.time === null ? NaN : Date.parse(r.time))).filter((t) => !Number.isNaN(t));
  expect(times).toEqual([...times].sort((a, b) => a - b)); // the merged timeline is in time order
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nova-trace-time-'));
});

describe('timestamps', () => {
  it('lines out of order within a file: the timeline is in time order, durations ≥ 0', () => {
    const b = oslo('2026-11-21 18:05:05.000', ['2026-11-21 18:05:09.000', '2026-11-21 18:05:06.000', '2026-11-21 18:05:08.000']);
    writeFileSync(p('ooo-api.log'), b.api);
    writeFileSync(p('ooo-cpu.log'), b.cpu);
    const doc = trace(p('ooo-api.log'), p('ooo-cpu.log'));
    checkSane(doc);
    expect(doc.operations[0]!.durationMs).toBe(4000);
  });

  it('a compute host whose clock is an hour behind: no negative duration, the odd order is flagged', () => {
    const b = oslo('2026-11-21 18:05:05.000', ['2026-11-21 17:05:06.000', '2026-11-21 17:05:07.000', '2026-11-21 17:05:09.000']);
    writeFileSync(p('skew-api.log'), b.api);
    writeFileSync(p('skew-cpu.log'), b.cpu);
    const doc = trace(p('skew-api.log'), p('skew-cpu.log'));
    checkSane(doc);
    const notes = doc.operations[0]!.notes.join('\n');
    expect(notes).toMatch(/reached before stage api/);
  });

  it('a clock jump forward mid-request (NTP step): durations stay ≥ 0', () => {
    const b = oslo('2026-11-21 18:05:05.000', ['2026-11-21 18:05:06.000', '2026-11-21 19:45:00.000', '2026-11-21 18:05:09.000']);
    writeFileSync(p('jump-api.log'), b.api);
    writeFileSync(p('jump-cpu.log'), b.cpu);
    checkSane(trace(p('jump-api.log'), p('jump-cpu.log')));
  });

  it('DST change in a zone-aware journal (short-iso): 01:59:59+0100 → 03:00:01+0200 is 2 seconds', () => {
    const line = (stamp: string, msg: string) => `${stamp} cmp1 nova-compute[200]: INFO nova.compute.manager [None ${REQ} demo admin] [instance: ${INST}] ${msg}`;
    writeFileSync(
      p('dst.txt'),
      [
        line('2026-03-29T01:59:59+0100', 'Starting instance...'),
        line('2026-03-29T03:00:00+0200', 'Claim successful on node cmp1'),
        line('2026-03-29T03:00:01+0200', 'Took 3.52 seconds to build instance.'),
      ].join('\n') + '\n',
    );
    const doc = trace(p('dst.txt'));
    checkSane(doc);
    expect(doc.operations[0]!.durationMs).toBe(2000);
    expect(doc.records.map((r) => r.time)).toEqual(['2026-03-29T00:59:59.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T01:00:01.000Z']);
  });

  it('hosts in different time zones (journald short-iso): merged by absolute time', () => {
    const api = `2026-11-21T19:05:05+0100 ctl nova-api[100]: INFO nova.api.openstack.requestlog [None ${REQ} demo admin] 10.0.0.5 "POST /compute/v2.1/servers" status: 202 len: 414 microversion: 2.90 time: 0.700000\n`;
    const cpu = [
      `2026-11-21T13:05:06-0500 cmp1 nova-compute[200]: INFO nova.compute.manager [None ${REQ} demo admin] [instance: ${INST}] Starting instance...`,
      `2026-11-21T13:05:09-0500 cmp1 nova-compute[200]: INFO nova.compute.manager [None ${REQ} demo admin] [instance: ${INST}] Took 3.52 seconds to build instance.`,
    ].join('\n') + '\n';
    writeFileSync(p('tz-api.txt'), api);
    writeFileSync(p('tz-cpu.txt'), cpu);
    const doc = trace(p('tz-cpu.txt'), p('tz-api.txt'));
    checkSane(doc);
    expect(doc.records.map((r) => r.time)).toEqual(['2026-11-21T18:05:05.000Z', '2026-11-21T18:05:06.000Z', '2026-11-21T18:05:09.000Z']);
    expect(doc.operations[0]!.durationMs).toBe(4000);
  });

  it('journald short without a year: --year, the roll over New Year, and the file time when no --year', () => {
    const line = (stamp: string, msg: string) => `${stamp} cmp1 nova-compute[200]: INFO nova.compute.manager [None ${REQ} demo admin] [instance: ${INST}] ${msg}`;
    writeFileSync(p('newyear.txt'), [line('Dec 31 23:59:59', 'Starting instance...'), line('Jan  1 00:00:01', 'Took 3.52 seconds to build instance.')].join('\n') + '\n');
    const r = run([REQ, '--json', '--year', '2025', p('newyear.txt')]);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.records.map((x) => x.time)).toEqual(['2025-12-31T23:59:59.000Z', '2026-01-01T00:00:01.000Z']);
    expect(doc.operations[0]!.durationMs).toBe(2000);
    // No --year: the year that puts the lines just before the file's modification time.
    writeFileSync(p('noyear.txt'), line('Nov 21 18:05:06', 'Starting instance...') + '\n');
    utimesSync(p('noyear.txt'), new Date('2025-06-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'));
    const d2 = JSON.parse(run([REQ, '--json', p('noyear.txt')]).stdout) as Doc;
    expect(d2.records[0]!.time).toBe('2024-11-21T18:05:06.000Z');
  });

  it('impossible stamps (month 13, hour 25) do not become records of another time; nothing crashes', () => {
    const b = oslo('2026-11-21 18:05:05.000', ['2026-13-21 18:05:06.000', '2026-11-21 25:05:07.000', '2026-11-21 18:05:09.000']);
    writeFileSync(p('bad-api.log'), b.api);
    writeFileSync(p('bad-cpu.log'), b.cpu);
    const doc = trace(p('bad-api.log'), p('bad-cpu.log'));
    checkSane(doc);
    for (const r of doc.records) expect(r.time === null || r.time.startsWith('2026-11-21T18:05')).toBe(true);
  });
});
