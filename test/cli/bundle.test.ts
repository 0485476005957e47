// The command runs from dist/bundle/ (scripts/build.mjs): one module plus a chunk per lazily loaded
// command, its source maps chained to src/*.ts (error reports and bench/profile.mjs read them).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, ROOT } from '../helpers/cli.js';

const BUNDLE = join(ROOT, 'dist', 'bundle');

describe('the bundle the command runs', () => {
  it('is what bin/nova-trace.js imports', () => {
    expect(readFileSync(BIN, 'utf8')).toMatch(/import\('\.\.\/dist\/bundle\/run\.js'\)/);
    expect(existsSync(join(BUNDLE, 'run.js'))).toBe(true);
  });

  it('keeps each command in a chunk of its own, loaded when the command runs', () => {
    const run = readFileSync(join(BUNDLE, 'run.js'), 'utf8');
    const main = readFileSync(join(BUNDLE, readdirSync(BUNDLE).find((f) => /^main-.*\.js$/.test(f))!), 'utf8');
    expect(run).toMatch(/import\("\.\/main-[A-Z0-9]+\.js"\)/);
    for (const command of ['trace', 'list', 'instance', 'stats', 'check', 'models']) expect(main).toMatch(new RegExp(`import\\("\\./${command}-[A-Z0-9]+\\.js"\\)`));
  });

  it('maps every chunk back to src/*.ts files that exist', () => {
    const maps = readdirSync(BUNDLE).filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(5);
    const ours = new Set<string>();
    for (const f of maps) {
      const map = JSON.parse(readFileSync(join(BUNDLE, f), 'utf8')) as { sources: string[] };
      for (const s of map.sources) {
        const path = resolve(BUNDLE, s);
        if (path.startsWith(join(ROOT, 'src'))) ours.add(path);
      }
    }
    expect([...ours].some((p) => p.endsWith(join('src', 'cli', 'run.ts')))).toBe(true);
    expect([...ours].some((p) => p.endsWith(join('src', 'parse', 'oslo.ts')))).toBe(true);
    for (const p of ours) expect(existsSync(p), p).toBe(true);
  });

  // Paths of data files resolve from dist/bundle/ as from dist/models/ (test/check/cli-check.test.ts runs
  // `check`, which reads the expectations schema the same way).
  it('finds the built-in models from dist/bundle/', () => {
    const r = cli(['models']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/live_migration/);
  });

  // The chunk that loads the WebAssembly byte scanner finds it beside itself, as dist/input/ does; a
  // missing one would not fail (the fast path falls back to Buffer.indexOf), only be slow: check here.
  it('has the byte scanner beside the chunk that loads it, and it compiles', () => {
    const loaders = readdirSync(BUNDLE).filter((f) => f.endsWith('.js') && readFileSync(join(BUNDLE, f), 'utf8').includes("new URL(\"./byte-scan.wasm\""));
    expect(loaders.length).toBe(1);
    for (const dir of [BUNDLE, join(ROOT, 'dist', 'input')]) {
      const wasm = readFileSync(join(dir, 'byte-scan.wasm'));
      expect(() => new WebAssembly.Module(wasm)).not.toThrow();
    }
  });
});
