#!/usr/bin/env node
// The benchmark: `npm run bench` (builds first), or `node bench/run.mjs [--sizes 100M,1G] [--runs N] [--quick]`.
//
// For each dataset (generated into bench/data/ if missing or made by older generator code), with the page
// cache warm, runs every command N times and keeps the median wall time and the peak RSS:
//   nova-trace <req-id>   a request started half-way through the data (manifest.json's `middle`)
//   nova-trace list       every operation (skipped while the command does not exist)
//   grep -F <req-id>      the baseline an operator would otherwise use (also rg -F when installed)
//   lnav -n -c ':filter-in <req-id>'   when installed
// plus `nova-trace --version` startup. Prints a table, writes bench/results/<date>-<host>.json and
// bench/RESULTS.md. No assertion: the targets are reported, never enforced here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate, generatorHash } from './generate.mjs';
import { haveTime, measure, median, warmCache, which } from './harness/measure.mjs';
import { consoleTable, evaluateTargets, markdown } from './harness/report.mjs';
import { runTools } from './harness/rounds.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
// The build is copied to <data>/build/ first, so that a rebuild in the same checkout while the
// benchmark runs can neither break nor change what is measured.
let SNAP = join(HERE, 'data', 'build');
let BIN = join(SNAP, 'bin', 'nova-trace.js');
const NODE = process.execPath;
// NODE_EXTRA_CA_CERTS makes every node process parse a CA bundle at start-up (~0.1–0.4 s here); nova-trace
// never opens a TLS connection, so it runs without it (and so does the `node -e 0` baseline).
const NOVA_ENV = { ...process.env, NO_COLOR: '1', TZ: 'UTC' };
delete NOVA_ENV.NODE_EXTRA_CA_CERTS;

const DATASETS = {
  '100M': [
    { name: '100m-oslo', size: '100M', format: 'oslo', runs: 5 },
    { name: '100m-journal', size: '100M', format: 'journal', runs: 5 },
  ],
  '1G': [{ name: '1g-oslo', size: '1G', format: 'oslo', runs: 3 }],
  quick: [{ name: 'quick-oslo', size: '16M', format: 'oslo', runs: 2 }],
};

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

function parse() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100M,1G' },
      runs: { type: 'string' },
      quick: { type: 'boolean', default: false },
      data: { type: 'string', default: join(HERE, 'data') },
      seed: { type: 'string', default: '42' },
      timeout: { type: 'string', default: '1800' },
      'slow-after': { type: 'string', default: '60' },
      'no-write': { type: 'boolean', default: false },
      'no-lnav': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node bench/run.mjs [--sizes 100M,1G] [--runs N] [--quick] [--data DIR] [--seed 42] [--timeout SECONDS] [--slow-after SECONDS] [--no-write] [--no-lnav]\n');
    process.exit(0);
  }
  return values;
}

/** Generates a dataset unless a matching one (same size, format, seed, generator code) is there. */
async function ensureDataset(spec, dataDir, seed) {
  const dir = join(dataDir, spec.name);
  const mpath = join(dir, 'manifest.json');
  const hash = generatorHash();
  if (existsSync(mpath)) {
    const m = JSON.parse(readFileSync(mpath, 'utf8'));
    if (m.generatorHash === hash && m.size === spec.size && m.format === spec.format && m.seed === seed) return { dir, manifest: m };
    log(`${spec.name}: made by other generator code or options, generating again`);
  }
  log(`${spec.name}: generating ${spec.size} (${spec.format}) into ${dir}`);
  execFileSync('rm', ['-rf', dir]);
  const m = await generate({ size: spec.size, format: spec.format, seed, out: dir });
  log(`${spec.name}: ${(m.bytes / 1048576).toFixed(0)} MiB, ${m.lines} lines, ${m.operations} operations in ${m.generatedInSeconds.toFixed(1)} s`);
  return { dir, manifest: m };
}

/** Is `nova-trace <command>` implemented? (`list` is parsed as a request id until it exists.) */
function commandExists(cmd, probeFile) {
  const r = spawnSync(NODE, [BIN, cmd, probeFile], { encoding: 'utf8', env: NOVA_ENV, timeout: 60_000 });
  const missing = r.status !== 0 && /unknown command|is not a request id|too many arguments/i.test(r.stderr);
  return { exists: !missing, stderr: r.stderr.trim().split('\n')[0] };
}

