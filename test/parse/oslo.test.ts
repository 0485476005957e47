import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/parse/index.js';
import type { LogRecord } from '../../src/types.js';
import { ctx, GREQ, INST, PROJ, REQ, run, USER } from './helpers.js';

function header(line: string): LogRecord {
  const p = parseLine(line, ctx());
  if (p.kind !== 'header') throw new Error(`not a header: ${line}`);
  return p.record;
}

describe('oslo.log lines of every era', () => {
  it('Essex: no ms, no pid, `from (pid=N)` DEBUG suffix', () => {
    const r = header(
      `2012-04-17 13:46:49 DEBUG nova.compute.manager [${REQ} ${USER} ${PROJ}] [instance: ${INST}] Checking state from (pid=1744) _get_power_state /usr/lib/python2.7/dist-packages/nova/compute/manager.py:277`,
    );
    expect(r).toMatchObject({
      time: Date.UTC(2012, 3, 17, 13, 46, 49),
      micros: 0,
      pid: 1744,
      level: 'DEBUG',
      logger: 'nova.compute.manager',
      requestId: REQ,
      globalRequestId: null,
      user: USER,
      project: PROJ,
      instance: INST,
      message: 'Checking state',
      debug: { func: '_get_power_state', path: '/usr/lib/python2.7/dist-packages/nova/compute/manager.py', line: 277 },
      format: 'oslo',
      service: 'compute',
    });
  });

  it('Havana: 3-field context, AUDIT level, `[req-X None None]`', () => {
    const r = header(`2013-09-27 18:24:37.719 2790 AUDIT nova.compute.manager [${REQ} ${USER} ${PROJ}] [instance: ${INST}] Starting instance...`);
    expect(r).toMatchObject({ level: 'AUDIT', pid: 2790, user: USER, project: PROJ, instance: INST, message: 'Starting instance...' });
    const n = header(`2013-09-27 18:24:40.001 2790 INFO nova.compute.manager [${REQ} None None] [instance: ${INST}] Instance spawned successfully.`);
    expect(n).toMatchObject({ requestId: REQ, user: null, project: null });
  });

  it('Juno: `[req-X None]` and `[req-X ]`', () => {
    expect(header(`2014-10-20 09:00:00.100 3110 INFO nova.compute.manager [${REQ} None] [instance: ${INST}] Terminating instance`)).toMatchObject({
      requestId: REQ,
      user: null,
      project: null,
      instance: INST,
      message: 'Terminating instance',
    });
    expect(header(`2014-10-20 09:00:00.100 3110 INFO oslo.messaging._drivers.impl_rabbit [${REQ} ] Connected to AMQP server on 10.0.0.1:5672`)).toMatchObject({
      requestId: REQ,
      message: 'Connected to AMQP server on 10.0.0.1:5672',
      debug: null,
    });
  });

  it('Kilo–Yoga: 5-field context with `-`, error summary kept in the message', () => {
    const r = header(
      `2017-05-16 00:00:10.303 2931 ERROR nova.compute.manager [${REQ} ${USER} ${PROJ} - - -] [instance: ${INST}] Instance failed to spawn: nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed`,
    );
    expect(r).toMatchObject({
      level: 'ERROR',
      user: USER,
      project: PROJ,
      message: 'Instance failed to spawn: nova.exception.VirtualInterfaceCreateException: Virtual Interface creation failed',
    });
    const admin = header(`2022-02-04 10:21:58.740 284971 DEBUG nova.compute.resource_tracker [${REQ} - - - - -] Auditing locally available compute resources for cmp1 (node: cmp1) update_available_resource /usr/lib/python3/dist-packages/nova/compute/resource_tracker.py:861`);
    expect(admin).toMatchObject({ user: null, project: null, message: 'Auditing locally available compute resources for cmp1 (node: cmp1)' });
    expect(admin.debug).toEqual({ func: 'update_available_resource', path: '/usr/lib/python3/dist-packages/nova/compute/resource_tracker.py', line: 861 });
  });

  it('Zed+: `[None req-X …]` with 6 identity fields, DEBUG suffix split', () => {
    const r = header(
      `2026-08-21 10:00:00.001 4242 DEBUG nova.compute.manager [None ${REQ} ${USER} ${PROJ} - - default default] [instance: ${INST}] Start spawning the instance on the hypervisor. _build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2684`,
    );
    expect(r).toMatchObject({
      time: Date.UTC(2026, 7, 21, 10, 0, 0, 1),
      globalRequestId: null,
      requestId: REQ,
      user: USER,
      project: PROJ,
      message: 'Start spawning the instance on the hypervisor.',
      debug: { func: '_build_and_run_instance', path: '/usr/lib/python3/dist-packages/nova/compute/manager.py', line: 2684 },
    });
  });

  it('Zed+: `[req-GLOBAL req-LOCAL …]`', () => {
    const r = header(`2026-08-21 10:00:00.123 4242 INFO nova.compute.manager [${GREQ} ${REQ} ${USER} ${PROJ} - - default default] [instance: ${INST}] Took 12.31 seconds to build instance.`);
    expect(r).toMatchObject({ globalRequestId: GREQ, requestId: REQ, message: 'Took 12.31 seconds to build instance.' });
  });

  it('`[-]` lines keep the instance and have no request id', () => {
    const r = header(`2026-08-21 10:00:00.300 4242 INFO nova.virt.libvirt.driver [-] [instance: ${INST}] Instance spawned successfully.`);
    expect(r).toMatchObject({ requestId: null, instance: INST, message: 'Instance spawned successfully.', service: 'compute' });
    expect(parseLine(`2026-08-21 10:00:00.300 4242 INFO nova.virt.libvirt.driver [-] [instance: ${INST}] Instance spawned successfully.`, ctx())).toMatchObject({
      continuationOnly: false,
    });
  });

  it('a bare-uuid request id is normalised to req-<uuid>', () => {
    const bare = REQ.slice(4);
    expect(header(`2026-08-21 10:00:00.300 4242 INFO nova.compute.manager [${bare} - - - - -] x`).requestId).toBe(REQ);
  });

  it('a bracketed message that is not a context stays in the message', () => {
    const p = parseLine('2022-02-04 10:22:05.958 284971 ERROR oslo.messaging._drivers.impl_rabbit [Errno 111] ECONNREFUSED', ctx());
    expect(p).toMatchObject({ kind: 'header', continuationOnly: true, traceback: true });
    if (p.kind === 'header') expect(p.record.message).toBe('[Errno 111] ECONNREFUSED');
  });

  it('non-header lines are raw', () => {
    expect(parseLine('  File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 2946, in _build_resources', ctx()).kind).toBe('raw');
    expect(parseLine("Stderr: '2022-02-04T10:21:58.861+0000 7f0f8db4e700 -1 auth: unable to find a keyring'", ctx()).kind).toBe('raw');
    expect(parseLine('2022-02-04T10:21:58.861+0000 7f0f8db4e700 -1 auth: unable to find a keyring', ctx()).kind).toBe('raw');
    expect(parseLine('', ctx()).kind).toBe('raw');
  });
});

