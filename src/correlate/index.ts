export { Correlator, DEFAULT_CORRELATE, type CorrelateOptions, type CorrelateStats } from './correlator.js';
export { compareRecords } from './timeline-builder.js';
export { isAdminContext, isLifecycleLine, isPeriodicTaskStart, isReadOnlyResponse } from './background.js';
export { KEEP, NAMES_INSTANCE, NOVA_LOGGER, type ThinPolicy } from './thin.js';
