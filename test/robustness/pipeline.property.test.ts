// Property tests on the whole library pipeline (analyze → match → renderers), fed generated streams:
// real lines of every format mutated and interleaved, random text and bytes, CR/CRLF, no final
// newline, over-long lines, gzip and truncated gzip, arbitrary chunk boundaries.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { pipelineCase } from './arbitraries.js';
import { dumpCase, runPipeline } from './pipeline.js';
import { params, TIMEOUT } from './settings.js';
import assert from 'node:assert/strict';

describe('pipeline properties', () => {
  it('no exception escapes; every line and record accounted for; output valid', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(pipelineCase(), async (c) => {
        await runPipeline(c);
      }),
      params(300, 0.12),
    );
  });

  it('same input → same output, whatever the chunk boundaries', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(pipelineCase(), fc.array(fc.nat(), { maxLength: 12 }), async (c, cuts) => {
        const a = await runPipeline(c);
        const b = await runPipeline(c);
        const d = await runPipeline(c, () => cuts);
        try {
          assert.equal(b.json, a.json, 'two runs on the same chunks agree');
          assert.equal(d.json, a.json, `other chunk boundaries (${cuts.join(',')}) give the same output`);
        } catch (err) {
          dumpCase(c);
          throw err;
        }
      }),
      params(150, 0.04),
    );
  });
});
