// Synthetic match results for the check tests: a boot by default, with stages reached in order.
import type { MatchResult } from '../../src/match/index.js';
import type { StageResult } from '../../src/types.js';

export const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const BOOT = ['api', 'scheduling', 'host_selected', 'build_started', 'claimed', 'networking', 'block_device_mapping', 'spawning', 'guest_created', 'spawned', 'done'];

/** Stages of `ids`, the first `reached` of them reached one second apart. */
export function stages(reached: string[], ids: string[] = BOOT): StageResult[] {
  return ids.map((id) => {
    const i = reached.indexOf(id);
    return {
      id,
      title: id,
      service: 'compute',
      host: i >= 0 ? 'cmp1' : null,
      reached: i >= 0,
      at: i >= 0 ? T0 + i * 1000 : null,
      durationMs: i >= 0 ? 1000 : null,
    };
  });
}

export function op(over: Partial<MatchResult> & { reached?: string[] } = {}): MatchResult {
  const { reached = BOOT.filter((s) => s !== 'guest_created'), ...rest } = over;
  const st = rest.stages ?? stages(reached, rest.operation === undefined || rest.operation === 'boot' ? BOOT : reached);
  return {
    requestId: 'req-3f1c2a9e-7b4d-4e8a-9c21-5d6e7f8a9b01',
    globalRequestId: null,
    relatedRequestIds: [],
    operation: 'boot',
    variant: null,
    confidence: 1,
    instance: 'a1b2c3d4-1111-4a2b-8c3d-0e1f2a3b4c5d',
    hosts: ['cmp1'],
    services: ['api', 'scheduler', 'conductor', 'compute'],
    start: T0,
    end: T0 + reached.length * 1000,
    durationMs: reached.length * 1000,
    outcome: 'completed',
    stages: st,
    failure: null,
    idleMs: null,
    notes: [],
    errorCount: 0,
    recordCount: 20,
    apiStatus: 202,
    modelFile: null,
    ...rest,
  };
}

export function failure(over: Partial<NonNullable<MatchResult['failure']>> = {}): NonNullable<MatchResult['failure']> {
  return {
    id: 'build_aborted',
    severity: 'fatal',
    stage: 'spawning',
    exception: null,
    message: 'Build of instance b2c3d4e5 aborted: Virtual Interface creation failed',
    source: 'n-cpu.log:22',
    hint: '',
    explanation: '',
    rootCause: 'VirtualInterfaceCreateException',
    traceback: [],
    causes: [],
    ...over,
  };
}
