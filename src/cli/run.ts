// Process entry: the only place that reads process.* and sets the exit code.
import { fstatSync } from 'node:fs';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

function stdinIsPiped(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    return false;
  }
}

// Writing into a closed pipe (`nova-trace list | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// (`--version` alone is answered by bin/nova-trace.js before this module is loaded.)
const args = process.argv.slice(2);

// Ctrl-C: with nothing written yet (every command but a paged `list` writes at the end), stop now:
// stdout stays empty, so a --json document is never cut. Once output has begun, a paged `list` stops
// at its next page and a JSON document being written is finished first; a second Ctrl-C stops at once.
let outputStarted = false;
let interrupted = false;
process.on('SIGINT', () => {
  process.stderr.write('nova-trace: interrupted\n');
  if (interrupted || !outputStarted) process.exit(130);
  interrupted = true;
});

// Memory: V8 lets the heap grow to several times what is live before collecting (a 300k-request
// `list` with ~80 MB live reached 490 MB RSS). A full collection whenever the old generation passes
// 1.25 × what the last one left there (at least 48 MB) keeps a long run near its live set, and a big
// working set (a huge --json) is not collected over and over. (--max-old-space-size and the like cannot be set
// from inside the process once started.) `list` of 1 GiB (~44 MB live), 2026-11-22: 1.5 × and 64 MB
// peaked at 157-163 MB with 30 full collections (1.8 s); 1.25 × and 48 MB at 142 MB with 70 (4.9 s,
// ~5% of the run); 100 MiB 141-144 → 128-134 MB, 4% more CPU.
// The young generation grows to two 16 MB semi-spaces under `list`'s allocation rate: 34 MB of RSS for
// objects that mostly die within a batch. Its growth is stopped once they are 4 MB each (V8 reads the
// growth factor each time it would grow): `list` of 1 GiB peaked at 175-189 MB instead of 204, in the
// same time; stopping it at 1 MB saved 17 MB more but promoted more and cost 10-20% (2026-11-22).
const HEAP_FLOOR = 48 * 1024 * 1024;
const HEAP_GROWTH = 1.25;
const YOUNG_CAP = 8 * 1024 * 1024;
let heapBudget = HEAP_FLOOR;
const young = setInterval(() => {
  if ((v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) < YOUNG_CAP) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  clearInterval(young);
}, 10).unref();
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (() => void) | undefined;
if (typeof collect === 'function') {
  setInterval(() => {
    if (oldUsed() < heapBudget) return;
    collect();
    heapBudget = Math.max(HEAP_FLOOR, HEAP_GROWTH * oldUsed());
  }, 100).unref();
}

/**
 * What the old generation holds (every space but the young one). The forced collections measure it
 * rather than the whole heap: a scavenge, not a full collection, empties the young generation (0-8 MB
 * of it counted made them come at ~1.1 × instead of 1.25 ×): `list` of 1 GiB, in turn (2026-11-22),
 * 48-49 → 41-42 full collections, 2.6-3.1 → 2.0-2.7 s in them, peak RSS 135-139 → 137-138 MB.
 */
function oldUsed(): number {
  let n = 0;
  for (const s of v8.getHeapSpaceStatistics()) {
    if (s.space_name !== 'new_space' && s.space_name !== 'new_large_object_space') n += s.space_used_size;
  }
  return n;
}

const OUT_HIGH_WATER = 1 << 20;
const { main } = await import('./main.js');
const code = await main({
  argv: args,
  env: process.env,
  stdin: process.stdin,
  stdinIsPiped: stdinIsPiped(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  columns: process.stdout.columns ?? 120,
  out: (s) => {
    if (s.length > 0) outputStarted = true;
    process.stdout.write(s);
  },
  err: (s) => void process.stderr.write(s),
  // Writes to a pipe are queued when the reader is slow: wait, rather than hold a whole listing in memory.
  drain: () => (process.stdout.writableLength < OUT_HIGH_WATER ? undefined : new Promise((r) => process.stdout.once('drain', r))),
  interrupted: () => interrupted,
});
process.exitCode = interrupted ? 130 : code;
