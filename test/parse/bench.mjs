// Micro-benchmark of the parse hot path (not a test). Build first (`npm run build`, or
// `npx tsc -p tsconfig.json --outDir /tmp/ntb` and NOVA_TRACE_DIST=/tmp/ntb), then:
//   node test/parse/bench.mjs [lines=1000000]
// Prints lines/s and MB/s (per CPU second) for oslo (Zed, DEBUG-heavy), journal short-precise and json lines.
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = resolve(process.env.NOVA_TRACE_DIST ?? join(here, '../../dist'));
const { createAssembler } = await import(pathToFileURL(join(dist, 'parse/index.js')).href);
const N = Number(process.argv[2] ?? 1_000_000);

const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
const ctxBlock = `[None ${REQ} 6f1d2c3b4a5948e7a1b2c3d4e5f60718 9a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6 - - default default]`;
const pad = (n, w = 2) => String(n).padStart(w, '0');
function stamp(i) {
  const ms = i * 7;
  const s = Math.floor(ms / 1000);
  return `2026-11-21 ${pad(10 + Math.floor(s / 3600) % 14)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(ms % 1000, 3)}`;
}
const osloBodies = [
  `DEBUG oslo_concurrency.lockutils ${ctxBlock} Lock "${INST}" acquired by "nova.compute.manager.ComputeManager.build_and_run_instance.<locals>._locked_do_build_and_run_instance" :: waited 0.000s inner /usr/lib/python3/dist-packages/oslo_concurrency/lockutils.py:409`,
  `INFO nova.compute.claims ${ctxBlock} [instance: ${INST}] Claim successful on node cmp1`,
  `DEBUG nova.compute.manager ${ctxBlock} [instance: ${INST}] Start spawning the instance on the hypervisor. _build_and_run_instance /usr/lib/python3/dist-packages/nova/compute/manager.py:2684`,
  `INFO nova.virt.libvirt.driver [-] [instance: ${INST}] Instance spawned successfully.`,
  `INFO nova.compute.manager ${ctxBlock} [instance: ${INST}] Took 12.31 seconds to build instance.`,
];
function oslo(i) {
  return `${stamp(i)} ${4242 + (i % 4)} ${osloBodies[i % osloBodies.length]}`;
}
function journal(i) {
  const b = osloBodies[i % osloBodies.length].replace(/ (\S+) (\S+:\d+)$/, ' {{(pid=81234) $1 $2}}').replace(ctxBlock, `[None ${REQ} admin admin]`);
  return `Nov 21 ${stamp(i).slice(11)}${pad(i % 1000, 3)} node1 nova-compute[81234]: ${b}`;
}
function json(i) {
  return JSON.stringify({ __REALTIME_TIMESTAMP: String(1795000000000000 + i * 7000), _HOSTNAME: 'node1', SYSLOG_IDENTIFIER: 'nova-compute', _PID: '81234', PRIORITY: '6', MESSAGE: journal(i).slice(journal(i).indexOf(': ') + 2) });
}

function bench(name, make) {
    // 2,000 distinct lines joined and split again (sliced strings, like the input stage makes), repeated:
  // in the pipeline a line is parsed right after it was split, so it is hot in cache.
  const block = Array.from({ length: 2000 }, (_, i) => make(i)).join('\n').split('\n');
  const lines = [];
  while (lines.length < Math.min(N, 100_000)) lines.push(...block);
  const bytes = lines.reduce((n, l) => n + l.length + 1, 0);
  let records = 0;
  const round = () => {
    const a = createAssembler({ source: 'bench', service: null, host: null, year: 2026, referenceTime: null }, () => records++);
    for (let i = 0; i < lines.length; i++) a.push(lines[i], i + 1);
    a.end();
  };
  round(); // warm-up
  // Best round by CPU time (not wall time): stays comparable on a busy machine.
  const rounds = Math.max(3, Math.round(N / lines.length));
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    round();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1e6);
  }
  const s = best;
  const n = lines.length;
  const bytesPerRound = bytes;
  console.log(`${name.padEnd(14)} ${(n / s / 1e6).toFixed(2)} M lines/s  ${(bytesPerRound / s / 1e6).toFixed(0)} MB/s  (best of ${rounds} rounds of ${n} lines, avg ${Math.round(bytes / lines.length)} B)`);
}

const only = process.env.BENCH_ONLY;
if (!only || only === 'oslo') bench('oslo', oslo);
if (!only || only === 'journal') bench('journal-short', journal);
if (!only || only === 'json') bench('journal-json', json);
