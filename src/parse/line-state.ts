// Scratch state shared by the format parsers: per-line outputs (what kind of line, which writer key)
// and per-source inputs (year inference for journal `short` stamps). One object per assembler (or per
// parseLine call), mutated in place so the hot path allocates nothing besides the record.
import type { Service } from '../types.js';
import type { LoggerClass } from './logger-class.js';

export interface LineState {
  /** Output: a line known not to be a log entry (xtrace, journal markers). */
  noise: boolean;
  /** Output: the writer key (pid, `<token>\t<pid>`, `host ident[pid]`). */
  key: string | number;
  /** Output: prefers to fold into the open record of `key`. */
  contOnly: boolean;
  /** Output: exception-prefix line: folds only into a record of the same logger (and time in files). */
  traceback: boolean;
  /** Output: service decided by file name, token, alias or journal identifier (null: by logger). */
  fixedService: Service | null;
  /** Output: the service was decided by the logger alone (the assembler may refine it per pid). */
  byLogger: boolean;
  /** Output: the logger's class when the service comes from the logger. */
  loggerClass: LoggerClass;
  /** Output: the per-line file name (prefixed token, os-log-merger alias); it names the service. */
  token: string | null;
  /** Input: year for journal short stamps once known (ctx.year or inferred), rolled on Dec→Jan. */
  year: number | null;
  lastMonth: number;
  /** Input: reference epoch ms for year inference. */
  reference: number;
}

export function createLineState(year: number | null, reference: number | null): LineState {
  return {
    noise: false,
    key: -1,
    contOnly: false,
    traceback: false,
    fixedService: null,
    byLogger: false,
    loggerClass: 'shared',
    token: null,
    year,
    lastMonth: 0,
    reference: reference ?? Date.now(),
  };
}

export function resetOutputs(st: LineState): void {
  st.noise = false;
  st.key = -1;
  st.contOnly = false;
  st.traceback = false;
  st.fixedService = null;
  st.token = null;
}
