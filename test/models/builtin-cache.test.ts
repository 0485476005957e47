// The build writes the built-in models, validated, to one file (dist/models/builtin.json) read at
// start-up instead of 32 model files: it must give the same models, and be ignored once the model files
// differ from the ones it was made from.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { literalPrefix, requiredLiteral } from '../../src/models/literal-prefix.js';
import { builtinCacheText, builtinModels } from '../../src/models/load.js';

const ROOT = join(import.meta.dirname, '..', '..');

function cacheFile(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'nova-trace-cache-')), 'builtin.json');
  writeFileSync(f, text);
  return f;
}

/** A plain, comparable form of what was loaded. */
function plain(c: ReturnType<typeof builtinModels>): unknown {
  return { common: c.common, models: [...c.models.entries()] };
}

describe('built-in models cache', () => {
  const fromFiles = builtinModels(join(tmpdir(), 'nova-trace-no-such-cache.json'));

  it('gives the same definitions, files and order as reading the model files', () => {
    const cached = builtinModels(cacheFile(builtinCacheText()));
    expect(cached.models.size).toBe(31);
    expect(plain(cached)).toEqual(plain(fromFiles));
  });

  it('is what loading reads while it matches the model files', () => {
    const cache = JSON.parse(builtinCacheText());
    cache.models[0][0].title = 'from the cache';
    const loaded = builtinModels(cacheFile(JSON.stringify(cache)));
    expect(loaded.models.get(cache.models[0][0].id)?.def.title).toBe('from the cache');
  });

  it('is ignored when a model file changed size, a file was added or removed, or it is not JSON', () => {
    const cache = JSON.parse(builtinCacheText());
    cache.models[0][0].title = 'from the cache';
    const variants = [
      { ...cache, files: cache.files.map(([n, s]: [string, number], i: number) => [n, i === 3 ? s + 1 : s]) },
      { ...cache, files: cache.files.slice(1) },
      { ...cache, files: [...cache.files, ['extra.json', 10]] },
      { ...cache, files: null },
    ];
    for (const v of variants) expect(plain(builtinModels(cacheFile(JSON.stringify(v))))).toEqual(plain(fromFiles));
    expect(plain(builtinModels(cacheFile('{"files": [')))).toEqual(plain(fromFiles));
  });

  it('is written by the build beside the built model files (when dist/ is built)', () => {
    let built: string;
    try {
      built = readFileSync(join(ROOT, 'dist', 'models', 'builtin.json'), 'utf8');
    } catch {
      return; // not built: nothing to compare
    }
    const defs = JSON.parse(built).models.map(([def]: [{ id: string }]) => def);
    expect(defs).toEqual([...fromFiles.models.values()].map((s) => s.def));
  });
});

describe('gates saved with the built-in models', () => {
  it('are the literal prefix and needle worked out from each pattern', () => {
    const gates: [string, string, string][] = JSON.parse(builtinCacheText()).gates;
    expect(gates.length).toBeGreaterThan(300);
    for (const [pattern, prefix, needle] of gates) {
      const p = literalPrefix(pattern);
      expect([pattern, prefix, needle]).toEqual([pattern, p, p.length > 0 ? '' : requiredLiteral(pattern.startsWith('^') ? pattern.slice(1) : pattern)]);
    }
  });
});
