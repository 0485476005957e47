// `nova-trace models`: the reference models as plain data. The report layer renders it; nothing here prints.
import type { Service } from '../types.js';
import type { CompiledModel, FailureSeverity } from './model-types.js';

export interface StageSummary {
  id: string;
  title: string;
  service: Service;
  optional: boolean;
  taskState: string | null;
  /** Variants the stage belongs to (null: all). */
  variants: string[] | null;
  markers: string[];
}

export interface FailureSummary {
  id: string;
  severity: FailureSeverity;
  stage: string | null;
  explanation: string;
  hint: string;
  /** true when the failure comes from `_common.json`. */
  common: boolean;
}

export interface ModelSummary {
  id: string;
  title: string;
  file: string;
  variants: Array<{ id: string; title: string }>;
  recognise: { api: string[]; actions: string[]; locks: string[]; messages: string[] };
  stages: StageSummary[];
  success: string[];
  failures: FailureSummary[];
  samples: number;
  olderReleases: string | null;
}

/** Lists the models (sorted by id) with their stages, recognition rules and failures. Pure. */
export function listModels(models: readonly CompiledModel[], opts: { includeCommonFailures?: boolean } = {}): ModelSummary[] {
  return [...models]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((m) => {
      const d = m.definition;
      return {
        id: m.id,
        title: m.title,
        file: m.file,
        variants: m.variants.map((v) => ({ id: v.id, title: v.title })),
        recognise: {
          api: (d.recognise.api ?? []).map((a) => `${a.method} ${a.path}`),
          actions: (d.recognise.actions ?? []).map((a) =>
            [a.action, a.method, a.body && `/${a.body}/`].filter((x): x is string => !!x).join(' '),
          ),
          locks: [...(d.recognise.locks ?? [])],
          messages: (d.recognise.messages ?? []).map((x) => x.pattern),
        },
        stages: m.stages.map((s) => ({
          id: s.id,
          title: s.spec.title,
          service: s.spec.service,
          optional: s.spec.optional === true,
          taskState: s.spec.taskState ?? null,
          variants: s.spec.variants ? [...s.spec.variants] : null,
          markers: s.spec.markers.map((x) => x.pattern),
        })),
        success: d.success.map((x) => x.pattern),
        failures: m.failures
          .filter((f) => opts.includeCommonFailures === true || !f.common)
          .map((f) => ({
            id: f.id,
            severity: f.severity,
            stage: f.spec.stage ?? null,
            explanation: f.spec.explanation,
            hint: f.spec.hint,
            common: f.common,
          })),
        samples: d.samples.length,
        olderReleases: d.olderReleases ?? null,
      };
    });
}
