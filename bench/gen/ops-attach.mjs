// Volume and interface attach/detach (reference §4.15–4.16), and the GET requests clients poll with.
import { S, Script } from './script.mjs';
import { sfx } from './format.mjs';
import { apiCall, apiCreate, externalEvent } from './ops-api.mjs';

const A = {
  attachXml: sfx('attach_device', 'nova/virt/libvirt/guest.py', 351),
  detPersist: sfx('_detach_from_persistent', 'nova/virt/libvirt/driver.py', 2751),
  detLive: sfx('_detach_from_live_with_retry', 'nova/virt/libvirt/driver.py', 2785),
  waitEv: sfx('_detach_from_live_and_wait_for_event', 'nova/virt/libvirt/driver.py', 2865),
  gotEv: sfx('_handle_libvirt_event', 'nova/virt/libvirt/driver.py', 2254),
  brick: sfx('trace_logging_wrapper', 'os_brick/utils.py', 176),
  vif: sfx('get_config', 'nova/virt/libvirt/vif.py', 622),
  allocFor: sfx('allocate_for_instance', 'nova/network/neutron.py', 1170),
  show: sfx('_process_stack', 'nova/api/openstack/wsgi.py', 513),
  cellList: sfx('do_query', 'nova/compute/multi_cell_list.py', 373),
};
const M = 'nova.compute.manager.ComputeManager';

export function attachVolume(s, op) {
  const w = s.w;
  const inst = s.inst;
  const vol = s.rng.uuid();
  apiCreate(s, { mod: 'volume_attachments', ctrl: 'VolumeAttachmentController', path: `/servers/${inst.uuid}/os-volume_attachments`, status: 200, len: 186, body: `{"volumeAttachment": {"volumeId": "${vol}"}}` }, (a) => {
    a.di('nova.compute.api', 'Fetching instance by UUID', S.fetch);
    a.cell();
    a.on(w.cpu(inst.host));
    a.lockAround(inst.uuid, `${M}.reserve_block_device_name.<locals>.do_reserve`, () => a.lazy('flavor'));
    a.on(w.api());
  });
  s.on(w.cpu(inst.host));
  s.lockAround(inst.uuid, `${M}.attach_volume.<locals>.do_attach_volume`, () => {
    s.ii('nova.compute.manager', `Attaching volume ${vol} to /dev/vdb`);
    s.d('os_brick.initiator.connectors.iscsi', `==> connect_volume: call "{'self': <os_brick.initiator.connectors.iscsi.ISCSIConnector object at 0x7f3b9a8c1d30>, 'connection_properties': {'target_discovered': False, 'target_portal': '10.30.0.11:3260', 'target_iqn': 'iqn.2010-10.org.openstack:volume-${vol}', 'target_lun': 1, 'volume_id': '${vol}', 'auth_method': 'CHAP', 'encrypted': False, 'qos_specs': None, 'access_mode': 'rw'}}"`, A.brick);
    s.wait(s.rng.float(500, 4000));
    s.d('os_brick.initiator.connectors.iscsi', `<== connect_volume: return (${s.rng.int(300, 3000)}ms) {'type': 'block', 'scsi_wwn': '36001405${s.rng.hex(12)}', 'path': '/dev/sd${'bcdefgh'[s.rng.int(0, 6)]}'}`, A.brick);
    s.rec('DEBUG', 'nova.virt.libvirt.guest', 'attach device xml: <disk type="block" device="disk">', A.attachXml, null, [
      '  <driver name="qemu" type="raw" cache="none" io="native"/>',
      `  <source dev="/dev/disk/by-id/wwn-0x6001405${s.rng.hex(12)}"/>`,
      '  <target dev="vdb" bus="virtio"/>',
      `  <serial>${vol}</serial>`,
      '</disk>',
    ]);
  });
  inst.volumes.push(vol);
  op.finalState = 'active';
}

export function detachVolume(s, op) {
  const w = s.w;
  const inst = s.inst;
  const vol = inst.volumes.pop() ?? s.rng.uuid();
  apiCall(s, { mod: 'volume_attachments', ctrl: 'VolumeAttachmentController', meth: 'delete', method: 'DELETE', path: `/servers/${inst.uuid}/os-volume_attachments/${vol}`, status: 202, len: 0 });
  s.on(w.cpu(inst.host));
  s.lockAround(inst.uuid, `${M}.detach_volume.<locals>.do_detach_volume`, () => {
    s.ii('nova.compute.manager', `Detaching volume ${vol}`);
    s.ii('nova.virt.block_device', `Attempting to driver detach volume ${vol} from mountpoint /dev/vdb`);
    s.d('nova.virt.libvirt.driver', `Attempting to detach device vdb from instance ${inst.uuid} from the persistent domain config.`, A.detPersist);
    s.i('nova.virt.libvirt.driver', `Successfully detached device vdb from instance ${inst.uuid} from the persistent domain config.`);
    s.d('nova.virt.libvirt.driver', `(1/8): Attempting to detach device vdb with device alias virtio-disk1 from instance ${inst.uuid} from the live domain config.`, A.detLive);
    s.d('nova.virt.libvirt.driver', `Start waiting for the detach event from libvirt for device vdb with device alias virtio-disk1 for instance ${inst.uuid}`, A.waitEv);
    s.wait(s.rng.float(200, 3000));
    s.d('nova.virt.libvirt.driver', `Received event <DeviceRemovedEvent: ${(s.t / 1e6).toFixed(6)}, ${inst.uuid} => virtio-disk1> from libvirt while the driver is waiting for it; dispatched.`, A.gotEv);
    s.i('nova.virt.libvirt.driver', `Successfully detached device vdb from instance ${inst.uuid} from the live domain config.`);
    s.d('os_brick.initiator.connectors.iscsi', `==> disconnect_volume: call "{'self': <os_brick.initiator.connectors.iscsi.ISCSIConnector object at 0x7f3b9a8c1d30>, 'connection_properties': {'target_iqn': 'iqn.2010-10.org.openstack:volume-${vol}', 'target_lun': 1, 'volume_id': '${vol}'}, 'force': False, 'ignore_errors': False}"`, A.brick);
    s.wait(s.rng.float(300, 2000));
    s.d('os_brick.initiator.connectors.iscsi', `<== disconnect_volume: return (${s.rng.int(300, 2000)}ms) None`, A.brick);
  });
  op.finalState = 'active';
}

