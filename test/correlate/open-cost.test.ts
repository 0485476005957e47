// What an open request costs: thousands are open at once on a busy log (1 GiB of the benchmark's logs:
// ~10 600 at a time, 4 700 of them user requests held for the 10-minute idle window), so a few hundred
// bytes more per request is megabytes of peak memory. Measured as heap after a full collection, with
// requests shaped like the benchmark's: an instance, two places, kept lines (stage markers, an access
// line), inert DEBUG lines, and a periodic-task segment per instance.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../../src/correlate/index.js';
import { thinPolicy } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import type { LogRecord, Timeline } from '../../src/types.js';
import { rec, USER } from '../helpers/record.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const policy = thinPolicy(loadModels([]));
const N = 4000;

const hex = (i: number, width: number) => i.toString(16).padStart(width, '0');
/** Fresh strings, as the parser gives them (slices of their own line), not one shared constant. */
const fresh = (s: string) => (' ' + s).slice(1);

function records(i: number): LogRecord[] {
  const req = fresh(`req-${hex(i, 8)}-0000-4000-8000-${hex(i, 12)}`);
  const inst = fresh(`${hex(i, 8)}-1111-4000-8000-${hex(i, 12)}`);
  const at = i * 0.01;
  const api = { ...USER, requestId: req, service: 'api' as const, source: 'n-api.log', host: 'ctl1', logger: 'nova.api.openstack.wsgi' };
  const cpu = { ...USER, requestId: req, instance: inst, source: 'n-cpu.log', host: 'cmp1' };
  const admin = { requestId: fresh('req-00000000-aaaa-4000-8000-000000000000'), instance: inst, source: 'n-cpu.log', host: 'cmp1', logger: 'nova.compute.manager' };
  return [
    rec(at, { ...api, level: 'DEBUG', message: fresh(`Action: 'action', calling method: <bound method ServersController._stop_server>, body: {"os-stop": null}`) }),
    rec(at, { ...api, level: 'INFO', message: fresh(`10.0.0.1 "POST /v2.1/servers/${inst}/action" status: 202 len: 0 microversion: 2.90 time: 0.1`) }),
    rec(at + 0.1, { ...cpu, level: 'INFO', message: fresh('Stopping instance...') }),
    ...Array.from({ length: 6 }, (_, k) => rec(at + 0.2 + k * 0.01, { ...cpu, level: 'DEBUG', logger: 'oslo_concurrency.lockutils', message: fresh(`Lock "compute_resources" acquired by "nova.compute.resource_tracker.ResourceTracker._update" :: waited 0.00${k}s`) })),
    rec(at + 1, { ...cpu, level: 'INFO', message: fresh('Instance shutdown successfully after 3 seconds.') }),
    rec(at + 1.1, { ...cpu, level: 'INFO', message: fresh('VM Stopped (Lifecycle Event)') }),
    rec(at + 2, { ...admin, level: 'DEBUG', message: fresh('Triggering sync for uuid ' + inst) }),
  ];
}

function heapOfOpen(n: number): number {
  const emitted: Timeline[] = [];
  const c = new Correlator((t) => emitted.push(t), { thin: policy });
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) for (const r of records(i)) c.add(r);
  gc();
  const after = process.memoryUsage().heapUsed;
  expect(emitted).toHaveLength(0); // all still open
  c.end();
  expect(emitted.filter((t) => !t.background)).toHaveLength(n);
  return (after - before) / n;
}

describe('an open request', () => {
  it('costs a bounded amount of heap (user request + its periodic-task segment)', () => {
    heapOfOpen(200); // warm up: compiled code, shapes, the policy's regexes
    const perRequest = heapOfOpen(N);
    // 6.2 KB when the short lists grew by `push` (17 slots reserved for a first element) and a Map held
    // the inert records; 5.0 KB with exact-size arrays; 4.2 KB with ids copied once (not once per
    // table reset), a segment's key built when it closes and no Set per instance; 4.1 KB with copies that
    // are flat strings rather than views of one. The bound leaves room
    // for a field or two, not for a Map or a pushed array more.
    expect(perRequest).toBeLessThan(4500);
  });
});
