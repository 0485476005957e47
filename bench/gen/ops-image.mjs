// Snapshot, backup, shelve, shelve-offload, unshelve, rebuild, evacuate (reference §4.7–4.10).
import { S, traceback } from './script.mjs';
import { sfx } from './format.mjs';
import { alternates, apiAction, schedule, tookToSelect } from './ops-api.mjs';
import { noValidHost, spawnGuest } from './ops-build.mjs';

const I = {
  cleanup: sfx('delete_image_on_error', 'nova/compute/utils.py', 1352),
  rpcErr: 'oslo_messaging.rpc.server',
  rotating: sfx('_rotate_backups', 'nova/compute/manager.py', 5122),
  rotOut: sfx('_rotate_backups', 'nova/compute/manager.py', 5130),
  delImg: sfx('_rotate_backups', 'nova/compute/manager.py', 5135),
  unshelveApi: sfx('unshelve', 'nova/compute/api.py', 4783),
  schedSel: sfx('unshelve_instance', 'nova/conductor/manager.py', 1128),
  noMig: sfx('rebuild_instance', 'nova/conductor/manager.py', 1239),
  evacApi: sfx('evacuate', 'nova/compute/api.py', 5724),
  onShared: sfx('rebuild_instance', 'nova/compute/manager.py', 4102),
};
const M = 'nova.compute.manager.ComputeManager';

function coldOrLive(s, live) {
  s.ii('nova.virt.libvirt.driver', live ? 'Beginning live snapshot process' : 'Beginning cold snapshot process');
  if (live) s.ii('nova.virt.libvirt.driver', 'Skipping quiescing instance: QEMU guest agent is not enabled.');
  const snap = `/var/lib/nova/instances/snapshots/tmp${s.rng.hex(4)}/${s.rng.hex(16)}`;
  s.cmd(`/usr/bin/python3 -m oslo_concurrency.prlimit --as=1073741824 --cpu=30 -- env LC_ALL=C LANG=C qemu-img info /var/lib/nova/instances/${s.inst.uuid}/disk --force-share --output=json`, s.rng.float(0.03, 0.12));
  s.cmd(`qemu-img convert -t none -O qcow2 -f qcow2 /var/lib/nova/instances/${s.inst.uuid}/disk ${snap}`, s.rng.float(2, 25));
  s.ii('nova.virt.libvirt.driver', 'Snapshot extracted, beginning image upload');
}

