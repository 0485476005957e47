// vitest settings for `npm run fuzz` only: the property tests, their own JSON report (the suite's
// reports/vitest.json, read by CI, is left alone), no time limit per test.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: join(dirname(fileURLToPath(import.meta.url)), '..', '..'),
  test: {
    include: ['test/robustness/*.property.test.ts'],
    reporters: ['default', ['json', { outputFile: process.env.NOVA_TRACE_FUZZ_REPORT ?? 'reports/fuzz.json' }]],
    testTimeout: 0,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
