// The request trace and `instance` search plain files in WebAssembly (src/input/byte-scan.ts); with
// NOVA_TRACE_NO_WASM=1 they search with Buffer.indexOf. Both must give the same output, byte for byte,
// on the lab's recordings of real Nova (written out as plain files: gzip is read by zlib, not scanned).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const LAB = join(ROOT, 'fixtures', 'lab');
const RUNS = ['build', 'failures-compute-down', 'libvirt', 'evacuate'].filter((r) => existsSync(join(LAB, r)));

/** The run's logs as plain files in a fresh folder, and the request ids and instances they name. */
function plainCopy(run: string) {
  const dir = mkdtempSync(join(tmpdir(), `nova-trace-scan-${run}-`));
  const ids = new Set<string>();
  const instances = new Set<string>();
  for (const f of readdirSync(join(LAB, run)).filter((n) => /\.log\.gz$/.test(n))) {
    const text = gunzipSync(readFileSync(join(LAB, run, f)));
    writeFileSync(join(dir, f.replace(/\.gz$/, '')), text);
    for (const m of text.toString('utf8').matchAll(/\[(?:None )?(req-[0-9a-f-]{36}) [^\]]*\] (?:\[instance: ([0-9a-f-]{36})\])?/g)) {
      ids.add(m[1]!);
      if (m[2]) instances.add(m[2]);
    }
  }
  return { dir, ids: [...ids], instances: [...instances] };
}

describe('the request trace searched in WebAssembly', () => {
  it('has lab runs to compare on', () => {
    expect(RUNS.length).toBeGreaterThanOrEqual(3);
  });

  for (const run of RUNS) {
    it(`gives the same output as Buffer.indexOf on ${run}`, () => {
      const { dir, ids, instances } = plainCopy(run);
      expect(ids.length).toBeGreaterThan(5);
      // The first ids, one from the middle and the last: boots, the operations after them, periodic tasks.
      const picks = [...ids.slice(0, 3), ids[ids.length >> 1]!, ids[ids.length - 1]!];
      const cases = [...picks.map((id) => [id, dir, '--format', 'json']), ['instance', instances[0]!, dir, '--format', 'json']];
      for (const args of cases) {
        const wasm = cli(args);
        const plain = cli(args, { env: { NOVA_TRACE_NO_WASM: '1' } });
        expect(wasm.code, args.join(' ')).toBe(0);
        expect(wasm.stdout.length).toBeGreaterThan(100);
        expect(wasm).toEqual(plain);
      }
    });
  }
});
