import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Correlator, KEEP } from '../../src/correlate/index.js';
import { flat } from '../../src/correlate/thin.js';
import { matchTimeline, thinPolicy } from '../../src/match/index.js';
import { loadCommon, loadModels } from '../../src/models/index.js';
import { markersOf } from '../../src/models/compile.js';
import { markerMatches } from '../../src/match/marker.js';
import { parseSample } from '../match/helpers/records.js';
import type { LogRecord, Timeline } from '../../src/types.js';
import { rec, USER } from '../helpers/record.js';

const REQ = 'req-0c9a3f4e-5b7d-4c1e-9f2a-6d8e1b3c5a70';
const INST = '4f0b2f7e-8a1c-4d3b-9e6f-2c5a7d9b1e34';
const CELL = '00000000-0000-0000-0000-000000000000';
const models = loadModels([]);
const policy = thinPolicy(models);

function timelines(records: LogRecord[], thin: boolean): Timeline[] {
  const out: Timeline[] = [];
  const c = new Correlator((t) => out.push(t), thin ? { thin: policy } : {});
  for (const r of records) c.add({ ...r, traceback: [...r.traceback] });
  c.end();
  return out;
}

function results(records: LogRecord[], thin: boolean) {
  return timelines(records, thin).map((t) => matchTimeline(t, models, { inputEnd: Number.NaN }));
}

const lock = (at: number, name: string, instance: string | null, by = 'nova.compute.manager.ComputeManager.stop_instance.<locals>.do_stop_instance') =>
  rec(at, { ...USER, requestId: REQ, logger: 'oslo_concurrency.lockutils', level: 'DEBUG', instance, message: `Acquiring lock "${name}" by "${by}"` });
const lazy = (at: number) =>
  rec(at, { ...USER, requestId: REQ, logger: 'nova.objects.instance', level: 'DEBUG', instance: INST, message: "Lazy-loading 'flavor' on Instance uuid " + INST });

