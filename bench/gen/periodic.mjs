// Background work that is never user-owned (reference §5): each nova-compute runs its periodic tasks
// every minute under one admin request id for the life of the process; the resource audit and the power
// state sync log a line (or a lock triple) per instance the host runs, which is what makes busy hosts'
// logs heavy. The scheduler has its own periodic task.
import { S, Script } from './script.mjs';
import { sfx } from './format.mjs';

const R = {
  run: sfx('run_periodic_tasks', 'oslo_service/periodic_task.py', 210),
  healStart: sfx('_heal_instance_info_cache', 'nova/compute/manager.py', 9698),
  healList: sfx('_heal_instance_info_cache', 'nova/compute/manager.py', 9702),
  healForce: sfx('_get_instance_nw_info', 'nova/network/neutron.py', 1990),
  healDone: sfx('_heal_instance_info_cache', 'nova/compute/manager.py', 9769),
  reclaim: sfx('_reclaim_queued_deletes', 'nova/compute/manager.py', 10315),
  audit: sfx('update_available_resource', 'nova/compute/resource_tracker.py', 881),
  hvView: sfx('_report_hypervisor_resource_view', 'nova/compute/resource_tracker.py', 1049),
  managed: sfx('_remove_deleted_instances_allocations', 'nova/compute/resource_tracker.py', 1647),
  totalVcpu: sfx('_report_final_resource_view', 'nova/compute/resource_tracker.py', 1072),
  finalView: sfx('_report_final_resource_view', 'nova/compute/resource_tracker.py', 1081),
  provTree: sfx('update_inventory', 'nova/compute/provider_tree.py', 180),
  invSame: sfx('set_inventory_for_provider', 'nova/scheduler/client/report.py', 940),
  updated: sfx('_update_available_resource', 'nova/compute/resource_tracker.py', 1009),
  trigger: sfx('_sync_power_states', 'nova/compute/manager.py', 10108),
  pendingDel: sfx('_run_pending_deletes', 'nova/compute/manager.py', 10980),
  pendingNone: sfx('_run_pending_deletes', 'nova/compute/manager.py', 10989),
  incomplete: sfx('_cleanup_incomplete_migrations', 'nova/compute/manager.py', 11012),
  synced: sfx('sync_instance_info', 'nova/scheduler/host_manager.py', 971),
};
const EVERY_MINUTE = ['_check_instance_build_time', '_heal_instance_info_cache', '_poll_rebooting_instances', '_poll_rescued_instances', '_poll_unconfirmed_resizes', '_instance_usage_audit', '_poll_volume_usage', '_reclaim_queued_deletes', 'update_available_resource'];
const RT = 'nova.compute.resource_tracker.ResourceTracker';
const INVENTORY = "{'VCPU': {'total': 96, 'reserved': 4, 'min_unit': 1, 'max_unit': 96, 'step_size': 1, 'allocation_ratio': 4.0}, 'MEMORY_MB': {'total': 772797, 'reserved': 16384, 'min_unit': 1, 'max_unit': 772797, 'step_size': 1, 'allocation_ratio': 1.0}, 'DISK_GB': {'total': 3576, 'reserved': 0, 'min_unit': 1, 'max_unit': 3576, 'step_size': 1, 'allocation_ratio': 1.0}}";

/** One minute's periodic run of a nova-compute; `n` counts runs since the process started. */
export function computePeriodicRun(world, proc, t, n) {
  const s = new Script(world, t, proc.periodicCtx);
  const host = proc.host;
  const rng = world.rng;
  const insts = world.pool.sampleOnHost(host, 400);
  s.on(proc);
  const run = (task) => s.d('oslo_service.periodic_task', `Running periodic task ComputeManager.${task}`, R.run);
  for (const task of EVERY_MINUTE) {
    run(task);
    if (task === '_heal_instance_info_cache') {
      s.d('nova.compute.manager', 'Starting heal instance info cache', R.healStart);
      if (n % 5 === 0) s.d('nova.compute.manager', 'Rebuilding the list of instances to heal', R.healList);
      if (insts.length > 0) {
        s.inst = insts[n % insts.length];
        s.refreshCache(() => {
          s.di('nova.network.neutron', 'Forcefully refreshing network info cache for instance', R.healForce);
          s.di('nova.network.neutron', `Updating instance_info_cache with network_info: [{"id": "${s.inst.port}", "address": "${s.inst.mac}", "network": {"id": "${s.inst.net}", "label": "private"}, "type": "ovs", "devname": "tap${s.inst.port.slice(0, 11)}", "active": true}]`, S.nwCache);
        });
        s.di('nova.compute.manager', 'Updated the network info_cache for instance', R.healDone);
      }
    } else if (task === '_reclaim_queued_deletes') {
      s.d('nova.compute.manager', 'CONF.reclaim_instance_interval <= 0, skipping...', R.reclaim);
    } else if (task === 'update_available_resource') {
      audit(s, host, insts);
    }
    s.wait(rng.float(0.2, 3));
  }
  if (n % 2 === 0) {
    run('_sync_scheduler_instance_info');
    s.fork((f) => {
      f.wait(rng.float(2, 20));
      f.on(world.sch());
      f.lockAround('host_instance', 'nova.scheduler.host_manager.HostManager.sync_instance_info', () => {
        f.d('nova.scheduler.host_manager', `Successfully synced instances from host '${host}'.`, R.synced);
      });
    });
  }
  if (n % 10 === (proc.pid % 10)) syncPowerStates(s, insts);
  if (n % 5 === 1) {
    run('_run_pending_deletes');
    s.d('nova.compute.manager', 'Cleaning up deleted instances', R.pendingDel);
    s.d('nova.compute.manager', 'There are 0 instances to clean', R.pendingNone);
    run('_cleanup_incomplete_migrations');
    s.d('nova.compute.manager', 'Cleaning up deleted instances with incomplete migration ', R.incomplete);
  }
  if (n % 10 === 3) run('_cleanup_running_deleted_instances');
  if (n % 40 === 7) imageCache(s, insts);
  return s;
}

