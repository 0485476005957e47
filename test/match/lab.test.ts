// The Zed lab recording (real nova 26.2.2, FakeDriver hosts cmp1/cmp2 and a libvirt/QEMU host lv1):
// every API call of ops.tsv is grouped like the correlation step does for a request id, matched, and
// must agree with ops.tsv (expected outcome, HTTP status) and with the table pinned below.
import { beforeAll, describe, expect, it } from 'vitest';
import { matchTimeline, type MatchResult } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import type { LogRecord } from '../../src/types.js';
import { labAvailable, labTimeline, type OpRow, readLabRecords, readOps } from './helpers/lab.js';

/** ops.tsv operation → model id, for the lifecycle rows. */
const LIFECYCLE: Record<string, string> = {
  boot: 'boot', stop: 'stop', start: 'start', 'reboot-soft': 'reboot', 'reboot-hard': 'reboot', pause: 'pause', unpause: 'unpause',
  suspend: 'suspend', resume: 'resume', rescue: 'rescue', unrescue: 'unrescue', lock: 'lock', unlock: 'unlock',
  createImage: 'snapshot', createBackup: 'backup', rebuild: 'rebuild', shelve: 'shelve', shelveOffload: 'shelve_offload',
  unshelve: 'unshelve', resize: 'resize', migrate: 'migrate', confirmResize: 'confirm_resize', revertResize: 'revert_resize',
  'os-migrateLive': 'live_migration', evacuate: 'evacuate', delete: 'delete',
};

