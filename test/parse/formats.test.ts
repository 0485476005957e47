import { describe, expect, it } from 'vitest';
import { hostFromMessage, instanceFromMessage, parseLine, serviceFromPath } from '../../src/parse/index.js';
import type { LogRecord } from '../../src/types.js';
import { ctx, INST, PROJ, REQ, run, USER } from './helpers.js';

function header(line: string): LogRecord {
  const p = parseLine(line, ctx());
  if (p.kind !== 'header') throw new Error(`not a header: ${line}`);
  return p.record;
}

describe('devstack screen logs (pre-Pike)', () => {
  it('no pid column, names in the context, pid from the `from (pid=N)` suffix', () => {
    const r = header(
      `2013-09-27 18:22:39.743 DEBUG nova.api.openstack.wsgi [${REQ} ServersTestJSON759297245-user ServersTestJSON1569305950-tenant] Calling method <bound method Controller.detail of <nova.api.openstack.compute.servers.Controller object at 0x2f70a50>> from (pid=2783) _process_stack /opt/stack/new/nova/nova/api/openstack/wsgi.py:936`,
    );
    expect(r).toMatchObject({
      format: 'devstack-screen',
      pid: 2783,
      user: 'ServersTestJSON759297245-user',
      project: 'ServersTestJSON1569305950-tenant',
      message: 'Calling method <bound method Controller.detail of <nova.api.openstack.compute.servers.Controller object at 0x2f70a50>>',
      debug: { func: '_process_stack', path: '/opt/stack/new/nova/nova/api/openstack/wsgi.py', line: 936 },
    });
  });

  it('after 2013 the names are project first', () => {
    const r = header(`2016-03-01 10:00:00.000 INFO nova.compute.manager [${REQ} demo admin] [instance: ${INST}] Terminating instance`);
    expect(r).toMatchObject({ project: 'demo', user: 'admin' });
  });

  it('screen TRACE lines (no pid) fold into the record of the screen', () => {
    const { records } = run(
      [
        `2013-09-27 18:24:37.719 ERROR nova.api.openstack [${REQ} u t] Caught error: boom`,
        '2013-09-27 18:24:37.719 TRACE nova.api.openstack Traceback (most recent call last):',
        '2013-09-27 18:24:37.719 TRACE nova.api.openstack   File "/opt/stack/new/nova/nova/api/openstack/__init__.py", line 119, in __call__',
        '2013-09-27 18:24:37.720 2783 INFO nova.osapi_compute.wsgi.server [-] (2783) accepted',
        '',
      ],
      ctx({ service: serviceFromPath('screen-n-api.txt') }),
    );
    expect(records).toHaveLength(2);
    expect(records[0]?.traceback).toHaveLength(2);
    expect(records.map((r) => r.service)).toEqual(['api', 'api']);
  });
});

describe('prefixed lines', () => {
  it('loghub: a file-name token before the oslo line gives the service', () => {
    const r = header(
      `nova-compute.log.1.2017-05-16_13:53:08 2017-05-16 00:00:10.303 2931 INFO nova.compute.manager [${REQ} ${USER} ${PROJ} - - -] [instance: ${INST}] Took 19.05 seconds to spawn the instance on the hypervisor.`,
    );
    expect(r).toMatchObject({ format: 'prefixed', service: 'compute', pid: 2931, requestId: REQ, instance: INST, time: Date.UTC(2017, 4, 16, 0, 0, 10, 303) });
  });

  it('grep -r and grep -rn prefixes; raw lines lose the prefix when folded', () => {
    const { records } = run([
      `var/log/nova/nova-api.log:2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [${REQ} ${USER} ${PROJ} - - -] 10.11.10.1 "GET /v2/${PROJ}/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2477829`,
      `var/log/nova/nova-conductor.log:120:2017-05-16 00:00:01.000 2000 ERROR nova.conductor.manager [${REQ} ${USER} ${PROJ} - - -] Failed to schedule instances`,
      'var/log/nova/nova-conductor.log:121:NoValidHost: No valid host was found. There are not enough hosts available.',
    ]);
    expect(records.map((r) => r.service)).toEqual(['api', 'conductor']);
    expect(records[1]?.traceback).toEqual(['NoValidHost: No valid host was found. There are not enough hosts available.']);
  });
});

describe('os-log-merger output', () => {
  it('`ts [ALIAS] rest`: µs stamp, alias to service, padded continuation lines', () => {
    const { records } = run([
      `2015-10-29 10:51:45.182000 [N-CPU] 6209 ERROR nova.compute.manager [${REQ} ${USER} ${PROJ} - - -] [instance: ${INST}] Instance failed to spawn`,
      '                                        Traceback (most recent call last):',
      `2015-10-29 10:51:45.183 [node1/N-API] 16 INFO nova.api.openstack.requestlog [${REQ} ${USER} ${PROJ} - default default] 10.0.0.13 "OPTIONS /" status: 200 len: 431 microversion: - time: 0.001817`,
      '2015-10-29 10:51:46 [messages] overcloud-controller-1 systemd: Started Session 1 of user root.',
      `2015-10-29 10:51:47.000 [/var/log/nova/nova-scheduler.log] 77 INFO nova.scheduler.manager [${REQ} - - - - -] x`,
    ]);
    expect(records.map((r) => [r.format, r.service])).toEqual([
      ['os-log-merger', 'compute'],
      ['os-log-merger', 'api'],
      ['os-log-merger', 'other'],
      ['os-log-merger', 'scheduler'],
    ]);
    expect(records[0]?.traceback).toEqual(['Traceback (most recent call last):']);
    expect(records[0]?.time).toBe(Date.UTC(2015, 9, 29, 10, 51, 45, 182));
    expect(records[2]).toMatchObject({ host: 'overcloud-controller-1', logger: 'systemd', message: 'Started Session 1 of user root.' });
  });
});

