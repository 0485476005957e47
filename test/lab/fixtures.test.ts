// Integrity of the lab recordings in fixtures/lab/ (what lab/bin/export-fixture writes).
// It checks the contract between the lab and the golden tests, not nova-trace itself:
// every fixture has a manifest, an expected.json whose requests come from the manifest, and
// gzip'd logs that really carry each recorded request id; sizes stay small.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', 'fixtures', 'lab');
const MODEL_IDS = new Set([
  'boot', 'start', 'stop', 'reboot', 'delete', 'pause', 'unpause', 'suspend', 'resume', 'rescue', 'unrescue',
  'snapshot', 'backup', 'rebuild', 'evacuate', 'shelve', 'shelve_offload', 'unshelve', 'migrate', 'resize',
  'confirm_resize', 'revert_resize', 'live_migration', 'live_migration_abort', 'live_migration_force_complete',
  'lock', 'unlock', 'attach_volume', 'detach_volume', 'attach_interface', 'detach_interface',
]);
const REQ = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Expected {
  scenario: string;
  requests: Array<{ request_id: string; operation: string; variant?: string; outcome: string; stages: unknown[] }>;
  other_requests: Array<{ request_id: string; what: string }>;
}
interface Manifest {
  scenario: string;
  started: string;
  ended: string;
  lab: { nova_version: string; log_mode: string };
  entries: Array<{ request_id?: string | null; model?: string | null; outcome?: string; start: string; end: string }>;
  fixture: { files: Record<string, { lines: number; format: string }> };
}

const folders = existsSync(ROOT) ? readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory()) : [];

describe.skipIf(folders.length === 0)('lab fixtures', () => {
  it('stay small: each file under 2 MB, all together under 5 MB', () => {
    let total = 0;
    for (const d of folders) {
      for (const f of readdirSync(join(ROOT, d))) {
        const size = statSync(join(ROOT, d, f)).size;
        expect(size, `${d}/${f}`).toBeLessThan(2 * 1024 * 1024);
        total += size;
      }
    }
    expect(total).toBeLessThan(5 * 1024 * 1024);
  });

  for (const d of folders) {
    describe(d, () => {
      const dir = join(ROOT, d);
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const logs = Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f.endsWith('.gz'))
          .map((f) => [f, gunzipSync(readFileSync(join(dir, f))).toString('utf8')]),
      );

      it('names the scenario and the Nova that recorded it', () => {
        expect(manifest.scenario).toBe(d);
        expect(expected.scenario).toBe(d);
        expect(manifest.lab.nova_version).toMatch(/^2:26\./);
        expect(Date.parse(manifest.ended)).toBeGreaterThan(Date.parse(manifest.started));
      });

      it('lists exactly the manifest lifecycle requests, with model ids and outcomes', () => {
        const fromManifest = manifest.entries.filter((e) => e.model && e.request_id).map((e) => e.request_id);
        expect(expected.requests.map((r) => r.request_id)).toEqual(fromManifest);
        for (const r of expected.requests) {
          expect(r.request_id).toMatch(REQ);
          expect(MODEL_IDS.has(r.operation), r.operation).toBe(true);
          expect(['completed', 'failed']).toContain(r.outcome);
          // The stages nova-trace must reach (filled by test/lab/golden.test.ts with UPDATE_LAB_STAGES=1,
          // reviewed): each one a stage of the model.
          const known = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'models', 'defs', `${r.operation}.json`), 'utf8')).stages.map((x: { id: string }) => x.id);
          for (const st of r.stages) expect(known, `${r.operation} has stage ${st}`).toContain(st);
          if (r.operation === 'reboot') expect(['soft', 'hard']).toContain(r.variant);
        }
      });

      it('has the log files the manifest lists, each with the lines it says', () => {
        expect(Object.keys(logs).sort()).toEqual(Object.keys(manifest.fixture.files).sort());
        for (const [f, meta] of Object.entries(manifest.fixture.files)) {
          const n = logs[f].split('\n').length - 1;
          if (meta.format === 'oslo') expect(n, f).toBe(meta.lines);
          else expect(n, f).toBeGreaterThan(0);
        }
      });

      it('carries every recorded request id in the API log', () => {
        const api = logs['n-api.log.gz'] ?? logs['screen-n-api.txt.gz'];
        expect(api).toBeDefined();
        for (const r of [...expected.requests, ...expected.other_requests]) expect(api.includes(r.request_id), r.request_id).toBe(true);
      });
    });
  }
});
