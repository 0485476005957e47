#!/usr/bin/env node
// Writes realistic, deterministic Nova logs of a given size for the benchmark.
//
//   node bench/generate.mjs --size 100M --format oslo|journal --seed 42 --out bench/data/100m-oslo/
//
// oslo: n-api.log, n-cond.log, n-sch.log, n-cpu-<host>.log (one per compute host), Zed file format.
// journal: journal.txt, one mixed `journalctl -o short-precise` stream of every service (devstack format).
// Both: manifest.json with every request id generated (operation, instance, hosts, outcome, lines that
// carry the id) and `middle`, a successful boot started half-way through the data, to trace.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULTS, simulate } from './gen/simulate.mjs';

export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]i?B?|B)?$/i.exec(String(text).trim());
  if (!m) throw new Error(`bad size "${text}": expected e.g. 100M, 1G, 512K`);
  const unit = (m[2] ?? 'B').toUpperCase()[0];
  const mult = { B: 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[unit];
  return Math.round(Number(m[1]) * mult);
}

/** Hash of the generator's code: a dataset made by other code is stale and is generated again. */
export function generatorHash() {
  const here = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha1');
  for (const f of ['generate.mjs', ...readdirSync(join(here, 'gen')).sort().map((x) => `gen/${x}`)]) h.update(f).update(readFileSync(join(here, f)));
  return h.digest('hex').slice(0, 12);
}

export async function generate({ size, format = 'oslo', seed = 42, out, ...rest }) {
  const started = process.hrtime.bigint();
  const manifest = await simulate({ ...rest, targetBytes: parseSize(size), format, seed, out });
  manifest.size = size;
  manifest.generatorHash = generatorHash();
  manifest.generatedInSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  // one request per line: the list runs to tens of thousands of entries for 1 GiB
  const { requests, ...head } = manifest;
  const text = JSON.stringify(head, null, 1).replace(/\n}$/, `,\n "requests": [\n${requests.map((r) => '  ' + JSON.stringify(r)).join(',\n')}\n ]\n}\n`);
  writeFileSync(join(out, 'manifest.json'), text);
  return manifest;
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100M' },
      format: { type: 'string', default: 'oslo' },
      seed: { type: 'string', default: String(DEFAULTS.seed) },
      out: { type: 'string' },
      hosts: { type: 'string' },
      'ops-per-second': { type: 'string' },
      'instances-per-host': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    process.stdout.write('usage: node bench/generate.mjs --size 100M|1G --format oslo|journal [--seed 42] --out DIR\n' +
      '       [--hosts 24] [--ops-per-second 5] [--instances-per-host 120]\n');
    process.exit(values.help ? 0 : 2);
  }
  const opts = { size: values.size, format: values.format, seed: Number(values.seed), out: values.out };
  if (values.hosts) opts.hosts = Number(values.hosts);
  if (values['ops-per-second']) opts.opsPerSecond = Number(values['ops-per-second']);
  if (values['instances-per-host']) opts.instancesPerHost = Number(values['instances-per-host']);
  const m = await generate(opts);
  const mb = (m.bytes / 1048576).toFixed(1);
  process.stderr.write(
    `generate: ${mb} MiB, ${m.lines} lines in ${m.files.length} file(s), ${m.operations} operations ` +
      `(in flight: mean ${m.inFlight.mean}, max ${m.inFlight.max}), periodic ${(m.lineShare.periodic * 100).toFixed(1)}% of lines, ` +
      `${m.timeRange.start} → ${m.timeRange.end}, ${m.generatedInSeconds.toFixed(1)} s (${(m.bytes / 1048576 / m.generatedInSeconds).toFixed(0)} MiB/s)\n` +
      `generate: middle request ${m.middle?.id ?? '(none)'} (${m.middle?.op ?? '-'}, ${m.middle?.lines ?? 0} lines)\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    process.stderr.write(`generate: ${e.stack ?? e}\n`);
    process.exit(1);
  });
}
