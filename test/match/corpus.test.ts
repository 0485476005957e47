// Real logs of older releases (../shared/corpus, see its README): the models must recognise what Havana
// and Kilo wrote. Skipped when the corpus is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { matchTimeline } from '../../src/match/index.js';
import { loadModels } from '../../src/models/index.js';
import type { LogRecord, Service } from '../../src/types.js';
import { parseLines, timelineOf } from './helpers/records.js';

const CORPUS = process.env.NOVA_TRACE_CORPUS ?? '/work/shared/corpus';
const models = loadModels();

function read(file: string, service: Service): LogRecord[] {
  const buf = readFileSync(join(CORPUS, file));
  const text = (file.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  return parseLines(text.replace(/\n$/, '').split('\n'), { source: file, service, host: null });
}

function byRequest(records: readonly LogRecord[]): Map<string, LogRecord[]> {
  const out = new Map<string, LogRecord[]>();
  for (const r of records) {
    if (r.requestId === null) continue;
    const list = out.get(r.requestId);
    if (list) list.push(r);
    else out.set(r.requestId, [r]);
  }
  return out;
}

describe.skipIf(!existsSync(join(CORPUS, 'havana-gate-2013')))('corpus: Havana devstack gate, nova-api only', () => {
  it('recognises every server action tempest ran, from `Action: … body:` lines (JSON and XML)', () => {
    const counts: Record<string, number> = {};
    for (const records of byRequest(read('havana-gate-2013/screen-n-api.txt.gz', 'api')).values()) {
      const r = matchTimeline(timelineOf(records), models, { inputEnd: 0 });
      if (r.operation === 'unknown') continue;
      const key = `${r.operation}${r.variant ? `/${r.variant}` : ''} ${r.outcome}${r.failure ? ` ${r.failure.id}` : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    // Only the API log: nothing can be seen to complete.
    expect(counts).toEqual({
      'boot incomplete': 21,
      'confirm_resize incomplete': 2,
      'delete failed api_rejected': 1,
      'delete incomplete': 21,
      'reboot/hard incomplete': 2,
      'rebuild incomplete': 2,
      'rescue incomplete': 4,
      'resize incomplete': 2,
      'snapshot incomplete': 2,
      'stop incomplete': 1,
      'unrescue incomplete': 2,
    });
  });
});

describe.skipIf(!existsSync(join(CORPUS, 'kilo-router-vm')))('corpus: Kilo controller at INFO level', () => {
  it('completes the boots on "Instance spawned successfully." (Kilo logs no "Took … to build")', () => {
    const files: Array<[string, Service]> = [
      ['kilo-router-vm/controller1-nova-api.log', 'api'],
      ['kilo-router-vm/controller1-nova-conductor.log', 'conductor'],
      ['kilo-router-vm/controller1-nova-scheduler.log', 'scheduler'],
      ['kilo-router-vm/controller1-nova-compute.log-20151124.gz', 'compute'],
      ['kilo-router-vm/controller1-nova-compute.log', 'compute'],
    ];
    const all = files.flatMap(([f, s]) => read(f, s));
    const results = [];
    for (const records of byRequest(all).values()) {
      const own = matchTimeline(timelineOf(records), models, { inputEnd: 0 });
      if (own.operation !== 'boot') continue;
      // The looping-call lines ([-]) of the same instance within 10 minutes, as correlation attaches them.
      const idless = all.filter((r) => r.requestId === null && r.instance === own.instance && r.time >= own.start && r.time <= own.start + 600_000);
      results.push(matchTimeline(timelineOf([...records, ...idless]), models, { inputEnd: 0 }));
    }
    expect(results).toHaveLength(5);
    for (const r of results) {
      expect(r.outcome).toBe('completed');
      expect(r.stages.filter((s) => s.reached).map((s) => s.id)).toEqual(
        expect.arrayContaining(['build_started', 'claimed', 'guest_created', 'spawned']),
      );
    }
  });
});
