// The simulation: operations arrive (Poisson), each becomes a script of timed records across services;
// periodic tasks run per process; a heap of actors releases records in global time order, so every stream
// is written in time order while hundreds of operations interleave. Stops when the target size is reached
// (the operations still in flight are cut, as in any real log capture).
import { mkdirSync } from 'node:fs';
import { Formatter } from './format.mjs';
import { Rng } from './rng.mjs';
import { Script } from './script.mjs';
import { World } from './world.mjs';
import { CATALOGUE, KINDS } from './catalogue.mjs';
import { computePeriodicRun, schedulerPeriodicRun } from './periodic.mjs';
import { pollList, pollShow } from './ops-attach.mjs';

export const DEFAULTS = {
  format: 'oslo',
  seed: 42,
  hosts: 24,
  instancesPerHost: 120,
  opsPerSecond: 5,
  pollShare: 0.4,
  globalIdShare: 0.08,
  start: Date.UTC(2026, 10, 21, 0, 0, 0),
};

class Heap {
  constructor() {
    this.a = [];
  }
  get size() {
    return this.a.length;
  }
  push(x) {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p].t <= x.t) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = x;
  }
  /** Restores order after the root's key grew. */
  down() {
    const a = this.a;
    const n = a.length;
    const x = a[0];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && a[c + 1].t < a[c].t) c++;
      if (a[c].t >= x.t) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = x;
  }
  popRoot() {
    const a = this.a;
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      this.down();
    }
  }
}

function actorOf(script, kind, op = null) {
  const recs = script.recs;
  recs.sort((x, y) => x.t - y.t);
  return { kind, recs, i: 0, t: recs.length > 0 ? recs[0].t : script.t, due: 0, op, proc: null, n: 0 };
}

