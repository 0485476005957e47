import type { CompiledModel } from '../models/model-types.js';
import type { LogRecord } from '../types.js';
import { anyMarkerMatches } from './marker.js';

export interface RecordClass {
  /** Stage ids whose markers match the record. */
  stages: string[];
  success: boolean;
  /** Failure ids (model and shared) whose markers match the record. */
  failures: string[];
}

/** What one record means to a model, out of any timeline (used by the sample checks and `explain`). */
export function classifyRecord(model: CompiledModel, record: LogRecord): RecordClass {
  return {
    stages: model.stages.filter((s) => anyMarkerMatches(s.markers, record)).map((s) => s.id),
    success: anyMarkerMatches(model.success, record),
    failures: model.failures.filter((f) => anyMarkerMatches(f.markers, record)).map((f) => f.id),
  };
}