export function attachInterface(s, op) {
  const w = s.w;
  const inst = s.inst;
  const port = s.rng.uuid();
  const net = s.rng.pick(w.networks);
  // The API calls (not casts) compute: its access line comes after the compute work.
  s.on(w.api());
  s.apiStart = s.t;
  s.d('nova.api.openstack.wsgi', `Action: 'create', calling method: <bound method InterfaceAttachmentController.create of <nova.api.openstack.compute.attach_interfaces.InterfaceAttachmentController object at 0x7f3a1c2f8e90>>, body: {"interfaceAttachment": {"net_id": "${net}"}}`, S.action);
  s.di('nova.compute.api', 'Fetching instance by UUID', S.fetch);
  s.cell();
  s.wait(s.rng.float(5, 30));
  const cpu = w.cpu(inst.host);
  s.on(cpu);
  s.lockAround(`interface-${inst.uuid}-None`, `${M}.attach_interface.<locals>.do_attach_interface`, () => {
    s.di('nova.network.neutron', 'allocate_for_instance()', A.allocFor);
    s.wait(s.rng.float(500, 3000));
    s.di('nova.virt.libvirt.vif', `vif_type=ovs instance=Instance(uuid=${inst.uuid},host='${inst.host}',vm_state='active',task_state=None) vif={"id": "${port}", "address": "fa:16:3e:${s.rng.hex(1)}:${s.rng.hex(1)}:${s.rng.hex(1)}", "type": "ovs", "devname": "tap${port.slice(0, 11)}"}`, A.vif);
    s.rec('DEBUG', 'nova.virt.libvirt.guest', 'attach device xml: <interface type="ethernet">', A.attachXml, null, [
      `  <mac address="fa:16:3e:${s.rng.hex(1)}:${s.rng.hex(1)}:${s.rng.hex(1)}"/>`,
      '  <model type="virtio"/>',
      '  <mtu size="1442"/>',
      `  <target dev="tap${port.slice(0, 11)}"/>`,
      '</interface>',
    ]);
  });
  s.on(w.api());
  s.access('POST', `/servers/${inst.uuid}/os-interface`, 200, 293);
  s.extra.push(externalEvent(w, s.t + 800000, { ...inst, port }, inst.host, 'network-vif-plugged', { expected: false, taskState: null }));
  op.finalState = 'active';
}

export function detachInterface(s, op) {
  const w = s.w;
  const inst = s.inst;
  apiCall(s, { mod: 'attach_interfaces', ctrl: 'InterfaceAttachmentController', meth: 'delete', method: 'DELETE', path: `/servers/${inst.uuid}/os-interface/${inst.port}`, status: 202, len: 0 });
  s.on(w.cpu(inst.host));
  const dev = `tap${inst.port.slice(0, 11)}`;
  s.d('nova.virt.libvirt.driver', `Attempting to detach device ${dev} from instance ${inst.uuid} from the persistent domain config.`, A.detPersist);
  s.i('nova.virt.libvirt.driver', `Successfully detached device ${dev} from instance ${inst.uuid} from the persistent domain config.`);
  s.d('nova.virt.libvirt.driver', `(1/8): Attempting to detach device ${dev} with device alias net1 from instance ${inst.uuid} from the live domain config.`, A.detLive);
  s.wait(s.rng.float(200, 2000));
  s.i('nova.virt.libvirt.driver', `Successfully detached device ${dev} from instance ${inst.uuid} from the live domain config.`);
  op.finalState = 'active';
}

/** A client polling GET /servers/{id} (its own request id; most API lines of a busy cloud are these). */
export function pollShow(world, t, inst) {
  const ctx = world.userCtx(`req-${world.rng.uuid()}`, null, inst);
  const s = new Script(world, t, ctx);
  s.inst = inst;
  s.on(world.api());
  s.apiStart = s.t;
  s.d('nova.api.openstack.wsgi', `Calling method '<bound method ServersController.show of <nova.api.openstack.compute.servers.ServersController object at 0x7f3a1c2d7f10>>'`, A.show);
  s.di('nova.compute.api', 'Fetching instance by UUID', S.fetch);
  s.cell();
  s.lazy('services');
  s.access('GET', `/servers/${inst.uuid}`, 200, s.rng.int(1900, 2400));
  return s;
}

/** GET /servers/detail across cells. */
export function pollList(world, t, inst) {
  const ctx = world.userCtx(`req-${world.rng.uuid()}`, null, inst);
  const s = new Script(world, t, ctx);
  s.inst = inst;
  s.on(world.api());
  s.apiStart = s.t;
  s.d('nova.api.openstack.wsgi', `Calling method '<bound method ServersController.detail of <nova.api.openstack.compute.servers.ServersController object at 0x7f3a1c2d7f10>>'`, A.show);
  s.cells();
  s.d('nova.compute.multi_cell_list', `Listing 1000 instances in cell ${world.cell1}(cell1)`, A.cellList);
  s.access('GET', '/servers/detail', 200, s.rng.int(4000, 90000));
  return s;
}
