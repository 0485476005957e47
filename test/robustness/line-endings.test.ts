// The same log with CRLF line ends, without its final newline, with a UTF-8 BOM, or with a 10 MB
// line in the middle gives the same operations; only the accounting of the odd line differs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze/index.js';
import { matchTimeline } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import { operationJson } from '../../src/report/json.js';
import type { Timeline } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';

const FORMATS = join(ROOT, 'fixtures', 'formats');
const models = loadModels();

async function operations(bytes: Buffer, name: string, year: number | null) {
  const timelines: Timeline[] = [];
  const summary = await analyze({
    inputs: [{ kind: 'stream', name, stream: Readable.from([bytes]) }],
    year,
    onTimeline: (t) => timelines.push(t),
  });
  const ops = timelines.map((t) => operationJson(matchTimeline(t, models, { inputEnd: summary.inputEnd })));
  ops.sort((a, b) => (a.requestId ?? '').localeCompare(b.requestId ?? '') || (a.start ?? '').localeCompare(b.start ?? ''));
  return { ops: JSON.stringify(ops), source: summary.sources[0]! };
}

const cases = readdirSync(FORMATS)
  .sort()
  .flatMap((c) =>
    readdirSync(join(FORMATS, c))
      .filter((f) => !f.startsWith('expected.') && f !== 'context.json')
      .map((f) => ({ c, f })),
  );

describe.each(cases)('$c/$f', ({ c, f }) => {
  const text = readFileSync(join(FORMATS, c, f));
  const year = 2026; // journald short fixtures have no year; the same for every variant

  it('CRLF, no final newline, a BOM, a 10 MB line: the same operations', async () => {
    const base = await operations(text, f, year);
    const crlf = await operations(Buffer.from(text.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'), f, year);
    expect(crlf.ops).toBe(base.ops);
    expect(crlf.source.linesRead).toBe(base.source.linesRead);
    const trimmed = text[text.length - 1] === 10 ? text.subarray(0, -1) : text;
    const noFinal = await operations(trimmed, f, year);
    expect(noFinal.ops).toBe(base.ops);
    expect(noFinal.source.linesRead).toBe(base.source.linesRead);
    // A BOM before the first line: that line may be lost to the parser, but it is counted.
    const bom = await operations(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]), f, year);
    expect(bom.source.linesRead).toBe(base.source.linesRead);
    // A 10 MB line of junk after the first line: cut at 1 MiB, counted; the rest unchanged.
    const nl = text.indexOf(10);
    const huge = Buffer.concat([text.subarray(0, nl + 1), Buffer.alloc(10 * 1024 * 1024, 0x41), Buffer.from('\n'), text.subarray(nl + 1)]);
    const big = await operations(huge, f, year);
    expect(big.source.cut).toBe(1);
    expect(big.source.linesRead).toBe(base.source.linesRead + 1);
    expect(big.source.records + big.source.folded + big.source.unparsed).toBe(big.source.linesRead);
  });
});
