// Boot (POST /servers) and the spawn path it shares with rebuild, evacuate and unshelve (reference §4.1).
import { S, traceback } from './script.mjs';
import { sfx } from './format.mjs';
import { alternates, apiCreate, externalEvent, networkInfo, schedule, tookToSelect } from './ops-api.mjs';

const B = {
  provision: sfx('_provision_instances', 'nova/compute/api.py', 1403),
  bdmApi: sfx('_bdm_validate_set_size_and_instance', 'nova/compute/api.py', 1864),
  selected: sfx('schedule_and_build_instances', 'nova/conductor/manager.py', 1699),
  bdmCond: sfx('_create_block_device_mapping', 'nova/conductor/manager.py', 1439),
  starting: sfx('_do_build_and_run_instance', 'nova/compute/manager.py', 2314),
  numa: sfx('numa_fit_instance_to_host', 'nova/virt/hardware.py', 2321),
  provTree: sfx('update_inventory', 'nova/compute/provider_tree.py', 180),
  invSame: sfx('set_inventory_for_provider', 'nova/scheduler/client/report.py', 940),
  netAsync: sfx('_build_resources', 'nova/compute/manager.py', 2709),
  allocBg: sfx('_allocate_network_async', 'nova/compute/manager.py', 1802),
  allocFor: sfx('allocate_for_instance', 'nova/network/neutron.py', 1170),
  portCreated: sfx('_create_port_minimal', 'nova/network/neutron.py', 549),
  portUpdated: sfx('_update_port', 'nova/network/neutron.py', 587),
  nwInfo: sfx('_allocate_network_async', 'nova/compute/manager.py', 1837),
  bdm: sfx('_build_resources', 'nova/compute/manager.py', 2744),
  spawning: sfx('_build_and_run_instance', 'nova/compute/manager.py', 2518),
  instDir: sfx('_create_image', 'nova/virt/libvirt/driver.py', 4672),
  localDisks: sfx('_create_image', 'nova/virt/libvirt/driver.py', 4806),
  console: sfx('_ensure_console_log_for_instance', 'nova/virt/libvirt/driver.py', 4558),
  startXml: sfx('_get_guest_xml', 'nova/virt/libvirt/driver.py', 7495),
  endXml: sfx('_get_guest_xml', 'nova/virt/libvirt/driver.py', 7525),
  topoC: sfx('get_cpu_topology_constraints', 'nova/virt/hardware.py', 343),
  topoI: sfx('get_cpu_topology_constraints', 'nova/virt/hardware.py', 347),
  topoChose: sfx('get_cpu_topology_constraints', 'nova/virt/hardware.py', 425),
  topoPoss: sfx('_get_possible_cpu_topologies', 'nova/virt/hardware.py', 496),
  topoSorted: sfx('_get_desirable_cpu_topologies', 'nova/virt/hardware.py', 572),
  vif: sfx('get_config', 'nova/virt/libvirt/vif.py', 622),
  waitEv: sfx('prepare_for_instance_event', 'nova/compute/manager.py', 283),
  noBdm: sfx('_build_disk_metadata', 'nova/virt/libvirt/driver.py', 12016),
  waitDone: sfx('wait_for_instance_event', 'nova/compute/manager.py', 575),
  guest: sfx('spawn', 'nova/virt/libvirt/driver.py', 4366),
  hostInst: 'nova.scheduler.host_manager.HostManager.update_instance_info',
  rescheduled: sfx('_do_build_and_run_instance', 'nova/compute/manager.py', 2404),
  rescheduling: sfx('build_instances', 'nova/conductor/manager.py', 707),
  resched: sfx('build_instances', 'nova/conductor/manager.py', 888),
};
const BUILD_LOCK = 'nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance';
const CLAIM_LOCK = 'nova.compute.resource_tracker.ResourceTracker.instance_claim';

