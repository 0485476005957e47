// Delete and the power/state actions on one host (reference §4.2–4.6, §4.14).
import { S, traceback } from './script.mjs';
import { sfx } from './format.mjs';
import { apiAction, apiCall, externalEvent } from './ops-api.mjs';
import { domainXml } from './ops-build.mjs';

const P = {
  terminate: sfx('_delete', 'nova/compute/api.py', 2723),
  stopApi: sfx('force_stop', 'nova/compute/api.py', 2855),
  startApi: sfx('start', 'nova/compute/api.py', 2878),
  lockApi: sfx('lock', 'nova/compute/api.py', 5033),
  unlockApi: sfx('unlock', 'nova/compute/api.py', 5062),
  destroying: sfx('_shutdown_instance', 'nova/compute/manager.py', 3205),
  dealloc: sfx('_try_deallocate_network', 'nova/compute/manager.py', 2293),
  deallocFor: sfx('deallocate_for_instance', 'nova/network/neutron.py', 1789),
  stopping: sfx('do_stop_instance', 'nova/compute/manager.py', 3463),
  shutFrom: sfx('_clean_shutdown', 'nova/virt/libvirt/driver.py', 4020),
  startXml: sfx('_get_guest_xml', 'nova/virt/libvirt/driver.py', 7495),
  endXml: sfx('_get_guest_xml', 'nova/virt/libvirt/driver.py', 7525),
  timeSync: sfx('sync_guest_time', 'nova/virt/libvirt/guest.py', 206),
  rescueDisk: sfx('rescue', 'nova/virt/libvirt/driver.py', 4756),
  events: sfx('_delete_instance', 'nova/compute/manager.py', 3358),
  localDel: sfx('_delete', 'nova/compute/api.py', 2636),
};
const M = 'nova.compute.manager.ComputeManager';

function locked(s, fn, body) {
  return s.lockAround(s.inst.uuid, `${M}.${fn}`, body);
}

function shutdown(s) {
  s.d('nova.virt.libvirt.driver', 'Shutting down instance from state 1', P.shutFrom);
  const secs = s.rng.chance(0.9) ? s.rng.int(2, 12) : 60;
  s.wait(secs * 1000 + s.rng.float(0, 900));
  if (secs === 60) s.ii('nova.virt.libvirt.driver', 'Instance failed to shutdown in 60 seconds.');
  else s.ii('nova.virt.libvirt.driver', `Instance shutdown successfully after ${secs} seconds.`);
  s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
}

function regenerateXml(s) {
  const inst = s.inst;
  s.di('nova.virt.libvirt.driver', `Start _get_guest_xml network_info=[{"id": "${inst.port}", "address": "${inst.mac}", "type": "ovs", "devname": "tap${inst.port.slice(0, 11)}", "active": true}] disk_info={'disk_bus': 'virtio', 'cdrom_bus': 'sata', 'mapping': {'root': {'bus': 'virtio', 'dev': 'vda', 'type': 'disk', 'boot_index': '1'}}} image_meta=ImageMeta(id=${inst.image},disk_format='qcow2',container_format='bare') rescue=None block_device_info={'root_device_name': '/dev/vda', 'ephemerals': [], 'block_device_mapping': [], 'swap': None}`, P.startXml);
  s.rec('DEBUG', 'nova.virt.libvirt.driver', 'End _get_guest_xml xml=<domain type="kvm">', P.endXml, inst.uuid, domainXml(inst));
}

