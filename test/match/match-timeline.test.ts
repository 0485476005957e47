import { describe, expect, it } from 'vitest';
import { matchTimeline } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import type { Service, Timeline } from '../../src/types.js';
import { parseSources, timelineOf } from './helpers/records.js';

const models = loadModels();
const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
const CTX = `[None ${REQ} 4dd2b6779a434cb89fd269b5d0c5f263 acaca5bb3ac54769b7776104646f2645 - - default default]`;
const ADMIN = '[None req-567b744b-6fb5-4d61-b53a-780211ad66d8 - - - - - -]';
const I = `[instance: ${INST}]`;

interface Src {
  source: string;
  service: Service;
  host: string;
  lines: string[];
}
const api = (lines: string[]): Src => ({ source: 'n-api.log', service: 'api', host: 'ctl', lines });
const cond = (lines: string[]): Src => ({ source: 'n-cond.log', service: 'conductor', host: 'ctl', lines });
const sch = (lines: string[]): Src => ({ source: 'n-sch.log', service: 'scheduler', host: 'ctl', lines });
const cpu = (host: string, lines: string[]): Src => ({ source: `n-cpu-${host}.log`, service: 'compute', host, lines });

function timeline(srcs: Src[], extra: Partial<Timeline> = {}): Timeline {
  const records = parseSources(srcs.map((s) => ({ ctx: { source: s.source, service: s.service, host: s.host }, text: s.lines.join('\n') })));
  return timelineOf(records, extra);
}

function match(srcs: Src[], inputEnd = Date.UTC(2026, 10, 21, 18, 10, 0), extra: Partial<Timeline> = {}) {
  return matchTimeline(timeline(srcs, extra), models, { inputEnd });
}

const t = (s: string) => `2026-11-21 18:05:${s}`;
const BOOT_API = api([
  `${t('00.100')} 25744 DEBUG nova.api.openstack.wsgi ${CTX} Action: 'create', calling method: <bound method ServersController.create of <nova.api.openstack.compute.servers.ServersController object at 0x7f>>, body: {"server": {"name": "vm1"}} _process_stack /usr/lib/python3/dist-packages/nova/api/openstack/wsgi.py:511`,
  `${t('00.200')} 25744 DEBUG nova.compute.api ${CTX} Going to run 1 instances... _provision_instances /usr/lib/python3/dist-packages/nova/compute/api.py:1403`,
  `${t('00.300')} 25744 INFO nova.osapi_compute.wsgi.server ${CTX} 127.0.0.1 "POST /v2.1/servers HTTP/1.1" status: 202 len: 860 time: 0.5308557`,
]);
const SPAWN_FAIL_TB = (ts: string, exc: string) => [
  `${ts} 4242 ERROR nova.compute.manager ${CTX} ${I} Instance failed to spawn: ${exc}`,
  `${ts} 4242 ERROR nova.compute.manager ${I} Traceback (most recent call last):`,
  `${ts} 4242 ERROR nova.compute.manager ${I}   File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 2743, in _build_resources`,
  `${ts} 4242 ERROR nova.compute.manager ${I}     yield resources`,
  `${ts} 4242 ERROR nova.compute.manager ${I} ${exc}`,
  `${ts} 4242 ERROR nova.compute.manager ${I} `,
];
const buildStart = (host: string, s: string) => [
  `${t(s)}0 4242 DEBUG oslo_concurrency.lockutils ${CTX} Lock "${INST}" acquired by "nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance" :: waited 0.001s inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:409`,
  `${t(s)}1 4242 DEBUG nova.compute.manager ${CTX} ${I} Starting instance... _do_build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2404`,
  `${t(s)}2 4242 INFO nova.compute.claims ${CTX} ${I} Claim successful on node ${host}`,
  `${t(s)}3 4242 DEBUG nova.compute.manager ${CTX} ${I} Start building networks asynchronously for instance. _build_resources /usr/lib/python3/dist-packages/nova/compute/manager.py:2766`,
  `${t(s)}4 4242 DEBUG nova.compute.manager ${CTX} ${I} Start building block device mappings for instance. _build_resources /usr/lib/python3/dist-packages/nova/compute/manager.py:2801`,
  `${t(s)}5 4242 DEBUG nova.compute.manager ${CTX} ${I} Start spawning the instance on the hypervisor. _build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2579`,
];

