// oslo.concurrency lock lines: they name an operation (a compute lock closure such as
// `do_terminate_instance`), and they name an instance that may not be the operation's.
import { lockLeaf as closureLeaf } from '../models/compile.js';
import type { LogRecord } from '../types.js';

const LOCK_PREFIXES = ['Lock "', 'Acquiring lock "', 'Acquired lock "', 'Releasing lock "'];
const LOCK_RE = /^Lock "[^"]*" acquired by "(?<fn>[^"]+)"/u;

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

/** `Lock "x" acquired by "a.b.<locals>.fn"` → `fn`; null for any other message. */
export function lockLeaf(message: string): string | null {
  if (!message.startsWith('Lock "')) return null;
  const fn = LOCK_RE.exec(message)?.groups?.fn;
  return fn ? closureLeaf(fn) : null;
}
