import { describe, expect, it } from 'vitest';
import { resolveAcross, type MatchResult } from '../../src/match/index.js';

const I = '16c543ff-bc82-4135-b3dc-ccd63427f314';

function result(over: Partial<MatchResult>): MatchResult {
  return {
    requestId: 'req-x', globalRequestId: null, relatedRequestIds: [], operation: 'unknown', variant: null, confidence: 1, instance: I,
    hosts: [], services: ['api'], start: 0, end: 1, durationMs: 1, outcome: 'completed', idleMs: null, notes: [], errorCount: 0,
    recordCount: 1, stages: [], failure: null, apiStatus: null, modelFile: null, ...over,
  };
}
const apiOnly = [{ id: 'api', title: 'API', service: 'api' as const, host: null, reached: true, at: 0, durationMs: 1 }];

describe('resolveAcross', () => {
  it('completes a delete that removed the build request, when the boot says it was deleted during the build', () => {
    const boot = result({ requestId: 'req-boot', operation: 'boot', outcome: 'failed', start: 0, end: 5,
      failure: { id: 'deleted_during_build', severity: 'fatal', causes: [], stage: 'host_selected', exception: null, message: '', source: 'x:1', hint: '', explanation: '', rootCause: null, traceback: [] } });
    const del = result({ requestId: 'req-del', operation: 'delete', outcome: 'incomplete', start: 3, end: 3.5, apiStatus: 204, stages: apiOnly, idleMs: 9000 });
    resolveAcross([boot, del]);
    expect([del.outcome, del.variant, del.idleMs]).toEqual(['completed', 'build_request', null]);
    expect(del.relatedRequestIds).toEqual(['req-boot']);
    expect(boot.relatedRequestIds).toEqual(['req-del']);
  });

  it('leaves an API-only delete incomplete when nothing else explains it, or when the API refused it', () => {
    const del = result({ operation: 'delete', outcome: 'incomplete', apiStatus: 204, stages: apiOnly });
    resolveAcross([del, result({ operation: 'boot', requestId: 'req-boot' })]);
    expect(del.outcome).toBe('incomplete');
  });

  it('fails a live migration cancelled by a later abort request on the same instance', () => {
    const mig = result({ requestId: 'req-mig', operation: 'live_migration', outcome: 'incomplete', start: 0, end: 6,
      stages: [{ id: 'pre_live_migration_done', title: '', service: 'compute', host: 'cmp1', reached: true, at: 5, durationMs: 1 }] });
    const abort = result({ requestId: 'req-abort', operation: 'live_migration_abort', outcome: 'completed', start: 5 });
    resolveAcross([mig, abort]);
    expect(mig.outcome).toBe('failed');
    expect(mig.failure).toMatchObject({ id: 'migration_cancelled', stage: 'pre_live_migration_done' });
    expect(mig.failure!.message).toContain('req-abort');
    expect(mig.relatedRequestIds).toEqual(['req-abort']);
  });

  it('does not blame an abort that came before the migration', () => {
    const mig = result({ operation: 'live_migration', outcome: 'incomplete', start: 10 });
    resolveAcross([mig, result({ requestId: 'req-abort', operation: 'live_migration_abort', start: 5 })]);
    expect(mig.outcome).toBe('incomplete');
  });
});
