// A script is the list of log records one actor (an operation, a periodic task run) will write, each with
// its absolute time, process and context. Operation scripts are written top-down with this builder; the
// simulator then interleaves the records of every actor in time order.
import { CELL0 } from './world.mjs';
import { sfx } from './format.mjs';

export const S = {
  lockInner404: sfx('inner', 'oslo_concurrency/lockutils.py', 404),
  lockInner409: sfx('inner', 'oslo_concurrency/lockutils.py', 409),
  lockInner423: sfx('inner', 'oslo_concurrency/lockutils.py', 423),
  lock312: sfx('lock', 'oslo_concurrency/lockutils.py', 312),
  lock315: sfx('lock', 'oslo_concurrency/lockutils.py', 315),
  lock333: sfx('lock', 'oslo_concurrency/lockutils.py', 333),
  action: sfx('_process_stack', 'nova/api/openstack/wsgi.py', 511),
  calling: sfx('_process_stack', 'nova/api/openstack/wsgi.py', 513),
  fetch: sfx('get', 'nova/compute/api.py', 2979),
  lazy: sfx('obj_load_attr', 'nova/objects/instance.py', 1105),
  power: sfx('_get_power_state', 'nova/compute/manager.py', 1674),
  emit: sfx('emit_event', 'nova/virt/driver.py', 1647),
  syncLife: sfx('handle_lifecycle_event', 'nova/compute/manager.py', 1394),
  cmdRun: sfx('execute', 'oslo_concurrency/processutils.py', 384),
  cmdDone: sfx('execute', 'oslo_concurrency/processutils.py', 422),
  nwCache: sfx('update_instance_cache_with_nw_info', 'nova/network/neutron.py', 116),
  recvEvent: sfx('external_instance_event', 'nova/compute/manager.py', 11001),
  procEvent: sfx('_process_instance_event', 'nova/compute/manager.py', 10780),
  quotaP: sfx('_get_quotas', 'nova/quota.py', 393),
  quotaU: sfx('_get_quotas', 'nova/quota.py', 383),
};

const CELL_FN = 'nova.context.set_target_cell.<locals>.get_or_set_cached_cell_and_set_connections';

export class Script {
  /** `op` is the operation record (or null for background actors); `ctx` the context block to log under. */
  constructor(world, start, ctx, op = null) {
    this.w = world;
    this.rng = world.rng;
    this.t = start;
    this.ctx = ctx;
    this.op = op;
    this.p = null;
    this.inst = null;
    this.recs = [];
    /** Scripts of other requests this one caused (neutron's external events …), run as separate actors. */
    this.extra = [];
  }

  on(proc) {
    this.p = proc;
    return this;
  }
  /** Advance the clock by `ms` milliseconds. */
  wait(ms) {
    this.t += Math.max(1, Math.round(ms * 1000));
    return this;
  }

  rec(level, logger, msg, suffix, inst, cont = null, tb = null, ctx = this.ctx) {
    this.t += 80 + Math.floor(this.rng.next() * 1400); // 0.08–1.5 ms between lines of one thread
    this.recs.push({ t: this.t, p: this.p, level, logger, ctx, inst, msg, suffix, cont, tb });
    return this;
  }

  // Level helpers; the `…i` forms carry the operation's `[instance: …]` prefix.
  d(logger, msg, suffix) {
    return this.rec('DEBUG', logger, msg, suffix, null);
  }
  di(logger, msg, suffix) {
    return this.rec('DEBUG', logger, msg, suffix, this.inst.uuid);
  }
  i(logger, msg) {
    return this.rec('INFO', logger, msg, null, null);
  }
  ii(logger, msg) {
    return this.rec('INFO', logger, msg, null, this.inst.uuid);
  }
  wi(logger, msg) {
    return this.rec('WARNING', logger, msg, null, this.inst.uuid);
  }
  warn(logger, msg) {
    return this.rec('WARNING', logger, msg, null, null);
  }

  /** Runs `fn` under another context (a lifecycle event, neutron's request, `[-]`), keeping the clock. */
  under(ctx, fn) {
    const saved = this.ctx;
    this.ctx = ctx;
    fn(this);
    this.ctx = saved;
    return this;
  }

  /** A parallel thread of the same actor starting now; its records merge into this script. */
  fork(fn) {
    const sub = new Script(this.w, this.t, this.ctx, this.op);
    sub.p = this.p;
    sub.inst = this.inst;
    sub.extra = this.extra;
    fn(sub);
    for (const r of sub.recs) this.recs.push(r);
    return sub.t;
  }

