export { Correlator, DEFAULT_CORRELATE, type CorrelateOptions, type CorrelateStats } from './correlator.js';
export { compareRecords } from './timeline-builder.js';
export { isAdminContext, isLifecycleLine, isPeriodicTaskStart } from './background.js';
