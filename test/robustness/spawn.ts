// Spawning the built binary for the robustness tests: like test/helpers/cli.ts, plus running as an
// unprivileged user (so that "permission denied" can be tested when the suite runs as root) and
// asynchronous runs that can be signalled or piped.
import { spawn, spawnSync } from 'node:child_process';
import { BIN, ROOT } from '../helpers/cli.js';

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const NOBODY = 65534;

/** True when we are root and can run the binary as `nobody` to see permission errors. */
export const CAN_DROP_ROOT = process.getuid?.() === 0;

export function env(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...extra };
}

export function run(args: string[], opts: { input?: string | Buffer; asNobody?: boolean; env?: Record<string, string>; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: env(opts.env),
    input: opts.input,
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
    timeout: 120_000,
    ...(opts.asNobody && CAN_DROP_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Runs a shell pipeline (bash -o pipefail off: we read PIPESTATUS ourselves). */
export function shell(script: string, extra: Record<string, string> = {}): Run {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
    cwd: ROOT,
    env: env({ BIN, HOME: process.env.HOME ?? '/', ...extra }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  return { code: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Starts the binary; the caller writes to stdin / signals it; resolves when it exits. */
export function start(args: string[], extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: env(extra), stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => {}); // the child may exit (by design) before it has read all we wrote
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** No raw stack trace, no internal-error report. */
export function clean(stderr: string): boolean {
  return !/internal error|\n\s+at \S+ \(|^\s+at /m.test(stderr);
}
