// Property-style checks: whatever the bytes, parsing never throws and every line is accounted for.
// Lines are the fixture inputs, cut and damaged by a seeded generator (deterministic).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAssembler, parseLine } from '../../src/parse/index.js';
import { assertInvariant, ctx } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/formats');

function fixtureLines(): string[] {
  const out: string[] = [];
  for (const c of readdirSync(root).sort()) {
    for (const f of readdirSync(join(root, c))) {
      if (f.endsWith('.json') && f !== 'journal.json') continue;
      out.push(...readFileSync(join(root, c, f), 'utf8').split('\n'));
    }
  }
  return out;
}

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const NOISE = ['\x1b[01;31m', '\u0000', '\uFFFD', ']', '[', ' ', '{{', '}}', '(pid=', ':', '"', '{', '\r', 'req-', '[instance: '];

function damage(lines: string[], seed: number): string[] {
  const r = rng(seed);
  return lines.map((l) => {
    const k = r();
    if (k < 0.25) return l.slice(0, Math.floor(r() * (l.length + 1)));
    if (k < 0.5) {
      const at = Math.floor(r() * (l.length + 1));
      return l.slice(0, at) + (NOISE[Math.floor(r() * NOISE.length)] as string) + l.slice(at + 1);
    }
    if (k < 0.6) return l.slice(Math.floor(r() * l.length));
    return l;
  });
}

describe('robustness', () => {
  const lines = fixtureLines();

  it.each([1, 2, 3, 4, 5])('damaged fixture lines (seed %i): no throw, every line accounted for', (seed) => {
    const input = damage(lines, seed);
    let emitted = 0;
    const a = createAssembler(ctx({ referenceTime: Date.UTC(2026, 10, 22) }), () => emitted++);
    input.forEach((l, i) => a.push(l, i + 1));
    a.skip(7);
    a.end();
    assertInvariant(a.stats);
    expect(emitted).toBe(a.stats.records);
    expect(a.stats.linesRead).toBe(input.length + 7);
    for (const l of input) expect(() => parseLine(l, ctx())).not.toThrow();
  });

  it('end() twice emits nothing more', () => {
    let emitted = 0;
    const a = createAssembler(ctx(), () => emitted++);
    a.push('2026-08-21 10:00:00.000 1 INFO nova.compute.manager [-] x', 1);
    a.end();
    a.end();
    expect(emitted).toBe(1);
  });

  it('a 1 MB line is parsed once and kept whole', () => {
    const big = `2026-08-21 10:00:00.000 1 DEBUG nova.api.openstack.wsgi [-] body: ${'x'.repeat(1 << 20)} _process_stack /usr/lib/python3/dist-packages/nova/api/openstack/wsgi.py:511`;
    const p = parseLine(big, ctx());
    expect(p.kind === 'header' && p.record.message).toBe(`body: ${'x'.repeat(1 << 20)}`);
  });
});
