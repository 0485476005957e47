import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Needles } from '../../src/analyze/needles.js';
import { SourceReader } from '../../src/analyze/read-source.js';
import { setByteScanner } from '../../src/input/byte-scan.js';
import { testScanner } from '../helpers/byte-scanner.js';

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

describe('SourceReader fast path in WebAssembly', () => {
  const id = 'fd213d60-5543-43ae-95d2-dcfd216b9147';
  // A multi-create: the request names three instances, learnt one after the other (four needles: the
  // scanner searches them in pairs, and a pair changes when a needle is learnt).
  const uuids = ['106fbf4b-ced3-4d81-8820-a075ec25c95f', '2a2b2c2d-0000-4d81-8820-a075ec25c95f', '3c3c3c3c-1111-4d81-8820-a075ec25c95f'];

  /** ~1.6 MB of compute log (three 512 KiB reads and more) with the request's lines here and there. */
  function computeLog(): string {
    const lines: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const t = `2026-11-21 18:${String(Math.floor(i / 1000)).padStart(2, '0')}:${String(Math.floor(i / 20) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}`;
      if (i % 997 === 5) lines.push(`${t} 42 INFO nova.compute.manager [req-${id} u p - - -] [instance: ${uuids[Math.min(2, Math.floor(i / 3000))]}] Took ${i} seconds`);
      else if (i % 149 === 7) lines.push(`${t} 42 DEBUG nova.compute.manager [req-aaaa0000-0000-0000-0000-00000000${String(i).padStart(4, '0')} - - - - -] [instance: ${uuids[i % 3]}] lock held`);
      else if (i % 2003 === 9) lines.push(`${t} 42 ERROR nova.compute.manager [req-${id} u p - - -] Failed`, 'Traceback (most recent call last):', '  File "x.py", line 1', `ValueError: ${'v'.repeat(300)}`);
      else lines.push(`${t} 42 DEBUG oslo_concurrency.lockutils [-] Lock "compute_resources" acquired by "nova.compute.resource_tracker.ResourceTracker._update_available_resource" :: waited 0.000s ${'p'.repeat(i % 200)}`);
    }
    return lines.join('\n') + '\n';
  }

  it('reads, skips and counts exactly as with Buffer.indexOf, and the scanner does the searching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nova-trace-scan-'));
    const path = join(dir, 'n-cpu.log');
    writeFileSync(path, computeLog());
    const scanner = await testScanner();
    let finds = 0;
    const find = scanner.find.bind(scanner);
    scanner.find = (...args) => (finds++, find(...args));
    setByteScanner(scanner);
    try {
      const run = async (byteScan: boolean) => {
        const reader = new SourceReader({ kind: 'file', path }, { maxLineBytes: 1 << 20, year: null, needles: new Needles([id], true), byteScan });
        const records: unknown[] = [];
        for await (const batch of reader.batches()) records.push(...batch);
        return { records, stats: reader.stats, terms: reader.needleTerms };
      };
      const plain = await run(false);
      expect(finds).toBe(0);
      const wasm = await run(true);
      expect(finds).toBeGreaterThan(3);
      expect(wasm).toEqual(plain);
      expect(plain.terms).toEqual([id, ...uuids]); // the instances were learnt, and their other lines found
      expect(plain.stats.linesRead).toBe(12_000 + 3 * 6);
      expect(plain.records.length).toBeGreaterThan(12 + 6);
    } finally {
      setByteScanner(undefined);
    }
  });
});
