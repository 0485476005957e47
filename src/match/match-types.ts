import type { FailureSeverity } from '../models/model-types.js';
import type { FailureResult, OperationResult } from '../types.js';

/** FailureResult plus the model's failure id (stable, for `check`) and what explained it. */
export interface MatchFailure extends FailureResult {
  /** Failure id in the model (or `_common.json`); `http_error` when only the access line status says so. */
  id: string;
  severity: FailureSeverity;
  /** Explanations of the scheduler/cause lines that led to it (already folded into `explanation`). */
  causes: string[];
}

/** OperationResult plus matcher details; every added field is optional for consumers of the base type. */
export interface MatchResult extends OperationResult {
  failure: MatchFailure | null;
  /** HTTP status of the operation's API access line, when seen. */
  apiStatus: number | null;
  /** Model file the operation was matched against (null for `unknown`). */
  modelFile: string | null;
}

export interface MatchOptions {
  /** Epoch ms of the end of the input (last record time of all sources): base of `idleMs`. */
  inputEnd: number;
}
