// Cold migrate, resize, confirm/revert resize and live migration (reference §4.11–4.13).
import { sfx } from './format.mjs';
import { alternates, apiAction, schedule, tookToSelect } from './ops-api.mjs';

const V = {
  assumeMig: sfx('resize', 'nova/compute/api.py', 4200),
  oldNew: sfx('resize', 'nova/compute/api.py', 4224),
  createdAlloc: sfx('replace_allocation_with_migration', 'nova/conductor/tasks/migrate.py', 88),
  prepResize: sfx('_execute', 'nova/conductor/tasks/migrate.py', 325),
  stash: sfx('prep_resize', 'nova/compute/manager.py', 6241),
  trackIn: sfx('_update_usage_from_migration', 'nova/compute/resource_tracker.py', 1438),
  trackOut: sfx('_update_usage_from_migration', 'nova/compute/resource_tracker.py', 1441),
  migDisk: sfx('migrate_disk_and_power_off', 'nova/virt/libvirt/driver.py', 11640),
  finishMig: sfx('finish_migration', 'nova/virt/libvirt/driver.py', 11811),
  finishedMig: sfx('finish_migration', 'nova/virt/libvirt/driver.py', 11906),
  confirm: sfx('do_confirm_resize', 'nova/compute/manager.py', 4575),
  finishRev: sfx('finish_revert_migration', 'nova/virt/libvirt/driver.py', 11960),
  finishedRev: sfx('finish_revert_migration', 'nova/virt/libvirt/driver.py', 12006),
  lmApi: sfx('live_migrate', 'nova/compute/api.py', 5579),
  dstCheck: sfx('check_can_live_migrate_destination', 'nova/compute/manager.py', 8499),
  lmClaim: sfx('check_can_live_migrate_destination', 'nova/compute/manager.py', 8523),
  srcCheck: sfx('check_can_live_migrate_source', 'nova/compute/manager.py', 8672),
  bind: sfx('_bind_ports_on_destination', 'nova/conductor/tasks/live_migrate.py', 404),
  preData: sfx('pre_live_migration', 'nova/compute/manager.py', 8728),
  migData: sfx('pre_live_migration', 'nova/virt/libvirt/driver.py', 10795),
  plug: sfx('_pre_live_migration_plug_vifs', 'nova/virt/libvirt/driver.py', 10768),
  preRes: sfx('pre_live_migration', 'nova/compute/manager.py', 8808),
  lmData: sfx('_do_live_migration', 'nova/compute/manager.py', 9035),
  monStart: sfx('_live_migration', 'nova/virt/libvirt/driver.py', 10554),
  invoke: sfx('_live_migration_operation', 'nova/virt/libvirt/driver.py', 10269),
  notYet: sfx('_live_migration_monitor', 'nova/virt/libvirt/driver.py', 10367),
  opThread: sfx('_live_migration_monitor', 'nova/virt/libvirt/driver.py', 10358),
  progress: sfx('_live_migration_monitor', 'nova/virt/libvirt/driver.py', 10452),
  apiDone: sfx('_live_migration_operation', 'nova/virt/libvirt/driver.py', 10278),
  opDone: sfx('thread_finished', 'nova/virt/libvirt/driver.py', 10326),
  allDone: sfx('_live_migration', 'nova/virt/libvirt/driver.py', 10567),
  cleanup: sfx('_post_live_migration', 'nova/compute/manager.py', 9195),
  dropClaim: sfx('_rollback_live_migration', 'nova/compute/manager.py', 9425),
  dropDst: sfx('drop_move_claim_at_destination', 'nova/compute/manager.py', 9455),
};
const M = 'nova.compute.manager.ComputeManager';