describe('tracebacks', () => {
  it('old TRACE lines fold into the record that opened them', () => {
    const { records, stats } = run([
      `2015-11-12 13:18:46.998 18756 ERROR nova.compute.manager [${REQ} ${USER} ${PROJ} - - -] [instance: ${INST}] An error occurred while refreshing the network cache.`,
      `2015-11-12 13:18:46.998 18756 TRACE nova.compute.manager [instance: ${INST}] Traceback (most recent call last):`,
      `2015-11-12 13:18:46.998 18756 TRACE nova.compute.manager [instance: ${INST}]   File "/usr/lib/python2.7/site-packages/nova/compute/manager.py", line 5677, in _heal_instance_info_cache`,
      `2015-11-12 13:18:46.998 18756 TRACE nova.compute.manager [instance: ${INST}] ConnectionFailed: Connection to neutron failed`,
      `2015-11-12 13:18:46.998 18756 TRACE nova.compute.manager [instance: ${INST}] `,
      `2015-11-12 13:18:47.100 18756 INFO nova.compute.manager [-] next`,
    ]);
    expect(records).toHaveLength(2);
    expect(records[0]?.traceback).toEqual([
      'Traceback (most recent call last):',
      '  File "/usr/lib/python2.7/site-packages/nova/compute/manager.py", line 5677, in _heal_instance_info_cache',
      'ConnectionFailed: Connection to neutron failed',
      '',
    ]);
    expect(stats).toMatchObject({ records: 2, folded: 4, unparsed: 0 });
  });

  it('new ERROR lines without [instance] fold, raw continuation lines in between too', () => {
    const { records } = run([
      `2022-02-04 10:21:58.881 284971 ERROR nova.compute.manager [${REQ} - - - - -] Error updating resources for node cmp1.: oslo_concurrency.processutils.ProcessExecutionError: Unexpected error while running command.`,
      'Command: ceph df --format=json',
      'Exit code: 1',
      '2022-02-04 10:21:58.900 111 INFO nova.other [-] another process in between',
      '2022-02-04 10:21:58.881 284971 ERROR nova.compute.manager Traceback (most recent call last):',
      '2022-02-04 10:21:58.881 284971 ERROR nova.compute.manager   File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 9807, in _update_available_resource_for_node',
      '2022-02-04 10:21:58.881 284971 ERROR nova.compute.manager oslo_concurrency.processutils.ProcessExecutionError: Unexpected error while running command.',
      '2022-02-04 10:21:58.881 284971 ERROR nova.compute.manager ',
    ]);
    expect(records).toHaveLength(2);
    expect(records[0]?.traceback).toEqual([
      'Command: ceph df --format=json',
      'Exit code: 1',
      'Traceback (most recent call last):',
      '  File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 9807, in _update_available_resource_for_node',
      'oslo_concurrency.processutils.ProcessExecutionError: Unexpected error while running command.',
      '',
    ]);
    expect(records[1]?.traceback).toEqual([]);
  });

  it('a traceback line with nothing to fold into becomes a record of its own', () => {
    const { records, stats } = run([
      `2015-11-12 13:18:46.998 18756 TRACE nova.compute.manager [instance: ${INST}] Traceback (most recent call last):`,
      `2015-11-12 13:18:46.998 18756 TRACE nova.compute.manager [instance: ${INST}]   File "x.py", line 1, in f`,
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ level: 'TRACE', requestId: null, instance: INST, message: 'Traceback (most recent call last):', traceback: ['  File "x.py", line 1, in f'] });
    expect(stats).toMatchObject({ records: 1, folded: 1, unparsed: 0 });
  });

  it('traceback lines of another logger or another second do not fold', () => {
    const { records } = run([
      `2022-02-04 10:21:58.881 1 ERROR nova.compute.manager [${REQ} - - - - -] boom`,
      '2022-02-04 10:21:58.881 1 ERROR oslo_messaging.rpc.server Traceback (most recent call last):',
      '2022-02-04 10:21:59.000 1 ERROR oslo_messaging.rpc.server Traceback (most recent call last):',
    ]);
    expect(records.map((r) => r.message)).toEqual(['boom', 'Traceback (most recent call last):', 'Traceback (most recent call last):']);
  });
});
