// `list` / `instance` filters, parsed once into a predicate over results.
import { UsageError } from '../errors.js';
import type { OperationResult, Outcome } from '../types.js';

export interface FilterOptions {
  operation?: string;
  outcome?: string;
  instance?: string;
  since?: string;
  until?: string;
  host?: string;
  service?: string;
}

const OUTCOMES: readonly Outcome[] = ['completed', 'failed', 'incomplete', 'unknown'];

/**
 * Log times without a zone are kept as written (treated as UTC), so --since/--until are read the same
 * way: `2026-11-21 18:03`, `2026-11-21T18:03:45`, or with an explicit zone (`Z`, `+01:00`).
 */
export function parseTimeOption(text: string, name: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?)?(Z|[+-]\d\d:?\d\d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${name} ${text}: expected a time like 2026-11-21 18:03:45 (or ISO 8601 with a zone)`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  let t = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return t;
}

export function buildFilter(f: FilterOptions): (o: OperationResult) => boolean {
  const ops = f.operation ? new Set(f.operation.split(',').map((s) => s.trim()).filter(Boolean)) : null;
  const outcomes = f.outcome ? new Set(f.outcome.split(',').map((s) => s.trim())) : null;
  if (outcomes) for (const o of outcomes) if (!OUTCOMES.includes(o as Outcome)) throw new UsageError(`--outcome ${o}: expected one of ${OUTCOMES.join(', ')}`);
  const since = f.since ? parseTimeOption(f.since, '--since') : -Infinity;
  const until = f.until ? parseTimeOption(f.until, '--until') : Infinity;
  const instance = f.instance?.toLowerCase() ?? null;
  const host = f.host ?? null;
  const service = f.service ?? null;
  return (o) =>
    (ops === null || ops.has(o.operation) || (o.variant !== null && ops.has(`${o.operation}:${o.variant}`))) &&
    (outcomes === null || outcomes.has(o.outcome)) &&
    o.end >= since &&
    o.start <= until &&
    (instance === null || o.instance === instance) &&
    (host === null || o.hosts.includes(host)) &&
    (service === null || (o.services as string[]).includes(service));
}