export function del(s, op) {
  const w = s.w;
  const inst = s.inst;
  const local = inst.from === 'shelved_offloaded' || inst.host === null;
  apiCall(s, { mod: 'servers', ctrl: 'ServersController', meth: 'delete', method: 'DELETE', path: `/servers/${inst.uuid}`, status: 204, len: 0 }, (a) => {
    a.di('nova.compute.api', 'Going to try to terminate instance', P.terminate);
    // no host: nova-api deletes it locally (reference §4.2)
    if (local) a.di('nova.compute.api', `Doing local delete in cell ${inst.host === null ? 'cell0' : 'cell1'}`, P.localDel);
  });
  if (local) {
    op.finalState = 'gone';
    return;
  }
  const cpu = w.cpu(inst.host);
  s.on(cpu);
  const fail = op.fail !== null;
  locked(s, 'terminate_instance.<locals>.do_terminate_instance', () => {
    s.di('nova.compute.manager', 'Events pending at deletion: ', P.events);
    s.ii('nova.compute.manager', 'Terminating instance');
    s.di('nova.compute.manager', 'Start destroying the instance on the hypervisor.', P.destroying);
    const t0 = s.t;
    s.wait(s.rng.float(300, 3000));
    s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
    s.lazy('resources');
    s.ii('nova.virt.libvirt.driver', `Deleting instance files /var/lib/nova/instances/${inst.uuid}_del`);
    s.wait(s.rng.float(20, 400));
    s.ii('nova.virt.libvirt.driver', `Deletion of /var/lib/nova/instances/${inst.uuid}_del complete`);
    s.ii('nova.compute.manager', `Took ${((s.t - t0) / 1e6).toFixed(2)} seconds to destroy the instance on the hypervisor.`);
    s.di('nova.compute.manager', 'Deallocating network for instance', P.dealloc);
    s.di('nova.network.neutron', 'deallocate_for_instance()', P.deallocFor);
    const t1 = s.t;
    s.wait(s.rng.float(300, 2500));
    if (fail) {
      const tb = traceback(
        [
          ['nova/compute/manager.py', 3116, '_try_deallocate_network', 'self._deallocate_network(context, instance, requested_networks)'],
          ['nova/network/neutron.py', 1815, 'deallocate_for_instance', 'self._delete_ports(neutron, instance, ports, raise_if_fail=True)'],
          ['nova/network/neutron.py', 1750, '_delete_ports', 'raise exception.PortNotFound(port_id=port)'],
        ],
        `nova.exception.NeutronAdminCredentialConfigurationInvalid: Networking client is experiencing an unauthorized exception.`,
      );
      s.rec('ERROR', 'nova.compute.manager', 'Failed to deallocate network for instance. Error: Networking client is experiencing an unauthorized exception.', null, inst.uuid, null, tb);
      s.rec('ERROR', 'nova.compute.manager', 'Setting instance vm_state to ERROR: nova.exception.NeutronAdminCredentialConfigurationInvalid: Networking client is experiencing an unauthorized exception.', null, inst.uuid, null, tb);
      op.outcome = 'failed';
      op.finalState = 'error';
      return;
    }
    s.ii('nova.compute.manager', `Took ${((s.t - t1) / 1e6).toFixed(2)} seconds to deallocate network for instance.`);
    if (inst.volumes.length > 0) s.ii('nova.compute.manager', `Took ${s.rng.float(0.5, 4).toFixed(2)} seconds to detach ${inst.volumes.length} volumes for instance.`);
    s.wait(s.rng.float(50, 400));
    s.i('nova.scheduler.client.report', `Deleted allocations for instance ${inst.uuid}`);
  });
  if (fail) return;
  op.finalState = 'gone';
  // neutron reports the unplug; the VM Stopped lifecycle event arrives ~15 s later
  s.extra.push(externalEvent(w, s.t + 300000, inst, inst.host, 'network-vif-unplugged', { expected: false, taskState: 'deleting' }));
  s.extra.push(externalEvent(w, s.t + 1500000, inst, inst.host, 'network-vif-deleted', { unknown: true }));
  s.wait(15000 + s.rng.float(0, 800));
  s.under(cpu.eventCtx, (e) => e.ii('nova.compute.manager', 'VM Stopped (Lifecycle Event)'));
}

export function stop(s, op) {
  const inst = s.inst;
  apiAction(s, { mod: 'servers', ctrl: 'ServersController', meth: '_stop_server', body: '{"os-stop": null}' }, (a) => {
    a.di('nova.compute.api', 'Going to try to stop instance', P.stopApi);
  });
  const cpu = s.w.cpu(inst.host);
  s.on(cpu);
  locked(s, 'stop_instance.<locals>.do_stop_instance', () => {
    s.di('nova.compute.manager', 'Stopping instance; current vm_state: active, current task_state: powering-off, current DB power_state: 1, current VM power_state: 1', P.stopping);
    shutdown(s);
  });
  s.wait(15000 + s.rng.float(0, 900));
  s.lifecycle('Stopped', 'stopped', 'None', 4, 4, false);
  op.finalState = 'stopped';
}

