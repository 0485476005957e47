// Golden files: every fixtures/formats/<case>/ holds one input log (its name matters: it gives the
// service), an optional context.json (year, referenceTime as ISO text, host, service overrides) and
// expected.records.json (records in emission order + stats). `UPDATE_GOLDEN=1 npx vitest run test/parse`
// rewrites the expected files; without it a missing or different file fails.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAssembler, serviceFromPath, type SourceContext } from '../../src/parse/index.js';
import type { LogRecord } from '../../src/types.js';
import { assertInvariant } from './helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/formats');
const update = process.env.UPDATE_GOLDEN === '1';
const NOT_INPUT = new Set(['expected.records.json', 'context.json', 'README.md']);

interface CaseContext {
  year?: number | null;
  referenceTime?: string | null;
  host?: string | null;
  service?: SourceContext['service'];
}

function runCase(dir: string, name: string): { records: LogRecord[]; stats: unknown } {
  // Every expected.* file (records here; the CLI's trace and list goldens beside them) is output, not input.
  const files = readdirSync(dir).filter((f) => !NOT_INPUT.has(f) && !f.startsWith('expected.'));
  expect(files, `${name}: exactly one input log`).toHaveLength(1);
  const file = files[0] as string;
  const over: CaseContext = existsSync(join(dir, 'context.json')) ? JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8')) : {};
  const ctx: SourceContext = {
    source: `${name}/${file}`,
    service: over.service !== undefined ? over.service : serviceFromPath(file),
    host: over.host ?? null,
    year: over.year ?? null,
    referenceTime: over.referenceTime ? Date.parse(over.referenceTime) : null,
  };
  const text = readFileSync(join(dir, file), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const records: LogRecord[] = [];
  const a = createAssembler(ctx, (r) => records.push(r));
  lines.forEach((l, i) => a.push(l, i + 1));
  a.end();
  assertInvariant(a.stats);
  return { records, stats: a.stats };
}

const cases = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, '.')) && !d.includes('.')).sort() : [];

describe('golden fixtures/formats', () => {
  it('has the format and era cases', () => {
    for (const c of [
      'oslo-essex',
      'oslo-havana',
      'oslo-juno',
      'oslo-kilo-trace',
      'oslo-pike-5field',
      'oslo-zed',
      'oslo-zed-global',
      'devstack-screen',
      'journal-short',
      'journal-short-precise-devstack',
      'journal-short-iso',
      'journal-short-iso-precise',
      'journal-cat',
      'journal-json',
      'loghub-prefixed',
      'grep-prefixed',
      'os-log-merger',
      'mixed-stream',
    ]) {
      expect(cases).toContain(c);
    }
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(root, name);
      // JSON round trip: NaN times become null, as in any JSON output.
      const actual = JSON.parse(JSON.stringify(runCase(dir, name)));
      const file = join(dir, 'expected.records.json');
      if (update) {
        writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
        return;
      }
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run test/parse and review it`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