describe('thin timelines', () => {
  it('hold the records matching uses and count the others, with the same result', () => {
    const records = [
      rec(0, { ...USER, requestId: REQ, instance: INST, message: 'Stopping instance...' }),
      ...Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? lazy(1 + i) : lock(1 + i, `${INST}`, INST))),
      rec(60, { ...USER, requestId: REQ, instance: INST, message: 'Instance shutdown successfully after 3 seconds.' }),
    ];
    const [thin] = timelines(records, true);
    const [full] = timelines(records, false);
    expect(full!.records).toHaveLength(42);
    expect(thin!.records.length).toBeLessThan(6);
    expect(thin!.omitted!.reduce((n, o) => n + o.count, 0) + thin!.records.length).toBe(42);
    const [a] = results(records, true);
    expect(a!.recordCount).toBe(42);
    expect(a).toEqual(results(records, false)[0]);
  });

  it('keep every sample line some marker of some model matches, whatever the start the policy finds for it', () => {
    const markers = models.flatMap(markersOf);
    const lines = [...models.flatMap((m) => m.definition.samples.map((x) => x.line)), ...(loadCommon()?.samples.map((x) => x.line) ?? [])];
    const records = lines.map(parseSample).filter((r): r is LogRecord => r !== null);
    // As DEBUG lines of a library logger too: the level and logger then decide nothing but the scopes.
    const all = [...records, ...records.map((r) => ({ ...r, level: 'DEBUG' as const, logger: 'oslo_concurrency.lockutils' }))];
    let kept = 0;
    let inert = 0;
    for (const r of all) {
      const matched = markers.some((m) => markerMatches(m, r));
      const bits = policy.classify(r);
      if (matched && bits !== KEEP) expect.fail(`matched by a marker but not kept: ${r.message}`);
      if (matched) kept++;
      else if (bits !== KEEP) inert++;
    }
    expect(kept).toBeGreaterThan(500);
    expect(inert).toBeGreaterThan(10);
  });

  it('hold the copies, not the parsed records (whose strings keep their whole log line)', () => {
    const records = [rec(0, { ...USER, requestId: REQ, instance: INST, level: 'ERROR', message: 'boom', debug: { func: 'f', path: 'p', line: 1 } })];
    const [t] = timelines(records, true);
    expect(t!.records[0]).not.toBe(records[0]);
    expect(t!.records[0]!.debug).toBeNull();
    expect({ ...t!.records[0], debug: records[0]!.debug }).toEqual(records[0]);
  });

  it('keep what says a lock line names a cell, not the instance', () => {
    // The cell uuid is the only instance the lines name: it must not become the operation's.
    const cellLock = (at: number) => lock(at, CELL, CELL, 'nova.context.set_target_cell.<locals>.get_or_set_cached_cell_and_set_connections');
    const records = [rec(0, { ...USER, requestId: REQ, level: 'ERROR', message: 'boom' }), cellLock(1), cellLock(2)];
    const [a] = results(records, true);
    expect(a!.instance).toBeNull();
    expect(a).toEqual(results(records, false)[0]);
  });

  it('keep the order in which instances first appear', () => {
    const other = '9d1c2b3a-0000-4000-8000-00000000aaaa';
    const named = (at: number, instance: string) =>
      rec(at, { ...USER, requestId: REQ, service: 'api', source: 'n-api.log', logger: 'nova.compute.api', level: 'DEBUG', instance, message: 'Fetching instance by UUID' });
    const records = [rec(0, { ...USER, requestId: REQ, level: 'ERROR', message: 'boom' }), named(1, other), named(2, INST), named(3, INST), named(4, other)];
    const [a] = results(records, true);
    expect(a!.instance).toBe(other);
    expect(a).toEqual(results(records, false)[0]);
    // The first line about INST does not name it (a lock of another kind), the second does: it is the
    // first to count, before `other`'s (a tie: the first to appear wins). (API lines: a request with
    // compute lines about two instances is split per instance.)
    const tie = [
      rec(0, { ...USER, requestId: REQ, level: 'ERROR', message: 'boom' }),
      { ...lock(1, INST, INST, 'nova.compute.utils.refresh_info_cache_for_instance'), service: 'api' as const, source: 'n-api.log' },
      named(2, INST),
      named(3, other),
    ];
    const [b] = results(tie, true);
    expect(b!.instance).toBe(INST);
    expect(b).toEqual(results(tie, false)[0]);
  });

  it('keep a record that comes earlier than the one held for its place', () => {
    const records = [
      rec(5, { ...USER, requestId: REQ, level: 'ERROR', message: 'boom' }),
      rec(6, { ...USER, requestId: REQ, level: 'DEBUG', source: 'n-cpu-2.log', host: 'cmp2', message: 'Running cmd (subprocess): true' }),
      rec(1, { ...USER, requestId: REQ, level: 'DEBUG', source: 'n-cpu-2.log', host: 'cmp2', message: 'Running cmd (subprocess): false' }),
      rec(2, { ...USER, requestId: REQ, level: 'DEBUG', host: 'cmp1', message: 'Running cmd (subprocess): x' }),
    ];
    const [a] = results(records, true);
    expect(a!.hosts).toEqual(['cmp2', 'cmp1']);
    expect(a!.start).toBe(rec(1).time);
    expect(a).toEqual(results(records, false)[0]);
  });

  it('hold folded lines only where matching reads them (errors, failure hits, dispatch lines)', () => {
    const xml = ['<domain type="kvm">', '  <name>instance-00000001</name>', '</domain>'];
    const tb = ['Traceback (most recent call last):', '  File "x.py", line 1, in f', 'RuntimeError: boom'];
    const at = (s: number, level: LogRecord['level'], message: string, traceback: string[]) =>
      rec(s, { ...USER, requestId: REQ, instance: INST, level, message, traceback });
    const guest = at(1, 'DEBUG', 'End _get_guest_xml xml=<domain type="kvm">', xml);
    const noise = at(2, 'DEBUG', 'Some library dumped its state:', xml);
    const hit = at(3, 'WARNING', 'Setting instance to ERROR state.: RuntimeError: boom', tb);
    const error = at(4, 'ERROR', 'Unexpected error', tb);
    const records = [at(0, 'INFO', 'Stopping instance...', []), guest, noise, hit, error];
    // The premises: a stage marker matches the guest XML line, no marker the noise, a failure marker the hit.
    expect(policy.classify(guest)).toBe(KEEP);
    expect(policy.classify(noise)).not.toBe(KEEP);
    expect([guest, noise, hit, error].map((r) => policy.readsFolded(r))).toEqual([false, false, true, true]);
    const [t] = timelines(records, true);
    const held = (m: string) => t!.records.find((r) => r.message === m);
    expect(held(guest.message)!.traceback).toEqual([]);
    expect(held(noise.message)).toBeUndefined();
    expect(held(hit.message)!.traceback).toEqual(tb);
    expect(held(error.message)!.traceback).toEqual(tb);
    expect(t!.omitted!.reduce((n, o) => n + o.count, 0) + t!.records.length).toBe(records.length);
    expect(results(records, true)).toEqual(results(records, false));
  });

  it('copy strings exactly, whatever their length and characters (halves joined: a surrogate pair may be split)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => flat(s) === s));
    expect(flat('a😀b'.repeat(5))).toBe('a😀b'.repeat(5));
  });
});