/** Snapshot (createImage) or backup (createBackup); a few fail in the upload with a traceback. */
export function snapshot(kind) {
  return (s, op) => {
    const inst = s.inst;
    const image = s.rng.uuid();
    const backup = kind === 'backup';
    apiAction(s, backup
      ? { mod: 'create_backup', ctrl: 'CreateBackupController', meth: '_create_backup', body: `{"createBackup": {"name": "bkp-${inst.name}", "backup_type": "daily", "rotation": 3}}` }
      : { mod: 'servers', ctrl: 'ServersController', meth: '_action_create_image', body: `{"createImage": {"name": "snap-${inst.name}"}}`, status: 202, len: 45 });
    s.on(s.w.cpu(inst.host));
    const t0 = s.t;
    s.ii('nova.compute.manager', 'instance snapshotting');
    coldOrLive(s, true);
    s.wait(s.rng.spread(120000, 0.7)); // upload to glance
    if (op.fail !== null) {
      const tb = traceback(
        [
          ['nova/compute/manager.py', 4647, '_snapshot_instance', 'self.driver.snapshot(context, instance, image_id,'],
          ['nova/virt/libvirt/driver.py', 3466, 'snapshot', 'self._image_api.update(context, image_id, metadata,'],
          ['nova/image/glance.py', 1255, 'update', '_reraise_translated_image_exception(image_id)'],
          ['nova/image/glance.py', 1523, '_reraise_translated_image_exception', 'raise new_exc.with_traceback(exc_trace)'],
        ],
        `nova.exception.ImageNotAuthorized: Not authorized for image ${image}.`,
      );
      s.rec('ERROR', 'nova.virt.libvirt.driver', `Failed to snapshot image: nova.exception.ImageNotAuthorized: Not authorized for image ${image}.`, null, inst.uuid, null, tb);
      s.di('nova.compute.utils', `Cleaning up image ${image}`, I.cleanup);
      s.rec('ERROR', I.rpcErr, 'Exception during message handling: nova.exception.ImageNotAuthorized: Not authorized for image ' + image + '.', null, null, null, traceback([['oslo_messaging/rpc/server.py', 244, 'inner', 'return func(*args, **kwargs)'], ['nova/exception_wrapper.py', 65, 'wrapped', 'with excutils.save_and_reraise_exception():'], ['nova/compute/manager.py', 4647, '_snapshot_instance', 'self.driver.snapshot(context, instance, image_id,']], `nova.exception.ImageNotAuthorized: Not authorized for image ${image}.`));
      op.outcome = 'failed';
      op.finalState = 'active';
      return;
    }
    s.ii('nova.virt.libvirt.driver', 'Snapshot image upload complete');
    s.ii('nova.compute.manager', `Took ${((s.t - t0) / 1e6).toFixed(2)} seconds to snapshot the instance on the hypervisor.`);
    if (backup) {
      const n = s.rng.int(1, 4);
      s.di('nova.compute.manager', `Found ${n} images (rotation: 3)`, I.rotating);
      if (n > 3) {
        s.di('nova.compute.manager', `Rotating out ${n - 3} backups`, I.rotOut);
        s.di('nova.compute.manager', `Deleting image ${s.rng.uuid()}`, I.delImg);
      }
    }
    op.finalState = 'active';
  };
}

export function shelve(s, op) {
  const inst = s.inst;
  apiAction(s, { mod: 'shelve', ctrl: 'ShelveController', meth: '_shelve', body: '{"shelve": null}' });
  const cpu = s.w.cpu(inst.host);
  s.on(cpu);
  s.lockAround(inst.uuid, `${M}.shelve_instance.<locals>.do_shelve_instance`, () => {
    s.ii('nova.compute.manager', 'Shelving');
    s.d('nova.virt.libvirt.driver', 'Shutting down instance from state 1', sfx('_clean_shutdown', 'nova/virt/libvirt/driver.py', 4020));
    s.wait(s.rng.float(2000, 9000));
    s.ii('nova.virt.libvirt.driver', `Instance shutdown successfully after ${s.rng.int(2, 9)} seconds.`);
    s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
    coldOrLive(s, false);
    s.wait(s.rng.spread(90000, 0.7));
    s.ii('nova.virt.libvirt.driver', 'Snapshot image upload complete');
    offload(s);
  });
  op.finalState = 'shelved_offloaded';
}

function offload(s) {
  const inst = s.inst;
  s.ii('nova.compute.manager', 'Shelve offloading');
  s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
  s.ii('nova.virt.libvirt.driver', `Deleting instance files /var/lib/nova/instances/${inst.uuid}_del`);
  s.ii('nova.virt.libvirt.driver', `Deletion of /var/lib/nova/instances/${inst.uuid}_del complete`);
  s.wait(s.rng.float(100, 800));
  s.i('nova.scheduler.client.report', `Deleted allocations for instance ${inst.uuid}`);
}

export function shelveOffload(s, op) {
  apiAction(s, { mod: 'shelve', ctrl: 'ShelveController', meth: '_shelve_offload', body: '{"shelveOffload": null}' });
  s.on(s.w.cpu(s.inst.host));
  s.lockAround(s.inst.uuid, `${M}.shelve_offload_instance.<locals>.do_shelve_offload_instance`, () => offload(s));
  op.finalState = 'shelved_offloaded';
}

