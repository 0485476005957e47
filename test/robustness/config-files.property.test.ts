// Bad model files (--models) and expectation files (--expect): whatever is in them, they are either
// accepted or rejected with "file: at <JSON path>: expected …, found …" (exit 2), never a crash.
// Valid files are mutated at random JSON paths: keys dropped, values of the wrong type, broken
// regular expressions, huge or deep values; and the text itself is cut or garbled.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadExpectations } from '../../src/check/load-expectations.js';
import { InputError, ValidationError } from '../../src/errors.js';
import { loadModels } from '../../src/models/index.js';
import { ROOT } from '../helpers/cli.js';
import { params, TIMEOUT } from './settings.js';
import { clean, run } from './spawn.js';

const DEFS = join(ROOT, 'src', 'models', 'defs');
const EXPECT = join(ROOT, 'fixtures', 'check', 'expectations');
const modelFiles = readdirSync(DEFS).filter((f) => f.endsWith('.json')).sort();
const expectFiles = readdirSync(EXPECT).filter((f) => f.endsWith('.json')).sort();
const work = mkdtempSync(join(tmpdir(), 'nova-trace-config-'));
let seq = 0;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every JSON path of a value (as key arrays), root first. */
function paths(v: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

const WEIRD: Json[] = [null, true, 0, -1, 1e308, 3.5, '', '(', '[unclosed', '\\', '.*', 'x'.repeat(10_000), [], [[[[[[]]]]]], {}, { pattern: '(' }, ['('], 'é\u0000\uFFFF'];

/** A mutation: at the n-th path, drop the key / element, or put a weird value there. */
const mutation = fc.tuple(fc.nat(), fc.oneof(fc.constant('drop' as const), fc.constantFrom(...WEIRD.map((w) => ({ set: w })))));

// The weird values are cloned where they are put: sharing them let a later mutation edit a WEIRD
// constant in place (a cycle after `root = m.set`, then set inside it), which broke the test itself
// and every later case (found by `npm run fuzz`, seed 362887).
function mutate(doc: Json, muts: Array<[number, 'drop' | { set: Json }]>): Json {
  let root = structuredClone(doc);
  for (const [n, m] of muts) {
    const all = paths(root);
    const path = all[n % all.length]!;
    if (path.length === 0) {
      root = m === 'drop' ? {} : structuredClone(m.set);
      continue;
    }
    let parent: Json = root;
    for (const k of path.slice(0, -1)) parent = (parent as Record<string, Json>)[k as string] as Json;
    const last = path[path.length - 1]!;
    if (Array.isArray(parent)) {
      if (m === 'drop') parent.splice(last as number, 1);
      else parent[last as number] = structuredClone(m.set);
    } else if (parent !== null && typeof parent === 'object') {
      if (m === 'drop') delete parent[last as string];
      else parent[last as string] = structuredClone(m.set);
    }
  }
  return root;
}

/** The text of the file: the JSON, or the JSON cut or with garbage spliced in. */
const textDamage = fc.option(fc.tuple(fc.nat(), fc.constantFrom('', '}', '{', '"', ',', '\u0000', '\uFFFD', ': [')), { freq: 4 });

function damage(text: string, d: [number, string] | null): string {
  if (d === null) return text;
  const at = d[0] % (text.length + 1);
  return text.slice(0, at) + d[1];
}

/** The rejection contract: a ValidationError naming file, JSON path, expected and found; or an InputError. */
function checkRejection(err: unknown, file: string): void {
  if (err instanceof ValidationError) {
    assert.ok(err.file.startsWith(file), `names the file (${err.file})`);
    assert.match(err.jsonPath, /^\$/, 'a JSON path');
    assert.ok(err.expected.length > 0 && err.found.length > 0, 'says what was expected and found');
    assert.match(err.message, /^.+: at \$.*: expected .+, found /s);
    return;
  }
  if (err instanceof InputError) return;
  throw new Error(`not a clean rejection: ${(err as Error)?.stack ?? String(err)}`);
}

afterAll(() => {
  // temp files are left for the OS (tiny); nothing to undo
});

describe('bad model and expectation files', () => {
  it('a mutated model file is accepted or rejected with file, JSON path, expected, found', { timeout: TIMEOUT }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...modelFiles), fc.array(mutation, { minLength: 1, maxLength: 3 }), textDamage, (name, muts, dmg) => {
        const dir = join(work, `m${++seq}`);
        mkdirSync(dir);
        const doc = JSON.parse(readFileSync(join(DEFS, name), 'utf8')) as Json;
        const file = join(dir, name);
        writeFileSync(file, damage(JSON.stringify(mutate(doc, muts), null, 2), dmg));
        try {
          loadModels([dir]);
        } catch (err) {
          checkRejection(err, file);
        }
      }),
      params(150, 0.05),
    );
  });

  it('a mutated expectation file (JSON or YAML) is accepted or rejected the same way', { timeout: TIMEOUT }, () => {
    const models = loadModels();
    fc.assert(
      fc.property(fc.constantFrom(...expectFiles), fc.array(mutation, { minLength: 1, maxLength: 3 }), textDamage, fc.boolean(), (name, muts, dmg, yaml) => {
        const doc = JSON.parse(readFileSync(join(EXPECT, name), 'utf8')) as Json;
        const mutated = mutate(doc, muts);
        // YAML is a superset of JSON: the same text under a .yaml name goes through the YAML parser.
        const file = join(work, `e${++seq}${yaml ? '.yaml' : '.json'}`);
        const text = damage(JSON.stringify(mutated, null, 2), dmg);
        try {
          loadExpectations(file, text, models);
        } catch (err) {
          checkRejection(err, file);
        }
      }),
      params(300, 0.06),
    );
  });

  it('through the CLI: exit 2, one line naming file, JSON path, expected and found; no stack trace', () => {
    const dir = join(work, 'cli-models');
    mkdirSync(dir);
    const stop = JSON.parse(readFileSync(join(DEFS, 'stop.json'), 'utf8'));
    stop.stages[0].markers[0].pattern = '([unclosed';
    writeFileSync(join(dir, 'stop.json'), JSON.stringify(stop));
    const log = join(ROOT, 'fixtures/formats/oslo-zed/n-cpu.log');
    const m = run(['list', log, '--models', dir]);
    expect(m.code).toBe(2);
    expect(clean(m.stderr)).toBe(true);
    expect(m.stderr).toMatch(new RegExp(`^nova-trace: ${join(dir, 'stop.json')}: at \\$\\.stages\\[0\\]\\.markers\\[0\\]\\.pattern: expected a regular expression that compiles, found .+\\n$`));
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nexpectations:\n  - select: all\n    count: many\n');
    const c = run(['check', log, '--expect', bad]);
    expect(c.code).toBe(2);
    expect(clean(c.stderr)).toBe(true);
    expect(c.stderr).toMatch(/^nova-trace: .*bad\.yaml:4:\d+: at \$\.expectations\[0\]\.count: expected .+, found .+\n$/);
    const missing = run(['list', log, '--models', join(work, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`nova-trace: ${join(work, 'nope')}: no such model directory\n`);
  });
});
