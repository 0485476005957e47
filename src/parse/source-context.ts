// Public shapes of the parse stage (src/types.ts holds the records themselves).
import type { LogRecord, Service, SourceStats } from '../types.js';

/** What the caller knows about one source before reading it; merged once, read on every line. */
export interface SourceContext {
  /** Label copied into LogRecord.source. */
  source: string;
  /** Hint from the file name (serviceFromPath), null if unknown. */
  service: Service | null;
  /** Host hint, null if unknown. */
  host: string | null;
  /** --year; null = infer for year-less timestamps (journal short). */
  year: number | null;
  /** Epoch ms (file mtime) used to infer a missing year; null → Date.now(). */
  referenceTime: number | null;
}

export type LineKind = 'record' | 'folded' | 'unparsed';

export interface Assembler {
  /** One line without '\n' (a trailing '\r' is stripped here). */
  push(line: string, lineNo: number): LineKind;
  /** The caller's fast path skipped lines: counted as read and skipped. */
  skip(count: number): void;
  /** Flush every open record through emit. */
  end(): void;
  /** Invariant: linesRead = records + folded + unparsed + skipped. */
  readonly stats: SourceStats;
}

/**
 * One line on its own.
 * - `header`: the line starts a log entry. `continuationOnly` is true when it would rather fold into an
 *   open record: an exception-prefix line (`traceback: true`: no context block; folds only into the open
 *   record of the same `key` and logger, and in file formats the same timestamp) or a journal line whose
 *   body is not a log header (`traceback: false`: folds into the open record of the same `key`).
 *   `key` names the writer: the pid (`<file token>\t<pid>` for prefixed/merged lines), or
 *   `host ident[pid]` for journal lines. The record is complete either way; the assembler decides.
 * - `raw`: no header at all (exception text, XML, HTTP bodies, config dumps, empty lines); folds into
 *   the most recent record of the source.
 * - `noise`: a line known not to be a log entry (shell xtrace, journal `-- Boot … --` markers).
 */
export type ParsedLine =
  | { kind: 'header'; record: LogRecord; continuationOnly: boolean; traceback: boolean; key: string }
  | { kind: 'raw' }
  | { kind: 'noise' };
