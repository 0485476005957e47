// `nova-trace check`: expectation files (load, validate), evaluation, `--update`, renderers. Pure except
// for reading the shipped schema file.
export { loadExpectations, compileExpectations, expectationSchema, SCHEMA_URL } from './load-expectations.js';
export { evaluate, verdict } from './evaluate.js';
export { refreshExpectations } from './refresh.js';
export type { RefreshOptions, Refreshed } from './refresh.js';
export { generateAggregates, generateOperations, roundBudget, COUNT_NAME, ERRORS_NAME } from './generate.js';
export { serializeExpectations, canonical } from './serialize.js';
export { formatOf, formatPath, parseText } from './parse-text.js';
export { SchemaValidator, describeValue } from './schema-validator.js';
export type { SchemaIssue, JsonPath } from './schema-validator.js';
export { unexplainedErrors, failureException } from './op-checks.js';
export { renderCheckText, summaryLine } from './render-text.js';
export { renderJunit, xmlEscape } from './render-junit.js';
export { renderMarkdown, mdCell } from './render-markdown.js';
export { renderCheckJson } from './render-json.js';
export type * from './types.js';
