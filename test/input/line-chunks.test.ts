import { describe, expect, it } from 'vitest';
import { countLines, wholeLineChunks } from '../../src/input/index.js';

async function collect(parts: Array<string | Buffer>, max: number) {
  const counters = { cut: 0 };
  async function* src() {
    for (const p of parts) yield Buffer.isBuffer(p) ? p : Buffer.from(p);
  }
  const out: Buffer[] = [];
  for await (const b of wholeLineChunks(src(), max, counters)) out.push(Buffer.from(b));
  const lines = out.flatMap((b) => {
    const s = b.toString('latin1');
    const parts = s.endsWith('\n') ? s.slice(0, -1).split('\n') : s.split('\n');
    return parts;
  });
  return { out, lines, cut: counters.cut, count: out.reduce((n, b) => n + countLines(b), 0) };
}

describe('wholeLineChunks', () => {
  it('re-joins lines split across chunks and never yields a partial line', async () => {
    const r = await collect(['a1\na', '2\nb', 'bb', 'b\nc\n'], 100);
    expect(r.lines).toEqual(['a1', 'a2', 'bbbb', 'c']);
    expect(r.count).toBe(4);
    for (const b of r.out.slice(0, -1)) expect(b[b.length - 1]).toBe(10);
  });

  it('keeps a final line without newline', async () => {
    const r = await collect(['x\ny'], 100);
    expect(r.lines).toEqual(['x', 'y']);
    expect(r.count).toBe(2);
  });

  it('cuts a line longer than the bound and counts it, wherever the newline falls', async () => {
    const long = 'L'.repeat(50);
    for (const parts of [[`a\n${long}\nb\n`], ['a\n', long.slice(0, 20), long.slice(20), '\nb\n'], ['a\nLLLL', 'L'.repeat(46) + '\nb', '\n']]) {
      const r = await collect(parts, 10);
      expect(r.lines).toEqual(['a', 'L'.repeat(10), 'b']);
      expect(r.cut).toBe(1);
      expect(r.count).toBe(3);
    }
  });

  it('cuts an over-long final line with no newline', async () => {
    const r = await collect(['ok\n', 'Z'.repeat(30)], 8);
    expect(r.lines).toEqual(['ok', 'Z'.repeat(8)]);
    expect(r.cut).toBe(1);
  });

  it('never holds more than the bound for one line (10 MB line, 1 KiB bound)', async () => {
    const parts = Array.from({ length: 160 }, () => Buffer.alloc(64 * 1024, 0x41));
    const r = await collect(['start\n', ...parts, '\nend\n'], 1024);
    expect(r.lines).toEqual(['start', 'A'.repeat(1024), 'end']);
    expect(Math.max(...r.out.map((b) => b.length))).toBeLessThanOrEqual(1024 + 6);
  });

  it('does not split multi-byte UTF-8 characters', async () => {
    const text = 'é€😀\nnext\n';
    const bytes = Buffer.from(text);
    const r = await collect([bytes.subarray(0, 3), bytes.subarray(3, 7), bytes.subarray(7)], 100);
    expect(r.out.map((b) => b.toString('utf8')).join('')).toBe(text);
  });

  it('handles empty input and empty lines', async () => {
    expect((await collect([], 10)).count).toBe(0);
    const r = await collect(['\n\n', '\n'], 10);
    expect(r.count).toBe(3);
  });
});