export function start(s, op) {
  const inst = s.inst;
  apiAction(s, { mod: 'servers', ctrl: 'ServersController', meth: '_start_server', body: '{"os-start": null}' }, (a) => {
    a.di('nova.compute.api', 'Going to try to start instance', P.startApi);
  });
  s.on(s.w.cpu(inst.host));
  s.di('nova.compute.manager', 'Checking state', S.power);
  regenerateXml(s);
  s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
  s.wait(s.rng.spread(3000, 0.6));
  s.lifecycle('Started', 'stopped', 'powering-on', 4, 1, true);
  s.lifecycle('Resumed', 'stopped', 'powering-on', 4, 1, true);
  s.noCtx('nova.virt.libvirt.driver', 'Instance rebooted successfully.');
  op.finalState = 'active';
}

export function reboot(s, op) {
  const inst = s.inst;
  const hard = op.variant === 'hard';
  apiAction(s, { mod: 'servers', ctrl: 'ServersController', meth: '_action_reboot', body: `{"reboot": {"type": "${hard ? 'HARD' : 'SOFT'}"}}` });
  s.on(s.w.cpu(inst.host));
  const failed = op.fail !== null;
  if (failed) op.outcome = 'failed';
  locked(s, 'reboot_instance.<locals>.do_reboot_instance', () => {
    s.ii('nova.compute.manager', 'Rebooting instance');
    s.refreshCache(() => s.di('nova.network.neutron', `Updating instance_info_cache with network_info: [{"id": "${inst.port}", "address": "${inst.mac}", "type": "ovs", "active": true}]`, S.nwCache));
    if (failed) {
      const tb = traceback(
        [
          ['nova/compute/manager.py', 4163, 'reboot_instance', 'self.driver.reboot(context, instance,'],
          ['nova/virt/libvirt/driver.py', 3897, 'reboot', 'return self._hard_reboot(context, instance, network_info,'],
          ['nova/virt/libvirt/host.py', 1441, 'launch', 'guest.launch(pause=pause)'],
        ],
        'libvirt.libvirtError: Requested operation is not valid: domain is already running',
      );
      s.rec('ERROR', 'nova.compute.manager', 'Cannot reboot instance: Requested operation is not valid: domain is already running', null, inst.uuid, null, tb);
      s.ii('nova.compute.manager', 'Successfully reverted task state from reboot_started_hard on failure for instance.');
      op.finalState = 'active';
      return;
    }
    if (!hard) {
      s.wait(s.rng.spread(20000, 0.6)); // the guest shuts down and comes back
      s.ii('nova.virt.libvirt.driver', 'Instance shutdown successfully.');
      s.lifecycle('Started', 'active', 'reboot_started', 1, 1, true);
      s.noCtx('nova.virt.libvirt.driver', 'Instance running successfully.');
      s.ii('nova.virt.libvirt.driver', 'Instance soft rebooted successfully.');
    } else {
      s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
      regenerateXml(s);
      s.wait(s.rng.float(500, 3000));
      s.lifecycle('Started', 'active', 'reboot_started_hard', 1, 1, true);
      s.noCtx('nova.virt.libvirt.driver', 'Instance rebooted successfully.');
    }
    s.di('nova.compute.manager', 'Checking state', S.power);
  });
  op.finalState = 'active';
}