describe('serviceFromPath', () => {
  it.each([
    ['n-cpu.log', 'compute'],
    ['/opt/stack/logs/screen-n-cpu.txt.gz', 'compute'],
    ['n-cpu-lv1.log.gz', 'compute'],
    ['nova-compute.log.1', 'compute'],
    ['controller1-nova-compute.log-20151124.gz', 'compute'],
    ['screen-n-sch.txt', 'scheduler'],
    ['nova-scheduler.log', 'scheduler'],
    ['n-cond-cell1.log', 'conductor'],
    ['n-super-cond.log', 'conductor'],
    ['nova-conductor.log', 'conductor'],
    ['devstack@n-api.service', 'api'],
    ['screen-n-api.txt', 'api'],
    ['nova-api-wsgi', 'api'],
    ['nova-api.log', 'api'],
    ['neutron-api.log', null],
    ['barbican-api.log', null],
    ['uwsgi', null],
    ['q-svc.log', null],
  ] as const)('%s → %s', (path, service) => {
    expect(serviceFromPath(path)).toBe(service);
  });
});

describe('hostFromMessage', () => {
  it('reads host-bearing resource-tracker and claim lines', () => {
    expect(hostFromMessage('Compute_service record updated for cmp1:cmp1.example.org', 'nova.compute.resource_tracker')).toBe('cmp1');
    expect(hostFromMessage('Auditing locally available compute resources for cmp2 (node: cmp2)', 'nova.compute.resource_tracker')).toBe('cmp2');
    expect(hostFromMessage('Auditing locally available compute resources for node osp7_c1', 'nova.compute.resource_tracker')).toBe('osp7_c1');
    expect(hostFromMessage('Claim successful on node lv1', 'nova.compute.claims')).toBe('lv1');
    expect(hostFromMessage('Claim successful on node lv1', 'nova.compute.manager')).toBeNull();
    expect(hostFromMessage('Terminating instance', 'nova.compute.resource_tracker')).toBeNull();
  });
});

describe('instanceFromMessage (reference §2.5)', () => {
  it.each([
    [`Starting to schedule for instances: ['${INST}']`],
    [`Attempting to claim resources in the placement API for instance ${INST}`],
    [`Creating event network-vif-plugged:0b9a-port for instance ${INST} on cmp1`],
    [`Deleted allocations for instance ${INST}`],
    [`Lock "${INST}" acquired by "nova.compute.manager.ComputeManager.terminate_instance.<locals>.do_terminate_instance" :: waited 0.000s`],
    [`Acquiring lock "${INST}" by "nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance"`],
    [`Lock "${INST}" "released" by "nova.compute.manager.ComputeManager.stop_instance.<locals>.do_stop_instance" :: held 3.214s`],
    [`Acquiring lock "refresh_cache-${INST}" lock`],
    [`Lock "${INST}-events" acquired by "nova.compute.manager.InstanceEvents.pop_instance_event.<locals>._pop_event" :: waited 0.000s`],
    [`Filtering removed all hosts for the request with instance ID '${INST}'. Filter results: ['AvailabilityZoneFilter: (start: 2, end: 0)']`],
    [`Build of instance ${INST} was re-scheduled: Insufficient compute resources`],
    [`Automatically confirming migration 12 for instance ${INST}`],
  ])('%s', (m) => {
    expect(instanceFromMessage(m)).toBe(INST);
  });

  it('ignores other uuids', () => {
    expect(instanceFromMessage('Deleted allocations for migration 5e0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34')).toBeNull();
    expect(instanceFromMessage('Lock "compute_resources" acquired by "nova.compute.resource_tracker.ResourceTracker.instance_claim"')).toBeNull();
    expect(instanceFromMessage('Instance spawned successfully.')).toBeNull();
  });
});

describe('instance from lock lines', () => {
  it('ignores the cell-mapping locks of set_target_cell (a cell uuid is not an instance)', async () => {
    const { instanceFromMessage } = await import('../../src/parse/index.js');
    expect(
      instanceFromMessage('Lock "87da350f-2a86-425e-909e-3e4a09ae41a0" acquired by "nova.context.set_target_cell.<locals>.get_or_set_cached_cell_and_set_connections" :: waited 0.000s'),
    ).toBeNull();
    expect(
      instanceFromMessage('Lock "89ddfad1-81c8-45d0-b47e-0b33d64af362" acquired by "nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance" :: waited 0.000s'),
    ).toBe('89ddfad1-81c8-45d0-b47e-0b33d64af362');
  });
});
