// Model types local to src/models and src/match. They extend the shared ones in src/types.ts
// (OperationModel, StageSpec, FailureSpec, RecogniseSpec) with what the data files need:
// variants, failure severity/priority, action lines named by controller method, and the
// compiled (RegExp) form the matcher reads. Kept here so src/types.ts stays untouched.
import type {
  FailureSpec,
  Level,
  MarkerSpec,
  OperationModel,
  RecogniseSpec,
  Service,
  StageSpec,
} from '../types.js';

/**
 * How a failure marker counts:
 * - `fatal`: the operation failed (unless a success marker follows it, e.g. a reschedule that succeeded).
 * - `cause`: explains a fatal failure; fails the operation on its own only when nothing fatal and no
 *   success is seen (e.g. the scheduler's `Got no allocation candidates` when the conductor log is missing).
 * - `context`: only explains a failure (e.g. `Host filter ignoring hosts: …`), never fails anything.
 * - `warning`: not a failure; the matcher adds a note (soft-reboot fallback, network retry, reschedule).
 */
export type FailureSeverity = 'fatal' | 'cause' | 'context' | 'warning';

export interface ModelFailureSpec extends FailureSpec {
  severity?: FailureSeverity;
  /** Higher wins when several fatal failures are seen (the verdict over its symptoms). Default 0. */
  priority?: number;
  /**
   * A later success line does not recover this failure: nova does the success-looking step anyway
   * (e.g. it deletes the migration allocation after a failed confirm, "regardless").
   */
  final?: boolean;
}

/** An `Action: '…'` / `Calling method '…'` line, named by body key or controller method. */
export interface ActionSpec {
  /** Top-level key of the request body (`os-stop`, `reboot`, `server`, `volumeAttachment`…). */
  action?: string;
  /** Controller method, `Class.method` (`ServersController.delete`), for requests without a body. */
  method?: string;
  /** Regex searched (unanchored) in the body text, e.g. `"type":\s*"HARD"`. */
  body?: string;
}

export interface ModelRecogniseSpec extends Omit<RecogniseSpec, 'actions'> {
  actions?: ActionSpec[];
}

/** A variant is chosen by the first entry whose `when` evidence is seen in the timeline. */
export interface VariantSpec {
  id: string;
  title?: string;
  when: {
    actions?: ActionSpec[];
    messages?: MarkerSpec[];
  };
  /** Set only by cross-request resolution (src/match/resolve-across.ts), never from the request's own lines. */
  derived?: boolean;
}

export interface ModelStageSpec extends StageSpec {
  /** The stage exists only for these variants (omitted: for every variant). */
  variants?: string[];
}

/** One model file (src/models/defs/<id>.json) after validation. */
export interface ModelDefinition extends Omit<OperationModel, 'recognise' | 'stages' | 'failures' | 'variant'> {
  recognise: ModelRecogniseSpec;
  stages: ModelStageSpec[];
  failures: ModelFailureSpec[];
  variants?: VariantSpec[];
  /** Variant used when no `variants[].when` evidence is seen. */
  defaultVariant?: string;
  /** Merge the shared failures of `_common.json` (default true). */
  inheritCommon?: boolean;
  /** Free text: how older releases differ (kept for `nova-trace models`). */
  olderReleases?: string;
}

/** `_common.json`: failures shared by every model (API rejections, RPC errors, scheduler causes). */
export interface CommonDefinition {
  failures: ModelFailureSpec[];
  samples: OperationModel['samples'];
}

// ──────────────────────────────── compiled form ────────────────────────────────

export interface CompiledMarker {
  spec: MarkerSpec;
  re: RegExp;
  /** Literal text every match starts with: a `startsWith` gate before the regex ('' = no gate). */
  prefix: string;
  /** When there is no prefix: literal text every match contains, an `includes` gate ('' = none). */
  needle: string;
  service: Service | null;
  logger: RegExp | null;
  levels: ReadonlySet<Level> | null;
  /** Named capture groups of `re`. */
  groups: readonly string[];
}

export interface CompiledAction {
  spec: ActionSpec;
  body: RegExp | null;
}

export interface CompiledApi {
  method: string;
  path: RegExp;
  body: RegExp | null;
}

export interface CompiledStage {
  spec: ModelStageSpec;
  id: string;
  index: number;
  markers: CompiledMarker[];
  variants: ReadonlySet<string> | null;
}

export interface CompiledFailure {
  spec: ModelFailureSpec;
  id: string;
  severity: FailureSeverity;
  priority: number;
  markers: CompiledMarker[];
  /** true for failures merged in from `_common.json`. */
  common: boolean;
}

export interface CompiledVariant {
  id: string;
  title: string;
  actions: CompiledAction[];
  messages: CompiledMarker[];
}

export interface CompiledModel {
  id: string;
  title: string;
  specificity: number;
  /** File the model came from (built-in or `--models DIR`). */
  file: string;
  definition: ModelDefinition;
  recognise: {
    api: CompiledApi[];
    actions: CompiledAction[];
    /** Last component of each lock closure name (`do_terminate_instance`). */
    locks: string[];
    messages: CompiledMarker[];
  };
  variants: CompiledVariant[];
  defaultVariant: string | null;
  stages: CompiledStage[];
  success: CompiledMarker[];
  failures: CompiledFailure[];
}
