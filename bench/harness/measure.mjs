// Runs one command under /usr/bin/time -v: wall time measured here (hrtime around the child), peak RSS
// from time's "Maximum resident set size". stdout goes through a pipe that is drained and counted —
// never to /dev/null, where GNU grep would stop at the first match.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TIME = '/usr/bin/time';
const scratch = mkdtempSync(join(tmpdir(), 'nova-trace-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

export function haveTime() {
  return existsSync(TIME) && spawnSync(TIME, ['-v', 'true'], { stdio: 'ignore' }).status === 0;
}

export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * Runs `argv` once. Returns { wallMs, cpuMs (user+sys), rssKb, code, outBytes, outLines, stderr, timedOut }.
 * `timeoutMs` kills a run that takes too long (lnav on big inputs).
 */
export function measure(argv, { timeoutMs = 600_000, env = process.env, keepStdout = false } = {}) {
  return new Promise((resolve) => {
    const timeFile = join(scratch, `time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
    const useTime = haveTimeCached();
    const [cmd, ...args] = useTime ? [TIME, '-v', '-o', timeFile, ...argv] : argv;
    const t0 = process.hrtime.bigint();
    // own process group: a timeout kills the command, not only /usr/bin/time in front of it
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
    let outBytes = 0;
    let outLines = 0;
    const kept = [];
    let stderr = '';
    child.stdout.on('data', (b) => {
      outBytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) outLines++;
      if (keepStdout) kept.push(b);
    });
    child.stderr.on('data', (b) => {
      if (stderr.length < 64 * 1024) stderr += b.toString('utf8');
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      clearTimeout(timer);
      let rssKb = null;
      let cpuMs = null;
      let exit = code;
      if (useTime && existsSync(timeFile)) {
        const text = readFileSync(timeFile, 'utf8');
        rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1] ?? NaN);
        const user = Number(/User time \(seconds\): ([\d.]+)/.exec(text)?.[1] ?? NaN);
        const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(text)?.[1] ?? NaN);
        cpuMs = (user + sys) * 1000;
        const st = /Exit status: (\d+)/.exec(text);
        if (st) exit = Number(st[1]);
        // time prefixes "Command exited with non-zero status N" when the child failed
        rmSync(timeFile, { force: true });
      }
      resolve({ wallMs, cpuMs, rssKb, code: signal ? 128 : exit, outBytes, outLines, stderr, timedOut, stdout: keepStdout ? Buffer.concat(kept).toString('utf8') : null });
    });
  });
}

let timeOk = null;
function haveTimeCached() {
  if (timeOk === null) timeOk = haveTime();
  return timeOk;
}

export function median(xs) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (a.length === 0) return NaN;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/** Reads every file once so later runs find them in the page cache. */
export function warmCache(files) {
  spawnSync('sh', ['-c', 'cat "$@" > /dev/null', 'warm', ...files], { stdio: 'ignore' });
}
