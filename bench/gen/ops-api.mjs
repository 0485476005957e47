// Pieces shared by many operations: the nova-api request, the scheduler's select_destinations, neutron's
// external events, instance network info dumps. Shapes follow reference §4 and the Zed lab recordings.
import { S, Script } from './script.mjs';
import { sfx } from './format.mjs';

const ADDR = new Map();
function objAddr(w, cls) {
  let a = ADDR.get(cls);
  if (a === undefined) ADDR.set(cls, (a = `0x7f${w.rng.hex(5).slice(0, 10)}`));
  return a;
}

/** `POST /servers/{id}/action` through the API: Action line, instance fetch, op-specific lines, access line. */
export function apiAction(s, { mod, ctrl, meth, body, status = 202, len = 0, path }, fn) {
  const w = s.w;
  s.on(w.api());
  s.apiStart = s.t;
  s.d('nova.api.openstack.wsgi', `Action: 'action', calling method: <bound method ${ctrl}.${meth} of <nova.api.openstack.compute.${mod}.${ctrl} object at ${objAddr(w, ctrl)}>>, body: ${body}`, S.action);
  s.di('nova.compute.api', 'Fetching instance by UUID', S.fetch);
  s.cell();
  if (s.rng.chance(0.5)) s.lazy(s.rng.pick(['flavor', 'info_cache', 'system_metadata', 'services']));
  fn?.(s);
  s.access('POST', path ?? `/servers/${s.inst.uuid}/action`, status, len);
  return s.wait(s.rng.float(3, 40)); // the RPC cast travels to the next service
}

/** A non-action API call (`Calling method '…'`), e.g. DELETE /servers/{id}. */
export function apiCall(s, { mod, ctrl, meth, method, path, status, len, fetch = true }, fn) {
  const w = s.w;
  s.on(w.api());
  s.apiStart = s.t;
  s.d('nova.api.openstack.wsgi', `Calling method '<bound method ${ctrl}.${meth} of <nova.api.openstack.compute.${mod}.${ctrl} object at ${objAddr(w, ctrl)}>>'`, S.calling);
  if (fetch) s.di('nova.compute.api', 'Fetching instance by UUID', S.fetch);
  s.cell();
  fn?.(s);
  s.access(method, path, status, len);
  return s.wait(s.rng.float(3, 40));
}

/** An API call with a JSON body handled by a `create` method (POST /servers, os-volume_attachments …). */
export function apiCreate(s, { mod, ctrl, body, path, status, len }, fn) {
  const w = s.w;
  s.on(w.api());
  s.apiStart = s.t;
  s.d('nova.api.openstack.wsgi', `Action: 'create', calling method: <bound method ${ctrl}.create of <nova.api.openstack.compute.${mod}.${ctrl} object at ${objAddr(w, ctrl)}>>, body: ${body}`, S.action);
  fn?.(s);
  s.access('POST', path, status, len);
  return s.wait(s.rng.float(3, 40));
}

const SCH = {
  start: sfx('select_destinations', 'nova/scheduler/manager.py', 141),
  rfWrap: sfx('wrapper', 'nova/scheduler/request_filter.py', 46),
  rfAz: sfx('map_az_to_placement_aggregate', 'nova/scheduler/request_filter.py', 161),
  rfStatus: sfx('compute_status_filter', 'nova/scheduler/request_filter.py', 255),
  rfEph: sfx('ephemeral_encryption_filter', 'nova/scheduler/request_filter.py', 412),
  hmUpdate: sfx('_locked_update', 'nova/scheduler/host_manager.py', 167),
  hmAggr: sfx('_locked_update', 'nova/scheduler/host_manager.py', 170),
  hmSvc: sfx('_locked_update', 'nova/scheduler/host_manager.py', 173),
  hmInst: sfx('_locked_update', 'nova/scheduler/host_manager.py', 176),
  fStart: sfx('get_filtered_objects', 'nova/filters.py', 70),
  fRet: sfx('get_filtered_objects', 'nova/filters.py', 102),
  filtered: sfx('_get_sorted_hosts', 'nova/scheduler/manager.py', 610),
  weighed: sfx('_get_sorted_hosts', 'nova/scheduler/manager.py', 632),
  claim: sfx('claim_resources', 'nova/scheduler/utils.py', 1253),
  noClaim: sfx('claim_resources', 'nova/scheduler/utils.py', 1340),
  selected: sfx('_consume_selected_host', 'nova/scheduler/manager.py', 513),
  took: sfx('_schedule_instances', 'nova/conductor/manager.py', 943),
};
const FILTERS = ['AvailabilityZoneFilter', 'ComputeFilter', 'ComputeCapabilitiesFilter', 'ImagePropertiesFilter', 'ServerGroupAntiAffinityFilter', 'ServerGroupAffinityFilter'];
const HM = 'nova.scheduler.host_manager.HostState';

