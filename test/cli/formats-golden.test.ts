// Golden tests of the built CLI over every format fixture: the request trace (success and failure
// request) and the operation list, as text, beside each fixture. UPDATE_GOLDEN=1 rewrites them.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const FORMATS = join(ROOT, 'fixtures', 'formats');
const SUCCESS = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const FAILURE = 'req-3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function golden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`${file} is missing; run UPDATE_GOLDEN=1 npx vitest run test/cli/formats-golden.test.ts and review it`);
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

for (const name of readdirSync(FORMATS).sort()) {
  const dir = join(FORMATS, name);
  const inputs = readdirSync(dir).filter((f) => !f.startsWith('expected.') && f !== 'context.json').sort();
  const context = existsSync(join(dir, 'context.json')) ? JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8')) : {};
  // Year-less timestamps: pin the year the fixture was written for, so the result never depends on the
  // checkout's file times.
  const year = context.year ?? (context.referenceTime ? new Date(context.referenceTime).getUTCFullYear() - (String(context.referenceTime).includes('-01-01') ? 1 : 0) : null);
  const extra = year !== null ? ['--year', String(year)] : [];
  const text = inputs.map((f) => readFileSync(join(dir, f), 'latin1')).join('\n');

  describe(`format fixture ${name}`, () => {
    it('traces the boot request', () => {
      const r = cli([SUCCESS, ...inputs, ...extra], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      golden(join(dir, 'expected.trace.txt'), r.stdout);
    });

    it.skipIf(!text.includes(FAILURE.slice(4)))('traces the failing request', () => {
      const r = cli([FAILURE, ...inputs, ...extra], { cwd: dir });
      expect(r.code).toBe(0);
      golden(join(dir, 'expected.trace-failure.txt'), r.stdout);
    });

    it('lists the operations', () => {
      const r = cli(['list', ...inputs, ...extra, '--all'], { cwd: dir });
      expect(r.code).toBe(0);
      golden(join(dir, 'expected.list.txt'), r.stdout);
    });
  });
}
