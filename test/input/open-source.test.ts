import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSource, resolvePaths, wholeLineChunks } from '../../src/input/index.js';

let dir: string;
const body = Array.from({ length: 2000 }, (_, i) => `2026-11-21 18:00:00.${String(i % 1000).padStart(3, '0')} 42 INFO nova.compute.manager [-] line ${i}`).join('\n') + '\n';

async function readAll(spec: Parameters<typeof openSource>[0]) {
  const warnings: string[] = [];
  const src = await openSource(spec, warnings);
  let text = '';
  for await (const b of wholeLineChunks(src.chunks, 1 << 20, { cut: 0 })) text += b.toString('utf8');
  return { text, warnings, encoding: src.encoding };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nova-trace-input-'));
  writeFileSync(join(dir, 'n-cpu.log'), body);
  writeFileSync(join(dir, 'n-cpu.log.1.gz'), gzipSync(body));
  writeFileSync(join(dir, 'rotated'), gzipSync(body)); // gzip without the name
  const gz = gzipSync(body);
  writeFileSync(join(dir, 'truncated.log.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
  writeFileSync(join(dir, 'fake.log.gz'), 'not gzip at all\n');
  writeFileSync(join(dir, 'empty.log.gz'), '');
  mkdirSync(join(dir, 'empty-folder'));
  mkdirSync(join(dir, 'loop'));
  symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
  writeFileSync(join(dir, 'loop', 'nova-api.log'), 'x\n');
});

describe('openSource', () => {
  it('keeps lines that span several reads intact although the reader reuses its buffers', async () => {
    // Lines longer than a read (512 KiB), each of one distinct letter: a partial line carried across
    // reads must be copied, or the read ahead into the reused buffer overwrites it. The consumer is
    // slow (each piece waits), so the read ahead has always landed before a piece is used.
    const sizes = [100, 700_000, 1_300_000, 300_000, 5, 1_000_000, 600_000];
    const lines = sizes.map((n, i) => String.fromCharCode(97 + i).repeat(n));
    const path = join(dir, 'long-lines.log');
    writeFileSync(path, lines.join('\n') + '\n');
    const src = await openSource({ kind: 'file', path }, []);
    async function* slow(chunks: AsyncIterable<Buffer>) {
      for await (const c of chunks) {
        await new Promise((r) => setTimeout(r, 5));
        yield c;
      }
    }
    const counters = { cut: 0 };
    const got: string[] = [];
    for await (const b of wholeLineChunks(slow(src.chunks), 1 << 20, counters)) {
      for (const l of b.toString('latin1').split('\n')) if (l !== '') got.push(l);
    }
    expect(counters.cut).toBe(1);
    expect(got.map((l) => [l[0], l.length, l === l[0]!.repeat(l.length)])).toEqual(
      lines.map((l) => [l[0], Math.min(l.length, 1 << 20), true]),
    );
  });

  it('reads a plain file in pieces of the size asked for, losing nothing', async () => {
    const src = await openSource({ kind: 'file', path: join(dir, 'n-cpu.log') }, [], 1000);
    const sizes: number[] = [];
    let text = '';
    for await (const b of src.chunks) {
      sizes.push(b.length);
      text += b.toString('utf8');
    }
    expect(text).toBe(body);
    expect(Math.max(...sizes)).toBe(1000);
    expect(sizes.length).toBe(Math.ceil(body.length / 1000));
  });

  it('reads plain files', async () => {
    const r = await readAll({ kind: 'file', path: join(dir, 'n-cpu.log') });
    expect(r.text).toBe(body);
    expect(r.warnings).toEqual([]);
  });

  it('decompresses gzip by content, whatever the name', async () => {
    for (const name of ['n-cpu.log.1.gz', 'rotated']) {
      const r = await readAll({ kind: 'file', path: join(dir, name) });
      expect(r.encoding).toBe('gzip');
      expect(r.text).toBe(body);
    }
  });

  it('yields the lines before the damage of a truncated .gz and warns naming the file', async () => {
    const r = await readAll({ kind: 'file', path: join(dir, 'truncated.log.gz') });
    expect(r.text.length).toBeGreaterThan(1000);
    expect(body.startsWith(r.text.slice(0, 1000))).toBe(true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('truncated.log.gz');
    expect(r.warnings[0]).toContain('truncated');
  });

  it('reads a .gz that is not gzip as text, with a warning; an empty .gz gives a warning', async () => {
    const r = await readAll({ kind: 'file', path: join(dir, 'fake.log.gz') });
    expect(r.text).toBe('not gzip at all\n');
    expect(r.warnings[0]).toMatch(/fake\.log\.gz: named \.gz but not gzip/);
    const e = await readAll({ kind: 'file', path: join(dir, 'empty.log.gz') });
    expect(e.text).toBe('');
    expect(e.warnings[0]).toMatch(/empty \.gz/);
  });

  it('sniffs gzip on a stream (stdin)', async () => {
    const r = await readAll({ kind: 'stream', name: '<stdin>', stream: Readable.from([gzipSync(body)]) });
    expect(r.text).toBe(body);
    const p = await readAll({ kind: 'stream', name: '<stdin>', stream: Readable.from([Buffer.from('a'), Buffer.from('b\n')]) });
    expect(p.text).toBe('ab\n');
  });

  it('names the path and the problem when a file cannot be opened', async () => {
    await expect(openSource({ kind: 'file', path: join(dir, 'missing.log') }, [])).rejects.toThrow(/missing\.log: no such file/);
    if (process.getuid?.() !== 0) {
      const p = join(dir, 'secret.log');
      writeFileSync(p, 'x');
      chmodSync(p, 0);
      await expect(openSource({ kind: 'file', path: p }, [])).rejects.toThrow(/secret\.log: permission denied/);
    }
  });

  it('reads a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const writer = import('node:fs').then((fs) => fs.promises.writeFile(fifo, 'from fifo\n'));
    const r = await readAll({ kind: 'file', path: fifo });
    await writer;
    expect(r.text).toBe('from fifo\n');
  });
});

describe('resolvePaths', () => {
  it('expands folders to the Nova logs inside, in natural order', async () => {
    const r = await resolvePaths([dir]);
    expect(r.files.map((f) => f.slice(dir.length + 1))).toEqual(['loop/nova-api.log', 'n-cpu.log', 'n-cpu.log.1.gz']);
  });

  it('expands globs and reports patterns that match nothing', async () => {
    const r = await resolvePaths([join(dir, '*.gz'), join(dir, 'nothing-*.log')]);
    expect(r.files.length).toBe(4);
    expect(r.problems).toEqual([`${join(dir, 'nothing-*.log')}: no file matches this pattern`]);
  });

  it('reports missing paths and empty folders but keeps the rest; keeps - for stdin', async () => {
    const r = await resolvePaths([join(dir, 'nope.log'), join(dir, 'empty-folder'), join(dir, 'n-cpu.log'), '-']);
    expect(r.files).toEqual([join(dir, 'n-cpu.log'), '-']);
    expect(r.problems[0]).toBe(`${join(dir, 'nope.log')}: no such file or directory`);
    expect(r.problems[1]).toMatch(/empty-folder: folder holds no log files/);
  });
});
