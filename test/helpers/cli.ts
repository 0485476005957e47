import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'nova-trace.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as a user would, with colours off and UTC, stdin closed unless given. */
export function cli(args: string[], opts: { input?: string | Buffer; cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const o: SpawnSyncOptions = {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...opts.env },
    input: opts.input,
    stdio: opts.input === undefined ? ['ignore', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  };
  const r = spawnSync(process.execPath, [BIN, ...args], o);
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}
