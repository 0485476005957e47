#!/usr/bin/env node
// `npm run fuzz`: the property tests of test/robustness with many more cases.
//   node test/fuzz/run.mjs [--runs 100000] [--seed N] [--path P] [--files glob…]
// Each property runs `--runs` cases (weighted per property, see test/robustness/settings.ts) from one
// seed; a failure prints fast-check's counterexample with the seed and path, and this script repeats
// the command that replays it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const runs = Number(opt('runs', '100000'));
const seed = Number(opt('seed', String(Math.floor(Math.random() * 2 ** 31))));
const path = opt('path', undefined);
const files = opt('files', 'test/robustness/parser.property.test.ts test/robustness/pipeline.property.test.ts').split(' ');
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('usage: node test/fuzz/run.mjs [--runs N] [--seed N] [--path P] [--files "a.test.ts b.test.ts"]');
  process.exit(2);
}

console.log(`fuzz: ${runs} cases per property, seed ${seed}${path ? `, replaying path ${path}` : ''}`);
const started = Date.now();
const env = { ...process.env, NOVA_TRACE_FUZZ_RUNS: String(runs), NOVA_TRACE_FUZZ_SEED: String(seed) };
if (path) env.NOVA_TRACE_FUZZ_PATH = path;
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', ...files, '--reporter=default', '--outputFile.json=/dev/null'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (r.status === 0) {
  console.log(`fuzz: passed, ${runs} cases per property in ${secs} s (seed ${seed})`);
} else {
  console.error(`fuzz: FAILED after ${secs} s. Replay: node test/fuzz/run.mjs --runs ${runs} --seed ${seed} (add --path from the counterexample above)`);
}
process.exit(r.status ?? 1);
