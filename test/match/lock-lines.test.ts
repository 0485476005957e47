import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lockLeaf as closureLeaf } from '../../src/models/compile.js';
import { lockLeaf } from '../../src/match/lock-lines.js';

/** The regex lockLeaf ran before it read the message with indexOf. */
const LOCK_RE = /^Lock "[^"]*" acquired by "(?<fn>[^"]+)"/u;

/** What lockLeaf answered when it ran LOCK_RE. */
function byRegex(message: string): string | null {
  const fn = LOCK_RE.exec(message)?.groups?.fn;
  return fn ? closureLeaf(fn) : null;
}

describe('lock lines', () => {
  it('reads the closure of an acquired lock', () => {
    expect(lockLeaf('Lock "4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34" acquired by "nova.compute.manager.ComputeManager.terminate_instance.<locals>.do_terminate_instance" :: waited 0.000s')).toBe('do_terminate_instance');
    expect(lockLeaf('Lock "compute_resources" acquired by "nova.compute.resource_tracker.ResourceTracker.instance_claim" :: waited 0.001s')).toBe('instance_claim');
    expect(lockLeaf('Lock "x" acquired by "plain"')).toBe('plain');
    expect(lockLeaf('Lock "compute_resources" "released" by "nova.compute.resource_tracker.ResourceTracker.instance_claim" :: held 0.052s')).toBeNull();
    expect(lockLeaf('Acquiring lock "compute_resources" by "nova.compute.resource_tracker.ResourceTracker.instance_claim"')).toBeNull();
    expect(lockLeaf('Lock "x" acquired by ""')).toBeNull();
    expect(lockLeaf('Lock "x" acquired by "unclosed')).toBeNull();
    expect(lockLeaf('Lock "x')).toBeNull();
  });

  it('answers as LOCK_RE on any message (quotes, dots and the phrase in every place)', () => {
    const piece = fc.constantFrom('Lock "', '"', ' acquired by ', '" acquired by "', 'a.b', '.', '<locals>', 'x', ' ', '"released"', ':: waited');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const m = parts.join('');
        expect(lockLeaf(m)).toBe(byRegex(m));
        expect(lockLeaf('Lock "' + m)).toBe(byRegex('Lock "' + m));
      }),
      { seed: 20261122, numRuns: 3000 },
    );
  });
});
