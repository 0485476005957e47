import { describe, expect, it } from 'vitest';
import { Correlator } from '../../src/correlate/index.js';
import type { Timeline } from '../../src/types.js';
import { thinPolicy } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import { rec, USER } from '../helpers/record.js';

const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const REQ2 = 'req-11111111-2222-4333-8444-555555555555';
const STALE = 'req-3ea4052c-0000-4000-8000-000000000000';
const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
const INST2 = '9d1c2b3a-0000-4000-8000-00000000aaaa';

function run(records: ReturnType<typeof rec>[], opts = {}) {
  const out: Timeline[] = [];
  const c = new Correlator((t) => out.push(t), opts);
  for (const r of records) c.add(r);
  c.end();
  return { out, stats: c.stats, byKey: (k: string) => out.find((t) => t.key === k) };
}

describe('Correlator', () => {
  it('groups a request across services and hosts by request id, keeping the global id', () => {
    const { out } = run([
      rec(0, { ...USER, requestId: REQ, service: 'api', source: 'n-api.log', globalRequestId: 'req-99999999-0000-4000-8000-000000000000' }),
      rec(1, { ...USER, requestId: REQ, service: 'scheduler', source: 'n-sch.log' }),
      rec(2, { ...USER, requestId: REQ, instance: INST }),
      rec(3, { ...USER, requestId: REQ2, service: 'api', source: 'n-api.log' }),
    ]);
    expect(out.map((t) => [t.key, t.records.length])).toEqual([
      [REQ, 3],
      [REQ2, 1],
    ]);
    expect(out[0]!.globalRequestId).toBe('req-99999999-0000-4000-8000-000000000000');
    expect(out[0]!.instances).toEqual([INST]);
  });

  it('attaches [-] lines by instance + place + time window, not to other places or too late', () => {
    const { byKey, stats } = run([
      rec(0, { ...USER, requestId: REQ, instance: INST, source: 'n-cpu-1.log' }),
      rec(5, { instance: INST, source: 'n-cpu-1.log', message: 'Instance spawned successfully.' }),
      rec(6, { instance: INST, source: 'n-cpu-2.log', message: 'Instance spawned successfully.' }),
      rec(500, { instance: INST, source: 'n-cpu-1.log', message: 'Instance destroyed successfully.' }),
    ]);
    expect(byKey(REQ)!.records.map((r) => r.time - byKey(REQ)!.records[0]!.time)).toEqual([0, 5000]);
    expect(stats.attached).toBe(1);
    expect(stats.unattached).toBe(2);
  });

  it('attaches lifecycle lines under a stale admin id to the request acting on the instance', () => {
    const { out, byKey } = run([
      rec(0, { ...USER, requestId: REQ, instance: INST }),
      rec(3, { requestId: STALE, instance: INST, message: 'VM Started (Lifecycle Event)' }),
      rec(4, { requestId: STALE, instance: INST, message: 'Synchronizing instance power state after lifecycle event "Started"; current vm_state: building' }),
    ]);
    expect(byKey(REQ)!.records).toHaveLength(3);
    expect(out).toHaveLength(1);
  });

  it('splits a periodic admin id per instance and per task run instead of one giant operation', () => {
    const records = [];
    for (let i = 0; i < 30; i++) {
      records.push(rec(i * 60, { requestId: STALE, logger: 'oslo_service.periodic_task', message: 'Running periodic task ComputeManager._sync_power_states' }));
      records.push(rec(i * 60 + 1, { requestId: STALE, message: 'While synchronizing instance power states, found 2 instances in the database and 2 instances on the hypervisor.' }));
    }
    records.push(rec(100, { requestId: STALE, instance: INST, message: 'VM Stopped (Lifecycle Event)' }));
    records.push(rec(101, { requestId: STALE, instance: INST2, message: 'Instance shutdown by itself. Calling the stop API.' }));
    records.sort((a, b) => a.time - b.time);
    const { out } = run(records);
    expect(out.every((t) => t.background)).toBe(true);
    expect(out.filter((t) => t.instances.length === 0)).toHaveLength(30);
    expect(out.filter((t) => t.instances.length === 0).every((t) => t.records.length === 2)).toBe(true);
    expect(out.filter((t) => t.instances.includes(INST2))).toHaveLength(1);
    expect(new Set(out.map((t) => t.key)).size).toBe(out.length);
  });

  it('counts inert background segments instead of building them when asked to (onInertBackground)', () => {
    const records = [];
    for (let i = 0; i < 5; i++) {
      records.push(rec(i * 120, { requestId: STALE, logger: 'oslo_service.periodic_task', message: 'Running periodic task ComputeManager._sync_power_states' }));
      records.push(rec(i * 120 + 1, { requestId: STALE, logger: 'oslo_service.periodic_task', message: 'While synchronizing instance power states, found 2 instances in the database and 2 instances on the hypervisor.' }));
      records.push(rec(i * 120 + 2, { requestId: STALE, instance: INST, message: 'Lazy-loading \'flavor\' on Instance uuid ' + INST }));
      records.push(rec(i * 120 + 9, { requestId: STALE, instance: INST, message: 'Lazy-loading \'system_metadata\' on Instance uuid ' + INST }));
    }
    // A power-sync stop: a background operation a model matches (kept records), built as before.
    records.push(rec(700, { requestId: STALE, instance: INST2, message: 'Instance shutdown by itself. Calling the stop API. Current vm_state: active, current task_state: None, original DB power_state: 1, current VM power_state: 4' }));
    records.push(rec(701, { requestId: STALE, instance: INST2, logger: 'nova.compute.api', message: 'Going to try to stop instance' }));
    const thin = thinPolicy(loadModels([]));
    const built = run(records, { thin });
    const lasts: number[] = [];
    const counted = run(records, { thin, onInertBackground: (last: number) => lasts.push(last) });
    const inert = built.out.filter((t) => t.background && (t.instances.length === 0 || t.inert === true));
    expect(inert).toHaveLength(10);
    expect(counted.out).toEqual(built.out.filter((t) => !inert.includes(t)));
    expect(counted.out.map((t) => t.instances)).toEqual([[INST2]]);
    // Each with its Timeline's latest time, in the order they closed.
    const latest = (t: Timeline) => Math.max(...t.records.map((r) => r.time), ...(t.omitted ?? []).map((o) => o.lastTime));
    expect(lasts).toEqual(inert.map(latest));
    expect(counted.stats).toEqual(built.stats);
  });

  it('closes requests idle past the window, so memory follows requests in flight', () => {
    const emitted: string[] = [];
    const c = new Correlator((t) => emitted.push(t.key), { idleWindowMs: 60_000 });
    for (let i = 0; i < 5000; i++) {
      c.add(rec(i, { ...USER, requestId: `req-00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    }
    // After 5000 s of log time with a 60 s window, all but the last ~60+sweep requests are closed.
    // Sweeps run every 1024 records: at most the window (60) plus one sweep interval stay open.
    expect(emitted.length).toBeGreaterThanOrEqual(5000 - 1024 - 61);
    c.end();
    expect(emitted).toHaveLength(5000);
  });

  it('evicts the least recently active timeline beyond maxOpen and says so', () => {
    const { out, stats } = run(
      Array.from({ length: 10 }, (_, i) => rec(i, { ...USER, requestId: `req-00000000-0000-4000-8000-00000000000${i}` })),
      { maxOpen: 4 },
    );
    expect(stats.evicted).toBe(6);
    expect(out.filter((t) => t.closedBy === 'evicted').map((t) => t.key.slice(-1))).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('closes a read-only request a minute after its response line, a POST only after the idle window', () => {
    const GET = 'req-aaaaaaaa-0000-4000-8000-000000000001';
    const POST = 'req-aaaaaaaa-0000-4000-8000-000000000002';
    const api = { ...USER, service: 'api' as const, source: 'n-api.log', logger: 'nova.api.openstack.requestlog' };
    const emitted: Array<[string, number]> = [];
    const c = new Correlator((t) => emitted.push([t.key, t.records.length]), { idleWindowMs: 600_000 });
    c.add(rec(0, { ...api, requestId: GET, level: 'DEBUG', message: "Calling method '<bound method ServersController.show>'" }));
    c.add(rec(0.5, { ...api, requestId: GET, message: `10.0.0.5 "GET /v2.1/servers/${INST}" status: 200 len: 1893 microversion: 2.1 time: 0.0213` }));
    c.add(rec(1, { ...api, requestId: POST, message: `10.0.0.5 "POST /v2.1/servers/${INST}/action" status: 202 len: 0 microversion: 2.1 time: 0.1` }));
    // A late line of the answered request within the minute still joins it.
    c.add(rec(30, { ...api, requestId: GET, logger: 'nova.compute.api', message: 'late' }));
    const filler = (i: number, at: number) => c.add(rec(at, { ...USER, requestId: `req-bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    for (let i = 0; i < 1100; i++) filler(i, 31 + i * 0.05); // ends at 86 s: a sweep at 1024 records
    expect(emitted.map((e) => e[0])).not.toContain(GET);
    for (let i = 1100; i < 2200; i++) filler(i, 100 + i * 0.001); // past 90 s (30 s + a minute)
    expect(emitted).toContainEqual([GET, 3]);
    expect(emitted.map((e) => e[0])).not.toContain(POST);
    c.end();
    expect(emitted.filter((e) => e[0] === POST)).toHaveLength(1);
    expect(emitted).toHaveLength(2202);
  });

  it('evicts the least recently active across user requests and background segments alike', () => {
    const bg = { requestId: STALE, user: null, project: null };
    const { out, stats } = run(
      [
        rec(0, { ...USER, requestId: REQ }),
        rec(1, { ...bg, instance: INST }),
        rec(2, { ...USER, requestId: REQ2 }),
        rec(3, { ...USER, requestId: REQ }), // REQ active again: the segment is now the oldest
        rec(4, { ...USER, requestId: 'req-cccccccc-0000-4000-8000-000000000001' }),
      ],
      { maxOpen: 3 },
    );
    expect(stats.evicted).toBe(1);
    expect(out.find((t) => t.closedBy === 'evicted')?.background).toBe(true);
    expect(out.filter((t) => t.closedBy === 'end').map((t) => t.key)).toEqual([REQ2, REQ, 'req-cccccccc-0000-4000-8000-000000000001']);
  });

  describe('settling requests that have finished', () => {
    const DONE = 'req-dddddddd-0000-4000-8000-000000000001';
    const BUSY = 'req-dddddddd-0000-4000-8000-000000000002';
    const filler = (c: Correlator, from: number, to: number, at: (i: number) => number) => {
      for (let i = from; i < to; i++) c.add(rec(at(i), { ...USER, requestId: `req-eeeeeeee-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    };

    it('closes a request its caller takes as final once quiet past the settle window, and counts one that logs again', () => {
      const emitted: string[] = [];
      const offered: Array<[string, number]> = [];
      const settle = (ts: Timeline[]) => {
        const key = ts[0]!.key;
        if (key === DONE || key === BUSY) offered.push([key, ts[0]!.records.length]);
        return key !== BUSY; // the fillers too
      };
      const c = new Correlator((t) => emitted.push(t.key), { idleWindowMs: 600_000, settleWindowMs: 120_000, settle });
      c.add(rec(0, { ...USER, requestId: DONE, instance: INST }));
      c.add(rec(1, { ...USER, requestId: DONE, instance: INST }));
      c.add(rec(2, { ...USER, requestId: BUSY, instance: INST2 }));
      filler(c, 0, 1100, (i) => 3 + i * 0.1); // to 113 s: swept, nothing quiet for two minutes yet
      expect(offered).toEqual([]);
      filler(c, 1100, 2200, (i) => 130 + i * 0.001); // past 122 s
      expect(offered).toEqual([
        [DONE, 2],
        [BUSY, 1],
      ]);
      expect(emitted).not.toContain(DONE); // taken by the caller, not emitted
      expect(emitted).not.toContain(BUSY); // declined: held for the idle window
      expect(c.stats.settled).toBeGreaterThan(50); // DONE and the fillers quiet since 10 s
      // BUSY logs again, goes quiet again: offered a second time.
      c.add(rec(140, { ...USER, requestId: BUSY, instance: INST2 }));
      filler(c, 2200, 3300, (i) => 270 + i * 0.001);
      expect(offered.filter((o) => o[0] === BUSY)).toEqual([
        [BUSY, 1],
        [BUSY, 2],
      ]);
      // DONE logs again: a timeline of its own, counted.
      c.add(rec(280, { ...USER, requestId: DONE, instance: INST }));
      expect(c.stats.reopened).toBe(1);
      c.end();
      expect(emitted.filter((k) => k === DONE)).toHaveLength(1);
      expect(emitted.filter((k) => k === BUSY)).toHaveLength(1);
      expect(emitted.length + c.stats.settled).toBe(3300 + 3);
      expect(c.stats.timelines).toBe(3300 + 3);
    });

    it('does not count as reopened a request that logs again past the idle window (held, it would have closed too)', () => {
      const c = new Correlator(() => {}, { idleWindowMs: 300_000, settle: () => true });
      c.add(rec(0, { ...USER, requestId: DONE, instance: INST }));
      filler(c, 0, 1100, (i) => 200 + i * 0.01); // settled at ~210 s
      filler(c, 1100, 2200, (i) => 400 + i * 0.01); // the remembered key expires (its last line: 0 s)
      c.add(rec(420, { ...USER, requestId: DONE, instance: INST }));
      expect(c.stats.settled).toBeGreaterThan(0);
      expect(c.stats.reopened).toBe(0);
      const d = new Correlator(() => {}, { idleWindowMs: 300_000, settle: () => true });
      d.add(rec(0, { ...USER, requestId: DONE, instance: INST }));
      filler(d, 0, 1100, (i) => 200 + i * 0.01);
      d.add(rec(250, { ...USER, requestId: DONE, instance: INST }));
      expect(d.stats.reopened).toBe(1);
    });

    it('never offers a request still within the window where id-less lines may attach to it', () => {
      const offered: number[] = [];
      const settle = (ts: Timeline[]) => {
        if (ts[0]!.key === DONE) offered.push(ts[0]!.records.length);
        return true;
      };
      const c = new Correlator(() => {}, { settleWindowMs: 60_000, attachWindowMs: 120_000, settle });
      c.add(rec(0, { ...USER, requestId: DONE, instance: INST }));
      filler(c, 0, 1100, (i) => 1 + i * 0.1);
      // An id-less line 110 s later still attaches.
      c.add(rec(110, { instance: INST, message: 'Instance destroyed successfully.' }));
      filler(c, 1100, 2200, (i) => 240 + i * 0.001);
      expect(c.stats.attached).toBe(1);
      expect(offered).toEqual([2]);
    });

    it('offers the parts of a multi-create request together', () => {
      const offered: string[][] = [];
      const settle = (ts: Timeline[]) => {
        if (ts[0]!.requestId === DONE) offered.push(ts.map((t) => t.key));
        return true;
      };
      const c = new Correlator(() => {}, { settle });
      c.add(rec(0, { ...USER, requestId: DONE, service: 'api', source: 'n-api.log' }));
      c.add(rec(1, { ...USER, requestId: DONE, instance: INST }));
      c.add(rec(2, { ...USER, requestId: DONE, instance: INST2 }));
      filler(c, 0, 2200, (i) => 300 + i * 0.001);
      expect(offered).toEqual([[`${DONE}/${INST}`, `${DONE}/${INST2}`]]);
    });

    it('evicts the least recently active whether offered or not', () => {
      const { out } = run(
        [
          rec(0, { ...USER, requestId: REQ }),
          rec(200, { ...USER, requestId: REQ2 }),
          ...Array.from({ length: 1030 }, (_, i) => rec(201 + i * 0.001, { ...USER, requestId: REQ2 })), // a sweep: REQ declined
          rec(202, { ...USER, requestId: 'req-cccccccc-0000-4000-8000-000000000001' }),
          rec(203, { ...USER, requestId: 'req-cccccccc-0000-4000-8000-000000000002' }),
        ],
        { maxOpen: 3, settle: () => false },
      );
      expect(out.filter((t) => t.closedBy === 'evicted').map((t) => t.key)).toEqual([REQ]);
    });
  });

  it('bounds the records kept for one huge request: head and tail kept, middle counted', () => {
    const records = Array.from({ length: 1000 }, (_, i) => rec(i / 100, { ...USER, requestId: REQ, message: `m${i}` }));
    const { out } = run(records, { maxRecordsPerTimeline: 100 });
    const t = out[0]!;
    expect(t.records).toHaveLength(100);
    expect(t.droppedRecords).toBe(900);
    expect(t.records[0]!.message).toBe('m0');
    expect(t.records[49]!.message).toBe('m49');
    expect(t.records[50]!.message).toBe('m950');
    expect(t.records[99]!.message).toBe('m999');
  });
});

describe('Correlator, second step', () => {
  const NEUTRON = { user: 'neutron-user', project: 'service-project' };
  const EV = 'req-eeeeeeee-0000-4000-8000-000000000000';

  it('links neutron external-event requests to the operation on the instance, both ways', () => {
    const { byKey, stats } = run([
      rec(0, { ...USER, requestId: REQ, instance: INST, source: 'n-cpu-1.log' }),
      rec(2, { ...NEUTRON, requestId: EV, instance: INST, service: 'api', source: 'n-api.log', message: `Creating event network-vif-plugged:aaaa for instance ${INST} on cmp1` }),
      rec(2.1, { ...NEUTRON, requestId: EV, instance: INST, source: 'n-cpu-1.log', message: 'Received event network-vif-plugged-aaaa' }),
      rec(3, { instance: INST, source: 'n-cpu-1.log', message: 'Instance spawned successfully.' }),
    ]);
    expect(byKey(REQ)!.related).toEqual([EV]);
    expect(byKey(EV)!.related).toEqual([REQ]);
    // The [-] line goes to the build, not to the event relay that touched the same host later.
    expect(byKey(REQ)!.records.map((r) => r.message)).toContain('Instance spawned successfully.');
    expect(byKey(EV)!.records).toHaveLength(2);
    expect(stats.linked).toBe(2);
  });

  it('splits a multi-create request per instance, sharing the lines that name none', () => {
    const A = '00000000-0000-4000-8000-00000000000a';
    const B = '00000000-0000-4000-8000-00000000000b';
    const { out } = run([
      rec(0, { ...USER, requestId: REQ, service: 'api', source: 'n-api.log', message: 'Going to run 2 instances...' }),
      rec(1, { ...USER, requestId: REQ, service: 'conductor', source: 'n-cond.log', instance: A }),
      rec(1, { ...USER, requestId: REQ, service: 'conductor', source: 'n-cond.log', instance: B }),
      rec(2, { ...USER, requestId: REQ, instance: A, message: 'Starting instance...' }),
      rec(2, { ...USER, requestId: REQ, instance: B, source: 'n-cpu-2.log', message: 'Starting instance...' }),
    ]);
    out.sort((x, y) => x.key.localeCompare(y.key));
    expect(out.map((t) => t.key)).toEqual([`${REQ}/${A}`, `${REQ}/${B}`]);
    expect(out[0]!.records.map((r) => r.instance)).toEqual([null, A, A]);
    expect(out[1]!.records.map((r) => r.instance)).toEqual([null, B, B]);
  });

  it('does not split a single-instance request that mentions another instance outside compute', () => {
    const { out } = run([
      rec(0, { ...USER, requestId: REQ, instance: INST }),
      rec(1, { ...USER, requestId: REQ, instance: INST2, service: 'scheduler', source: 'n-sch.log' }),
    ]);
    expect(out).toHaveLength(1);
  });
});

describe('Correlator, background operations', () => {
  it('attaches [-] lines to a periodic operation (power-sync stop) when no user request qualifies', () => {
    const { out } = run([
      rec(0, { requestId: STALE, instance: INST, message: 'Instance shutdown by itself. Calling the stop API. Current vm_state: active, current task_state: None, original DB power_state: 1, current VM power_state: 4' }),
      rec(1, { requestId: STALE, instance: INST, logger: 'nova.compute.api', message: 'Going to try to stop instance' }),
      rec(2, { instance: INST, logger: 'nova.virt.libvirt.driver', message: 'Instance destroyed successfully.' }),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.background).toBe(true);
    expect(out[0]!.records.map((r) => r.message)).toContain('Instance destroyed successfully.');
  });

  it('prefers the user request over a background segment on the same instance', () => {
    const { byKey } = run([
      rec(0, { ...USER, requestId: REQ, instance: INST }),
      rec(1, { requestId: STALE, instance: INST, message: 'Updated the network info_cache for instance' }),
      rec(2, { instance: INST, message: 'Instance spawned successfully.' }),
    ]);
    expect(byKey(REQ)!.records.map((r) => r.message)).toContain('Instance spawned successfully.');
  });
});