  // ---- recurring snippets ------------------------------------------------------------------------

  lockAcquire(name, by) {
    this.d('oslo_concurrency.lockutils', `Acquiring lock "${name}" by "${by}"`, S.lockInner404);
    return this.d('oslo_concurrency.lockutils', `Lock "${name}" acquired by "${by}" :: waited ${waited(this.rng)}s`, S.lockInner409);
  }
  lockRelease(name, by, heldSec) {
    return this.d('oslo_concurrency.lockutils', `Lock "${name}" "released" by "${by}" :: held ${heldSec.toFixed(3)}s`, S.lockInner423);
  }
  lockAround(name, by, fn) {
    const t0 = this.t;
    this.lockAcquire(name, by);
    fn(this);
    return this.lockRelease(name, by, (this.t - t0) / 1e6);
  }
  /** The three lines every cell-targeted DB access logs in api, conductor and scheduler. */
  cell(uuid = this.w.cell1) {
    return this.lockAround(uuid, CELL_FN, () => {});
  }
  cells() {
    return this.cell(CELL0).cell();
  }
  refreshCache(fn) {
    const name = `refresh_cache-${this.inst.uuid}`;
    this.d('oslo_concurrency.lockutils', `Acquiring lock "${name}"`, S.lock312);
    this.d('oslo_concurrency.lockutils', `Acquired lock "${name}"`, S.lock315);
    fn(this);
    return this.d('oslo_concurrency.lockutils', `Releasing lock "${name}"`, S.lock333);
  }
  lazy(attr) {
    return this.d('nova.objects.instance', `Lazy-loading '${attr}' on Instance uuid ${this.inst.uuid}`, S.lazy);
  }
  cmd(command, secs) {
    this.d('oslo_concurrency.processutils', `Running cmd (subprocess): ${command}`, S.cmdRun);
    this.wait(secs * 1000);
    return this.d('oslo_concurrency.processutils', `CMD "${command}" returned: 0 in ${secs.toFixed(3)}s`, S.cmdDone);
  }
  /** The API access line (uwsgi requestlog). */
  access(method, path, status, len) {
    const w = this.w;
    const secs = (this.t - (this.apiStart ?? this.t)) / 1e6 + 0.02 + this.rng.next() * 0.05;
    return this.i('nova.api.openstack.requestlog', `${this.rng.pick(w.clients)} "${method} ${w.uriPrefix()}${path}" status: ${status} len: ${len} microversion: 2.${this.rng.pick(['1', '79', '90', '95'])} time: ${secs.toFixed(6)}`);
  }
  /** Lifecycle event handling on a compute host (under the process's event context). */
  lifecycle(event, vmState, taskState, dbPower, vmPower, skip) {
    const p = this.p;
    return this.under(p.eventCtx, (s) => {
      s.d('nova.virt.driver', `Emitting event <LifecycleEvent: ${(s.t / 1e6).toFixed(6)}, ${s.inst.uuid} => ${event}>`, S.emit);
      s.ii('nova.compute.manager', `VM ${event} (Lifecycle Event)`);
      s.di('nova.compute.manager', 'Checking state', S.power);
      s.di('nova.compute.manager', `Synchronizing instance power state after lifecycle event "${event}"; current vm_state: ${vmState}, current task_state: ${taskState}, current DB power_state: ${dbPower}, VM power_state: ${vmPower}`, S.syncLife);
      if (skip) s.ii('nova.compute.manager', `During sync_power_state the instance has a pending task (${taskState}). Skip.`);
    });
  }
  /** An INFO line logged with no context at all (`[-]`): libvirt looping calls and the like. */
  noCtx(logger, msg) {
    return this.rec('INFO', logger, msg, null, this.inst.uuid, null, null, null);
  }
  /** An ERROR line with the exception summary, then the traceback under the exception prefix. */
  error(logger, msg, tb, withInst = true) {
    return this.rec('ERROR', logger, msg, null, withInst ? this.inst.uuid : null, null, tb);
  }
}

function waited(rng) {
  return rng.chance(0.9) ? `0.00${rng.int(0, 1)}` : `0.${String(rng.int(2, 400)).padStart(3, '0')}`;
}

/** Python 3.11 traceback lines for `frames` ([path, line, func, code]) ending with `exc`. */
export function traceback(frames, exc) {
  const out = ['Traceback (most recent call last):'];
  for (const [path, line, func, code] of frames) {
    out.push(`  File "/usr/lib/python3/dist-packages/${path}", line ${line}, in ${func}`);
    out.push(`    ${code}`);
  }
  out.push(exc);
  out.push('');
  return out;
}