/** resize and cold migrate share the path; `kind` is 'resize' or 'migrate'. */
export function resize(kind) {
  return (s, op) => {
    const w = s.w;
    const inst = s.inst;
    const src = inst.host;
    const newFlavor = kind === 'resize' ? w.flavors[(w.flavors.indexOf(inst.flavor) + 1) % w.flavors.length] : inst.flavor;
    apiAction(s, kind === 'resize'
      ? { mod: 'servers', ctrl: 'ServersController', meth: '_action_resize', body: `{"resize": {"flavorRef": "${newFlavor.id}"}}` }
      : { mod: 'migrate_server', ctrl: 'MigrateServerController', meth: '_migrate', body: '{"migrate": null}' }, (a) => {
      if (kind === 'migrate') a.di('nova.compute.api', 'flavor_id is None. Assuming migration.', V.assumeMig);
      a.di('nova.compute.api', `Old instance type ${inst.flavor.name}, new instance type ${newFlavor.name}`, V.oldNew);
    });
    const mig = s.rng.uuid();
    s.on(w.cond());
    s.cells();
    s.d('nova.conductor.tasks.migrate', `Created allocations for migration ${mig} on ${w.rp.get(src)}`, V.createdAlloc);
    const t0 = s.t;
    const dst = schedule(s, { avoid: src, fail: op.fail !== null });
    tookToSelect(s, t0);
    if (dst === null) {
      s.rec('WARNING', 'nova.scheduler.utils', `Failed to compute_task_migrate_server: No valid host was found. No valid host found for ${kind === 'resize' ? 'resize' : 'cold migrate'}`, null, null, ['Traceback (most recent call last):', '', '  File "/usr/lib/python3/dist-packages/nova/scheduler/manager.py", line 209, in select_destinations', '    raise exception.NoValidHost(reason="")', '', 'nova.exception.NoValidHost: No valid host was found. ', ': nova.exception.NoValidHost: No valid host was found. No valid host found for cold migrate']);
      s.wi('nova.scheduler.utils', 'Setting instance to ACTIVE state.: nova.exception.NoValidHost: No valid host was found. No valid host found for cold migrate');
      op.outcome = 'failed';
      op.finalState = 'active';
      return;
    }
    s.di('nova.conductor.tasks.migrate', `Calling prep_resize with selected host: ${dst}; Selected node: ${dst}; Alternates: ${alternates(s, s.alternates)}`, V.prepResize);
    s.wait(s.rng.float(5, 40));
    s.on(w.cpu(dst));
    s.di('nova.compute.manager', 'Stashing vm_state: active', V.stash);
    s.lockAround('compute_resources', 'nova.compute.resource_tracker.ResourceTracker.resize_claim', () => {
      s.ii('nova.compute.claims', `Claim successful on node ${dst}`);
      s.di('nova.compute.resource_tracker', `Starting to track incoming migration ${mig} with flavor ${newFlavor.id}`, V.trackIn);
    });
    s.ii('nova.compute.manager', 'Migrating');
    s.wait(s.rng.float(5, 40));
    s.on(w.cpu(src));
    s.di('nova.compute.resource_tracker', `Starting to track outgoing migration ${mig} with flavor ${inst.flavor.id}`, V.trackOut);
    s.di('nova.virt.libvirt.driver', 'Starting migrate_disk_and_power_off', V.migDisk);
    s.wait(s.rng.float(2000, 9000));
    s.ii('nova.virt.libvirt.driver', `Instance shutdown successfully after ${s.rng.int(2, 9)} seconds.`);
    s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
    s.cmd(`mv /var/lib/nova/instances/${inst.uuid} /var/lib/nova/instances/${inst.uuid}_resize`, s.rng.float(0.005, 0.02));
    s.cmd(`ssh -o BatchMode=yes ${dst} mkdir -p /var/lib/nova/instances/${inst.uuid}`, s.rng.float(0.1, 0.4));
    s.cmd(`rsync --sparse --compress /var/lib/nova/instances/${inst.uuid}_resize/disk ${dst}:/var/lib/nova/instances/${inst.uuid}/disk`, s.rng.spread(45, 0.7));
    s.wait(s.rng.float(5, 40));
    s.on(w.cpu(dst));
    s.di('nova.virt.libvirt.driver', 'Starting finish_migration', V.finishMig);
    s.ii('nova.virt.libvirt.driver', 'Creating image(s)');
    s.wait(s.rng.float(500, 3000));
    s.lifecycle('Started', 'active', 'resize_finish', 4, 1, true);
    s.lifecycle('Resumed', 'active', 'resize_finish', 4, 1, true);
    s.noCtx('nova.virt.libvirt.driver', 'Instance running successfully.');
    s.di('nova.virt.libvirt.driver', 'finish_migration finished successfully.', V.finishedMig);
    inst.prevHost = src;
    inst.migration = mig;
    inst.host = dst;
    if (kind === 'resize') inst.flavor = newFlavor;
    op.hosts = [src, dst];
    op.finalState = 'resized';
  };
}

