// `nova-trace check` as CI runs it: the built binary over the committed fixtures and expectation files.
// The fixtures' expectations must hold, so a change in parsing or matching that alters any fixture's
// result fails `npm test`. Golden outputs: UPDATE_GOLDEN=1 npm test rewrites them (review the diff).
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const CHECK = join(ROOT, 'fixtures', 'check');
const rel = (p: string) => relative(ROOT, p);
const update = process.env.UPDATE_GOLDEN === '1';

/** Expectation files that must hold: fixtures/check/<case>/expectations.* and fixtures/check/expectations/*. */
function committedExpectations(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(CHECK, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(CHECK, d.name))) {
      if (d.name === 'expectations' ? /\.(json|ya?ml)$/.test(f) : /^expectations\.(json|ya?ml)$/.test(f)) out.push(join(CHECK, d.name, f));
    }
  }
  return out.sort();
}

function golden(file: string, actual: string): void {
  if (update || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('nova-trace check over the committed fixtures', () => {
  const files = committedExpectations();

  it('finds the committed expectation files', () => {
    expect(files.map(rel)).toEqual(expect.arrayContaining(['fixtures/check/boot-vif-failure/expectations.json', 'fixtures/check/boot-no-valid-host/expectations.yaml']));
  });

  for (const file of files) {
    it(`${rel(file)} holds`, () => {
      const r = cli(['check', '--expect', rel(file), '-q']);
      expect(r.stdout).toMatch(/expectations?: all passed\n$/);
      expect([r.code, r.stderr]).toEqual([0, '']);
    });
  }
});

describe('nova-trace check: deviations (every kind of expectation failing)', () => {
  const dev = 'fixtures/check/boot-vif-failure/deviations.json';
  const out = join(CHECK, 'boot-vif-failure');

  it('text: exit 1, the reason for each', () => {
    const r = cli(['check', '--expect', dev, '-q']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('reached `spawning` but not `spawned`, `done`; failed: VirtualInterfaceCreateException');
    golden(join(out, 'deviations.txt'), r.stdout);
  });

  it('junit and markdown', () => {
    const j = cli(['check', '--expect', dev, '--format', 'junit']);
    expect(j.code).toBe(1);
    golden(join(out, 'deviations.junit.xml'), j.stdout);
    const m = cli(['check', '--expect', dev, '--format', 'markdown']);
    expect(m.code).toBe(1);
    golden(join(out, 'deviations.md'), m.stdout);
  });

  it('--json: the versioned document, with the verdicts under check', () => {
    const r = cli(['check', '--expect', dev, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'output.schema.json'), 'utf8')));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc.operations).toHaveLength(2);
    expect(doc.check).toMatchObject({ file: dev, total: 17, passed: 1, failed: 16 });
    expect(doc.check.expectations[3]).toEqual({
      index: 3,
      name: 'stages not reached',
      status: 'fail',
      selected: ['req-8d2e4f6a-1c3b-4d5e-8f7a-9b0c1d2e3f40'],
      checked: ['4 stages reached'],
      reasons: ['boot req-8d2e4f6a-1c3b-4d5e-8f7a-9b0c1d2e3f40 reached `spawning` but not `spawned`, `done`; failed: VirtualInterfaceCreateException'],
    });
  });
});

describe('nova-trace check: exit 2 for a bad expectation file or input', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nova-trace-check-'));
  const logs = 'fixtures/check/boot-vif-failure';

  it('a malformed file: where, what was expected, what was found', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nexpectations:\n  - select: { operation: boot }\n    stages: [api, spawnd]\n');
    const r = cli(['check', logs, '--expect', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^nova-trace: ${bad}:4:19: at \\$\\.expectations\\[0\\]\\.stages\\[1\\]: expected a stage of boot such as "spawned" \\(known: api, `));
  });

  it('a missing file, an unreadable input, bad options', () => {
    expect(cli(['check', logs, '--expect', join(tmp, 'none.json')])).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read the expectation file (ENOENT)') });
    const r = cli(['check', join(tmp, 'no-such-dir'), '--expect', 'fixtures/check/boot-vif-failure/expectations.json', '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-dir');
    const upd = cli(['check', join(tmp, 'no-such-dir'), '--expect', join(tmp, 'new.json'), '--update']);
    expect([upd.code, existsSync(join(tmp, 'new.json'))]).toEqual([2, false]);
    expect(upd.stderr).toContain('not written: not every input could be read');
    expect(cli(['check', logs]).code).toBe(2); // --expect is required
    expect(cli(['check', logs, '--expect', join(tmp, 'x.json'), '--budgets', '3x']).stderr).toContain('--budgets only applies with --update');
    expect(cli(['check', logs, '--expect', join(tmp, 'x.json'), '--update', '--budgets', 'lots']).code).toBe(2);
  });
});

describe('nova-trace check --update', () => {
  it('adopts a project in one command: writes, is byte-identical on a second run, and check then passes', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'nova-trace-update-'));
    const logs = join(tmp, 'logs');
    const src = join(CHECK, 'boot-vif-failure');
    mkdirSync(logs);
    for (const f of readdirSync(src).filter((f) => f.endsWith('.log'))) copyFileSync(join(src, f), join(logs, f));
    for (const name of ['e.json', 'e.yaml']) {
      const file = join(tmp, 'ci', name);
      mkdirSync(dirname(file), { recursive: true });
      const first = cli(['check', logs, '--expect', file, '--update', '--budgets', '2x']);
      expect(first.code).toBe(0);
      expect(first.stderr).toBe(`nova-trace: wrote 4 expectations (2 operations) to ${file}\n`);
      const text = readFileSync(file, 'utf8');
      expect(cli(['check', '--expect', file, '--update', '-q'])).toMatchObject({ code: 0, stderr: '' });
      expect(readFileSync(file, 'utf8')).toBe(text);
      const spec = name.endsWith('json') ? JSON.parse(text) : null;
      if (spec) {
        expect(spec.inputs).toEqual(['../logs']);
        expect(resolve(dirname(file), spec.$schema)).toBe(join(ROOT, 'schema', 'expectations.schema.json'));
        expect(spec.expectations[2].maxDurationMs).toBe(13000);
      }
      expect(cli(['check', '--expect', file, '-q'])).toMatchObject({ code: 0 });
    }
  });
});