function audit(s, host, insts) {
  const w = s.w;
  const rng = s.rng;
  const rp = w.rp.get(host);
  s.lockAround('compute_resources', `${RT}.clean_compute_node_cache`, () => {});
  s.d('nova.compute.resource_tracker', `Auditing locally available compute resources for ${host} (node: ${host})`, R.audit);
  s.wait(rng.float(20, 200));
  let vcpus = 0;
  let ram = 0;
  let disk = 0;
  for (const i of insts) {
    vcpus += i.flavor.vcpus;
    ram += i.flavor.ram;
    disk += i.flavor.disk;
  }
  s.d('nova.compute.resource_tracker', `Hypervisor/Node resource view: name=${host} free_ram=${Math.max(1024, 772797 - ram)}MB free_disk=${Math.max(10, 3576 - disk)}GB free_vcpus=${96 - Math.min(96, vcpus)} pci_devices=[{"dev_id": "pci_0000_00_00_0", "address": "0000:00:00.0", "product_id": "2020", "vendor_id": "8086", "numa_node": 0, "label": "label_8086_2020", "dev_type": "type-PCI"}, {"dev_id": "pci_0000_00_01_0", "address": "0000:00:01.0", "product_id": "2021", "vendor_id": "8086", "numa_node": 0, "label": "label_8086_2021", "dev_type": "type-PCI"}]`, R.hvView);
  s.lockAround('compute_resources', `${RT}._update_available_resource`, () => {
    for (const i of insts) {
      s.d('nova.compute.resource_tracker', `Instance ${i.uuid} actively managed on this compute host and has allocations in placement: {'resources': {'VCPU': ${i.flavor.vcpus}, 'MEMORY_MB': ${i.flavor.ram}, 'DISK_GB': ${i.flavor.disk}}}.`, R.managed);
    }
    s.d('nova.compute.resource_tracker', `Total usable vcpus: 96, total allocated vcpus: ${vcpus}`, R.totalVcpu);
    s.d('nova.compute.resource_tracker', `Final resource view: name=${host} phys_ram=772797MB used_ram=${ram + 16384}MB phys_disk=3576GB used_disk=${disk}GB total_vcpus=96 used_vcpus=${vcpus} pci_stats=[PciDevicePool(count=0,numa_node=0,product_id='2020',tags={dev_type='type-PCI'},vendor_id='8086')]`, R.finalView);
    s.d('nova.compute.provider_tree', `Inventory has not changed in ProviderTree for provider: ${rp}`, R.provTree);
    s.d('nova.scheduler.client.report', `Inventory has not changed for provider ${rp} based on inventory data: ${INVENTORY}`, R.invSame);
    s.d('nova.compute.resource_tracker', `Compute_service record updated for ${host}:${host}`, R.updated);
  });
}

function syncPowerStates(s, insts) {
  s.d('oslo_service.periodic_task', 'Running periodic task ComputeManager._sync_power_states', R.run);
  if (s.rng.chance(0.2)) s.warn('nova.compute.manager', `While synchronizing instance power states, found ${insts.length + 1} instances in the database and ${insts.length} instances on the hypervisor.`);
  for (const i of insts) s.d('nova.compute.manager', `Triggering sync for uuid ${i.uuid}`, R.trigger);
  for (const i of insts) {
    s.lockAround(i.uuid, 'nova.compute.manager.ComputeManager._sync_power_states.<locals>._sync.<locals>.query_driver_power_state_and_sync', () => {});
  }
}

function imageCache(s, insts) {
  s.d('oslo_service.periodic_task', 'Running periodic task ComputeManager._run_image_cache_manager_pass', R.run);
  const images = new Set(insts.map((i) => i.image));
  const active = [];
  for (const img of images) {
    const base = `/var/lib/nova/instances/_base/${img.replace(/-/g, '').slice(0, 40)}`;
    active.push(base);
    s.i('nova.virt.libvirt.imagecache', `image ${img} at (${base}): checking`);
  }
  s.i('nova.virt.libvirt.imagecache', `Active base files: ${active.join(' ')}`);
}

/** The scheduler's own minute. */
export function schedulerPeriodicRun(world, proc, t) {
  const s = new Script(world, t, proc.periodicCtx);
  s.on(proc);
  s.d('oslo_service.periodic_task', 'Running periodic task SchedulerManager._discover_hosts_in_cells', R.run);
  s.cell();
  return s;
}
