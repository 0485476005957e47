#!/usr/bin/env node
// CPU profile of one nova-trace command on a benchmark dataset, summarised as the top self-time
// functions (mapped back to src/*.ts through dist's source maps) and the time per source file.
//
//   node bench/profile.mjs [--dataset 100m-oslo] [--top 25] trace|list
//
// Writes the raw .cpuprofile to bench/data/profiles/ (open it in Chrome DevTools or speedscope).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dataset: { type: 'string', default: '100m-oslo' }, top: { type: 'string', default: '25' }, out: { type: 'string' } },
});
const command = positionals[0] ?? 'trace';
const dir = join(HERE, 'data', values.dataset);
if (!existsSync(join(dir, 'manifest.json'))) {
  process.stderr.write(`profile: ${dir} has no dataset; run the benchmark (or bench/generate.mjs) first\n`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const files = manifest.files.map((f) => join(dir, f.path));
const args = command === 'list' ? ['list', ...files] : [manifest.middle.id, ...files];
const profDir = join(HERE, 'data', 'profiles', `${values.dataset}-${command}`);
rmSync(profDir, { recursive: true, force: true });
mkdirSync(profDir, { recursive: true });

/** As in run.mjs: no CA bundle parse at start-up (nova-trace opens no TLS connection). */
function novaEnv() {
  const env = { ...process.env, NO_COLOR: '1', TZ: 'UTC' };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

const t0 = Date.now();
const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', '200', join(ROOT, 'bin', 'nova-trace.js'), ...args], {
  env: novaEnv(),
  stdio: ['ignore', 'ignore', 'pipe'],
  maxBuffer: 1 << 26,
});
const wall = Date.now() - t0;
if (r.status !== 0) process.stderr.write(`profile: nova-trace exited ${r.status}: ${r.stderr.toString().slice(0, 500)}\n`);
const profFile = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
const prof = JSON.parse(readFileSync(join(profDir, profFile), 'utf8'));

// Source maps of dist/*.js, loaded on demand.
const maps = new Map();
function mapped(url, line, col) {
  if (!url.startsWith('file://')) return null;
  const path = fileURLToPath(url);
  if (!path.endsWith('.js')) return null;
  let sm = maps.get(path);
  if (sm === undefined) {
    sm = null;
    if (existsSync(path + '.map')) {
      try {
        sm = new SourceMap(JSON.parse(readFileSync(path + '.map', 'utf8')));
      } catch {
        sm = null;
      }
    }
    maps.set(path, sm);
  }
  if (sm === null) return null;
  const e = sm.findEntry(line, col);
  if (!e || !e.originalSource) return null;
  const src = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : resolve(dirname(path), e.originalSource);
  return `${relative(ROOT, src)}:${e.originalLine + 1}`;
}

function where(cf) {
  if (!cf.url) return cf.functionName ? '(native)' : '';
  const m = mapped(cf.url, cf.lineNumber, cf.columnNumber);
  if (m) return m;
  const p = cf.url.startsWith('file://') ? relative(ROOT, fileURLToPath(cf.url)) : cf.url;
  return `${p}:${cf.lineNumber + 1}`;
}

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const perFile = new Map();
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const n = byId.get(prof.samples[i]);
  const dt = prof.timeDeltas[i] ?? 0;
  total += dt;
  const cf = n.callFrame;
  const loc = where(cf);
  const key = `${cf.functionName || '(anonymous)'}\t${loc}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const file = loc.replace(/:\d+$/, '') || cf.functionName;
  perFile.set(file, (perFile.get(file) ?? 0) + dt);
}
const top = Number(values.top);
const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
const lines = [];
lines.push(`nova-trace ${command} on ${values.dataset} (${(manifest.bytes / 1048576).toFixed(0)} MiB): wall ${wall} ms with the profiler, ${(total / 1000).toFixed(0)} ms sampled`);
lines.push('');
lines.push('self %   self ms  function  (location)');
for (const [k, v] of rows) {
  const [fn, loc] = k.split('\t');
  lines.push(`${((v / total) * 100).toFixed(1).padStart(6)}  ${(v / 1000).toFixed(0).padStart(8)}  ${fn}  (${loc})`);
}
lines.push('');
lines.push('self % by file');
for (const [f, v] of [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`${((v / total) * 100).toFixed(1).padStart(6)}  ${f}`);
const text = lines.join('\n') + '\n';
process.stdout.write(text);
writeFileSync(values.out ?? join(profDir, 'summary.txt'), text);
