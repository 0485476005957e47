import { defineConfig } from 'vitest/config';

// The JSON report is what .ci/run reads to print its one-line `tests: N passed, N failed` summary.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
