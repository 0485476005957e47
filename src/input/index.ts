export { wholeLineChunks, countLines, linesOf, type ChunkCounters } from './line-chunks.js';
export { openSource, sourceName, describeFsError, type InputSpec, type OpenedSource } from './open-source.js';
export { resolvePaths, logsInFolder, scanFolder, looksLikeLog, looksLikeNova, DEFAULT_LOCATIONS, type ResolvedPath } from './resolve-inputs.js';
export { byteScanner, madeScanner, setByteScanner, ByteScanner, MAX_NEEDLE_BYTES } from './byte-scan.js';