export function domainXml(inst) {
  const f = inst.flavor;
  return [
    '  <uuid>' + inst.uuid + '</uuid>',
    '  <name>' + inst.domain + '</name>',
    `  <memory>${f.ram * 1024}</memory>`,
    `  <vcpu>${f.vcpus}</vcpu>`,
    '  <metadata>',
    '    <nova:instance xmlns:nova="http://openstack.org/xmlns/libvirt/nova/1.1">',
    '      <nova:package version="26.2.2"/>',
    `      <nova:name>${inst.name}</nova:name>`,
    '      <nova:creationTime>2026-11-21 00:00:00</nova:creationTime>',
    `      <nova:flavor name="${f.name}">`,
    `        <nova:memory>${f.ram}</nova:memory>`,
    `        <nova:disk>${f.disk}</nova:disk>`,
    '        <nova:swap>0</nova:swap>',
    '        <nova:ephemeral>0</nova:ephemeral>',
    `        <nova:vcpus>${f.vcpus}</nova:vcpus>`,
    '      </nova:flavor>',
    '      <nova:owner>',
    `        <nova:user uuid="${inst.user.id}">${inst.user.name}</nova:user>`,
    `        <nova:project uuid="${inst.project.id}">${inst.project.name}</nova:project>`,
    '      </nova:owner>',
    `      <nova:root type="image" uuid="${inst.image}"/>`,
    '      <nova:ports>',
    `        <nova:port uuid="${inst.port}">`,
    `          <nova:ip type="fixed" address="${inst.ip}" ipVersion="4"/>`,
    '        </nova:port>',
    '      </nova:ports>',
    '    </nova:instance>',
    '  </metadata>',
    '  <sysinfo type="smbios">',
    '    <system>',
    '      <entry name="manufacturer">OpenStack Foundation</entry>',
    '      <entry name="product">OpenStack Nova</entry>',
    '      <entry name="version">26.2.2</entry>',
    `      <entry name="serial">${inst.uuid}</entry>`,
    `      <entry name="uuid">${inst.uuid}</entry>`,
    '      <entry name="family">Virtual Machine</entry>',
    '    </system>',
    '  </sysinfo>',
    '  <os>',
    '    <type machine="q35">hvm</type>',
    '    <boot dev="hd"/>',
    '    <smbios mode="sysinfo"/>',
    '  </os>',
    '  <features>',
    '    <acpi/>',
    '    <apic/>',
    '  </features>',
    '  <cpu mode="host-model" match="exact">',
    `    <topology sockets="${f.vcpus}" cores="1" threads="1"/>`,
    '  </cpu>',
    '  <devices>',
    '    <disk type="file" device="disk">',
    '      <driver name="qemu" type="qcow2" cache="none"/>',
    `      <source file="/var/lib/nova/instances/${inst.uuid}/disk"/>`,
    '      <target dev="vda" bus="virtio"/>',
    '    </disk>',
    '    <interface type="ethernet">',
    `      <mac address="${inst.mac}"/>`,
    '      <model type="virtio"/>',
    '      <driver name="vhost" rx_queue_size="512"/>',
    '      <mtu size="1442"/>',
    `      <target dev="tap${inst.port.slice(0, 11)}"/>`,
    '    </interface>',
    '    <serial type="pty">',
    `      <log file="/var/lib/nova/instances/${inst.uuid}/console.log" append="off"/>`,
    '    </serial>',
    '    <graphics type="vnc" autoport="yes" listen="0.0.0.0"/>',
    '    <video>',
    '      <model type="virtio"/>',
    '    </video>',
    '    <memballoon model="virtio">',
    '      <stats period="10"/>',
    '    </memballoon>',
    '  </devices>',
    '</domain>',
  ];
}

/** Compute-side network allocation (async) and its network_info dump. */
function networking(s) {
  const inst = s.inst;
  s.di('nova.compute.manager', 'Start building networks asynchronously for instance.', B.netAsync);
  return s.fork((n) => {
    n.wait(n.rng.float(2, 20));
    n.di('nova.compute.manager', 'Allocating IP information in the background.', B.allocBg);
    n.di('nova.network.neutron', 'allocate_for_instance()', B.allocFor);
    n.wait(n.rng.float(200, 1500));
    n.di('nova.network.neutron', `Successfully created port: ${inst.port}`, B.portCreated);
    n.wait(n.rng.float(300, 2500));
    n.di('nova.network.neutron', `Successfully updated port: ${inst.port}`, B.portUpdated);
    n.refreshCache(() => {
      n.di('nova.network.neutron', `Updating instance_info_cache with network_info: ${networkInfo(inst, n.w)}`, S.nwCache);
    });
    n.di('nova.compute.manager', `Instance network_info: |${networkInfo(inst, n.w)}|`, B.nwInfo);
  });
}

