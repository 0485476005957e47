// Real lines to mutate: every input file of fixtures/formats/*/ (our own fixtures, one per format and
// era), a slice of the lab recordings, and the nova-messages.json templates of the shared reference
// rendered into the header shapes we parse (skipped when the reference folder is absent).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../helpers/cli.js';

export interface FixtureFile {
  /** `<case>/<file>`, e.g. `oslo-zed/n-cpu.log`. */
  name: string;
  lines: string[];
}

const FORMATS = join(ROOT, 'fixtures', 'formats');
const LAB = join(ROOT, 'fixtures', 'lab');
export const REFERENCE = join(ROOT, '..', 'shared', 'reference', 'nova-messages.json');

function isInput(file: string): boolean {
  return !file.startsWith('expected.') && file !== 'context.json';
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

let cache: FixtureFile[] | null = null;

/** The format fixtures, file by file (lines in order, so that tracebacks stay under their header). */
export function formatFixtures(): FixtureFile[] {
  if (cache !== null) return cache;
  const out: FixtureFile[] = [];
  for (const c of readdirSync(FORMATS).sort()) {
    for (const f of readdirSync(join(FORMATS, c)).sort()) {
      if (!isInput(f)) continue;
      out.push({ name: `${c}/${f}`, lines: splitLines(readFileSync(join(FORMATS, c, f), 'utf8')) });
    }
  }
  // A few hundred lines of each lab service log: real oslo lines of many operations.
  if (existsSync(LAB)) {
    for (const scenario of readdirSync(LAB).sort().slice(0, 3)) {
      const dir = join(LAB, scenario);
      const logs = existsSync(dir) ? findGz(dir) : [];
      for (const file of logs.slice(0, 4)) {
        out.push({ name: `lab/${file.slice(LAB.length + 1)}`, lines: splitLines(gunzipSync(readFileSync(file)).toString('utf8')).slice(0, 300) });
      }
    }
  }
  cache = out;
  return out;
}

function findGz(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findGz(p));
    else if (e.name.endsWith('.log.gz')) out.push(p);
  }
  return out.sort();
}

interface Template {
  logger: string;
  level: string;
  template: string;
}

const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
const VALUES = ['cmp1', '42', '3.52', INST, 'vm1', 'ERROR', 'active', '"x"', '', 'NoValidHost', '0.100'];

/** Template placeholders (`%(name)s`, `%(t).2f`, `%s`) filled with plausible values, deterministically. */
function fill(template: string, seed: number): string {
  let k = seed;
  return template.replace(/%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdfrixe]/g, () => VALUES[k++ % VALUES.length] as string);
}

let templates: string[] | null = null;

/**
 * Every template of the reference as a Zed oslo line, a journald short-precise line and a devstack
 * body, with an instance prefix on one in two. Empty when the reference is not checked out beside us.
 */
export function templateLines(): string[] {
  if (templates !== null) return templates;
  templates = [];
  if (!existsSync(REFERENCE)) return templates;
  const list = JSON.parse(readFileSync(REFERENCE, 'utf8')) as Template[];
  list.forEach((t, i) => {
    const msg = (i % 2 === 0 ? `[instance: ${INST}] ` : '') + fill(t.template, i);
    const ctx = `[None ${REQ} 6f1d2c3b4a5948e7a1b2c3d4e5f60718 9a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6 - - default default]`;
    const ms = String(i % 1000).padStart(3, '0');
    templates!.push(`2026-11-21 18:05:${String(i % 60).padStart(2, '0')}.${ms} 25689 ${t.level} ${t.logger} ${ctx} ${msg}`);
    templates!.push(`Nov 21 18:05:${String(i % 60).padStart(2, '0')}.${ms}123 cmp1 nova-compute[25689]: ${t.level} ${t.logger} [None ${REQ} demo admin] ${msg} {{(pid=25689) f /opt/stack/nova/nova/x.py:1}}`);
  });
  return templates;
}

/** Every line we have, flattened (fixtures first, then templates). */
export function allLines(): string[] {
  return [...formatFixtures().flatMap((f) => f.lines), ...templateLines()];
}
