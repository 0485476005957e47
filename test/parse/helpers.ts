// Shared fixtures for the parse tests: ids used across every era, a context builder, and a runner that
// checks the accounting invariant after every run.
import { expect } from 'vitest';
import { createAssembler, type SourceContext } from '../../src/parse/index.js';
import type { LogRecord, SourceStats } from '../../src/types.js';

export const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
export const GREQ = 'req-7d3e1f20-9a4b-4c8d-8e2f-1a2b3c4d5e6f';
export const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
export const USER = '6f1d2c3b4a5948e7a1b2c3d4e5f60718';
export const PROJ = '9a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6';

export function ctx(over: Partial<SourceContext> = {}): SourceContext {
  return { source: 'test.log', service: null, host: null, year: null, referenceTime: null, ...over };
}

export function assertInvariant(s: SourceStats): void {
  expect(s.linesRead).toBe(s.records + s.folded + s.unparsed + s.skipped);
}

export function run(lines: string[], c: SourceContext = ctx()): { records: LogRecord[]; stats: SourceStats } {
  const records: LogRecord[] = [];
  const a = createAssembler(c, (r) => records.push(r));
  lines.forEach((l, i) => a.push(l, i + 1));
  a.end();
  assertInvariant(a.stats);
  expect(records.length).toBe(a.stats.records);
  return { records: records.sort((x, y) => x.line - y.line), stats: a.stats };
}