function hostState(w, host, inst) {
  const free = 200000 + ((host.charCodeAt(5) * 7919) % 90000);
  return `(${host}, ${host}) ram: ${free}MB disk: ${free * 4}MB io_ops: ${w.rng.int(0, 9)} instances: ${w.rng.int(20, 140)}`;
}

function computeNodeDump(w, host) {
  const rp = w.rp.get(host);
  return `Update host state from compute node: ComputeNode(cpu_allocation_ratio=4.0,cpu_info='{"arch": "x86_64", "model": "Cascadelake-Server-noTSX", "vendor": "Intel", "topology": {"cells": 2, "sockets": 2, "cores": 24, "threads": 2}, "features": ["pdpe1gb", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl", "vmx", "ssse3", "sse4.1", "sse4.2", "x2apic", "tsc-deadline", "aes", "xsave", "avx", "f16c", "rdrand", "fma", "avx2", "bmi1", "bmi2", "erms", "invpcid", "mpx", "rdseed", "adx", "smap", "clflushopt", "clwb", "pku", "md-clear", "spec-ctrl", "ssbd"]}',created_at=2026-03-02T09:14:11Z,current_workload=${w.rng.int(0, 6)},deleted=False,deleted_at=None,disk_allocation_ratio=1.0,disk_available_least=${w.rng.int(800, 3000)},free_disk_gb=${w.rng.int(900, 3200)},free_ram_mb=${w.rng.int(40000, 380000)},host='${host}',host_ip=10.20.${w.hosts.indexOf(host) >> 8}.${w.hosts.indexOf(host) & 255},hypervisor_hostname='${host}',hypervisor_type='QEMU',hypervisor_version=8002000,id=${w.hosts.indexOf(host) + 3},local_gb=3576,local_gb_used=${w.rng.int(300, 2600)},mapped=1,memory_mb=772797,memory_mb_used=${w.rng.int(300000, 700000)},numa_topology='{"nova_object.name": "NUMATopology", "nova_object.namespace": "nova", "nova_object.version": "1.2", "nova_object.data": {"cells": [...]}, "nova_object.changes": ["cells"]}',pci_device_pools=PciDevicePoolList,ram_allocation_ratio=1.0,running_vms=${w.rng.int(20, 140)},service_id=None,stats={failed_builds='0',io_workload='${w.rng.int(0, 4)}',num_instances='${w.rng.int(20, 140)}',num_os_type_None='${w.rng.int(20, 140)}',num_proj_${w.rng.pick(w.projects).id}='${w.rng.int(1, 30)}',num_task_None='${w.rng.int(20, 130)}',num_vm_active='${w.rng.int(20, 130)}'},supported_hv_specs=[HVSpec,HVSpec,HVSpec],updated_at=2026-11-21T${String(w.rng.int(0, 23)).padStart(2, '0')}:${String(w.rng.int(0, 59)).padStart(2, '0')}:13Z,uuid=${rp},vcpus=96,vcpus_used=${w.rng.int(40, 380)})`;
}

/**
 * nova-scheduler select_destinations for `inst` (request filters, host state refresh, filters, weighing,
 * placement claim). Returns the chosen host, or null when no host fits (the scheduler then raises
 * NoValidHost to the caller).
 */
