import type { LogRecord } from '../types.js';
import { baseName } from './format.js';

/** `compute@cmp1`, or `compute (n-cpu-1.log)` when the host is not known. */
export function whereOf(r: Pick<LogRecord, 'service' | 'host' | 'source'>): string {
  return r.host !== null ? `${r.service}@${r.host}` : `${r.service} (${baseName(r.source)})`;
}