/** Light correctness check: the request's records in --json ≈ the lines grep finds for its id. */
async function checkTrace(id, files, grepLines) {
  const r = await measure([NODE, BIN, id, ...files, '--json'], { env: NOVA_ENV, keepStdout: true });
  if (r.code !== 0) return { ok: false, summary: `--json exited ${r.code}` };
  let n;
  try {
    const doc = JSON.parse(r.stdout);
    n = doc.records.filter((x) => x.requestId === id || x.globalRequestId === id).length;
  } catch (e) {
    return { ok: false, summary: `--json output not parsed: ${e.message}` };
  }
  const ok = Math.abs(n - grepLines) <= Math.max(2, grepLines * 0.02);
  return { ok, records: n, grepLines, summary: `${n} records vs ${grepLines} grep lines ${ok ? '✓' : '✗'}` };
}

async function main() {
  const o = parse();
  const seed = Number(o.seed);
  const timeoutMs = Number(o.timeout) * 1000;
  const slowMs = Number(o['slow-after']) * 1000;
  if (!existsSync(join(ROOT, 'dist', 'cli', 'run.js'))) {
    log('dist/ is missing: run `npm run build` first (`npm run bench` does)');
    process.exit(2);
  }
  SNAP = join(resolve(o.data), 'build');
  BIN = join(SNAP, 'bin', 'nova-trace.js');
  execFileSync('rm', ['-rf', SNAP]);
  mkdirSync(SNAP, { recursive: true });
  execFileSync('cp', ['-r', join(ROOT, 'dist'), join(ROOT, 'bin'), join(ROOT, 'package.json'), SNAP]);
  symlinkSync(join(ROOT, 'node_modules'), join(SNAP, 'node_modules')); // the runtime dependencies, wherever --data is
  if (!existsSync(join(SNAP, 'dist', 'cli', 'run.js'))) throw new Error('copying dist/ failed (a build running at the same time?)');
  if (!haveTime()) log('/usr/bin/time is missing (apt-get install -y time): peak RSS will not be measured');
  const specs = o.quick ? DATASETS.quick : o.sizes.split(',').flatMap((s) => DATASETS[s.trim().toUpperCase()] ?? (log(`unknown size ${s} (known: 100M, 1G)`), []));
  const lnav = o['no-lnav'] ? null : which('lnav');
  const rg = which('rg');
  if (!lnav && !o['no-lnav']) log('lnav not installed (apt-get install -y lnav): its column is skipped');
  const notes = [];
  const result = {
    schema: 1,
    date: new Date().toISOString(),
    machine: {
      host: hostname(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memGiB: Math.round(totalmem() / 1073741824),
      os: `${type()} ${release()}`,
      loadAvgAtStart: loadavg().map((x) => +x.toFixed(2)),
      node: process.version,
      lnav: lnav ? spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout.trim() : null,
      grep: spawnSync('grep', ['-V'], { encoding: 'utf8' }).stdout.split('\n')[0],
      rg: rg ? spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : null,
    },
    novaTraceVersion: spawnSync(NODE, [BIN, '--version'], { encoding: 'utf8' }).stdout.trim(),
    commit: gitCommit(),
    config: { quick: o.quick, seed, runsNote: '' },
    datasets: [],
    startup: null,
    notes,
    targets: [],
  };

  const emptyProbe = join(o.data, 'probe-empty.log');
  mkdirSync(o.data, { recursive: true });
  writeFileSync(emptyProbe, '');
  const list = commandExists('list', emptyProbe);
  if (!list.exists) notes.push(`\`nova-trace list\` is not implemented yet (\`${list.stderr}\`): skipped; run the benchmark again once it exists.`);

  const runsUsed = new Set();
  for (const spec of specs) {
    const { dir, manifest } = await ensureDataset(spec, o.data, seed);
    const files = manifest.files.map((f) => join(dir, f.path));
    const id = manifest.middle?.id;
    if (!id) throw new Error(`${spec.name}: the manifest names no middle request`);
    const runs = o.runs ? Number(o.runs) : spec.runs;
    runsUsed.add(`${runs} runs (${spec.name})`);
    log(`${spec.name}: warming the page cache (${(manifest.bytes / 1048576).toFixed(0)} MiB), tracing ${id}`);
    warmCache(files);
    const tools = [
      { id: 'trace', label: 'nova-trace <req-id>', argv: [NODE, BIN, id, ...files], okCodes: [0], env: NOVA_ENV },
      { id: 'list', label: 'nova-trace list', argv: [NODE, BIN, 'list', ...files], okCodes: [0], env: NOVA_ENV, skip: list.exists ? null : 'not implemented yet' },
      { id: 'grep', label: 'grep -F <req-id>', argv: ['grep', '-F', id, ...files], okCodes: [0] },
      { id: 'rg', label: 'rg -F <req-id>', argv: ['rg', '--no-config', '-F', id, ...files], okCodes: [0], skip: rg ? null : 'rg not installed' },
      { id: 'lnav', label: "lnav -n -c ':filter-in <req-id>'", argv: ['lnav', '-n', '-c', `:filter-in ${id}`, ...files], okCodes: [0], env: { ...process.env, HOME: join(o.data, 'lnav-home') }, skip: lnav ? null : o['no-lnav'] ? 'disabled (--no-lnav)' : 'lnav not installed' },
    ];
    const d = { name: spec.name, format: spec.format, bytes: manifest.bytes, files: manifest.files.map((f) => f.path), middle: id, generated: summary(manifest), tools: {}, ratios: {}, checks: {} };
    for (const tool of tools) {
      if (tool.skip) d.tools[tool.id] = { label: tool.label, skipped: tool.skip };
      else if (tool.id === 'lnav') mkdirSync(tool.env.HOME, { recursive: true });
    }
    // `list` last in each round: it is the longest, and the three request searches then run back to back.
    const order = ['trace', 'grep', 'rg', 'lnav', 'list'];
    const measured = tools.filter((tool) => !tool.skip).sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    const timed = await runTools(measured, manifest.bytes, runs, { timeoutMs, slowMs, measure, log });
    for (const tool of tools) d.tools[tool.id] = timed[tool.id] ?? d.tools[tool.id];
    const t = d.tools;
    const fin = (x) => (Number.isFinite(x) ? x : NaN);
    d.ratios.traceOverGrep = fin(t.trace.medianMs / t.grep.medianMs);
    d.ratios.lnavOverTrace = fin(t.lnav?.medianMs / t.trace.medianMs);
    d.ratios.lnavOverList = fin(t.lnav?.medianMs / t.list?.medianMs);
    d.checks.trace = await checkTrace(id, files, t.grep.outLines ?? 0);
    d.checks.traceExit = t.trace.okRuns === t.trace.runsMs.length;
    if (!d.checks.trace.ok || !d.checks.traceExit) notes.push(`${spec.name}: trace check failed: ${d.checks.trace.summary}; exit codes ${t.trace.codes.join(',')}.`);
    result.datasets.push(d);
  }

  const startupRuns = o.quick ? 3 : 10;
  const st = [];
  for (let i = 0; i < startupRuns + 1; i++) {
    const r = await measure([NODE, BIN, '--version'], { env: NOVA_ENV });
    if (i > 0) st.push(r.wallMs);
  }
  const base = [];
  for (let i = 0; i < startupRuns + 1; i++) {
    const r = await measure([NODE, '-e', '0'], { env: NOVA_ENV });
    if (i > 0) base.push(r.wallMs);
  }
  result.startup = { runsMs: st, medianMs: median(st), nodeBaselineMs: median(base) };
  if (process.env.NODE_EXTRA_CA_CERTS) notes.push('NODE_EXTRA_CA_CERTS is set in this environment; it costs every node process a CA-bundle parse at start-up, so the nova-trace runs are made without it.');
  result.config.runsNote = [...runsUsed].join(', ');
  result.machine.loadAvgAtEnd = loadavg().map((x) => +x.toFixed(2));
  notes.push(`1-minute load average ${result.machine.loadAvgAtStart[0]} at the start, ${result.machine.loadAvgAtEnd[0]} at the end (${result.machine.cpus} cores): other work on the machine inflates wall times; the CPU column (user+sys) is less sensitive to it.`);
  if (lnav) notes.push('lnav has no counterpart of `list`; "lnav ÷ nova-trace list" compares with the same `:filter-in` run, which has to index every line as well.');
  notes.push('MB/s is dataset bytes (10^6) ÷ median wall time. Peak RSS is `/usr/bin/time -v` "Maximum resident set size" (largest of the runs). Every command\'s stdout goes through a pipe (GNU grep stops at the first match when writing to /dev/null).');
  result.targets = evaluateTargets(result);

  process.stdout.write('\n' + consoleTable(result) + '\n');
  if (o.quick || o['no-write']) {
    const p = join(o.data, 'last-result.json');
    writeFileSync(p, JSON.stringify(result, null, 1) + '\n');
    log(`results: ${p} (quick/no-write: bench/RESULTS.md left alone)`);
    return;
  }
  const resDir = join(HERE, 'results');
  mkdirSync(resDir, { recursive: true });
  const resPath = join(resDir, `${result.date.slice(0, 10)}-${result.machine.host}.json`);
  writeFileSync(resPath, JSON.stringify(result, null, 1) + '\n');
  writeFileSync(join(HERE, 'RESULTS.md'), markdown(result));
  log(`results: ${resPath}, bench/RESULTS.md`);
}

/** HEAD, marked when the build being measured may include uncommitted changes to src/. */
function gitCommit() {
  const head = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  if (!head) return null;
  const dirty = spawnSync('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).stdout.trim();
  return dirty ? `${head} + uncommitted src/ changes` : head;
}

function summary(m) {
  const { requests, ...rest } = m;
  return rest;
}

main().catch((e) => {
  log(e.stack ?? String(e));
  process.exit(1);
});