export function schedule(s, { avoid = null, fail = false, claim = true }) {
  const w = s.w;
  const inst = s.inst;
  s.on(w.sch());
  s.d('nova.scheduler.manager', `Starting to schedule for instances: ['${inst.uuid}']`, SCH.start);
  s.d('nova.scheduler.request_filter', `map_az_to_placement_aggregate request filter added aggregates ${w.networks[0]} for az '${w.az}'`, SCH.rfAz);
  s.d('nova.scheduler.request_filter', `Request filter 'map_az_to_placement_aggregate' took 0.0 seconds`, SCH.rfWrap);
  s.d('nova.scheduler.request_filter', 'compute_status_filter request filter added forbidden trait COMPUTE_STATUS_DISABLED', SCH.rfStatus);
  s.d('nova.scheduler.request_filter', `Request filter 'compute_status_filter' took 0.0 seconds`, SCH.rfWrap);
  s.d('nova.scheduler.request_filter', `Request filter 'accelerators_filter' took 0.0 seconds`, SCH.rfWrap);
  s.d('nova.scheduler.request_filter', 'ephemeral_encryption_filter skipped', SCH.rfEph);
  s.wait(s.rng.float(20, 250)); // placement allocation candidates
  if (fail) {
    s.i('nova.scheduler.manager', 'Got no allocation candidates from the Placement API. This could be due to insufficient resources or a temporary occurrence as compute nodes start up.');
    return null;
  }
  s.cell();
  const n = s.rng.int(2, 5);
  const hosts = [];
  while (hosts.length < n) {
    const h = s.rng.pick(w.hosts);
    if (h !== avoid && !hosts.includes(h)) hosts.push(h);
  }
  for (const h of hosts) {
    s.lockAround(`('${h}', '${h}')`, `${HM}.update.<locals>._locked_update`, () => {
      s.d('nova.scheduler.host_manager', computeNodeDump(w, h), SCH.hmUpdate);
      s.d('nova.scheduler.host_manager', `Update host state with aggregates: [Aggregate(created_at=2026-03-02T09:10:44Z,deleted=False,deleted_at=None,hosts=[${w.hosts.slice(0, 6).map((x) => `'${x}'`).join(',')},...],id=1,metadata={availability_zone='${w.az}'},name='az-${w.az}',updated_at=None,uuid=${w.networks[0]})]`, SCH.hmAggr);
      s.d('nova.scheduler.host_manager', `Update host state with service dict: {'id': ${w.hosts.indexOf(h) + 11}, 'uuid': '${w.rp.get(h)}', 'host': '${h}', 'binary': 'nova-compute', 'topic': 'compute', 'report_count': ${s.rng.int(10000, 99999)}, 'disabled': False, 'disabled_reason': None, 'last_seen_up': datetime.datetime(2026, 11, 21, 3, 14, 15, tzinfo=datetime.timezone.utc), 'forced_down': False, 'version': 66, 'created_at': datetime.datetime(2026, 3, 2, 9, 14, 11, tzinfo=datetime.timezone.utc), 'updated_at': datetime.datetime(2026, 11, 21, 3, 14, 15, tzinfo=datetime.timezone.utc), 'deleted_at': None, 'deleted': False}`, SCH.hmSvc);
      s.d('nova.scheduler.host_manager', `Update host state with instances: ['${s.rng.uuid()}', '${s.rng.uuid()}', '${s.rng.uuid()}', '${s.rng.uuid()}']`, SCH.hmInst);
    });
  }
  s.d('nova.filters', `Starting with ${n} host(s)`, SCH.fStart);
  for (const f of FILTERS) s.d('nova.filters', `Filter ${f} returned ${n} host(s)`, SCH.fRet);
  const states = hosts.map((h) => hostState(w, h, inst));
  s.d('nova.scheduler.manager', `Filtered [${states.join(', ')}]`, SCH.filtered);
  s.d('nova.scheduler.manager', `Weighed [${states.map((x, i) => `WeighedHost [host: ${x}, weight: ${(2 - i * 0.37).toFixed(6)}]`).join(', ')}]`, SCH.weighed);
  const chosen = hosts[0];
  if (claim) {
    s.d('nova.scheduler.utils', `Attempting to claim resources in the placement API for instance ${inst.uuid}`, SCH.claim);
    s.wait(s.rng.float(20, 120));
  } else {
    s.d('nova.scheduler.utils', `Not claiming resources in the placement API for rebuild-only scheduling of instance ${inst.uuid}`, SCH.noClaim);
  }
  s.di('nova.scheduler.manager', `Selected host: ${states[0]}`, SCH.selected);
  s.lockAround(`('${chosen}', '${chosen}')`, `${HM}.consume_from_request.<locals>._locked`, () => {});
  s.alternates = hosts.slice(1);
  return chosen;
}

