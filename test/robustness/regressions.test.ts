// Inputs the property tests found, kept as plain examples so that they never come back.
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { analyze } from '../../src/analyze/index.js';
import { openSource } from '../../src/input/index.js';
import { parseLine } from '../../src/parse/index.js';

const ctx = { source: 'test.log', service: null, host: null, year: 2026, referenceTime: null };
const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';

function header(line: string) {
  const p = parseLine(line, ctx);
  if (p.kind !== 'header') throw new Error(`not a header: ${line}`);
  return p.record;
}

describe('found by the property tests', () => {
  it('a damaged request id (NUL inside, cut, not hex) is no request id; an upper-case one is lower-cased', () => {
    // devstack screen line with a NUL byte inside the id (pipeline property, seed 20261121).
    const damaged = ['req-\x000c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70', 'req-XYZ', 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a7', 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a7z'];
    for (const id of damaged) {
      const r = header(`2013-09-27 18:24:30.101 DEBUG nova.api.openstack.wsgi [${id} user tenant] Action: 'create'`);
      expect(r.requestId).toBeNull();
      expect(r.message).toBe("Action: 'create'");
      const z = header(`2026-11-21 18:05:06.102 1 INFO nova.compute.manager [${id} ${REQ} u p - - default default] x`);
      expect(z.globalRequestId).toBeNull();
      expect(z.requestId).toBe(REQ);
    }
    expect(header(`2026-11-21 18:05:06.102 1 INFO nova.compute.manager [None ${REQ.toUpperCase().replace('REQ-', 'req-')} u p - - d d] x`).requestId).toBe(REQ);
  });

  it('the fast path skips the same lines whatever the order in which concurrent sources are read', async () => {
    // s0 names the request and its instance; s1 names only the instance. The instance learnt from s0
    // used to apply to s1 only if s0 happened to be read first (pipeline property, seed 20261121).
    const inst = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
    const s0 = `2026-11-21 18:05:06.102 1 INFO nova.compute.manager [None ${REQ} u p - - d d] [instance: ${inst}] Starting instance...\n`;
    const s1 = `2026-11-21 18:05:07.000 2 INFO nova.compute.manager [-] [instance: ${inst}] VM Started (Lifecycle Event)\n`;
    async function* late(text: string) {
      await sleep(30);
      yield Buffer.from(text);
    }
    const run = async (s1First: boolean) => {
      const summary = await analyze({
        inputs: [
          { kind: 'stream', name: 's0', stream: s1First ? Readable.from(late(s0)) : Readable.from([Buffer.from(s0)]) },
          { kind: 'stream', name: 's1', stream: s1First ? Readable.from([Buffer.from(s1)]) : Readable.from(late(s1)) },
        ],
        needles: { terms: [REQ.slice(4)], learnInstances: true },
        onTimeline: () => {},
      });
      return summary.sources.map((s) => [s.records, s.skipped]);
    };
    expect(await run(true)).toEqual(await run(false));
  });

  it('a truncated gzip stream yields every line before the damage, however its bytes are chunked', async () => {
    // Iterating the zlib stream lost the output still buffered in it when the truncation error
    // destroyed it: 0 or 1 lines depending on chunking (pipeline property, seed 20261121).
    const body = Buffer.from(Array.from({ length: 20000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`).join('\n') + '\n');
    const gz = gzipSync(body);
    const truncated = gz.subarray(0, Math.floor(gz.length * 0.6));
    const expected = gunzipSync(truncated, { finishFlush: 2 /* Z_SYNC_FLUSH */ });
    for (const size of [1, 7, 100, 1000, 65536, 1 << 20]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < truncated.length; i += size) chunks.push(truncated.subarray(i, i + size));
      const warnings: string[] = [];
      const src = await openSource({ kind: 'stream', name: 'rotated.gz', stream: Readable.from(chunks) }, warnings);
      const got: Buffer[] = [];
      for await (const c of src.chunks) got.push(c);
      expect(Buffer.concat(got).equals(expected), `chunks of ${size} bytes`).toBe(true);
      expect(warnings).toEqual(['rotated.gz: gzip data is truncated; lines before the damage were read']);
    }
  });
});