/** driver.spawn: image, guest XML (a multi-line DEBUG message), VIF plug, wait for network-vif-plugged. */
export function spawnGuest(s, host, { taskState = 'spawning', vmState = 'building' } = {}) {
  const inst = s.inst;
  const w = s.w;
  s.di('nova.virt.libvirt.driver', 'Creating instance directory', B.instDir);
  s.ii('nova.virt.libvirt.driver', 'Creating image(s)');
  const base = `/var/lib/nova/instances/_base/${inst.image.replace(/-/g, '').slice(0, 40)}`;
  s.lockAround(base.slice(-40), 'nova.virt.libvirt.imagebackend.Image.cache.<locals>.fetch_func_sync', () => {
    if (s.rng.chance(0.3)) {
      // image not in this host's cache yet: downloaded from glance first
      const mb = s.rng.float(300, 2500);
      const rate = s.rng.float(40, 250);
      s.wait((mb / rate) * 1000);
      s.i('nova.image.glance', `Image download ${mb.toFixed(2)} MB at ${rate.toFixed(2)} MB/s`);
    }
    s.cmd(`/usr/bin/python3 -m oslo_concurrency.prlimit --as=1073741824 --cpu=30 -- env LC_ALL=C LANG=C qemu-img info ${base} --force-share --output=json`, s.rng.float(0.03, 0.12));
  });
  s.cmd(`env LC_ALL=C LANG=C qemu-img create -f qcow2 -o backing_file=${base},backing_fmt=raw /var/lib/nova/instances/${inst.uuid}/disk ${inst.flavor.disk}G`, s.rng.float(0.02, 0.09));
  s.di('nova.virt.libvirt.driver', 'Created local disks', B.localDisks);
  s.di('nova.virt.libvirt.driver', `Ensure instance console log exists: /var/lib/nova/instances/${inst.uuid}/console.log`, B.console);
  s.di('nova.virt.libvirt.driver', `Start _get_guest_xml network_info=${networkInfo(inst, w)} disk_info={'disk_bus': 'virtio', 'cdrom_bus': 'sata', 'mapping': {'root': {'bus': 'virtio', 'dev': 'vda', 'type': 'disk', 'boot_index': '1'}, 'disk': {'bus': 'virtio', 'dev': 'vda', 'type': 'disk', 'boot_index': '1'}}} image_meta=ImageMeta(checksum='${s.rng.hex(16)}',container_format='bare',created_at=2026-01-14T10:02:11Z,direct_url=<?>,disk_format='qcow2',id=${inst.image},min_disk=0,min_ram=0,name='ubuntu-22.04',owner='${w.projects[0].id}',properties=ImageMetaProps,protected=<?>,size=${s.rng.int(300, 900)}000000,status='active',tags=<?>,updated_at=2026-01-14T10:02:40Z,virtual_size=<?>,visibility=<?>) rescue=None block_device_info={'root_device_name': '/dev/vda', 'image': [{'encryption_secret_uuid': None, 'device_type': 'disk', 'disk_bus': 'virtio', 'guest_format': None, 'encryption_format': None, 'device_name': '/dev/vda', 'size': 0, 'encrypted': False, 'boot_index': 0, 'encryption_options': None, 'image_id': '${inst.image}'}], 'ephemerals': [], 'block_device_mapping': [], 'swap': None}`, B.startXml);
  s.d('nova.virt.hardware', 'Flavor limits 0:0:0', B.topoC);
  s.d('nova.virt.hardware', 'Image limits 0:0:0', B.topoI);
  s.d('nova.virt.hardware', `Chose sockets=0, cores=0, threads=0; limits were sockets=65536, cores=65536, threads=65536`, B.topoChose);
  s.d('nova.virt.hardware', 'Got 1 possible topologies', B.topoPoss);
  s.d('nova.virt.hardware', `Sorted desired topologies [VirtCPUTopology(cores=1,sockets=${inst.flavor.vcpus},threads=1)]`, B.topoSorted);
  s.di('nova.virt.libvirt.vif', `vif_type=ovs instance=Instance(access_ip_v4=None,access_ip_v6=None,architecture=None,auto_disk_config=False,availability_zone='${w.az}',cell_name=None,cleaned=False,created_at=2026-11-21T00:00:00Z,default_ephemeral_device=None,default_swap_device=None,deleted=False,display_name='${inst.name}',ephemeral_gb=0,host='${host}',hostname='${inst.name}',id=${s.rng.int(1000, 99999)},image_ref='${inst.image}',instance_type_id=${s.rng.int(1, 9)},kernel_id='',launch_index=0,locked=False,memory_mb=${inst.flavor.ram},node='${host}',power_state=0,project_id='${inst.project.id}',root_gb=${inst.flavor.disk},task_state='${taskState}',terminated_at=None,user_id='${inst.user.id}',uuid=${inst.uuid},vcpus=${inst.flavor.vcpus},vm_state='${vmState}') vif={"id": "${inst.port}", "address": "${inst.mac}", "type": "ovs", "devname": "tap${inst.port.slice(0, 11)}", "vnic_type": "normal"}`, B.vif);
  s.rec('DEBUG', 'nova.virt.libvirt.driver', `End _get_guest_xml xml=<domain type="kvm">`, B.endXml, inst.uuid, domainXml(inst));
  s.di('nova.compute.manager', `Preparing to wait for external event network-vif-plugged-${inst.port}`, B.waitEv);
  s.ii('os_vif', `Successfully plugged vif VIFOpenVSwitch(active=False,address=${inst.mac},bridge_name='br-int',has_traffic_filtering=True,id=${inst.port},network=Network(${inst.net}),plugin='ovs',port_profile=VIFPortProfileOpenVSwitch,preserve_on_delete=False,vif_name='tap${inst.port.slice(0, 11)}')`);
  s.d('nova.virt.libvirt.driver', 'No BDM found with device name vda, not building metadata.', B.noBdm);
  s.wait(s.rng.float(200, 900));
  s.lifecycle('Started', vmState, taskState, 0, 1, true);
  s.lifecycle('Paused', vmState, taskState, 0, 3, true);
  // neutron binds the port and reports network-vif-plugged through nova-api
  const ev = externalEvent(w, s.t + Math.round(s.rng.spread(4e6, 0.7)), inst, host, 'network-vif-plugged');
  s.extra.push(ev);
  s.t = Math.max(s.t, ev.t) + 2000;
  s.di('nova.compute.manager', `Instance event wait completed in ${Math.max(0, Math.round((ev.t - s.t) / 1e6) + 1)} seconds for network-vif-plugged`, B.waitDone);
  s.di('nova.virt.libvirt.driver', 'Guest created on hypervisor', B.guest);
  s.lifecycle('Resumed', vmState, taskState, 0, 1, true);
  s.noCtx('nova.virt.libvirt.driver', 'Instance spawned successfully.');
}