/** The conductor line after the scheduler answers. */
export function tookToSelect(s, startT) {
  s.on(s.w.cond());
  s.wait(s.rng.float(1, 8));
  return s.d('nova.conductor.manager', `Took ${((s.t - startT) / 1e6).toFixed(2)} seconds to select destinations for 1 instance(s).`, SCH.took);
}

export function alternates(s, hosts) {
  return `[${hosts.map((h) => `('${h}', '${h}')`).join(', ')}]`;
}

export function networkInfo(inst, w) {
  return `[{"id": "${inst.port}", "address": "${inst.mac}", "network": {"id": "${inst.net}", "bridge": "br-int", "label": "private", "subnets": [{"cidr": "192.168.0.0/18", "dns": [], "gateway": {"address": "192.168.0.1", "type": "gateway", "version": 4, "meta": {}}, "ips": [{"address": "${inst.ip}", "type": "fixed", "version": 4, "meta": {}, "floating_ips": []}], "routes": [], "version": 4, "meta": {"enable_dhcp": true, "dhcp_server": "192.168.0.2"}}], "meta": {"injected": false, "tenant_id": "${inst.project.id}", "mtu": 1442, "physical_network": null, "tunneled": true}}, "type": "ovs", "details": {"port_filter": true, "connectivity": "l2", "bridge_name": "br-int", "datapath_type": "system", "bound_drivers": {"0": "ovn"}}, "devname": "tap${inst.port.slice(0, 11)}", "ovs_interfaceid": "${inst.port}", "qbh_params": null, "qbg_params": null, "active": false, "vnic_type": "normal", "profile": {}, "preserve_on_delete": false, "delegate_create": true, "meta": {}}]`;
}

const EV = {
  ext: sfx('_process_stack', 'nova/api/openstack/wsgi.py', 511),
  pop: 'nova.compute.manager.InstanceEvents.pop_instance_event.<locals>._pop_event',
};

/**
 * Neutron reports a port event: its own request through nova-api, then the compute host handles it under
 * neutron's request id (reference §2.2: lines under another request id that belong to the operation).
 * Returns the script of that separate request.
 */
export function externalEvent(world, t, inst, host, name, { expected = true, taskState = 'spawning', unknown = false } = {}) {
  const ctx = world.neutronCtx();
  const s = new Script(world, t, ctx);
  s.inst = inst;
  s.on(world.api());
  s.apiStart = s.t;
  s.d('nova.api.openstack.wsgi', `Action: 'create', calling method: <bound method ServerExternalEventsController.create of <nova.api.openstack.compute.server_external_events.ServerExternalEventsController object at ${objAddr(world, 'ServerExternalEventsController')}>>, body: {"events": [{"name": "${name}", "server_uuid": "${inst.uuid}", "tag": "${inst.port}", "status": "completed"}]}`, EV.ext);
  s.cell();
  if (unknown) {
    s.d('nova.api.openstack.compute.server_external_events', `Dropping event ${name}:${inst.port} for unknown instance ${inst.uuid}`, sfx('create', 'nova/api/openstack/compute/server_external_events.py', 112));
    s.access('POST', '/os-server-external-events', 404, 126);
    return s;
  }
  s.i('nova.api.openstack.compute.server_external_events', `Creating event ${name}:${inst.port} for instance ${inst.uuid} on ${host}`);
  s.access('POST', '/os-server-external-events', 200, 183);
  s.wait(s.rng.float(5, 60));
  s.on(world.cpu(host));
  if (expected) {
    s.di('nova.compute.manager', `Received event ${name}-${inst.port}`, S.recvEvent);
    s.lockAround(`${inst.uuid}-events`, EV.pop, () => {});
    s.di('nova.compute.manager', `Processing event ${name}-${inst.port}`, S.procEvent);
  } else if (taskState === null) {
    s.wi('nova.compute.manager', `Received unexpected event ${name}-${inst.port} for instance with vm_state active and task_state None.`);
  } else {
    s.di('nova.compute.manager', `Received event ${name}-${inst.port} for instance with task_state ${taskState}.`, sfx('_process_instance_event', 'nova/compute/manager.py', 10792));
  }
  return s;
}