describe('matchTimeline: boot', () => {
  it('recovers from a reschedule: failed on cmp1, built on cmp2', () => {
    const r = match([
      BOOT_API,
      cpu('cmp1', [
        ...buildStart('cmp1', '01.10'),
        ...SPAWN_FAIL_TB(t('02.000'), 'libvirt.libvirtError: internal error: process exited while connecting to monitor'),
        `${t('02.100')} 4242 DEBUG nova.compute.manager ${CTX} ${I} Build of instance ${INST} was re-scheduled: internal error: process exited while connecting to monitor _do_build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2462`,
      ]),
      cond([`${t('02.300')} 25637 DEBUG nova.conductor.manager ${CTX} Rescheduling: True build_instances /usr/lib/python3/dist-packages/nova/conductor/manager.py:700`]),
      cpu('cmp2', [
        ...buildStart('cmp2', '03.10'),
        `${t('05.000')} 4343 INFO nova.virt.libvirt.driver [-] ${I} Instance spawned successfully.`,
        `${t('05.100')} 4343 INFO nova.compute.manager ${CTX} ${I} Took 4.02 seconds to build instance.`,
      ]),
    ]);
    expect(r).toMatchObject({ operation: 'boot', outcome: 'completed', confidence: 1, failure: null, instance: INST, apiStatus: 202 });
    expect(r.hosts).toEqual(['ctl', 'cmp1', 'cmp2']);
    expect(r.notes.some((n) => n.startsWith('rescheduled: The build failed on this host and was rescheduled') && n.includes('[cmp1]'))).toBe(true);
    expect(r.notes.some((n) => n.startsWith('recovered: spawn_failed'))).toBe(true);
    expect(r.stages.find((s) => s.id === 'done')).toMatchObject({ reached: true, host: 'cmp2' });
    expect(r.errorCount).toBe(1);
  });

  it('fails with max_retries when every host failed, at the last stage reached, root cause from the first traceback', () => {
    const r = match([
      BOOT_API,
      cpu('cmp1', [
        ...buildStart('cmp1', '01.10'),
        ...SPAWN_FAIL_TB(t('02.000'), 'libvirt.libvirtError: internal error: qemu unexpectedly closed the monitor'),
        `${t('02.100')} 4242 DEBUG nova.compute.manager ${CTX} ${I} Build of instance ${INST} was re-scheduled: internal error _do_build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2462`,
      ]),
      cond([
        `${t('06.000')} 25637 WARNING nova.scheduler.utils ${CTX} Failed to compute_task_build_instances: Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${INST}.`,
        `${t('06.001')} 25637 WARNING nova.scheduler.utils ${CTX} ${I} Setting instance to ERROR state.: nova.exception.MaxRetriesExceeded: Exceeded maximum number of retries.`,
      ]),
    ]);
    expect(r.outcome).toBe('failed');
    expect(r.failure).toMatchObject({ id: 'max_retries', stage: 'spawning', rootCause: 'libvirtError', source: 'n-cond.log:1' });
    expect(r.failure!.explanation).toMatch(/^Every host tried failed/);
    expect(r.notes.some((n) => n.startsWith('also spawn_failed'))).toBe(true);
    expect(r.notes.some((n) => n.startsWith('also set_state'))).toBe(true);
  });

  it('names the filter that removed the last host on NoValidHost', () => {
    const r = match([
      BOOT_API,
      sch([
        `${t('00.400')} 25640 DEBUG nova.scheduler.manager ${CTX} Starting to schedule for instances: ['${INST}'] select_destinations /usr/lib/python3/dist-packages/nova/scheduler/manager.py:141`,
        `${t('00.500')} 25640 INFO nova.filters ${CTX} Filter ComputeFilter returned 0 hosts`,
        `${t('00.501')} 25640 INFO nova.filters ${CTX} Filtering removed all hosts for the request with instance ID '${INST}'. Filter results: ['AvailabilityZoneFilter: (start: 2, end: 2)', 'ComputeFilter: (start: 2, end: 0)']`,
      ]),
      cond([
        `${t('00.600')} 25637 ERROR nova.conductor.manager ${CTX} Failed to schedule instances: nova.exception_Remote.NoValidHost_Remote: No valid host was found.`,
        `${t('00.600')} 25637 ERROR nova.conductor.manager Traceback (most recent call last):`,
        `${t('00.600')} 25637 ERROR nova.conductor.manager   File "/usr/lib/python3/dist-packages/nova/conductor/manager.py", line 1587, in schedule_and_build_instances`,
        `${t('00.600')} 25637 ERROR nova.conductor.manager nova.exception_Remote.NoValidHost_Remote: No valid host was found.`,
        `${t('00.700')} 25637 WARNING nova.scheduler.utils ${CTX} Failed to compute_task_build_instances: No valid host was found.`,
      ]),
    ]);
    expect(r.failure).toMatchObject({ id: 'no_valid_host', stage: 'scheduling', rootCause: 'NoValidHost' });
    expect(r.failure!.causes).toEqual([
      'Filter ComputeFilter removed the last candidate host.',
      "Filter results: ['AvailabilityZoneFilter: (start: 2, end: 2)', 'ComputeFilter: (start: 2, end: 0)'].",
    ]);
    expect(r.failure!.explanation).toContain('Filter ComputeFilter removed the last candidate host.');
    expect(r.stages.filter((s) => s.reached).map((s) => s.id)).toEqual(['api', 'scheduling']);
  });

  it('fails on a scheduler cause alone when the conductor log is missing', () => {
    const r = match([BOOT_API, sch([`${t('00.500')} 25640 INFO nova.scheduler.manager ${CTX} Got no allocation candidates from the Placement API. This could be due to insufficient resources or a temporary occurrence as compute nodes start up.`])]);
    expect(r.outcome).toBe('failed');
    expect(r.failure).toMatchObject({ id: 'sched_no_candidates', severity: 'cause' });
  });

  it('is incomplete when the build stops in spawning: idle time and task state', () => {
    const inputEnd = Date.UTC(2026, 10, 21, 18, 15, 0);
    const r = match([BOOT_API, cpu('cmp1', buildStart('cmp1', '01.10'))], inputEnd);
    expect(r.outcome).toBe('incomplete');
    expect(r.idleMs).toBe(inputEnd - Date.UTC(2026, 10, 21, 18, 5, 1, 105));
    expect(r.notes).toContain('instance left in spawning (last stage reached: spawning)');
    expect(r.stages.find((s) => s.id === 'spawning')!.durationMs).toBe(0);
  });

  it('reads the oslo error summary and a Kilo TRACE traceback with a chained exception', () => {
    const k = (s: string) => `2015-06-01 10:00:${s}`;
    const ctx = `[req-8e64797b-2a1c-4b0e-9d3f-6a5b4c3d2e1f 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -]`;
    const r = match([
      cpu('compute1', [
        `${k('01.000')} 2931 INFO nova.compute.manager ${ctx} ${I} Starting instance...`,
        `${k('02.000')} 2931 ERROR nova.compute.manager ${ctx} ${I} Instance failed to spawn`,
        `${k('02.000')} 2931 TRACE nova.compute.manager ${I} Traceback (most recent call last):`,
        `${k('02.000')} 2931 TRACE nova.compute.manager ${I}   File "/usr/lib/python2.7/dist-packages/nova/virt/libvirt/driver.py", line 2442, in spawn`,
        `${k('02.000')} 2931 TRACE nova.compute.manager ${I} libvirtError: Unable to add bridge brq1234 port tap5678: Device or resource busy`,
        `${k('02.000')} 2931 TRACE nova.compute.manager ${I} `,
        `${k('02.000')} 2931 TRACE nova.compute.manager ${I} During handling of the above exception, another exception occurred:`,
        `${k('02.000')} 2931 TRACE nova.compute.manager ${I} Traceback (most recent call last):`,
        `${k('02.000')} 2931 TRACE nova.compute.manager ${I} nova.exception.RescheduledException: Build of instance was re-scheduled`,
      ]),
    ]);
    expect(r.operation).toBe('boot');
    expect(r.confidence).toBe(0.7);
    expect(r.failure).toMatchObject({ id: 'spawn_failed', stage: 'spawning', exception: 'nova.exception.RescheduledException', rootCause: 'libvirtError' });
  });
});