export async function simulate(opts) {
  const o = { ...DEFAULTS, ...opts };
  mkdirSync(o.out, { recursive: true });
  const rng = new Rng(o.seed);
  const fmt = new Formatter(o.format);
  const world = new World(rng, fmt, o);
  const t0 = o.start * 1000;
  const heap = new Heap();
  const stats = { ops: {}, failed: {}, lines: { operation: 0, poll: 0, event: 0, periodic: 0 }, inflightMax: 0, inflightSum: 0, inflightSamples: 0 };
  const finished = [];
  let inflight = 0;
  let middle = null;
  let nOps = 0;

  const periodic = (kind, proc) => {
    const due = t0 + Math.floor(rng.next() * 60e6);
    heap.push({ kind, recs: [], i: 0, t: due, due, op: null, proc, n: 0 });
  };
  for (const proc of world.procs.cpu.values()) periodic('periodic-cpu', proc);
  for (const proc of world.procs.sch) periodic('periodic-sch', proc);
  heap.push({ kind: 'arrival', recs: [], i: 0, t: t0 + 1000, due: 0, op: null, proc: null, n: 0 });

  const startOp = (t) => {
    let kind = rng.weighted(KINDS);
    const spec = CATALOGUE[kind];
    let inst = null;
    if (spec.from !== null) {
      const states = spec.from;
      const first = Math.floor(rng.next() * states.length);
      for (let k = 0; k < states.length && inst === null; k++) inst = world.pool.take(states[(first + k) % states.length]);
    }
    if (inst === null) {
      kind = 'boot';
      inst = world.newInstance(null);
      inst.from = 'building';
    }
    const def = CATALOGUE[kind];
    let fail = null;
    for (const [p, v] of def.fail ?? []) if (fail === null && rng.chance(p)) fail = v;
    const reqId = `req-${rng.uuid()}`;
    const globalId = rng.chance(o.globalIdShare) ? `req-${rng.uuid()}` : null;
    const ctx = world.userCtx(reqId, globalId, inst);
    const op = {
      id: reqId,
      globalId,
      kind: def.reported ?? kind,
      variant: def.variantTable ? rng.weighted(def.variantTable) : null,
      fail,
      inst,
      hosts: inst.host === null ? [] : [inst.host],
      start: t,
      end: t,
      outcome: 'completed',
      finalState: 'active',
      lines: 0,
      middle: false,
    };
    ctx.op = op;
    const s = new Script(world, t, ctx, op);
    s.inst = inst;
    def.run(s, op);
    if (middle === null && kind === 'boot' && fail === null && fmt.total >= o.targetBytes / 2) {
      op.middle = true;
      middle = op;
    }
    const a = actorOf(s, 'operation', op);
    op.end = a.recs.length > 0 ? a.recs[a.recs.length - 1].t : t;
    heap.push(a);
    for (const e of s.extra) heap.push(actorOf(e, 'event'));
    if (rng.chance(o.pollShare) && kind !== 'boot') {
      // the client waits for the result: GET /servers/{id} every few seconds until it changes
      const polls = new Script(world, t, null);
      for (let pt = t + 1e6 * rng.float(1, 4); pt < op.end + 3e6; pt += 1e6 * rng.float(3, 8)) {
        const p = rng.chance(0.1) ? pollList(world, pt, inst) : pollShow(world, pt, inst);
        for (const r of p.recs) polls.recs.push(r);
      }
      if (polls.recs.length > 0) heap.push(actorOf(polls, 'poll'));
    }
    inflight++;
    nOps++;
    stats.ops[op.kind] = (stats.ops[op.kind] ?? 0) + 1;
  };

  const finishOp = (op) => {
    inflight--;
    if (op.outcome === 'failed') stats.failed[op.kind] = (stats.failed[op.kind] ?? 0) + 1;
    if (op.finalState === 'gone') {
      /* deleted: leaves the pool */
    } else world.pool.add(op.inst, op.finalState === 'active' && op.inst.host === null ? 'error' : op.finalState);
    finished.push(entry(op));
  };

  let sinceDrain = 0;
  while (heap.size > 0 && fmt.total < o.targetBytes) {
    const a = heap.a[0];
    if (a.i < a.recs.length) {
      const r = a.recs[a.i++];
      fmt.record(r.p, r.t, r.level, r.logger, r.ctx, r.inst, r.msg, r.suffix, r.cont, r.tb);
      const nLines = 1 + (r.cont === null ? 0 : r.cont.length) + (r.tb === null ? 0 : r.tb.length);
      stats.lines[a.kind.startsWith('periodic') ? 'periodic' : a.kind] += nLines;
      if (r.ctx !== null && r.ctx.op !== null) r.ctx.op.lines++;
      if (a.i < a.recs.length) {
        a.t = a.recs[a.i].t;
        heap.down();
      }
      if (++sinceDrain >= 4096) {
        sinceDrain = 0;
        for (const sink of world.sinks) await sink.drain();
      }
      continue;
    }
    // the actor has nothing left to write: finish it, or give it its next piece of work
    switch (a.kind) {
      case 'arrival':
        startOp(a.t);
        stats.inflightSum += inflight;
        stats.inflightSamples++;
        if (inflight > stats.inflightMax) stats.inflightMax = inflight;
        a.t += Math.max(1000, Math.round(rng.exp(1e6 / o.opsPerSecond)));
        heap.down();
        break;
      case 'periodic-cpu':
      case 'periodic-sch': {
        if (a.t < a.due) {
          a.recs = [];
          a.t = a.due; // idle until the next run is due
        } else {
          const s = a.kind === 'periodic-cpu' ? computePeriodicRun(world, a.proc, a.due, a.n) : schedulerPeriodicRun(world, a.proc, a.due);
          const next = actorOf(s, a.kind);
          a.recs = next.recs;
          a.i = 0;
          a.t = next.t;
          a.n++;
          a.due += 60e6; // oslo.service runs them every minute
        }
        heap.down();
        break;
      }
      default:
        if (a.op !== null) finishOp(a.op);
        heap.popRoot();
    }
  }
  for (const sink of world.sinks) await sink.close();

  const cut = [];
  for (const a of heap.a) if (a.kind === 'operation' && a.op !== null) cut.push({ ...entry(a.op), outcome: 'cut' });
  return {
    generator: 'bench/generate.mjs',
    format: o.format,
    seed: o.seed,
    targetBytes: o.targetBytes,
    bytes: world.sinks.reduce((n, s) => n + s.bytes, 0),
    lines: world.sinks.reduce((n, s) => n + s.lines, 0),
    hosts: world.hosts.length,
    files: world.sinks.map((s) => ({ path: s.path.split('/').pop(), bytes: s.bytes, lines: s.lines })),
    timeRange: { start: new Date(o.start).toISOString(), end: new Date(Math.floor(fmt.sec * 1000)).toISOString() },
    operations: nOps,
    byKind: stats.ops,
    failedByKind: stats.failed,
    lineShare: Object.fromEntries(Object.entries(stats.lines).map(([k, v]) => [k, +(v / Math.max(1, Object.values(stats.lines).reduce((x, y) => x + y, 0))).toFixed(3)])),
    inFlight: { max: stats.inflightMax, mean: Math.round(stats.inflightSum / Math.max(1, stats.inflightSamples)) },
    middle: middle === null ? null : entry(middle),
    requests: [...finished, ...cut],
  };
}

function entry(op) {
  return {
    id: op.id,
    op: op.kind,
    variant: op.variant,
    globalId: op.globalId,
    instance: op.inst.uuid,
    hosts: op.hosts,
    start: new Date(op.start / 1000).toISOString(),
    end: new Date(op.end / 1000).toISOString(),
    outcome: op.outcome,
    lines: op.lines,
  };
}
