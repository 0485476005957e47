import { describe, expect, it } from 'vitest';
import { parseLine } from '../../src/parse/index.js';
import type { LogRecord } from '../../src/types.js';
import { ctx, INST, REQ, run } from './helpers.js';

const TEMPEST = 'tempest-ServersTestJSON-1234 tempest-ServersTestJSON-1234-project-member';
const ESC = '\x1b';

function header(line: string, year: number | null = 2026): LogRecord {
  const p = parseLine(line, ctx({ year }));
  if (p.kind !== 'header') throw new Error(`not a header: ${line}`);
  return p.record;
}

describe('journalctl text', () => {
  it('short-precise with a devstack body: names project-first, {{pid}} suffix, µs', () => {
    const r = header(
      `Aug 21 10:00:00.123456 node1 nova-compute[81234]: DEBUG nova.compute.manager [None ${REQ} ${TEMPEST}] [instance: ${INST}] Start spawning the instance on the hypervisor. {{(pid=81234) _build_and_run_instance /opt/stack/nova/nova/compute/manager.py:2684}}`,
    );
    expect(r).toMatchObject({
      time: Date.UTC(2026, 7, 21, 10, 0, 0, 123),
      micros: 456,
      host: 'node1',
      service: 'compute',
      pid: 81234,
      requestId: REQ,
      project: 'tempest-ServersTestJSON-1234',
      user: 'tempest-ServersTestJSON-1234-project-member',
      instance: INST,
      message: 'Start spawning the instance on the hypervisor.',
      debug: { func: '_build_and_run_instance', path: '/opt/stack/nova/nova/compute/manager.py', line: 2684 },
      format: 'journal-short',
    });
  });

  it('short (no µs), ANSI colour codes stripped', () => {
    const r = header(
      `Nov 21 17:37:49 node1 nova-compute[81234]: ${ESC}[00;36mINFO nova.compute.manager [${ESC}[01;36mNone ${REQ} ${ESC}[00;36madmin admin${ESC}[00;36m] ${ESC}[01;35m[instance: ${INST}] ${ESC}[00;36mTook 5.20 seconds to spawn the instance on the hypervisor.${ESC}[00m`,
    );
    expect(r).toMatchObject({ time: Date.UTC(2026, 10, 21, 17, 37, 49), micros: 0, level: 'INFO', user: 'admin', project: 'admin', instance: INST });
    expect(r.message).toBe('Took 5.20 seconds to spawn the instance on the hypervisor.');
  });

  it('n-api: the service from the identifier, the pid from {{(pid=N)}} (the uwsgi worker)', () => {
    const r = header(
      `Aug 21 09:59:50.010000 ctl devstack@n-api.service[14704]: DEBUG nova.api.openstack.wsgi [None ${REQ} admin admin] Action: 'create', calling method: <bound method ServersController.create of <nova.api.openstack.compute.servers.ServersController object at 0x7f>>, body: {"server": {"name": "vm1"}} {{(pid=14706) _process_stack /opt/stack/nova/nova/api/openstack/wsgi.py:511}}`,
    );
    expect(r).toMatchObject({ service: 'api', pid: 14706, host: 'ctl', logger: 'nova.api.openstack.wsgi' });
  });

  it('short-iso and short-iso-precise convert the offset to epoch', () => {
    expect(header(`2026-11-21T18:37:49+0100 node1 nova-conductor[5000]: INFO nova.conductor.manager [None ${REQ} admin admin] x`)).toMatchObject({
      time: Date.UTC(2026, 10, 21, 17, 37, 49),
      format: 'journal-iso',
      service: 'conductor',
    });
    expect(header(`2026-11-21T17:37:49.830291+00:00 node1 nova-scheduler[5001]: INFO nova.scheduler.manager [None ${REQ} admin admin] x`)).toMatchObject({
      time: Date.UTC(2026, 10, 21, 17, 37, 49, 830),
      micros: 291,
      service: 'scheduler',
    });
  });

  it('a full oslo line inside the journal body keeps the journal stamp and identifier', () => {
    const r = header(
      `Nov 21 17:37:49.500000 cmp1 nova-compute[123]: 2026-11-21 17:37:49.498 123 INFO nova.compute.manager [None ${REQ} u p - - default default] [instance: ${INST}] Terminating instance`,
    );
    expect(r).toMatchObject({ time: Date.UTC(2026, 10, 21, 17, 37, 49, 500), host: 'cmp1', pid: 123, user: 'u', project: 'p', format: 'journal-short', instance: INST });
  });

  it('cat: the devstack body alone', () => {
    const r = header(`INFO nova.compute.manager [None ${REQ} admin admin] [instance: ${INST}] Terminating instance`);
    expect(r).toMatchObject({ time: NaN, format: 'journal-cat', requestId: REQ, project: 'admin' });
  });

  it('year inference from the reference time, rolled forward on Dec → Jan', () => {
    const c = ctx({ referenceTime: Date.UTC(2027, 0, 2, 12) });
    const { records } = run(
      [
        'Dec 31 23:59:59.000001 n1 nova-compute[1]: INFO nova.compute.manager [-] a',
        'Jan 01 00:00:01.000002 n1 nova-compute[1]: INFO nova.compute.manager [-] b',
      ],
      c,
    );
    expect(records.map((r) => new Date(r.time).toISOString())).toEqual(['2026-12-31T23:59:59.000Z', '2027-01-01T00:00:01.000Z']);
    // ctx.year wins over inference and is rolled forward too.
    const y = run(['Dec 31 23:59:59 n1 nova-compute[1]: INFO x [-] a', 'Jan 01 00:00:01 n1 nova-compute[1]: INFO x [-] b'], ctx({ year: 2020, referenceTime: Date.UTC(2027, 0, 2) }));
    expect(y.records.map((r) => new Date(r.time).getUTCFullYear())).toEqual([2020, 2021]);
  });

  it('a line at most a day after the reference keeps the reference year', () => {
    const p = parseLine('Jan 01 00:30:00 n1 nova-compute[1]: INFO x [-] a', ctx({ referenceTime: Date.UTC(2026, 11, 31, 23) }));
    expect(p.kind === 'header' && new Date(p.record.time).getUTCFullYear()).toBe(2027);
    const q = parseLine('Mar 01 00:30:00 n1 nova-compute[1]: INFO x [-] a', ctx({ referenceTime: Date.UTC(2026, 11, 31, 23) }));
    expect(q.kind === 'header' && new Date(q.record.time).getUTCFullYear()).toBe(2026);
  });

  it('continuation lines fold by ident+pid, interleaved with other writers', () => {
    const { records, stats } = run(
      [
        `Aug 21 10:00:01.000001 node1 nova-compute[81234]: DEBUG nova.virt.libvirt.driver [None ${REQ} admin admin] [instance: ${INST}] End _get_guest_xml xml=<domain type="kvm">`,
        `Aug 21 10:00:01.000002 node1 nova-conductor[5000]: INFO nova.conductor.manager [None ${REQ} admin admin] interleaved`,
        'Aug 21 10:00:01.000003 node1 nova-compute[81234]:   <name>instance-0000001a</name>',
        'Aug 21 10:00:01.000004 node1 nova-compute[81234]: </domain> {{(pid=81234) _get_guest_xml /opt/stack/nova/nova/virt/libvirt/driver.py:7449}}',
      ],
      ctx({ year: 2026 }),
    );
    expect(records).toHaveLength(2);
    expect(records[0]?.traceback).toEqual(['  <name>instance-0000001a</name>', '</domain>']);
    expect(records[0]?.debug).toEqual({ func: '_get_guest_xml', path: '/opt/stack/nova/nova/virt/libvirt/driver.py', line: 7449 });
    expect(stats).toMatchObject({ records: 2, folded: 2, unparsed: 0 });
  });

  it('devstack traceback lines fold into the record of the same ident+pid and logger', () => {
    const { records } = run(
      [
        `Aug 21 10:00:06.000000 node1 nova-compute[81234]: ERROR nova.compute.manager [None ${REQ} admin admin] [instance: ${INST}] Instance failed to spawn: libvirt.libvirtError: internal error`,
        `Aug 21 10:00:06.000001 node1 nova-compute[81234]: ERROR nova.compute.manager [instance: ${INST}] Traceback (most recent call last):`,
        `Aug 21 10:00:06.000002 node1 nova-compute[81234]: ERROR nova.compute.manager [instance: ${INST}]   File "/opt/stack/nova/nova/compute/manager.py", line 2946, in _build_resources`,
        `Aug 21 10:00:06.000003 node1 nova-compute[81234]: ERROR nova.compute.manager [instance: ${INST}] libvirt.libvirtError: internal error`,
      ],
      ctx({ year: 2026 }),
    );
    expect(records).toHaveLength(1);
    expect(records[0]?.traceback).toEqual([
      'Traceback (most recent call last):',
      '  File "/opt/stack/nova/nova/compute/manager.py", line 2946, in _build_resources',
      'libvirt.libvirtError: internal error',
    ]);
  });

  it('uwsgi request lines are records of their own; journal markers are unparsed', () => {
    const { records, stats } = run(
      [
        '-- Logs begin at Thu 2026-08-20 10:00:00 UTC, end at Thu 2026-08-21 11:00:00 UTC. --',
        `Aug 21 09:59:50.010000 ctl devstack@n-api.service[14704]: INFO nova.api.openstack.requestlog [None ${REQ} admin admin] 10.0.0.5 "POST /compute/v2.1/servers" status: 202 len: 414 microversion: 2.96 time: 0.812345`,
        'Aug 21 09:59:50.010100 ctl devstack@n-api.service[14704]: [pid: 14706|app: 0|req: 1/1] 10.0.0.5 () {56 vars in 1135 bytes} [Fri Aug 21 09:59:49 2026] POST /compute/v2.1/servers => generated 414 bytes in 812 msecs (HTTP/1.1 202) 7 headers in 299 bytes (1 switches on core 0)',
      ],
      ctx({ year: 2026 }),
    );
    expect(records.map((r) => r.logger)).toEqual(['nova.api.openstack.requestlog', 'uwsgi']);
    expect(records.map((r) => r.service)).toEqual(['api', 'api']);
    expect(stats).toMatchObject({ unparsed: 1, records: 2 });
  });

  it('ctx.service (the export file name) wins over the identifier', () => {
    const r = parseLine('Aug 21 10:00:00 n1 nova-conductor[1]: INFO nova.conductor.manager [-] x', ctx({ year: 2026, service: 'compute' }));
    expect(r.kind === 'header' && r.record.service).toBe('compute');
  });
});

