import { describe, expect, it } from 'vitest';
import { createAssembler, MAX_KEPT, MAX_OPEN } from '../../src/parse/index.js';
import type { LogRecord } from '../../src/types.js';
import { assertInvariant, ctx, INST, REQ, run } from './helpers.js';

const head = (pid: number, msg: string, t = '10:00:00.000') => `2026-08-21 ${t} ${pid} INFO nova.compute.manager [None ${REQ} - - - - - -] ${msg}`;

describe('assembler', () => {
  it('emits a record when its writer starts the next one, the rest at end()', () => {
    const out: LogRecord[] = [];
    const a = createAssembler(ctx(), (r) => out.push(r));
    expect(a.push(head(1, 'a'), 1)).toBe('record');
    expect(a.push(head(2, 'b'), 2)).toBe('record');
    expect(out).toHaveLength(0);
    expect(a.push(head(1, 'c'), 3)).toBe('record');
    expect(out.map((r) => r.message)).toEqual(['a']);
    a.end();
    expect(out.map((r) => r.message)).toEqual(['a', 'b', 'c']);
    expect(out.map((r) => r.line)).toEqual([1, 2, 3]);
    assertInvariant(a.stats);
  });

  it('raw continuation lines fold into the latest record', () => {
    const { records, stats } = run([
      head(1, 'End _get_guest_xml xml=<domain type="kvm">'),
      '  <name>instance-0000001a</name>',
      '</domain>',
      head(2, 'next'),
    ]);
    expect(records[0]?.traceback).toEqual(['  <name>instance-0000001a</name>', '</domain>']);
    expect(stats).toMatchObject({ records: 2, folded: 2 });
  });

  it('a DEBUG suffix on the last continuation line is split off', () => {
    const { records } = run([
      `2026-08-21 10:00:00.000 1 DEBUG nova.virt.libvirt.driver [None ${REQ} - - - - - -] [instance: ${INST}] End _get_guest_xml xml=<domain type="qemu">`,
      '  <name>instance-00000001</name>',
      '</domain>',
      ' _get_guest_xml /usr/lib/python3/dist-packages/nova/virt/libvirt/driver.py:7449',
    ]);
    expect(records[0]?.debug).toEqual({ func: '_get_guest_xml', path: '/usr/lib/python3/dist-packages/nova/virt/libvirt/driver.py', line: 7449 });
    expect(records[0]?.traceback).toEqual(['  <name>instance-00000001</name>', '</domain>']);
  });

  it('counts empty lines: folded with an open record, unparsed without', () => {
    const { stats, records } = run(['', head(1, 'a'), '', head(1, 'b')]);
    expect(stats).toMatchObject({ linesRead: 4, records: 2, folded: 1, unparsed: 1 });
    expect(records[0]?.traceback).toEqual(['']);
    expect(stats.unparsedSamples).toEqual([{ line: 1, text: '' }]);
  });

  it('strips CRLF and keeps NUL bytes and U+FFFD as data', () => {
    const { records, stats } = run([head(1, 'a\u0000b\uFFFDc') + '\r', 'cont\r']);
    expect(records[0]?.message).toBe('a\u0000b\uFFFDc');
    expect(records[0]?.traceback).toEqual(['cont']);
    expect(stats.unparsed).toBe(0);
  });

  it('keeps at most MAX_OPEN writers open, emitting the oldest', () => {
    const out: LogRecord[] = [];
    const a = createAssembler(ctx(), (r) => out.push(r));
    for (let pid = 1; pid <= MAX_OPEN + 3; pid++) a.push(head(pid, `p${pid}`), pid);
    expect(out.map((r) => r.pid)).toEqual([1, 2, 3]);
    a.end();
    expect(out).toHaveLength(MAX_OPEN + 3);
    assertInvariant(a.stats);
  });

  it('emits open records once a header 10 s younger arrives', () => {
    const out: LogRecord[] = [];
    const a = createAssembler(ctx(), (r) => out.push(r));
    a.push(head(1, 'old', '10:00:00.000'), 1);
    a.push(head(2, 'still open', '10:00:05.000'), 2);
    a.push(head(3, 'young', '10:00:10.500'), 3);
    expect(out.map((r) => r.message)).toEqual(['old']);
    a.end();
  });

  it('keeps at most MAX_KEPT folded lines per record and says how many were dropped', () => {
    const lines = [head(1, 'dump')];
    for (let i = 0; i < MAX_KEPT + 5; i++) lines.push(`line ${i}`);
    const { records, stats } = run(lines);
    const tb = records[0]?.traceback ?? [];
    expect(tb).toHaveLength(MAX_KEPT + 1);
    expect(tb.at(-1)).toBe('… 5 more lines not kept');
    expect(stats.folded).toBe(MAX_KEPT + 5);
  });

  it('skip() counts lines and stops raw folding into an earlier record', () => {
    const out: LogRecord[] = [];
    const a = createAssembler(ctx(), (r) => out.push(r));
    a.push(head(1, 'a'), 1);
    a.skip(3);
    expect(a.push('orphan continuation', 5)).toBe('unparsed');
    a.end();
    expect(a.stats).toMatchObject({ linesRead: 5, skipped: 3, records: 1, unparsed: 1 });
    assertInvariant(a.stats);
  });

  it('shell xtrace lines are unparsed even with an open record', () => {
    const { stats } = run(['+ exec /bin/bash -c nova-api', head(1, 'a'), '++ echo hi', '2013-09-27 18:15:31.000 | + something']);
    expect(stats).toMatchObject({ records: 1, unparsed: 3, folded: 0 });
  });
});