/** Boot: API → scheduler → conductor → compute, with optional NoValidHost or a rescheduled spawn failure. */
export function boot(s, op) {
  const w = s.w;
  const inst = s.inst;
  const failure = op.fail; // null | 'no_valid_host' | 'reschedule'
  apiCreate(s, { mod: 'servers', ctrl: 'ServersController', path: '/servers', status: 202, len: s.rng.int(380, 900), body: `{"server": {"name": "${inst.name}", "imageRef": "${inst.image}", "flavorRef": "${inst.flavor.id}", "min_count": 1, "max_count": 1, "networks": [{"uuid": "${inst.net}"}], "security_groups": [{"name": "default"}]}}` }, (a) => {
    a.cells();
    a.d('nova.virt.hardware', 'Flavor limits 0:0:0', B.topoC);
    a.d('nova.virt.hardware', 'Image limits 0:0:0', B.topoI);
    a.d('nova.virt.hardware', 'Chose sockets=0, cores=0, threads=0; limits were sockets=65536, cores=65536, threads=65536', B.topoChose);
    a.cells();
    a.d('nova.quota', `Getting quotas for project ${inst.project.id}. Resources: {'cores', 'instances', 'ram'}`, S.quotaP);
    a.d('nova.quota', `Getting quotas for user ${inst.user.id} and project ${inst.project.id}. Resources: {'cores', 'instances', 'ram'}`, S.quotaU);
    a.d('nova.compute.api', 'Going to run 1 instances...', B.provision);
    a.di('nova.compute.api', `block_device_mapping [BlockDeviceMapping(attachment_id=<?>,boot_index=0,connection_info=None,created_at=<?>,delete_on_termination=True,deleted=<?>,deleted_at=<?>,destination_type='local',device_name=None,device_type='disk',disk_bus=None,encrypted=False,encryption_format=None,encryption_options=None,encryption_secret_uuid=None,guest_format=None,id=<?>,image_id='${inst.image}',instance=<?>,instance_uuid=<?>,no_device=False,snapshot_id=None,source_type='image',tag=None,updated_at=<?>,uuid=<?>,volume_id=None,volume_size=None,volume_type=None)]`, B.bdmApi);
  });
  const t0 = s.t;
  const host = schedule(s, { fail: failure === 'no_valid_host' });
  tookToSelect(s, t0);
  if (host === null) {
    noValidHost(s);
    op.outcome = 'failed';
    op.finalState = 'error';
    return;
  }
  s.cells();
  s.d('nova.quota', `Getting quotas for project ${inst.project.id}. Resources: {'cores', 'instances', 'ram'}`, S.quotaP);
  s.di('nova.conductor.manager', `Selected host: ${host}; Selected node: ${host}; Alternates: ${alternates(s, s.alternates)}`, B.selected);
  s.di('nova.conductor.manager', `block_device_mapping [BlockDeviceMapping(attachment_id=<?>,boot_index=0,connection_info=None,delete_on_termination=True,destination_type='local',device_type='disk',image_id='${inst.image}',source_type='image',volume_size=None)]`, B.bdmCond);
  s.cell();
  s.wait(s.rng.float(5, 60));
  let target = host;
  if (failure === 'reschedule') {
    buildOnHost(s, target, true);
    const next = s.alternates[0] ?? w.otherHost(target);
    s.on(w.cond());
    s.wait(s.rng.float(20, 200));
    s.d('nova.conductor.manager', 'Rescheduling: True', B.rescheduling);
    s.error('nova.scheduler.utils', `Error from last host: ${target} (node ${target}): ['Traceback (most recent call last):\\n', '  File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 2423, in _build_and_run_instance\\n    self.driver.spawn(context, instance, image_meta,\\n', 'nova.exception.RescheduledException: Build of instance ${inst.uuid} was re-scheduled: internal error: qemu unexpectedly closed the monitor\\n']`, null);
    s.cells();
    s.di('nova.conductor.manager', `Selected host: ${next}; Selected node: ${next}; Alternates: []`, B.resched);
    s.wait(s.rng.float(5, 60));
    target = next;
  }
  buildOnHost(s, target, false);
  inst.host = target;
  op.hosts = failure === 'reschedule' ? [host, target] : [target];
  op.finalState = 'active';
}

