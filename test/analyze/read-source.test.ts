import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceReader } from '../../src/analyze/read-source.js';

describe('SourceReader', () => {
  it('yields small batches (records die young in the merge) and loses no line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nova-trace-read-'));
    const path = join(dir, 'n-cpu.log');
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `2026-11-21 18:00:${String(Math.floor(i / 100)).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')} 42 INFO nova.compute.manager [-] line ${i}`,
    );
    writeFileSync(path, lines.join('\n') + '\n');
    const reader = new SourceReader({ kind: 'file', path }, { maxLineBytes: 1 << 20, year: null, needles: null });
    const sizes: number[] = [];
    const got: string[] = [];
    for await (const batch of reader.batches()) {
      sizes.push(batch.length);
      for (const r of batch) got.push(r.message);
    }
    expect(got).toEqual(lines.map((_, i) => `line ${i}`));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(32);
    expect(reader.stats.records).toBe(5000);
  });
});
