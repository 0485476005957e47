// The library API: the pipeline without the command line.
export { analyze, Needles, DEFAULT_MAX_LINE_BYTES, type AnalyzeOptions, type AnalyzeSummary } from './analyze/index.js';
export { Correlator, DEFAULT_CORRELATE, type CorrelateOptions } from './correlate/index.js';
export { openSource, resolvePaths, wholeLineChunks, type InputSpec } from './input/index.js';
export { EXIT, NovaTraceError, UsageError, InputError, ValidationError, NotFoundError } from './errors.js';
export { VERSION } from './version.js';
export type * from './types.js';
