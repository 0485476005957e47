// Some outcomes are only visible from another request on the same instance (reference §2.2–2.3):
// - a delete that reaches nova-api while the server is still being scheduled deletes the build request
//   inside nova-api and logs nothing more; the boot's own lines say it was deleted during the build;
// - a live migration cancelled by a separate abort request may log nothing more under its own id
//   (drivers without a migration monitor, or logs without the monitor's lines).
// Runs over all results of a run, after matching. Pure apart from updating the results it is given.
import type { MatchResult } from './match-types.js';

const DELETED_DURING_BUILD = 'deleted_during_build';

export function resolveAcross(results: MatchResult[]): void {
  const byInstance = new Map<string, MatchResult[]>();
  for (const r of results) {
    if (r.instance === null) continue;
    let list = byInstance.get(r.instance);
    if (list === undefined) byInstance.set(r.instance, (list = []));
    list.push(r);
  }
  for (const ops of byInstance.values()) {
    if (ops.length < 2) continue;
    for (const op of ops) {
      if (op.outcome !== 'incomplete') continue;
      if (op.operation === 'delete') resolveDeleteOfBuildRequest(op, ops);
      else if (op.operation === 'live_migration') resolveAbortedMigration(op, ops);
    }
  }
}

function onlyApiReached(op: MatchResult): boolean {
  return op.stages.every((s) => !s.reached || s.service === 'api');
}

function resolveDeleteOfBuildRequest(del: MatchResult, ops: MatchResult[]): void {
  if (!onlyApiReached(del) || del.apiStatus === null || del.apiStatus === undefined || del.apiStatus >= 300) return;
  const boot = ops.find((o) => o.operation === 'boot' && o.failure?.id === DELETED_DURING_BUILD && o.start <= del.end);
  if (boot === undefined) return;
  del.outcome = 'completed';
  del.variant = 'build_request';
  del.idleMs = null;
  link(del, boot);
  del.notes.push(`the server had no host yet: nova-api deleted its build request itself (the boot ${boot.requestId ?? ''} says so)`);
}

function resolveAbortedMigration(mig: MatchResult, ops: MatchResult[]): void {
  const abort = ops.find((o) => o.operation === 'live_migration_abort' && o.outcome === 'completed' && o.start >= mig.start);
  if (abort === undefined) return;
  const last = [...mig.stages].reverse().find((s) => s.reached);
  mig.outcome = 'failed';
  mig.idleMs = null;
  mig.failure = {
    // The live_migration model's own failure for a cancelled migration: the monitor's line says the
    // same thing when it is logged.
    id: 'migration_cancelled',
    severity: 'fatal',
    causes: [],
    stage: last?.id ?? null,
    exception: null,
    message: `cancelled by the live-migration abort request ${abort.requestId ?? ''}`.trim(),
    source: `(request ${abort.requestId ?? 'unknown'})`,
    hint: 'The migration was aborted on request (DELETE /servers/{id}/migrations/{id}); the server stays on the source host.',
    explanation: 'The live migration was cancelled by a separate abort request.',
    rootCause: null,
    traceback: [],
  };
  link(mig, abort);
}

function link(a: MatchResult, b: MatchResult): void {
  if (b.requestId !== null && b.requestId !== a.requestId && !a.relatedRequestIds.includes(b.requestId)) a.relatedRequestIds.push(b.requestId);
  if (a.requestId !== null && a.requestId !== b.requestId && !b.relatedRequestIds.includes(a.requestId)) b.relatedRequestIds.push(a.requestId);
}
