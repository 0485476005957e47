export { wholeLineChunks, countLines, type ChunkCounters } from './line-chunks.js';
export { openSource, sourceName, describeFsError, type InputSpec, type OpenedSource } from './open-source.js';
export { resolvePaths, logsInFolder, scanFolder, looksLikeLog, looksLikeNova, DEFAULT_LOCATIONS, type ResolvedPath } from './resolve-inputs.js';