function buildOnHost(s, host, failSpawn) {
  const w = s.w;
  const inst = s.inst;
  s.on(w.cpu(host));
  const tBuild = s.t;
  s.lockAcquire(inst.uuid, BUILD_LOCK);
  s.di('nova.compute.manager', 'Starting instance...', B.starting);
  s.lockAround('compute_resources', CLAIM_LOCK, () => {
    s.d('nova.virt.hardware', 'Require both a host and instance NUMA topology to fit instance on host.', B.numa);
    s.ii('nova.compute.claims', `Claim successful on node ${host}`);
    s.d('nova.compute.provider_tree', `Inventory has not changed in ProviderTree for provider: ${w.rp.get(host)}`, B.provTree);
    s.d('nova.scheduler.client.report', `Inventory has not changed for provider ${w.rp.get(host)} based on inventory data: {'VCPU': {'total': 96, 'reserved': 4, 'min_unit': 1, 'max_unit': 96, 'step_size': 1, 'allocation_ratio': 4.0}, 'MEMORY_MB': {'total': 772797, 'reserved': 16384, 'min_unit': 1, 'max_unit': 772797, 'step_size': 1, 'allocation_ratio': 1.0}, 'DISK_GB': {'total': 3576, 'reserved': 0, 'min_unit': 1, 'max_unit': 3576, 'step_size': 1, 'allocation_ratio': 1.0}}`, B.invSame);
  });
  const netDone = networking(s);
  s.di('nova.compute.manager', 'Start building block device mappings for instance.', B.bdm);
  s.di('nova.compute.manager', 'Start spawning the instance on the hypervisor.', B.spawning);
  const tSpawn = s.t;
  if (failSpawn) {
    s.ii('nova.virt.libvirt.driver', 'Creating image(s)');
    s.t = Math.max(s.t, netDone) + 5000;
    const tb = traceback(
      [
        ['nova/compute/manager.py', 2743, '_build_resources', 'yield resources'],
        ['nova/compute/manager.py', 2504, '_build_and_run_instance', 'self.driver.spawn(context, instance, image_meta,'],
        ['nova/virt/libvirt/driver.py', 4362, 'spawn', 'self._create_guest_with_network('],
        ['nova/virt/libvirt/driver.py', 7389, '_create_guest_with_network', 'guest = self._create_guest('],
        ['nova/virt/libvirt/host.py', 1441, 'launch', 'guest.launch(pause=pause)'],
        ['libvirt.py', 1385, 'createWithFlags', "raise libvirtError('virDomainCreateWithFlags() failed')"],
      ],
      'libvirt.libvirtError: internal error: qemu unexpectedly closed the monitor',
    );
    s.error('nova.compute.manager', 'Instance failed to spawn: libvirt.libvirtError: internal error: qemu unexpectedly closed the monitor', tb);
    s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
    s.di('nova.compute.manager', `Build of instance ${inst.uuid} was re-scheduled: internal error: qemu unexpectedly closed the monitor`, B.rescheduled);
    s.lockRelease(inst.uuid, BUILD_LOCK, (s.t - tBuild) / 1e6);
    return;
  }
  spawnGuest(s, host);
  s.t = Math.max(s.t, netDone) + 1000;
  s.ii('nova.compute.manager', `Took ${((s.t - tSpawn) / 1e6).toFixed(2)} seconds to spawn the instance on the hypervisor.`);
  s.di('nova.compute.manager', 'Checking state', S.power);
  s.ii('nova.compute.manager', `Took ${((s.t - tBuild) / 1e6).toFixed(2)} seconds to build instance.`);
  s.fork((n) => {
    n.on(w.sch());
    n.lockAround('host_instance', B.hostInst, () => n.cell());
  });
  s.lockRelease(inst.uuid, BUILD_LOCK, (s.t - tBuild) / 1e6);
}

