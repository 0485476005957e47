import type { CompiledModel, CompiledStage } from '../models/model-types.js';

/** Stages of the model that exist for `variant` (unknown variant: only the unrestricted ones). */
export function applicableStages(model: CompiledModel, variant: string | null): CompiledStage[] {
  return model.stages.filter((s) => s.variants === null || (variant !== null && s.variants.has(variant)));
}