describe('matchTimeline: API failures and recognition', () => {
  it('reports a 500 with its traceback root cause', () => {
    const r = match([
      api([
        `${t('00.100')} 25744 DEBUG nova.api.openstack.wsgi ${CTX} Action: 'action', calling method: <bound method ServersController._stop_server of <x>>, body: {"os-stop": null} _process_stack /usr/lib/python3/dist-packages/nova/api/openstack/wsgi.py:511`,
        `${t('00.200')} 25744 ERROR nova.api.openstack.wsgi ${CTX} Unexpected exception in API method: oslo_db.exception.DBConnectionError: (pymysql.err.OperationalError) (2003, "Can't connect to MySQL server")`,
        `${t('00.200')} 25744 ERROR nova.api.openstack.wsgi Traceback (most recent call last):`,
        `${t('00.200')} 25744 ERROR nova.api.openstack.wsgi   File "/usr/lib/python3/dist-packages/nova/api/openstack/wsgi.py", line 664, in wrapped`,
        `${t('00.200')} 25744 ERROR nova.api.openstack.wsgi oslo_db.exception.DBConnectionError: (pymysql.err.OperationalError) (2003, "Can't connect to MySQL server")`,
        `${t('00.300')} 25744 INFO nova.osapi_compute.wsgi.server ${CTX} 127.0.0.1 "POST /v2.1/servers/${INST}/action HTTP/1.1" status: 500 len: 405 time: 0.2`,
      ]),
    ]);
    expect(r).toMatchObject({ operation: 'stop', outcome: 'failed', apiStatus: 500 });
    expect(r.failure).toMatchObject({ id: 'api_error', stage: 'api', exception: 'oslo_db.exception.DBConnectionError', rootCause: 'DBConnectionError' });
  });

  it('fails from the access status alone when no reason line was logged', () => {
    const r = match([
      api([
        `${t('00.100')} 25744 DEBUG nova.api.openstack.wsgi ${CTX} Calling method '<bound method ServersController.delete of <nova.api.openstack.compute.servers.ServersController object at 0x7f>>' _process_stack /usr/lib/python3/dist-packages/nova/api/openstack/wsgi.py:513`,
        `${t('00.300')} 25744 INFO nova.api.openstack.requestlog ${CTX} 10.0.0.5 "DELETE /compute/v2.1/servers/${INST}" status: 404 len: 0 microversion: 2.90 time: 0.01`,
      ]),
    ]);
    expect(r).toMatchObject({ operation: 'delete', outcome: 'failed', apiStatus: 404 });
    expect(r.failure).toMatchObject({ id: 'http_error', exception: 'HTTPNotFound', stage: 'api' });
  });

  it('returns unknown with the time span and error count when no model fits', () => {
    const r = match([
      cpu('cmp1', [
        `${t('00.000')} 4242 DEBUG nova.compute.manager ${CTX} Something unrelated happened`,
        `${t('03.500')} 4242 ERROR nova.compute.manager ${CTX} Something broke`,
      ]),
    ]);
    expect(r).toMatchObject({ operation: 'unknown', outcome: 'unknown', confidence: 0, errorCount: 1, recordCount: 2, durationMs: 3500 });
    expect(r.notes[0]).toMatch(/^unexplained ERROR nova\.compute\.manager: Something broke/);
  });

  it('does not take a cell uuid from lock lines for the instance', () => {
    const cell = '87da350f-2a86-425e-909e-3e4a09ae41a0';
    const lock = (s: string) =>
      `${t(s)} 25744 DEBUG oslo_concurrency.lockutils ${CTX} Lock "${cell}" acquired by "nova.context.set_target_cell.<locals>.get_or_set_cached_cell_and_set_connections" :: waited 0.000s inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:409`;
    const rejected = match([
      api([
        `${t('00.100')} 25744 DEBUG nova.api.openstack.wsgi ${CTX} Action: 'create', calling method: <bound method ServersController.create of <x>>, body: {"server": {"name": "vm1"}} _process_stack /usr/lib/python3/dist-packages/nova/api/openstack/wsgi.py:511`,
        lock('00.110'),
        lock('00.120'),
        `${t('00.200')} 25744 INFO nova.api.openstack.wsgi ${CTX} HTTP exception thrown: Can not find requested image`,
        `${t('00.300')} 25744 INFO nova.osapi_compute.wsgi.server ${CTX} 127.0.0.1 "POST /v2.1/servers HTTP/1.1" status: 400 len: 496 time: 0.04`,
      ]),
    ]);
    expect(rejected).toMatchObject({ operation: 'boot', outcome: 'failed', instance: null });
    const built = match([api([lock('00.050'), lock('00.060')]), BOOT_API, cpu('cmp1', buildStart('cmp1', '01.10'))]);
    expect(built.instance).toBe(INST);
  });

  it('does not call a delete completed from the API lines alone', () => {
    const r = match([
      api([
        `${t('00.100')} 25744 DEBUG nova.api.openstack.wsgi ${CTX} Calling method '<bound method ServersController.delete of <x>>' _process_stack /usr/lib/python3/dist-packages/nova/api/openstack/wsgi.py:513`,
        `${t('00.200')} 25744 DEBUG nova.compute.api ${CTX} ${I} Going to try to terminate instance delete /usr/lib/python3/dist-packages/nova/compute/api.py:2516`,
        `${t('00.300')} 25744 INFO nova.osapi_compute.wsgi.server ${CTX} 127.0.0.1 "DELETE /v2.1/servers/${INST} HTTP/1.1" status: 204 len: 407 time: 0.1`,
      ]),
    ]);
    expect(r).toMatchObject({ operation: 'delete', variant: null, outcome: 'incomplete' });
  });

  it('sorts records first, so input order does not matter', () => {
    const tl = timeline([BOOT_API, cpu('cmp1', buildStart('cmp1', '01.10'))]);
    const reversed = { ...tl, records: [...tl.records].reverse() };
    const a = matchTimeline(tl, models, { inputEnd: 0 });
    const b = matchTimeline(reversed, models, { inputEnd: 0 });
    expect(b).toEqual(a);
    expect(a.stages[0]!.at).toBe(Date.UTC(2026, 10, 21, 18, 5, 0, 100));
  });

  it('tells evacuate from rebuild in pre-Rocky wording', () => {
    const ctx = `[req-8e64797b-2a1c-4b0e-9d3f-6a5b4c3d2e1f 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -]`;
    const r = match([
      cpu('compute2', [
        `2016-05-16 00:00:10.303 2931 INFO nova.compute.manager ${ctx} ${I} Rebuilding instance`,
        `2016-05-16 00:00:10.400 2931 INFO nova.compute.manager ${ctx} ${I} disk on shared storage, recreating using existing disk`,
        `2016-05-16 00:00:15.000 2931 INFO nova.virt.libvirt.driver [-] ${I} Instance spawned successfully.`,
      ]),
    ]);
    expect(r).toMatchObject({ operation: 'evacuate', outcome: 'completed' });
  });

  it('notes error lines that no marker explains and stages reached out of order', () => {
    const r = match([
      api([`${t('00.300')} 25744 INFO nova.osapi_compute.wsgi.server ${CTX} 127.0.0.1 "POST /v2.1/servers/${INST}/action HTTP/1.1" status: 202 len: 405 time: 0.1`]),
      cpu('cmp1', [
        `${t('00.100')} 4242 INFO nova.compute.manager ${CTX} ${I} Pausing`,
        `${t('00.150')} 4242 ERROR nova.virt.libvirt.guest ${CTX} ${I} Something odd in the guest`,
      ]),
    ]);
    expect(r.operation).toBe('pause');
    expect(r.notes.some((n) => n.startsWith('unexplained ERROR nova.virt.libvirt.guest: Something odd in the guest (n-cpu-cmp1.log:2)'))).toBe(true);
  });
});

