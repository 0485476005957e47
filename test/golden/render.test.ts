// The rendered logs under fixtures/models are generated from their scenarios by scripts/render-fixture.mjs
// and committed. Re-rendering must reproduce them byte for byte: nobody edits a fixture log by hand.
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRendering, findScenarios } from '../../scripts/render-fixture.mjs';
import { ROOT } from '../helpers/cli.js';

const files: string[] = findScenarios();

describe('fixtures/models renderings are reproducible', () => {
  it('finds the scenarios', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    it(relative(ROOT, f), () => {
      expect(diffRendering(f), 'run node scripts/render-fixture.mjs').toEqual([]);
    });
  }
});