export function unshelve(s, op) {
  const w = s.w;
  const inst = s.inst;
  apiAction(s, { mod: 'shelve', ctrl: 'ShelveController', meth: '_unshelve', body: '{"unshelve": null}' }, (a) => {
    a.di('nova.compute.api', `Unshelving instance with old availability_zone "${w.az}" to new availability_zone "None" and host "None".`, I.unshelveApi);
  });
  s.on(w.cond());
  s.cells();
  const t0 = s.t;
  const host = schedule(s, { fail: op.fail !== null });
  tookToSelect(s, t0);
  if (host === null) {
    s.wi('nova.conductor.manager', 'No valid host found for unshelve instance');
    op.outcome = 'failed';
    op.finalState = 'shelved_offloaded';
    return;
  }
  s.di('nova.conductor.manager', `Scheduler selected host: ${host}, node:${host}`, I.schedSel);
  s.wait(s.rng.float(5, 50));
  s.on(w.cpu(host));
  s.lockAround(inst.uuid, `${M}.unshelve_instance.<locals>.do_unshelve_instance`, () => {
    s.ii('nova.compute.manager', 'Unshelving');
    s.ii('nova.compute.claims', `Claim successful on node ${host}`);
    spawnGuest(s, host, { taskState: 'spawning', vmState: 'shelved_offloaded' });
  });
  inst.host = host;
  op.hosts = [host];
  op.finalState = 'active';
}

export function rebuild(s, op) {
  const w = s.w;
  const inst = s.inst;
  apiAction(s, { mod: 'servers', ctrl: 'ServersController', meth: '_action_rebuild', body: `{"rebuild": {"imageRef": "${inst.image}"}}`, status: 202, len: s.rng.int(1400, 1900) });
  s.on(w.cond());
  s.di('nova.conductor.manager', 'No migration record for the rebuild/evacuate request.', I.noMig);
  s.cells();
  s.wait(s.rng.float(5, 40));
  s.on(w.cpu(inst.host));
  s.ii('nova.compute.manager', 'Rebuilding instance');
  s.wait(s.rng.float(2000, 8000));
  s.ii('nova.virt.libvirt.driver', `Instance shutdown successfully after ${s.rng.int(2, 8)} seconds.`);
  s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
  s.ii('nova.virt.libvirt.driver', `Deleting instance files /var/lib/nova/instances/${inst.uuid}_del`);
  s.ii('nova.virt.libvirt.driver', `Deletion of /var/lib/nova/instances/${inst.uuid}_del complete`);
  spawnGuest(s, inst.host, { taskState: 'rebuild_spawning', vmState: 'active' });
  op.finalState = 'active';
}

export function evacuate(s, op) {
  const w = s.w;
  const inst = s.inst;
  const src = inst.host;
  apiAction(s, { mod: 'evacuate', ctrl: 'EvacuateController', meth: '_evacuate', body: '{"evacuate": {}}', status: 200, len: 0 }, (a) => {
    a.di('nova.compute.api', 'vm evacuation scheduled', I.evacApi);
  });
  s.on(w.cond());
  s.cells();
  const t0 = s.t;
  const dst = schedule(s, { avoid: src, fail: op.fail !== null });
  tookToSelect(s, t0);
  if (dst === null) {
    noValidHost(s, 'rebuild_server');
    op.outcome = 'failed';
    op.finalState = 'active';
    return;
  }
  s.di('nova.conductor.manager', `Selected host: ${dst}; Selected node: ${dst}; Alternates: ${alternates(s, s.alternates)}`, sfx('rebuild_instance', 'nova/conductor/manager.py', 1339));
  s.wait(s.rng.float(5, 40));
  s.on(w.cpu(dst));
  s.ii('nova.compute.manager', 'Evacuating instance');
  s.ii('nova.compute.claims', `Claim successful on node ${dst}`);
  s.di('nova.compute.manager', 'on_shared_storage is not provided, using driver information to decide if the instance needs to be evacuated', I.onShared);
  s.ii('nova.compute.manager', `disk not on shared storage, evacuating from image: '${inst.image}'`);
  spawnGuest(s, dst, { taskState: 'rebuild_spawning', vmState: 'active' });
  inst.host = dst;
  op.hosts = [src, dst];
  op.finalState = 'active';
}