describe('service and host rules', () => {
  it('ctx.service (the file name) wins over the logger', () => {
    const { records } = run([head(1, 'x')], ctx({ service: 'conductor' }));
    expect(records[0]?.service).toBe('conductor');
  });

  it('nova.scheduler.utils is the conductor except claim_resources', () => {
    const { records } = run([
      `2026-08-21 10:00:00.000 7 WARNING nova.scheduler.utils [None ${REQ} - - - - - -] [instance: ${INST}] Setting instance to ERROR state.`,
      `2026-08-21 10:00:00.000 8 DEBUG nova.scheduler.utils [None ${REQ} - - - - - -] Attempting to claim resources in the placement API for instance ${INST} claim_resources /usr/lib/python3/dist-packages/nova/scheduler/utils.py:1297`,
    ]);
    expect(records.map((r) => r.service)).toEqual(['conductor', 'scheduler']);
    expect(records[1]?.instance).toBe(INST);
  });

  it('nova.compute.api is nova-api unless its pid showed itself as nova-compute', () => {
    const { records } = run([
      `2026-08-21 10:00:00.000 9 INFO nova.compute.api [None ${REQ} - - - - - -] [instance: ${INST}] Going to try to stop instance`,
      `2026-08-21 10:00:01.000 5 INFO nova.compute.manager [-] [instance: ${INST}] During sync_power_state the instance has a pending task (spawning). Skip.`,
      `2026-08-21 10:00:02.000 5 INFO nova.compute.api [None ${REQ} - - - - - -] [instance: ${INST}] Going to try to stop instance`,
    ]);
    expect(records.map((r) => r.service)).toEqual(['api', 'compute', 'compute']);
  });

  it('shared loggers take the service their pid has shown, else other', () => {
    const lock = (pid: number) => `2026-08-21 10:00:00.000 ${pid} DEBUG oslo_concurrency.lockutils [None ${REQ} - - - - - -] Lock "${INST}" acquired by "nova.compute.manager.ComputeManager.terminate_instance.<locals>.do_terminate_instance" :: waited 0.000s inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:409`;
    const { records } = run([
      lock(3),
      `2026-08-21 10:00:00.000 3 INFO nova.compute.manager [None ${REQ} - - - - - -] [instance: ${INST}] Terminating instance`,
      lock(3),
      `2026-08-21 10:00:00.000 4 DEBUG nova.scheduler.client.report [None ${REQ} - - - - - -] Deleted allocations for instance ${INST} delete_allocation_for_instance /usr/lib/python3/dist-packages/nova/scheduler/client/report.py:2113`,
    ]);
    expect(records.map((r) => r.service)).toEqual(['other', 'compute', 'compute', 'other']);
    expect(records.map((r) => r.instance)).toEqual([INST, INST, INST, INST]);
  });

  it('learns the compute host from resource-tracker lines; a node name does not override a host', () => {
    const { records, stats } = run([
      `2026-08-21 10:00:00.000 5 INFO nova.compute.resource_tracker [None ${REQ} - - - - - -] Compute_service record updated for lv1:vm`,
      `2026-08-21 10:00:01.000 5 INFO nova.compute.claims [None ${REQ} - - - - - -] [instance: ${INST}] Claim successful on node vm`,
      `2026-08-21 10:00:02.000 5 INFO nova.compute.manager [None ${REQ} - - - - - -] [instance: ${INST}] Took 3.00 seconds to build instance.`,
    ]);
    expect(records.map((r) => r.host)).toEqual(['lv1', 'lv1', 'lv1']);
    expect(stats.hosts).toEqual(['lv1']);
  });
});
