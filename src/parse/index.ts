// src/parse: line → LogRecord | folded continuation | unparsed. Pure and synchronous; the format table
// is parse-line.ts. Re-exports only.
export type { Assembler, LineKind, ParsedLine, SourceContext } from './source-context.js';
export { createAssembler, MAX_KEPT, MAX_OPEN, WINDOW_MS } from './assembler.js';
export { parseLine } from './parse-line.js';
export { serviceFromPath } from './service.js';
export { hostFromMessage } from './host.js';
export { instanceFromMessage } from './instance.js';
export { stripAnsi } from './ansi.js';
export { newStats } from './open-record.js';
