// The simulated deployment: one controller (nova-api under uwsgi with workers, conductor, scheduler) and
// N compute hosts, the processes writing each stream, users and projects, and the instances that exist.
import { join } from 'node:path';
import { Sink } from './format.mjs';
import { weightTable } from './rng.mjs';

export const CELL0 = '00000000-0000-0000-0000-000000000000';

const FLAVORS = [
  { name: 'm1.small', id: 'a3c5f7e1-2b4d-4e6f-8a1c-3e5f7a9b1d2c', ram: 2048, vcpus: 1, disk: 20 },
  { name: 'm1.medium', id: 'b4d6e8f2-3c5e-4f70-9b2d-4f6a8c0e2f3d', ram: 4096, vcpus: 2, disk: 40 },
  { name: 'm1.large', id: 'c5e7f903-4d6f-4081-8c3e-5a7b9d1f3a4e', ram: 8192, vcpus: 4, disk: 80 },
  { name: 'c2.xlarge', id: 'd6f80a14-5e70-4192-9d4f-6b8cae204b5f', ram: 16384, vcpus: 8, disk: 160 },
];
const STATES = weightTable([
  [0.84, 'active'],
  [0.08, 'stopped'],
  [0.01, 'paused'],
  [0.01, 'suspended'],
  [0.01, 'shelved'],
  [0.03, 'shelved_offloaded'],
  [0.02, 'resized'],
]);

/** Instances by vm_state, with O(1) random pick and move (swap-remove). */
class Pool {
  constructor(rng) {
    this.rng = rng;
    this.by = new Map();
    this.size = 0;
  }
  list(state) {
    let a = this.by.get(state);
    if (a === undefined) this.by.set(state, (a = []));
    return a;
  }
  add(inst, state) {
    const a = this.list(state);
    inst.state = state;
    inst.slot = a.length;
    a.push(inst);
    this.size++;
  }
  remove(inst) {
    const a = this.list(inst.state);
    const last = a.pop();
    if (last !== inst) {
      a[inst.slot] = last;
      last.slot = inst.slot;
    }
    this.size--;
  }
  move(inst, state) {
    this.remove(inst);
    this.add(inst, state);
  }
  /** Takes a random instance in `state` out of the pool for an operation (null if none). */
  take(state) {
    const a = this.list(state);
    if (a.length === 0) return null;
    const inst = a[Math.floor(this.rng.next() * a.length)];
    this.move(inst, 'busy');
    inst.from = state;
    return inst;
  }
  count(state) {
    return this.list(state).length;
  }
  /** Instances on a host, sampled (periodic tasks look at what a host runs). */
  sampleOnHost(host, n) {
    const out = [];
    for (const [state, a] of this.by) {
      if (state === 'shelved_offloaded') continue;
      for (const inst of a) if (inst.host === host) out.push(inst);
    }
    return n >= out.length ? out : out.slice(0, n);
  }
}

export class World {
  constructor(rng, fmt, opts) {
    this.rng = rng;
    this.fmt = fmt;
    this.journal = opts.format === 'journal';
    this.cell1 = rng.uuid();
    this.flavors = FLAVORS;
    this.images = Array.from({ length: 12 }, () => rng.uuid());
    this.networks = Array.from({ length: 6 }, () => rng.uuid());
    this.az = 'nova';
    this.ctlHost = 'ctl01';
    this.hosts = Array.from({ length: opts.hosts }, (_, i) => `cmp${String(i + 1).padStart(3, '0')}`);
    this.rp = new Map(this.hosts.map((h) => [h, rng.uuid()]));
    this.projects = Array.from({ length: 40 }, (_, i) => ({
      id: rng.hex(16),
      name: `project-${String(i + 1).padStart(2, '0')}`,
      users: Array.from({ length: rng.int(1, 3) }, (_, j) => ({ id: rng.hex(16), name: `user-${String(i + 1).padStart(2, '0')}${'abc'[j]}` })),
    }));
    this.neutron = { id: rng.hex(16), project: rng.hex(16) };
    this.clients = Array.from({ length: 30 }, () => `10.${rng.int(0, 3)}.${rng.int(0, 255)}.${rng.int(2, 254)}`);
    this.sinks = [];
    this.procs = this.makeProcs(opts.out);
    this.pool = new Pool(rng);
    for (const host of this.hosts) {
      for (let i = 0; i < opts.instancesPerHost; i++) {
        const state = rng.weighted(STATES);
        this.pool.add(this.newInstance(host), state);
      }
    }
  }