export function confirmResize(s, op) {
  const inst = s.inst;
  const src = inst.prevHost ?? s.w.otherHost(inst.host);
  apiAction(s, { mod: 'servers', ctrl: 'ServersController', meth: '_action_confirm_resize', body: '{"confirmResize": null}', status: 204 });
  s.on(s.w.cpu(src));
  s.lockAround(inst.uuid, `${M}.confirm_resize.<locals>.do_confirm_resize`, () => {
    s.di('nova.compute.manager', `Going to confirm migration ${s.rng.int(1000, 99999)}`, V.confirm);
    s.lazy('migration_context');
    s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
    s.wait(s.rng.float(200, 2000));
    s.i('nova.scheduler.client.report', `Deleted allocation for migration ${inst.migration ?? s.rng.uuid()}`);
  });
  op.hosts = [src, inst.host];
  op.finalState = 'active';
}

export function revertResize(s, op) {
  const w = s.w;
  const inst = s.inst;
  const dst = inst.host;
  const src = inst.prevHost ?? w.otherHost(dst);
  apiAction(s, { mod: 'servers', ctrl: 'ServersController', meth: '_action_revert_resize', body: '{"revertResize": null}' });
  s.on(w.cpu(dst));
  s.noCtx('nova.virt.libvirt.driver', 'Instance destroyed successfully.');
  s.wait(s.rng.float(500, 3000));
  s.on(w.cpu(src));
  s.ii('nova.compute.manager', "Updating instance to original state: 'active'");
  s.ii('nova.compute.manager', `Swapping old allocation on dict_keys(['${w.rp.get(src)}']) held by migration ${inst.migration ?? s.rng.uuid()} for instance`);
  s.di('nova.virt.libvirt.driver', 'Starting finish_revert_migration', V.finishRev);
  s.wait(s.rng.float(500, 3000));
  s.lifecycle('Started', 'resized', 'resize_reverting', 1, 1, true);
  s.noCtx('nova.virt.libvirt.driver', 'Instance running successfully.');
  s.di('nova.virt.libvirt.driver', 'finish_revert_migration finished successfully.', V.finishedRev);
  inst.host = src;
  op.hosts = [dst, src];
  op.finalState = 'active';
}

function migrateData(s, dst, extra) {
  return `LibvirtLiveMigrateData(bdms=[],block_migration=False,disk_available_mb=${s.rng.int(800000, 3000000)},disk_over_commit=<?>,dst_numa_info=<?>,dst_supports_numa_live_migration=<?>,dst_wants_file_backed_memory=False,file_backed_memory_discard=<?>,filename='tmp${s.rng.hex(4)}',graphics_listen_addr_spice=127.0.0.1,graphics_listen_addr_vnc=0.0.0.0,image_type='default',instance_relative_path='${s.inst.uuid}',is_shared_block_storage=False,is_shared_instance_path=False,is_volume_backed=False,migration=<?>,old_vol_attachment_ids=<?>,serial_listen_addr=None,serial_listen_ports=<?>,src_supports_native_luks=<?>,src_supports_numa_live_migration=<?>,supported_perf_events=<?>,target_connect_addr=${dst}${extra},vifs=[VIFMigrateData],wait_for_vif_plugged=True)`;
}

