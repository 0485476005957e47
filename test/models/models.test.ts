import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testMarker, verifyCommonSamples, verifySamples } from '../../src/match/index.js';
import { anyMarkerMatches, markerMatches } from '../../src/match/marker.js';
import { BUILTIN_MODELS_DIR, COMMON_FILE, listModels, loadCommon, loadModels } from '../../src/models/index.js';
import type { LogRecord } from '../../src/types.js';
import { parseSample } from '../match/helpers/records.js';

const EXPECTED_IDS = [
  'attach_interface', 'attach_volume', 'backup', 'boot', 'confirm_resize', 'delete', 'detach_interface', 'detach_volume',
  'evacuate', 'live_migration', 'live_migration_abort', 'live_migration_force_complete', 'lock', 'migrate', 'pause',
  'reboot', 'rebuild', 'rescue', 'resize', 'resume', 'revert_resize', 'shelve', 'shelve_offload', 'snapshot', 'start',
  'stop', 'suspend', 'unlock', 'unpause', 'unrescue', 'unshelve',
];

const models = loadModels();

function parsedSamples(lines: readonly string[]): Map<string, LogRecord | null> {
  return new Map(lines.map((l) => [l, parseSample(l)]));
}

describe('built-in models', () => {
  it('loads every lifecycle operation once', () => {
    expect(models.map((m) => m.id).sort()).toEqual(EXPECTED_IDS);
  });

  it('compiles every pattern anchored', () => {
    for (const m of models) {
      for (const s of m.stages) for (const mk of s.markers) expect(mk.re.source.startsWith('^')).toBe(true);
      for (const f of m.failures) for (const mk of f.markers) expect(mk.re.source.endsWith('$')).toBe(true);
    }
  });

  it('reports failures from _common.json as shared', () => {
    const boot = models.find((m) => m.id === 'boot')!;
    expect(boot.failures.some((f) => f.id === 'no_valid_host' && f.common)).toBe(true);
    expect(boot.failures.some((f) => f.id === 'spawn_failed' && !f.common)).toBe(true);
  });

  for (const id of EXPECTED_IDS) {
    it(`${id}: every sample line parses and matches as the file says`, () => {
      const model = models.find((m) => m.id === id)!;
      expect(model.definition.samples.length).toBeGreaterThan(0);
      const parsed = parsedSamples(model.definition.samples.map((s) => s.line));
      const problems = verifySamples(model, (l) => parsed.get(l) ?? null);
      expect(problems).toEqual([]);
    });
  }

  it('_common.json samples match the shared failures', () => {
    const common = loadCommon()!;
    const parsed = parsedSamples(common.samples.map((s) => s.line));
    const boot = models.find((m) => m.id === 'boot')!;
    const problems = verifyCommonSamples(boot, common.samples, join(BUILTIN_MODELS_DIR, COMMON_FILE), (l) => parsed.get(l) ?? null);
    expect(problems).toEqual([]);
  });

  it('every model has a sample for each required stage', () => {
    for (const m of models) {
      const sampled = new Set(m.definition.samples.map((s) => s.expect.stage).filter(Boolean));
      const missing = m.stages.filter((s) => s.spec.optional !== true && !sampled.has(s.id)).map((s) => s.id);
      expect({ model: m.id, missing }).toEqual({ model: m.id, missing: [] });
    }
  });

  it('every failure of every model, and of _common.json, has a sample line', () => {
    for (const m of models) {
      const sampled = new Set(m.definition.samples.map((s) => s.expect.failure).filter(Boolean));
      const missing = m.definition.failures.map((f) => f.id).filter((id) => !sampled.has(id));
      expect({ model: m.id, missing }).toEqual({ model: m.id, missing: [] });
    }
    const common = loadCommon()!;
    const sampled = new Set(common.samples.map((s) => s.expect.failure));
    expect(common.failures.map((f) => f.id).filter((id) => !sampled.has(id))).toEqual([]);
  });

  it('every stage, success and recognition marker matches at least one sample line', () => {
    for (const m of models) {
      const records = m.definition.samples.map((s) => parseSample(s.line)).filter((r): r is LogRecord => r !== null);
      const markers = [...m.stages.flatMap((s) => s.markers), ...m.success, ...m.recognise.messages];
      const unsampled = markers.filter((mk) => !records.some((r) => testMarker(mk, r) !== null)).map((mk) => mk.spec.pattern);
      expect({ model: m.id, unsampled }).toEqual({ model: m.id, unsampled: [] });
    }
  });

  it('markerMatches answers as testMarker does, for every marker and every sample line (and the other service, level and logger)', () => {
    const records = models.flatMap((m) => m.definition.samples.map((s) => parseSample(s.line)).filter((r): r is LogRecord => r !== null));
    // The same lines as another service, level and logger wrote them: the gates must refuse as testMarker's do.
    const moved = records.map((r) => ({ ...r, service: r.service === 'compute' ? ('api' as const) : ('compute' as const), level: r.level === 'ERROR' ? ('INFO' as const) : ('ERROR' as const), logger: `x${r.logger}` }));
    const markers = models.flatMap((m) => [...m.stages.flatMap((s) => s.markers), ...m.success, ...m.recognise.messages, ...m.failures.flatMap((f) => f.markers)]);
    let matched = 0;
    let refused = 0;
    for (const mk of markers) {
      for (const r of [...records, ...moved]) {
        const hit = testMarker(mk, r) !== null;
        if (markerMatches(mk, r) !== hit) expect.fail(`${mk.spec.pattern} on ${r.message}: markerMatches says ${!hit}`);
        if (hit) matched++;
        else if (r.message.startsWith(mk.prefix) && mk.re.test(r.message)) refused++; // refused by a scope
      }
    }
    expect(matched).toBeGreaterThan(markers.length);
    expect(refused).toBeGreaterThan(100);
    expect(anyMarkerMatches(markers, records[0]!)).toBe(markers.some((mk) => testMarker(mk, records[0]!) !== null));
    expect(anyMarkerMatches([], records[0]!)).toBe(false);
  });

  it('files are formatted JSON (2-space indent, trailing newline)', () => {
    for (const m of models) {
      const text = readFileSync(m.file, 'utf8');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });
});

describe('listModels', () => {
  it('lists models and stages as plain data', () => {
    const list = listModels(models);
    expect(list.map((m) => m.id)).toEqual(EXPECTED_IDS);
    const reboot = list.find((m) => m.id === 'reboot')!;
    expect(reboot.variants.map((v) => v.id).sort()).toEqual(['hard', 'soft']);
    expect(reboot.stages[0]).toMatchObject({ id: 'api', service: 'api', optional: false });
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    expect(reboot.failures.every((f) => !f.common)).toBe(true);
    expect(listModels(models, { includeCommonFailures: true }).find((m) => m.id === 'reboot')!.failures.some((f) => f.common)).toBe(true);
  });
});