/** pause / unpause / suspend / resume / rescue / unrescue: one compute step and lifecycle events. */
export function simpleAction(kind) {
  const spec = {
    pause: { mod: 'pause_server', ctrl: 'PauseServerController', meth: '_pause', body: '{"pause": null}', final: 'paused' },
    unpause: { mod: 'pause_server', ctrl: 'PauseServerController', meth: '_unpause', body: '{"unpause": null}', final: 'active' },
    suspend: { mod: 'suspend_server', ctrl: 'SuspendServerController', meth: '_suspend', body: '{"suspend": null}', final: 'suspended' },
    resume: { mod: 'suspend_server', ctrl: 'SuspendServerController', meth: '_resume', body: '{"resume": null}', final: 'active' },
    rescue: { mod: 'rescue', ctrl: 'RescueController', meth: '_rescue', body: '{"rescue": {"adminPass": "***"}}', final: 'rescued', len: 28, status: 200 },
    unrescue: { mod: 'rescue', ctrl: 'RescueController', meth: '_unrescue', body: '{"unrescue": null}', final: 'active' },
  }[kind];
  return (s, op) => {
    const inst = s.inst;
    apiAction(s, { ...spec });
    s.on(s.w.cpu(inst.host));
    switch (kind) {
      case 'pause':
        s.ii('nova.compute.manager', 'Pausing');
        s.wait(s.rng.float(100, 900));
        s.lifecycle('Paused', 'active', 'pausing', 1, 3, true);
        break;
      case 'unpause':
        s.ii('nova.compute.manager', 'Unpausing');
        s.wait(s.rng.float(100, 900));
        s.d('nova.virt.libvirt.guest', `Time updated to: ${Math.floor(s.t / 1e6)}.${String(s.rng.int(0, 999999999)).padStart(9, '0')}`, P.timeSync);
        s.lifecycle('Resumed', 'paused', 'unpausing', 3, 1, true);
        break;
      case 'suspend':
        s.wait(s.rng.float(2000, 9000));
        s.lifecycle('Paused', 'active', 'suspending', 1, 3, true);
        s.wait(15000);
        s.lifecycle('Stopped', 'suspended', 'None', 7, 4, false);
        break;
      case 'resume':
        s.ii('nova.compute.manager', 'Resuming');
        regenerateXml(s);
        s.wait(s.rng.float(1000, 6000));
        s.lifecycle('Started', 'suspended', 'resuming', 7, 1, true);
        s.noCtx('nova.virt.libvirt.driver', 'Instance running successfully.');
        break;
      case 'rescue':
        s.ii('nova.compute.manager', 'Rescuing');
        shutdown(s);
        s.ii('nova.virt.libvirt.driver', 'Attempting rescue');
        s.di('nova.virt.libvirt.driver', `rescue generated disk_info: {'disk_bus': 'virtio', 'cdrom_bus': 'sata', 'mapping': {'disk.rescue': {'bus': 'virtio', 'dev': 'vda', 'type': 'disk', 'boot_index': '1'}, 'disk': {'bus': 'virtio', 'dev': 'vdb', 'type': 'disk'}, 'root': {'bus': 'virtio', 'dev': 'vda', 'type': 'disk', 'boot_index': '1'}}}`, P.rescueDisk);
        s.ii('nova.virt.libvirt.driver', 'Creating image(s)');
        regenerateXml(s);
        s.lifecycle('Started', 'active', 'rescuing', 4, 1, true);
        break;
      case 'unrescue':
        s.ii('nova.compute.manager', 'Unrescuing');
        s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
        regenerateXml(s);
        s.lifecycle('Started', 'rescued', 'unrescuing', 4, 1, true);
        break;
    }
    op.finalState = spec.final;
  };
}

/** lock / unlock: API only, no RPC (reference §4.14). */
export function lockAction(kind) {
  return (s, op) => {
    apiAction(s, { mod: 'lock_server', ctrl: 'LockServerController', meth: `_${kind}`, body: `{"${kind}": null}` }, (a) => {
      a.di('nova.compute.api', kind === 'lock' ? 'Locking' : 'Unlocking', kind === 'lock' ? P.lockApi : P.unlockApi);
    });
    op.finalState = 'active';
  };
}

/** A rejected action: HTTP 409 because of the instance's state (a few per cent of API calls). */
export function rejected(s, op) {
  const inst = s.inst;
  s.on(s.w.api());
  s.apiStart = s.t;
  s.d('nova.api.openstack.wsgi', `Action: 'action', calling method: <bound method PauseServerController._pause of <nova.api.openstack.compute.pause_server.PauseServerController object at 0x7f3a1c2e4b50>>, body: {"pause": null}`, S.action);
  s.di('nova.compute.api', 'Fetching instance by UUID', S.fetch);
  s.cell();
  s.i('nova.api.openstack.wsgi', `HTTP exception thrown: Cannot 'pause' instance ${inst.uuid} while it is in vm_state stopped`);
  s.access('POST', `/servers/${inst.uuid}/action`, 409, 137);
  op.outcome = 'failed';
  op.finalState = 'stopped';
}