describe('matchTimeline: moves', () => {
  it('explains an UnableToMigrateToSelf reschedule ended by the RetryFilter (Queens era)', () => {
    const ctx = `[req-8e64797b-2a1c-4b0e-9d3f-6a5b4c3d2e1f 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -]`;
    const q = (s: string) => `2018-03-01 10:00:${s}`;
    const r = match([
      api([`${q('00.100')} 100 DEBUG nova.api.openstack.wsgi ${ctx} Action: 'action', calling method: <bound method MigrateServerController._migrate of <x>>, body: {"migrate": null} _process_stack /usr/lib/python2.7/dist-packages/nova/api/openstack/wsgi.py:604`]),
      cpu('compute1', [
        `${q('01.000')} 200 DEBUG nova.compute.manager ${ctx} ${I} Stashing vm_state: active _prep_resize /usr/lib/python2.7/dist-packages/nova/compute/manager.py:4175`,
        `${q('01.100')} 200 DEBUG nova.compute.manager ${ctx} ${I} Rescheduling, attempt 1 _reschedule_resize_or_reraise /usr/lib/python2.7/dist-packages/nova/compute/manager.py:4232`,
      ]),
      sch([
        `${q('02.000')} 300 DEBUG nova.scheduler.filters.retry_filter ${ctx} Host [u'compute1', u'compute1'] fails.  Previously tried hosts: [[u'compute1', u'compute1']] host_passes /usr/lib/python2.7/dist-packages/nova/scheduler/filters/retry_filter.py:47`,
        `${q('02.001')} 300 INFO nova.filters ${ctx} Filter RetryFilter returned 0 hosts`,
      ]),
      cond([`${q('02.100')} 400 WARNING nova.scheduler.utils ${ctx} Failed to compute_task_migrate_server: No valid host was found. No valid host found for cold migrate`]),
    ]);
    expect(r).toMatchObject({ operation: 'migrate', outcome: 'failed' });
    expect(r.failure!.id).toBe('no_valid_host');
    expect(r.failure!.causes).toEqual([
      "The RetryFilter removed host [u'compute1', u'compute1']: it was already tried for this request.",
      'Filter RetryFilter removed the last candidate host.',
    ]);
    expect(r.notes.some((n) => n.startsWith('resize_rescheduling: prep_resize failed on the selected host; rescheduling (attempt 1).'))).toBe(true);
  });

  it('reports UnableToMigrateToSelf rolled back by InstanceFaultRollback', () => {
    const r = match([
      cpu('cmp1', [
        `${t('01.000')} 200 DEBUG nova.compute.manager ${CTX} ${I} Stashing vm_state: active _prep_resize /usr/lib/python3/dist-packages/nova/compute/manager.py:5637`,
        `${t('01.100')} 200 INFO nova.compute.manager ${CTX} ${I} Setting instance back to active after: Unable to migrate instance (${INST}) to current host (cmp1).`,
      ]),
    ]);
    expect(r.operation).toBe('resize');
    expect(r.failure).toMatchObject({ id: 'unable_to_migrate_to_self', stage: 'prep_resize' });
    expect(r.failure!.explanation).toBe('The scheduler picked the current host cmp1 (UnableToMigrateToSelf); the instance was set back to active.');
  });

  it('reports a live-migration pre-check failure with the instance set back to ACTIVE', () => {
    const r = match([
      api([`${t('00.100')} 25744 DEBUG nova.compute.api ${CTX} ${I} Going to try to live migrate instance to cmp2 live_migrate /usr/lib/python3/dist-packages/nova/compute/api.py:5347`]),
      cond([
        `${t('01.000')} 25637 WARNING nova.scheduler.utils ${CTX} Failed to compute_task_migrate_server: Migration pre-check error: Unable to migrate ${INST}: Disk of instance is too large(available on destination host:0 < need:1073741824)`,
        `${t('01.001')} 25637 WARNING nova.scheduler.utils ${CTX} ${I} Setting instance to ACTIVE state.: nova.exception.MigrationPreCheckError: Migration pre-check error: Unable to migrate`,
      ]),
    ]);
    expect(r).toMatchObject({ operation: 'live_migration', outcome: 'failed', confidence: 0.7 });
    expect(r.failure).toMatchObject({ id: 'precheck_failed', stage: 'conductor' });
    expect(r.notes.some((n) => n.startsWith('also set_state: The conductor set the instance to ACTIVE'))).toBe(true);
  });

  it('explains a cancelled live migration (abort request) with the rollback stage', () => {
    const r = match([
      cpu('cmp1', [
        `${t('01.000')} 200 INFO nova.compute.manager ${CTX} ${I} Took 0.19 seconds for pre_live_migration on destination host cmp2.`,
        `${t('02.000')} 200 DEBUG nova.virt.libvirt.driver ${CTX} ${I} Starting monitoring of live migration _live_migration /usr/lib/python3/dist-packages/nova/virt/libvirt/driver.py:10366`,
        `${t('09.000')} 200 WARNING nova.virt.libvirt.driver ${CTX} ${I} Migration operation was cancelled`,
        `${t('09.100')} 200 DEBUG nova.compute.manager ${CTX} ${I} Calling destination to drop move claim. _rollback_live_migration /usr/lib/python3/dist-packages/nova/compute/manager.py:9480`,
      ]),
    ], undefined, { related: ['req-11111111-2222-3333-4444-555555555555'] });
    expect(r).toMatchObject({ operation: 'live_migration', outcome: 'failed', relatedRequestIds: ['req-11111111-2222-3333-4444-555555555555'] });
    expect(r.failure).toMatchObject({ id: 'migration_cancelled', stage: 'migrating' });
    expect(r.stages.find((s) => s.id === 'rollback')!.reached).toBe(true);
  });
});

