import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/report/format.js';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [NaN, '—'],
    [0, '0.000s'],
    [1234.4, '1.234s'],
    [59_999.6, '1m00.0s'],
    [60_000, '1m00.0s'],
    [61_250, '1m01.3s'],
    [599_990, '10m00.0s'], // once 9m60.0s
    [599_940, '9m59.9s'],
    [3_599_990, '60m00.0s'],
    [3_600_000, '1h00m'],
    [-2_500, '-2.500s'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatDuration(ms as number | null)).toBe(text);
  });
});
