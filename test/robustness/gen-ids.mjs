#!/usr/bin/env node
// Writes a Nova API log with N distinct request ids to stdout, for the memory tests: every request is a
// boot (its API access line) whose compute lines ("Starting instance...", "Took … seconds to build
// instance.") follow `gap` requests later; one request in `longEvery` waits far longer (a slow
// build) so that, with a small in-flight bound, some operations are cut short by eviction.
//
//   node test/robustness/gen-ids.mjs --ids 10000000 [--gap 50] [--long-every 1000] [--long-gap 100000]
//   node test/robustness/gen-ids.mjs --one-request 1000000      one request with a million lines
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    ids: { type: 'string', default: '1000' },
    gap: { type: 'string', default: '50' },
    'long-every': { type: 'string', default: '1000' },
    'long-gap': { type: 'string', default: '100000' },
    'one-request': { type: 'string' },
  },
});

const out = process.stdout;
let buf = '';
async function write(s) {
  buf += s;
  if (buf.length > 1 << 20) await flush();
}
async function flush() {
  const chunk = buf;
  buf = '';
  if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
}
out.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const T0 = Date.UTC(2026, 10, 21, 18, 0, 0);
function stamp(ms) {
  return new Date(T0 + ms).toISOString().replace('T', ' ').replace('Z', '');
}
function uuid(n, salt) {
  const h = (n * 2654435761 + salt * 40503) >>> 0;
  const hex = (x, w) => (x >>> 0).toString(16).padStart(w, '0').slice(-w);
  return `${hex(h, 8)}-${hex(n >>> 16, 4)}-4${hex(n, 3)}-8${hex(salt, 3)}-${hex(n, 12)}`;
}
const ctx = (req) => `[None req-${req} 6f1d2c3b4a5948e7a1b2c3d4e5f60718 9a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6 - - default default]`;

if (values['one-request'] !== undefined) {
  // One boot request whose compute side logs a million lines (a pathological debug loop).
  const n = Number(values['one-request']);
  const req = uuid(1, 1);
  const inst = uuid(1, 2);
  await write(`${stamp(0)} 100 INFO nova.api.openstack.requestlog ${ctx(req)} 10.0.0.5 "POST /v2.1/servers" status: 202 len: 414 microversion: 2.90 time: 0.700000\n`);
  await write(`${stamp(1)} 200 DEBUG nova.compute.manager ${ctx(req)} [instance: ${inst}] Starting instance... _do_build_and_run_instance /opt/stack/nova/nova/compute/manager.py:2478\n`);
  for (let i = 0; i < n; i++) {
    await write(`${stamp(2 + Math.floor(i / 100))} 200 DEBUG nova.virt.libvirt.driver ${ctx(req)} [instance: ${inst}] Waiting for the guest, poll ${i} _wait /opt/stack/nova/nova/virt/libvirt/driver.py:1\n`);
  }
  await write(`${stamp(3 + Math.floor(n / 100))} 200 INFO nova.compute.manager ${ctx(req)} [instance: ${inst}] Took 3.52 seconds to build instance.\n`);
} else {
  const ids = Number(values.ids);
  const gap = Number(values.gap);
  const longEvery = Number(values['long-every']);
  const longGap = Number(values['long-gap']);
  // Pending compute lines, keyed by the step at which they are due (a small ring of buckets).
  const due = new Map();
  const later = (step, line) => {
    const list = due.get(step);
    if (list) list.push(line);
    else due.set(step, [line]);
  };
  for (let i = 0; i < ids + longGap + gap; i++) {
    const ms = i * 5;
    if (i < ids) {
      const req = uuid(i, 7);
      const inst = uuid(i, 9);
      await write(`${stamp(ms)} 100 INFO nova.api.openstack.requestlog ${ctx(req)} 10.0.0.5 "POST /v2.1/servers" status: 202 len: 414 microversion: 2.90 time: 0.700000\n`);
      const g = longEvery > 0 && i % longEvery === 0 ? longGap : gap;
      later(i + g, [req, inst]);
    }
    const list = due.get(i);
    if (list) {
      due.delete(i);
      for (const [req, inst] of list) {
        await write(`${stamp(ms + 1)} 200 DEBUG nova.compute.manager ${ctx(req)} [instance: ${inst}] Starting instance... _do_build_and_run_instance /opt/stack/nova/nova/compute/manager.py:2478\n`);
        await write(`${stamp(ms + 2)} 200 INFO nova.compute.manager ${ctx(req)} [instance: ${inst}] Took 3.52 seconds to build instance.\n`);
      }
    }
    if (i >= ids && due.size === 0) break;
  }
}
await flush();