  makeProcs(out) {
    const rng = this.rng;
    const sinkFor = (name) => {
      if (this.journal) {
        if (this.sinks.length === 0) this.sinks.push(new Sink(join(out, 'journal.txt')));
        return this.sinks[0];
      }
      const s = new Sink(join(out, name));
      this.sinks.push(s);
      return s;
    };
    const proc = (svc, host, pid, ident, jpid, sink) => ({ svc, host, pid, ident: `${ident}[${jpid}]`, sink, last: 0, periodicCtx: null, eventCtx: null });
    const apiSink = sinkFor('n-api.log');
    const apiMaster = rng.int(2000, 9000);
    const api = Array.from({ length: 4 }, (_, i) => proc('api', this.ctlHost, apiMaster + 1 + i, 'devstack@n-api.service', apiMaster, apiSink));
    const condSink = sinkFor('n-cond.log');
    const condBase = rng.int(2000, 9000);
    const cond = Array.from({ length: 2 }, (_, i) => proc('conductor', this.ctlHost, condBase + i, 'nova-conductor', condBase + i, condSink));
    const schSink = sinkFor('n-sch.log');
    const schBase = rng.int(2000, 9000);
    const sch = Array.from({ length: 2 }, (_, i) => proc('scheduler', this.ctlHost, schBase + i, 'nova-scheduler', schBase + i, schSink));
    const cpu = new Map();
    for (const host of this.hosts) {
      const pid = rng.int(2000, 99000);
      cpu.set(host, proc('compute', host, pid, 'nova-compute', pid, sinkFor(`n-cpu-${host}.log`)));
    }
    for (const p of [...api, ...cond, ...sch, ...cpu.values()]) {
      p.periodicCtx = this.adminCtx(null);
      p.eventCtx = this.adminCtx(null);
    }
    return { api, cond, sch, cpu };
  }

  newInstance(host) {
    const rng = this.rng;
    const flavor = rng.pick(this.flavors);
    const project = rng.pick(this.projects);
    return {
      uuid: rng.uuid(),
      host,
      state: 'building',
      slot: -1,
      flavor,
      image: rng.pick(this.images),
      project,
      user: rng.pick(project.users),
      port: rng.uuid(),
      mac: `fa:16:3e:${rng.hex(1)}:${rng.hex(1)}:${rng.hex(1)}`,
      ip: `192.168.${rng.int(0, 63)}.${rng.int(2, 254)}`,
      net: rng.pick(this.networks),
      name: `vm-${rng.hex(3)}`,
      domain: `instance-${rng.hex(4)}`,
      volumes: rng.chance(0.3) ? [rng.uuid()] : [],
    };
  }

  /** Context block of a user request (oslo: ids; devstack journal: project and user names). */
  userCtx(reqId, globalId, inst) {
    const g = globalId ?? 'None';
    return {
      reqId,
      oslo: `${g} ${reqId} ${inst.user.id} ${inst.project.id} - - default default`,
      journal: `${g} ${reqId} ${inst.project.name} ${inst.user.name}`,
      op: null,
    };
  }

  /** Admin context (periodic tasks, lifecycle events): `- - - - - -` / `None None`. */
  adminCtx(reqId) {
    const id = reqId ?? `req-${this.rng.uuid()}`;
    return { reqId: id, oslo: `None ${id} - - - - - -`, journal: `None ${id} None None`, op: null };
  }

  /** Neutron's service user calling os-server-external-events. */
  neutronCtx() {
    const id = `req-${this.rng.uuid()}`;
    return { reqId: id, oslo: `None ${id} ${this.neutron.id} ${this.neutron.project} - - default default`, journal: `None ${id} service neutron`, op: null };
  }

  api() {
    return this.rng.pick(this.procs.api);
  }
  cond() {
    return this.rng.pick(this.procs.cond);
  }
  sch() {
    return this.rng.pick(this.procs.sch);
  }
  cpu(host) {
    return this.procs.cpu.get(host);
  }
  otherHost(host) {
    let h = host;
    while (h === host) h = this.rng.pick(this.hosts);
    return h;
  }
  uriPrefix() {
    return this.journal ? '/compute/v2.1' : '/v2.1';
  }
}