describe('journalctl -o json', () => {
  const base = { _HOSTNAME: 'node1', SYSLOG_IDENTIFIER: 'nova-compute', _PID: '81234', __REALTIME_TIMESTAMP: '1787306400123456', PRIORITY: '6' };

  it('MESSAGE as a string with a devstack body', () => {
    const line = JSON.stringify({ ...base, MESSAGE: `INFO nova.compute.manager [None ${REQ} admin demo] [instance: ${INST}] Terminating instance` });
    const r = header(line);
    expect(r).toMatchObject({
      time: 1787306400123,
      micros: 456,
      host: 'node1',
      pid: 81234,
      service: 'compute',
      requestId: REQ,
      project: 'admin',
      user: 'demo',
      instance: INST,
      format: 'journal-json',
    });
  });

  it('MESSAGE as an array of bytes (colour codes, UTF-8)', () => {
    const text = `${ESC}[00;36mINFO nova.compute.manager [None ${REQ} admin admin] [instance: ${INST}] Instance destroyed successfully. ✓${ESC}[00m`;
    const r = header(JSON.stringify({ ...base, MESSAGE: [...Buffer.from(text, 'utf8')] }));
    expect(r.message).toBe('Instance destroyed successfully. ✓');
    expect(r.instance).toBe(INST);
  });

  it('oslo journal handler fields win; EXCEPTION_INFO becomes the traceback', () => {
    const r = header(
      JSON.stringify({
        ...base,
        PRIORITY: '3',
        MESSAGE: 'Instance failed to spawn',
        LOGGER_NAME: 'nova.compute.manager',
        LOGGER_LEVEL: 'ERROR',
        REQUEST_ID: REQ,
        PROJECT_NAME: 'demo',
        USER_NAME: 'alice',
        CODE_FILE: '/opt/stack/nova/nova/compute/manager.py',
        CODE_LINE: '2750',
        CODE_FUNC: '_build_resources',
        EXCEPTION_INFO: 'Traceback (most recent call last):\n  File "x.py", line 1, in f\nValueError: boom\n',
      }),
    );
    expect(r).toMatchObject({ level: 'ERROR', logger: 'nova.compute.manager', requestId: REQ, project: 'demo', user: 'alice', debug: null, message: 'Instance failed to spawn' });
    expect(r.traceback).toEqual(['Traceback (most recent call last):', '  File "x.py", line 1, in f', 'ValueError: boom']);
  });

  it('invalid JSON in a JSON stream is unparsed; a JSON body in an oslo file is a raw continuation', () => {
    const good = JSON.stringify({ ...base, MESSAGE: 'INFO nova.compute.manager [-] ok' });
    const j = run([good, '{"MESSAGE": "trunc', good]);
    expect(j.stats).toMatchObject({ records: 2, unparsed: 1, folded: 0 });
    const o = run([`2013-09-27 18:24:37.719 2790 DEBUG nova.api.openstack.wsgi [${REQ} u p] Action: 'create'`, '{"server": {"name": "vm1"}}']);
    expect(o.stats).toMatchObject({ records: 1, folded: 1, unparsed: 0 });
  });
});
