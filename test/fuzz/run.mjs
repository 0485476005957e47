#!/usr/bin/env node
// `npm run fuzz`: the property tests of test/robustness with many more cases and a fresh seed, then
// the memory and size runs (test/fuzz/memory.mjs). Prints cases per second, and for any failure the
// seed and path with the command that replays it.
//
//   node test/fuzz/run.mjs                         1e5 cases shared by all properties, random seed
//   node test/fuzz/run.mjs --runs 1000000 --seed 42
//   node test/fuzz/run.mjs --seed 42 --path "17:3:0" --only "assembler"   replay one counterexample
//   node test/fuzz/run.mjs --no-memory | --memory-only [--ids 10000000 --request-lines 1000000]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    path: { type: 'string' },
    only: { type: 'string' },
    'no-memory': { type: 'boolean', default: false },
    'memory-only': { type: 'boolean', default: false },
    ids: { type: 'string', default: '10000000' },
    'request-lines': { type: 'string', default: '1000000' },
  },
});

const seed = values.seed ?? String(Date.now() % 2 ** 31);
let failed = false;

if (!values['memory-only']) {
  const work = mkdtempSync(join(tmpdir(), 'nova-trace-fuzz-'));
  const log = join(work, 'runs.jsonl');
  const report = join(work, 'vitest.json');
  process.stdout.write(`fuzz: ${values.runs} cases shared by the properties of test/robustness, seed ${seed}\n`);
  // test/fuzz/vitest.config.mjs: only the property files, and a JSON report of our own.
  const args = [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', join(ROOT, 'test', 'fuzz', 'vitest.config.mjs')];
  if (values.only) args.push('--testNamePattern', values.only);
  const started = Date.now();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NOVA_TRACE_FUZZ_RUNS: values.runs,
      NOVA_TRACE_FUZZ_SEED: seed,
      NOVA_TRACE_FUZZ_LOG: log,
      NOVA_TRACE_FUZZ_REPORT: report,
      ...(values.path ? { NOVA_TRACE_FUZZ_PATH: values.path } : {}),
    },
  });
  const wall = (Date.now() - started) / 1000;
  const runs = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const results = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null;
  const tests = results ? results.testResults.flatMap((f) => f.assertionResults) : [];
  let total = 0;
  let busy = 0;
  process.stdout.write('\nproperty                                                                             cases   seconds   cases/s\n');
  for (const t of tests) {
    const entry = runs.find((x) => t.fullName.endsWith(x.test) || x.test.endsWith(t.title));
    if (!entry) continue;
    const s = (t.duration ?? 0) / 1000;
    total += entry.runs;
    busy += s;
    process.stdout.write(`${(t.status === 'passed' ? '  ' : '✗ ') + t.title.slice(0, 80).padEnd(82)} ${String(entry.runs).padStart(7)} ${s.toFixed(1).padStart(9)} ${(entry.runs / Math.max(s, 0.001)).toFixed(0).padStart(9)}\n`);
    if (t.status !== 'passed') {
      failed = true;
      const m = /seed: (-?\d+), path: "([^"]*)"/.exec((t.failureMessages ?? []).join('\n'));
      process.stdout.write(
        m
          ? `    replay: node test/fuzz/run.mjs --no-memory --seed ${m[1]} --path "${m[2]}" --only ${JSON.stringify(t.title)}\n`
          : `    (no seed in the failure: see the output above; seed of this run ${seed})\n`,
      );
    }
  }
  process.stdout.write(`total: ${total} cases in ${wall.toFixed(0)} s wall (${busy.toFixed(0)} s in tests, files in parallel): ${(total / wall).toFixed(0)} cases/s, seed ${seed}\n`);
  if (r.status !== 0) failed = true;
  if (total < Number(values.runs) * 0.9 && !values.only && !values.path) {
    process.stdout.write(`fuzz: only ${total} of the ${values.runs} cases ran\n`);
    failed = true;
  }
  rmSync(work, { recursive: true, force: true });
}

if (!values['no-memory'] && !failed) {
  const r = spawnSync(process.execPath, [join(ROOT, 'test', 'fuzz', 'memory.mjs'), '--ids', values.ids, '--request-lines', values['request-lines']], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed = true;
}

process.exitCode = failed ? 1 : 0;
