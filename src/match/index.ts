// Matching: one timeline (one request, one instance) + compiled models → one result. Pure.
export { matchTimeline, applicableStages } from './match-timeline.js';
export type { MatchFailure, MatchOptions, MatchResult } from './match-types.js';
export { recognise, extractFacts, chooseVariant, EVIDENCE_WEIGHT } from './recognise.js';
export type { Evidence, EvidenceKind, Recognition, TimelineFacts } from './recognise.js';
export { classifyRecord } from './classify.js';
export type { RecordClass } from './classify.js';
export { verifySamples, verifyCommonSamples } from './samples.js';
export type { LineParser, SampleProblem } from './samples.js';
export { sortRecords, compareRecords } from './sort-records.js';
export { parseAccessLine, parseActionLine, normalizeApiPath, httpExceptionName } from './api-lines.js';
export type { AccessLine, ActionLine } from './api-lines.js';
export { rootCauseOf, shortExceptionName, summaryException, tracebackExceptions } from './exceptions.js';
export { testMarker } from './marker.js';
export { resolveAcross } from './resolve-across.js';
export { thinPolicy } from './thin-policy.js';
