// The input accounting so far, carried by an unexpected error out of the core, so that the CLI's
// internal-error report can say how far reading got (the core itself never prints).
import type { SourceStats } from '../types.js';

const ACCOUNTING = Symbol.for('nova-trace.accounting');

/** Attaches the accounting to an error object (once: the innermost, most precise one wins). */
export function attachAccounting<E>(err: E, sources: SourceStats[]): E {
  if (typeof err === 'object' && err !== null && !Object.prototype.hasOwnProperty.call(err, ACCOUNTING)) {
    try {
      Object.defineProperty(err, ACCOUNTING, { value: sources, enumerable: false });
    } catch {
      // a frozen error object: report without accounting
    }
  }
  return err;
}

/** The accounting an error carries, or null. */
export function accountingOf(err: unknown): SourceStats[] | null {
  if (typeof err !== 'object' || err === null) return null;
  const v = (err as Record<symbol, unknown>)[ACCOUNTING];
  return Array.isArray(v) ? (v as SourceStats[]) : null;
}