describe('matchTimeline: background contexts', () => {
  it('recognises the periodic auto-confirm of a resize', () => {
    const r = match([
      cpu('cmp2', [
        `${t('10.000')} 4242 INFO nova.compute.manager ${ADMIN} Found 1 unconfirmed migrations older than 1 seconds`,
        `${t('10.001')} 4242 INFO nova.compute.manager ${ADMIN} Automatically confirming migration 5 for instance ${INST}`,
      ]),
      cpu('cmp1', [
        `${t('10.100')} 4243 DEBUG oslo_concurrency.lockutils ${ADMIN} Lock "${INST}" acquired by "nova.compute.manager.ComputeManager.confirm_resize.<locals>.do_confirm_resize" :: waited 0.000s inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:409`,
        `${t('10.101')} 4243 DEBUG nova.compute.manager ${ADMIN} ${I} Going to confirm migration 5 do_confirm_resize /usr/lib/python3/dist-packages/nova/compute/manager.py:4652`,
        `${t('10.500')} 4243 INFO nova.scheduler.client.report ${ADMIN} Deleted allocation for migration 76fa1819-f50d-43a9-a183-d73c14e631f1`,
        `${t('10.600')} 4243 DEBUG oslo_concurrency.lockutils ${ADMIN} Lock "${INST}" "released" by "nova.compute.manager.ComputeManager.confirm_resize.<locals>.do_confirm_resize" :: held 0.500s inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:423`,
      ]),
    ], undefined, { background: true });
    expect(r).toMatchObject({ operation: 'confirm_resize', variant: 'auto', outcome: 'completed' });
    expect(r.notes).toContain('performed by a background context (periodic task or lifecycle handling)');
    expect(r.stages.map((s) => [s.id, s.host])).toEqual([
      ['api', 'cmp2'], ['compute_received', 'cmp1'], ['source_cleaned', null], ['allocation_deleted', 'cmp1'], ['done', 'cmp1'],
    ]);
  });

  it('recognises the power-state sync stop', () => {
    const r = match([
      cpu('cmp1', [
        `${t('20.000')} 4242 WARNING nova.compute.manager ${ADMIN} ${I} Instance shutdown by itself. Calling the stop API. Current vm_state: active, current task_state: None, original DB power_state: 1, current VM power_state: 4`,
        `${t('20.010')} 4242 DEBUG nova.compute.api ${ADMIN} ${I} Going to try to stop instance force_stop /usr/lib/python3/dist-packages/nova/compute/api.py:2590`,
        `${t('20.100')} 4242 DEBUG oslo_concurrency.lockutils ${ADMIN} Lock "${INST}" acquired by "nova.compute.manager.ComputeManager.stop_instance.<locals>.do_stop_instance" :: waited 0.000s inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:409`,
        `${t('20.200')} 4242 INFO nova.compute.manager ${ADMIN} ${I} Instance is already powered off in the hypervisor when stop is called.`,
        `${t('20.300')} 4242 DEBUG oslo_concurrency.lockutils ${ADMIN} Lock "${INST}" "released" by "nova.compute.manager.ComputeManager.stop_instance.<locals>.do_stop_instance" :: held 0.200s inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:423`,
      ]),
    ], undefined, { background: true });
    expect(r).toMatchObject({ operation: 'stop', variant: 'power_sync', outcome: 'completed', confidence: 0.85 });
  });

  it('recognises a periodic shelve offload', () => {
    const r = match([
      cpu('cmp1', [
        `${t('30.000')} 4242 DEBUG oslo_service.periodic_task ${ADMIN} Running periodic task ComputeManager._poll_shelved_instances run_periodic_tasks /usr/lib/python3/dist-packages/oslo_service/periodic_task.py:210`,
        `${t('30.100')} 4242 INFO nova.compute.manager ${ADMIN} ${I} Shelve offloading`,
        `${t('30.400')} 4242 INFO nova.scheduler.client.report ${ADMIN} Deleted allocations for instance ${INST}`,
      ]),
    ], Date.UTC(2026, 10, 21, 18, 5, 40), { background: true });
    expect(r).toMatchObject({ operation: 'shelve_offload', variant: 'periodic', outcome: 'incomplete', idleMs: 9600 });
  });
});