function lifecycleModel(op: string): string | null {
  const base = op.replace(/^lv:/, '').replace(/[([].*$/, '').trim();
  return LIFECYCLE[base] ?? null;
}

// [ops.tsv operation, request id prefix, operation, variant, outcome, failure id, stages reached]
type Pinned = [string, string, string, string | null, string, string | null, string];
const PINNED: Pinned[] = [
  ['flavor-create:m1.tiny', 'req-cad06e48', 'unknown', null, 'unknown', null, ''],
  ['flavor-create:m1.small', 'req-79904beb', 'unknown', null, 'unknown', null, ''],
  ['flavor-create:m1.hugedisk', 'req-f1d4247d', 'unknown', null, 'unknown', null, ''],
  ['aggregate-create:fake-hosts', 'req-67cf699e', 'unknown', null, 'unknown', null, ''],
  ['aggregate-add-host:cmp1', 'req-95c98e06', 'unknown', null, 'unknown', null, ''],
  ['aggregate-add-host:cmp2', 'req-a5657b6b', 'unknown', null, 'unknown', null, ''],
  ['aggregate-create:libvirt-hosts', 'req-dd2f90f5', 'unknown', null, 'unknown', null, ''],
  ['aggregate-add-host:lv1', 'req-8aa634cb', 'unknown', null, 'unknown', null, ''],
  ['boot', 'req-46d6eb47', 'boot', null, 'completed', null, 'api scheduling host_selected build_started claimed networking block_device_mapping spawning spawned done'],
  ['stop', 'req-fa856fdd', 'stop', null, 'completed', null, 'api compute_received done'],
  ['pause(stopped) [invalid state]', 'req-c489296b', 'pause', null, 'failed', 'invalid_state', 'api'],
  ['start', 'req-30fbdcfe', 'start', null, 'completed', null, 'api compute_received'],
  ['reboot-soft', 'req-8a98a571', 'reboot', 'soft', 'completed', null, 'api compute_received done'],
  ['reboot-hard', 'req-d2a03561', 'reboot', 'hard', 'completed', null, 'api compute_received done'],
  ['pause', 'req-0e7f5522', 'pause', null, 'completed', null, 'api compute_received'],
  ['unpause', 'req-317af64f', 'unpause', null, 'completed', null, 'api compute_received'],
  ['suspend', 'req-d91446ba', 'suspend', null, 'completed', null, 'api compute_received'],
  ['resume', 'req-617f63c3', 'resume', null, 'completed', null, 'api compute_received'],
  ['rescue', 'req-c4a47087', 'rescue', null, 'completed', null, 'api compute_received'],
  ['unrescue', 'req-fa8cf6e2', 'unrescue', null, 'completed', null, 'api compute_received'],
  ['lock', 'req-11ce5296', 'lock', null, 'completed', null, 'api done'],
  ['unlock', 'req-1e253225', 'unlock', null, 'completed', null, 'api done'],
  ['createImage(snapshot)', 'req-d2997d58', 'snapshot', 'image_backed', 'completed', null, 'api snapshot_started done'],
  ['rebuild', 'req-ca4a1ebc', 'rebuild', null, 'completed', null, 'api conductor compute_received'],
  ['shelve', 'req-f1717b65', 'shelve', 'shelved', 'completed', null, 'api compute_received done'],
  ['shelveOffload', 'req-3abc04ec', 'shelve_offload', null, 'completed', null, 'api compute_received allocations_deleted done'],
  ['unshelve', 'req-2fb249e3', 'unshelve', 'offloaded', 'completed', null, 'api scheduling scheduled compute_received claimed done'],
  ['resize', 'req-4a238dec', 'resize', null, 'completed', null, 'api conductor scheduling scheduled prep_resize migrating'],
  ['confirmResize', 'req-c45eeaff', 'confirm_resize', null, 'completed', null, 'api compute_received allocation_deleted done'],
  ['resize', 'req-536b00a3', 'resize', null, 'completed', null, 'api conductor scheduling scheduled prep_resize migrating'],
  ['revertResize', 'req-62b756b1', 'revert_resize', null, 'completed', null, 'api dest_reverting allocations_swapped source_reverting'],
  ['migrate(cold)', 'req-038f9ca7', 'migrate', null, 'completed', null, 'api conductor scheduling scheduled prep_resize migrating'],
  ['confirmResize(migration)', 'req-1013b5f6', 'confirm_resize', null, 'completed', null, 'api compute_received allocation_deleted done'],
  ['os-migrateLive', 'req-d651f0a8', 'live_migration', null, 'completed', null, 'api conductor scheduling dest_check source_check port_binding pre_live_migration pre_live_migration_done post_migration post_at_dest done'],
  ['os-getConsoleOutput', 'req-e6dec770', 'unknown', null, 'unknown', null, ''],
  ['service-disable:cmp1', 'req-19d36d48', 'unknown', null, 'unknown', null, ''],
  ['migrate(cold, only one host enabled)', 'req-cd4cf2ce', 'migrate', null, 'failed', 'no_valid_host', 'api conductor scheduling'],
  ['service-enable:cmp1', 'req-f25daa1d', 'unknown', null, 'unknown', null, ''],
  ['os-resetState(error)', 'req-653ac031', 'unknown', null, 'unknown', null, ''],
  ['os-resetState(active)', 'req-7eaba35c', 'unknown', null, 'unknown', null, ''],
  ['createBackup', 'req-767fee0f', 'backup', null, 'completed', null, 'api snapshot_started snapshotted rotating'],
  ['os-migrateLive(to unknown host)', 'req-4c2aa7b4', 'live_migration', null, 'failed', 'api_rejected', 'api'],
  ['resize(same flavor)', 'req-1249cffb', 'resize', null, 'failed', 'api_rejected', 'api'],
  ['boot(for evacuate)', 'req-b23c6249', 'boot', null, 'completed', null, 'api scheduling host_selected build_started claimed networking block_device_mapping spawning spawned done'],
  ['service-force-down:cmp1', 'req-4705e93d', 'unknown', null, 'unknown', null, ''],
  ['evacuate', 'req-142e6d86', 'evacuate', null, 'completed', null, 'api conductor scheduling scheduled compute_received claimed disk'],
  ['service-unset-force-down:cmp1', 'req-4ba17886', 'unknown', null, 'unknown', null, ''],
  ['boot(flavor too big) [NoValidHost]', 'req-594147a5', 'boot', null, 'failed', 'no_valid_host', 'api scheduling'],
  ['boot(missing image)', 'req-8c28861e', 'boot', null, 'failed', 'api_rejected', 'api'],
  ['delete', 'req-53615a62', 'delete', 'local', 'completed', null, 'api local_delete'],
  ['delete', 'req-2bf25b09', 'delete', 'compute', 'completed', null, 'api compute_received destroying destroyed network_deallocated allocations_deleted done'],
  ['delete', 'req-4e8569f9', 'delete', 'compute', 'completed', null, 'api compute_received destroying destroyed network_deallocated allocations_deleted done'],
  ['lv:boot', 'req-1fb78ae3', 'boot', null, 'completed', null, 'api scheduling host_selected build_started claimed networking block_device_mapping spawning guest_created spawned done'],
  ['lv:stop', 'req-5faa8152', 'stop', null, 'completed', null, 'api compute_received powering_off powered_off destroyed done'],
  ['lv:pause(stopped) [invalid state]', 'req-822b9ac2', 'pause', null, 'failed', 'invalid_state', 'api'],
  ['lv:start', 'req-a9738866', 'start', null, 'completed', null, 'api compute_received guest_xml powered_on'],
  ['lv:reboot-soft', 'req-509f6789', 'reboot', 'soft', 'completed', null, 'api compute_received soft_fallback destroyed rebooted done'],
  ['lv:reboot-hard', 'req-757f2aaa', 'reboot', 'hard', 'completed', null, 'api compute_received destroyed rebooted done'],
  ['lv:pause', 'req-2417a643', 'pause', null, 'completed', null, 'api compute_received'],
  ['lv:unpause', 'req-e67d1e73', 'unpause', null, 'completed', null, 'api compute_received time_synced'],
  ['lv:suspend', 'req-0dd054da', 'suspend', null, 'completed', null, 'api compute_received'],
  ['lv:resume', 'req-ae0bc8c9', 'resume', null, 'completed', null, 'api compute_received running'],
  ['lv:rescue', 'req-362c2898', 'rescue', null, 'completed', null, 'api compute_received powered_off rescue_guest image_created'],
  ['lv:unrescue', 'req-ffa09bec', 'unrescue', null, 'completed', null, 'api compute_received destroyed'],
  ['lv:lock', 'req-f4e1a99d', 'lock', null, 'completed', null, 'api done'],
  ['lv:unlock', 'req-62e9d477', 'unlock', null, 'completed', null, 'api done'],
  ['lv:createImage(snapshot)', 'req-0b3aace9', 'snapshot', 'image_backed', 'completed', null, 'api snapshot_started extracting uploading uploaded done'],
  ['lv:os-getConsoleOutput', 'req-ca67e6db', 'unknown', null, 'unknown', null, ''],
  ['lv:rebuild', 'req-ae63254d', 'rebuild', null, 'completed', null, 'api conductor compute_received powered_off spawning spawned'],
  ['lv:shelve', 'req-dbf3be7e', 'shelve', 'shelved', 'completed', null, 'api compute_received powered_off snapshot uploading uploaded done'],
  ['lv:shelveOffload', 'req-848ce83f', 'shelve_offload', null, 'completed', null, 'api compute_received destroyed files_deleted allocations_deleted done'],
  ['lv:unshelve', 'req-7e2f37d2', 'unshelve', 'offloaded', 'completed', null, 'api scheduling scheduled compute_received claimed spawning spawned done'],
  ['lv:resize(single libvirt host)', 'req-84ab7c74', 'resize', null, 'failed', 'no_valid_host', 'api conductor scheduling'],
  ['lv:migrate(cold, single libvirt host)', 'req-d3cc1c76', 'migrate', null, 'failed', 'no_valid_host', 'api conductor scheduling'],
  ['lv:delete', 'req-867d0de8', 'delete', 'compute', 'completed', null, 'api compute_received destroying destroyed files_deleted network_deallocated allocations_deleted done'],
];

const available = labAvailable();

describe.skipIf(!available)('lab recording zed-2026-11-21', () => {
  let rows: OpRow[];
  let results: Map<string, MatchResult>;

  beforeAll(() => {
    const models = loadModels();
    const all: LogRecord[] = readLabRecords();
    let end = Number.NEGATIVE_INFINITY;
    for (const r of all) if (r.time > end) end = r.time;
    rows = readOps();
    results = new Map();
    for (const row of rows) {
      const tl = labTimeline(all, row);
      if (tl.records.length > 0) results.set(row.requestId, matchTimeline(tl, models, { inputEnd: end }));
    }
  });

  it('matches every lifecycle row with the operation, outcome and HTTP status of ops.tsv', () => {
    let checked = 0;
    for (const row of rows) {
      const model = lifecycleModel(row.operation);
      if (model === null) continue;
      const r = results.get(row.requestId);
      expect(r, row.operation).toBeDefined();
      const want = row.expectedOutcome.startsWith('success') ? 'completed' : 'failed';
      expect({ row: row.operation, operation: r!.operation, outcome: r!.outcome, status: r!.apiStatus }).toEqual({
        row: row.operation,
        operation: model,
        outcome: want,
        status: row.httpStatus,
      });
      checked++;
    }
    expect(checked).toBe(59);
  });

  it('recognises no lifecycle operation in the other nova API calls', () => {
    for (const row of rows) {
      if (lifecycleModel(row.operation) !== null) continue;
      const r = results.get(row.requestId);
      if (r) expect({ row: row.operation, operation: r.operation }).toEqual({ row: row.operation, operation: 'unknown' });
    }
  });

  it('agrees with the pinned table (variant, failure, stages reached)', () => {
    const got: Pinned[] = [];
    for (const row of rows) {
      const r = results.get(row.requestId);
      if (!r) continue;
      got.push([
        row.operation,
        row.requestId.slice(0, 12),
        r.operation,
        r.variant,
        r.outcome,
        r.failure?.id ?? null,
        r.stages.filter((s) => s.reached).map((s) => s.id).join(' '),
      ]);
    }
    expect(got).toEqual(PINNED);
  });

  it('explains the NoValidHost boot: placement had no candidates, root cause NoValidHost, instance set to ERROR', () => {
    const r = results.get(rows.find((x) => x.operation.startsWith('boot(flavor too big)'))!.requestId)!;
    expect(r.failure).toMatchObject({
      id: 'no_valid_host',
      stage: 'scheduling',
      exception: 'nova.exception_Remote.NoValidHost_Remote',
      rootCause: 'NoValidHost',
      source: 'n-cond.log.gz:1085',
    });
    expect(r.failure!.explanation).toMatch(/Placement returned no allocation candidates/);
    expect(r.failure!.traceback.length).toBeGreaterThan(0);
    expect(r.notes.join('\n')).toMatch(/set_state/);
  });

  it('explains the cold-migrate NoValidHost: the current host ignored, no host left', () => {
    const r = results.get(rows.find((x) => x.operation.startsWith('migrate(cold, only one host'))!.requestId)!;
    expect(r.failure!.causes).toEqual([
      'The scheduler ignored host(s) cmp2 (the current host of a move operation, or hosts already tried).',
      '0 host(s) passed the filters but 1 instance(s) were requested.',
    ]);
  });

  it('reports API rejections with the webob exception and the API stage', () => {
    const r = results.get(rows.find((x) => x.operation === 'pause(stopped) [invalid state]')!.requestId)!;
    expect(r.failure).toMatchObject({ id: 'invalid_state', stage: 'api', exception: 'HTTPConflict' });
    expect(r.failure!.explanation).toBe("nova-api refused 'pause': the instance is in vm_state stopped (HTTP 409).");
  });

  it('notes the soft reboot that fell back to hard, and gives stage hosts and durations', () => {
    const r = results.get(rows.find((x) => x.operation.startsWith('lv:reboot-soft'))!.requestId)!;
    expect(r.variant).toBe('soft');
    expect(r.notes.some((n) => n.startsWith('soft_reboot_fallback:'))).toBe(true);
    const fallback = r.stages.find((s) => s.id === 'soft_fallback')!;
    expect(fallback).toMatchObject({ reached: true, host: 'lv1', service: 'compute' });
    expect(fallback.durationMs).toBeGreaterThan(0);
    const total = r.stages.reduce((n, s) => n + (s.durationMs ?? 0), 0);
    expect(total).toBeLessThanOrEqual(r.durationMs);
  });

  it('tells the live-migration hosts apart (source cmp1, destination cmp2)', () => {
    const r = results.get(rows.find((x) => x.operation === 'os-migrateLive')!.requestId)!;
    const host = (id: string) => r.stages.find((s) => s.id === id)!.host;
    expect([host('dest_check'), host('source_check'), host('pre_live_migration_done'), host('post_at_dest'), host('done')]).toEqual([
      'cmp2', 'cmp1', 'cmp1', 'cmp2', 'cmp1',
    ]);
  });
});