/** Live migration from the instance's host to another, monitored; a few fail and roll back. */
export function liveMigration(s, op) {
  const w = s.w;
  const inst = s.inst;
  const src = inst.host;
  apiAction(s, { mod: 'migrate_server', ctrl: 'MigrateServerController', meth: '_migrate_live', body: '{"os-migrateLive": {"block_migration": "auto", "host": null}}' }, (a) => {
    a.di('nova.compute.api', 'Going to try to live migrate instance to another host', V.lmApi);
  });
  s.on(w.cond());
  s.cells();
  const t0 = s.t;
  const dst = schedule(s, { avoid: src });
  tookToSelect(s, t0);
  const dcpu = w.cpu(dst);
  const scpu = w.cpu(src);
  s.wait(s.rng.float(5, 30));
  s.on(dcpu);
  s.di('nova.compute.manager', `destination check data is ${migrateData(s, dst, '')}`, V.dstCheck);
  s.di('nova.compute.manager', 'Created live migration claim.', V.lmClaim);
  s.ii('nova.compute.claims', `Claim successful on node ${dst}`);
  s.on(scpu);
  s.di('nova.compute.manager', `source check data is ${migrateData(s, dst, '')}`, V.srcCheck);
  s.on(w.cond());
  s.d('nova.conductor.tasks.live_migrate', `Start binding ports on destination host: ${dst}`, V.bind);
  s.wait(s.rng.float(100, 800));
  s.on(dcpu);
  const tPre = s.t;
  s.di('nova.compute.manager', `pre_live_migration data is ${migrateData(s, dst, '')}`, V.preData);
  s.di('nova.virt.libvirt.driver', `migrate_data in pre_live_migration: ${migrateData(s, dst, '')}`, V.migData);
  s.di('nova.virt.libvirt.driver', 'Plugging VIFs using destination host port bindings before live migration.', V.plug);
  s.wait(s.rng.float(500, 3000));
  s.di('nova.compute.manager', `pre_live_migration result data is ${migrateData(s, dst, '')}`, V.preRes);
  s.on(scpu);
  s.ii('nova.compute.manager', `Took ${((s.t - tPre) / 1e6).toFixed(2)} seconds for pre_live_migration on destination host ${dst}.`);
  s.di('nova.compute.manager', `live_migration data is ${migrateData(s, dst, '')}`, V.lmData);
  s.di('nova.virt.libvirt.driver', 'Starting monitoring of live migration', V.monStart);
  s.di('nova.virt.libvirt.driver', 'About to invoke the migrate API', V.invoke);
  s.di('nova.virt.libvirt.driver', 'Operation thread is still running', V.opThread);
  s.di('nova.virt.libvirt.driver', 'Migration not running yet', V.notYet);
  const total = inst.flavor.ram * 1048576;
  const secs = Math.max(6, Math.round(s.rng.spread(80, 0.7)));
  const failAt = op.fail !== null ? s.rng.int(5, secs) : Infinity;
  for (let t = 5; t <= secs; t += 5) {
    s.wait(5000 + s.rng.float(-300, 300));
    if (t >= failAt) {
      s.rec('ERROR', 'nova.virt.libvirt.driver', `Live Migration failure: operation failed: Failed to connect to remote libvirt URI qemu+ssh://${dst}/system: Cannot recv data: Connection reset by peer: libvirt.libvirtError: operation failed: Failed to connect to remote libvirt URI qemu+ssh://${dst}/system: Cannot recv data: Connection reset by peer`, null, inst.uuid);
      s.di('nova.virt.libvirt.driver', 'Migration operation thread notification', V.opDone);
      s.rec('ERROR', 'nova.virt.libvirt.driver', 'Migration operation has aborted', null, inst.uuid);
      s.di('nova.compute.manager', 'Calling destination to drop move claim.', V.dropClaim);
      s.on(dcpu);
      s.di('nova.compute.manager', `Dropping live migration resource claim on destination node ${dst}`, V.dropDst);
      s.on(scpu);
      s.di('nova.virt.libvirt.driver', 'Live migration monitoring is all done', V.allDone);
      op.outcome = 'failed';
      op.hosts = [src, dst];
      op.finalState = 'active';
      return;
    }
    const rem = Math.max(0, Math.round(100 - (t / secs) * 100));
    const msg = `Migration running for ${t} secs, memory ${rem}% remaining (bytes processed=${Math.round(total * (1 - rem / 100))}, remaining=${Math.round((total * rem) / 100)}, total=${total}); disk 0% remaining (bytes processed=0, remaining=0, total=0).`;
    if (t % 30 === 0) s.ii('nova.virt.libvirt.driver', msg);
    else s.di('nova.virt.libvirt.driver', msg, V.progress);
  }
  s.lifecycle('Paused', 'active', 'migrating', 1, 3, true);
  s.ii('nova.virt.libvirt.driver', 'Migration operation has completed');
  s.under(scpu.eventCtx, (e) => e.ii('nova.compute.manager', 'VM Migration completed (Lifecycle Event)'));
  s.di('nova.virt.libvirt.driver', 'Migrate API has completed', V.apiDone);
  s.di('nova.virt.libvirt.driver', 'Migration operation thread has finished', V.opDone);
  s.ii('nova.compute.manager', '_post_live_migration() is started..');
  s.di('nova.compute.manager', 'Calling driver.cleanup from _post_live_migration', V.cleanup);
  s.on(dcpu);
  s.ii('nova.compute.manager', 'Post operation of migration started');
  s.lifecycle('Resumed', 'active', 'migrating', 1, 1, true);
  s.on(scpu);
  s.ii('nova.compute.manager', `Migrating instance to ${dst} finished successfully.`);
  s.di('nova.virt.libvirt.driver', 'Live migration monitoring is all done', V.allDone);
  s.wait(15000);
  s.under(scpu.eventCtx, (e) => e.ii('nova.compute.manager', 'VM Stopped (Lifecycle Event)'));
  inst.host = dst;
  op.hosts = [src, dst];
  op.finalState = 'active';
}
