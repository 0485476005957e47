#!/usr/bin/env node
// The memory and size runs of `npm run fuzz` (too slow for `npm test`), against the built binary:
//   1. N distinct request ids (10 million by default) streamed through `nova-trace list -`: peak RSS
//      under 300 MB, every operation listed, eviction reported.
//   2. One request with a million lines: works, bounded, "N more lines not shown"; time measured.
//   3. `list --json` over 200k requests: one whole document (it once died of "Invalid string length").
// Peak RSS comes from /usr/bin/time when installed (apt-get install time), else from /proc VmHWM.
//
//   node test/fuzz/memory.mjs [--ids 10000000] [--request-lines 1000000] [--rss-limit-mb 300]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'nova-trace.js');
const GEN = join(ROOT, 'test', 'robustness', 'gen-ids.mjs');
const { values } = parseArgs({
  options: {
    ids: { type: 'string', default: '10000000' },
    'request-lines': { type: 'string', default: '1000000' },
    'rss-limit-mb': { type: 'string', default: '300' },
  },
});
const RSS_LIMIT = Number(values['rss-limit-mb']);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
let failed = false;

function check(ok, what) {
  process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${what}\n`);
  if (!ok) failed = true;
}

/**
 * Runs `gen-ids.mjs genArgs | nova-trace args`; returns the tail of stdout (and its byte count),
 * stderr, exit code, wall seconds and peak RSS of nova-trace in MB.
 */
function pipeline(genArgs, args, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const gen = spawn(process.execPath, [GEN, ...genArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    const cmd = TIME ? [TIME, '-f', 'NOVA_TRACE_RSS_KB %M', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
    const nt = spawn(cmd[0], cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...env } });
    gen.stdout.pipe(nt.stdin);
    nt.stdin.on('error', () => {});
    let tail = '';
    let bytes = 0;
    let head = '';
    nt.stdout.on('data', (b) => {
      bytes += b.length;
      if (head.length < 4096) head += b.toString('utf8');
      tail = (tail + b.toString('utf8')).slice(-8192);
    });
    let stderr = '';
    nt.stderr.on('data', (b) => (stderr += b.toString('utf8')));
    // Without /usr/bin/time: poll the high-water mark of the process's resident set.
    let hwm = 0;
    const poll = TIME
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${nt.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {
            // exited
          }
        }, 100);
    nt.on('close', (code) => {
      if (poll) clearInterval(poll);
      const m = /NOVA_TRACE_RSS_KB (\d+)/.exec(stderr);
      const rssKb = m ? Number(m[1]) : hwm;
      resolve({ code, head, tail, bytes, stderr: stderr.replace(/NOVA_TRACE_RSS_KB \d+\n?/, ''), seconds: (Date.now() - started) / 1000, rssMb: rssKb / 1024 });
    });
  });
}

// 1. Many distinct request ids.
{
  const ids = Number(values.ids);
  process.stdout.write(`memory: ${ids} distinct request ids through nova-trace list - (every 1000th waits 100000 requests: cut short by eviction)\n`);
  const r = await pipeline(['--ids', String(ids), '--gap', '50', '--long-every', '1000', '--long-gap', '100000'], ['list', '-']);
  const counts = /^(\d+) operations?: (\d+) completed/m.exec(r.tail);
  const cut = /(\d+) operations? cut short by eviction/.exec(r.tail);
  process.stdout.write(`  ${r.seconds.toFixed(0)} s, peak RSS ${r.rssMb.toFixed(0)} MB, ${(ids / r.seconds).toFixed(0)} requests/s, ${(r.bytes / 1e6).toFixed(0)} MB of output\n`);
  check(r.code === 0, `exit 0 (${r.code})${r.stderr ? `; stderr: ${r.stderr.slice(0, 500)}` : ''}`);
  check(r.rssMb > 0 && r.rssMb < RSS_LIMIT, `peak RSS ${r.rssMb.toFixed(0)} MB < ${RSS_LIMIT} MB`);
  check(counts !== null && Number(counts[2]) === ids, `every boot listed as completed (${counts?.[2]} of ${ids})`);
  check(cut !== null && Number(cut[1]) > 0, `the summary says how many operations were cut short by eviction (${cut?.[1]})`);
}

// 2. One request with a million lines.
{
  const n = Number(values['request-lines']);
  process.stdout.write(`memory: one request with ${n} lines through nova-trace <request-id> -\n`);
  const r = await pipeline(['--one-request', String(n)], ['req-9e3817e8-0000-4001-8001-000000000001', '-']);
  process.stdout.write(`  ${r.seconds.toFixed(1)} s, peak RSS ${r.rssMb.toFixed(0)} MB, ${(n / r.seconds).toFixed(0)} lines/s\n`);
  check(r.code === 0, `exit 0 (${r.code})${r.stderr ? `; stderr: ${r.stderr.slice(0, 500)}` : ''}`);
  check(r.tail.includes(`${n + 3 - 20000} more lines not shown`), '"N more lines not shown" for the middle of the request');
  check(r.rssMb < RSS_LIMIT, `peak RSS ${r.rssMb.toFixed(0)} MB < ${RSS_LIMIT} MB`);
}

// 3. A JSON document bigger than V8's longest string.
{
  process.stdout.write('memory: nova-trace list --json over 200000 requests (over 512 MB of JSON)\n');
  const r = await pipeline(['--ids', '200000', '--gap', '20'], ['list', '--json', '-']);
  process.stdout.write(`  ${r.seconds.toFixed(0)} s, peak RSS ${r.rssMb.toFixed(0)} MB, ${(r.bytes / 1e6).toFixed(0)} MB of JSON\n`);
  check(r.code === 0, `exit 0 (${r.code})${r.stderr ? `; stderr: ${r.stderr.slice(0, 500)}` : ''}`);
  check(r.head.startsWith('{\n  "schemaVersion": 1,') && /"cutShortByEviction": \d+,\n  "reopened": \d+\n}\n$/.test(r.tail), 'one whole document');
}

process.stdout.write(failed ? 'memory: FAILED\n' : 'memory: passed\n');
process.exitCode = failed ? 1 : 0;