/** Conductor: NoValidHost from the scheduler (ERROR with the remote traceback, then WARNINGs). */
export function noValidHost(s, method = 'build_instances') {
  const inst = s.inst;
  const remote = [
    'Traceback (most recent call last):',
    '',
    '  File "/usr/lib/python3/dist-packages/oslo_messaging/rpc/server.py", line 244, in inner',
    '    return func(*args, **kwargs)',
    '           ^^^^^^^^^^^^^^^^^^^^^',
    '',
    '  File "/usr/lib/python3/dist-packages/nova/scheduler/manager.py", line 209, in select_destinations',
    '    raise exception.NoValidHost(reason="")',
    '',
    'nova.exception.NoValidHost: No valid host was found. ',
  ];
  const tb = traceback(
    [
      ['nova/conductor/manager.py', 1587, 'schedule_and_build_instances', 'host_lists = self._schedule_instances(context, request_specs[0],'],
      ['nova/conductor/manager.py', 940, '_schedule_instances', 'host_lists = self.query_client.select_destinations('],
      ['nova/scheduler/client/query.py', 41, 'select_destinations', 'return self.scheduler_rpcapi.select_destinations(context, spec_obj,'],
      ['nova/scheduler/rpcapi.py', 160, 'select_destinations', "return cctxt.call(ctxt, 'select_destinations', **msg_args)"],
      ['oslo_messaging/rpc/client.py', 190, 'call', 'result = self.transport._send('],
      ['oslo_messaging/_drivers/amqpdriver.py', 681, '_send', 'raise result'],
    ],
    'nova.exception_Remote.NoValidHost_Remote: No valid host was found. ',
  );
  s.rec('ERROR', 'nova.conductor.manager', 'Failed to schedule instances: nova.exception_Remote.NoValidHost_Remote: No valid host was found. ', null, null, remote, tb);
  s.cell(CELL0_UUID);
  s.rec('WARNING', 'nova.scheduler.utils', `Failed to compute_task_${method}: No valid host was found. `, null, null, [...remote, ': nova.exception_Remote.NoValidHost_Remote: No valid host was found. ']);
  s.wi('nova.scheduler.utils', 'Setting instance to ERROR state.: nova.exception_Remote.NoValidHost_Remote: No valid host was found. ');
}
const CELL0_UUID = '00000000-0000-0000-0000-000000000000';
