// Reference models: data files in ./defs plus the loader/validator that compiles them once.
export { loadModels, loadCommon, BUILTIN_MODELS_DIR, COMMON_FILE } from './load.js';
export { validateModel, validateCommon } from './validate.js';
export { compileModel, compileMarker, anchor } from './compile.js';
export { listModels } from './describe.js';
export type { ModelSummary, StageSummary, FailureSummary } from './describe.js';
export type * from './model-types.js';
