// oslo.concurrency lock lines: they name an operation (a compute lock closure such as
// `do_terminate_instance`), and they name an instance that may not be the operation's.
import { lockLeaf as closureLeaf } from '../models/compile.js';
import type { LogRecord } from '../types.js';

const LOCK_PREFIXES = ['Lock "', 'Acquiring lock "', 'Acquired lock "', 'Releasing lock "'];

export function isLockLine(r: LogRecord): boolean {
  return r.logger === 'oslo_concurrency.lockutils' || LOCK_PREFIXES.some((p) => r.message.startsWith(p));
}

/**
 * Whether the record's instance counts as the operation's: lock lines name their lock, which is the
 * instance for ComputeManager's per-instance locks, but also a cell uuid (set_target_cell) or other
 * resources, which must not pass for the instance.
 */
export function namesInstance(r: LogRecord): boolean {
  return r.instance !== null && (!isLockLine(r) || r.message.includes('"nova.compute.manager.ComputeManager.'));
}

const ACQUIRED_BY = '" acquired by "';

/**
 * `Lock "x" acquired by "a.b.<locals>.fn"` → `fn`; null for any other message. What
 * `/^Lock "[^"]*" acquired by "(?<fn>[^"]+)"/u` matches, read with indexOf: the thin policy asks it of
 * every lock line (a quarter of a compute log), and `exec` with a named group allocated an array and
 * a groups object each time (test/match/lock-lines.test.ts compares the two).
 */
export function lockLeaf(message: string): string | null {
  if (!message.startsWith('Lock "')) return null;
  const q = message.indexOf('"', 6);
  if (q < 0 || !message.startsWith(ACQUIRED_BY, q)) return null;
  const from = q + ACQUIRED_BY.length;
  const to = message.indexOf('"', from);
  return to > from ? closureLeaf(message.slice(from, to)) : null;
}
