// The table of formats: the first characters of a line pick the parser (no regex, no trial-and-error
// beyond cheap gates), then the shared finishing step fills service, instance and interned logger.
import type { LogRecord } from '../types.js';
import { stripAnsi } from './ansi.js';
import { BODY } from './body.js';
import { hasAt } from './chars.js';
import { instanceFromMessage } from './instance.js';
import { parseJournalJson } from './journal-json.js';
import { parseCat, parseJournal } from './journal.js';
import { createLineState, resetOutputs, type LineState } from './line-state.js';
import { parseOslo } from './oslo.js';
import { parsePrefixed } from './prefixed.js';
import { loggerInfo, serviceOfLogger } from './logger-class.js';
import type { ParsedLine, SourceContext } from './source-context.js';
import { isDateAt } from './time.js';

function isXtrace(s: string): boolean {
  let i = 0;
  while (s.charCodeAt(i) === 43) i++;
  return s.charCodeAt(i) === 32;
}

function finish(rec: LogRecord, ctx: SourceContext, st: LineState): void {
  const b = BODY.info;
  const info = b !== null && b.name === rec.logger ? b : loggerInfo(rec.logger);
  rec.logger = info.name;
  st.loggerClass = info.cls;
  if (!st.contOnly && rec.instance === null) rec.instance = instanceFromMessage(rec.message);
  const fixed = (st.token !== null ? st.fixedService : null) ?? ctx.service ?? st.fixedService;
  st.byLogger = fixed === null;
  rec.service = fixed ?? serviceOfLogger(info.cls, rec.message);
}

/**
 * Parse one line (no '\n', no trailing '\r') into a record, or null: raw text (`st.noise` false) or a
 * known non-log line (`st.noise` true). Writer key and fold flags are left in `st`.
 */
export function parseInto(line: string, ctx: SourceContext, st: LineState): LogRecord | null {
  resetOutputs(st);
  if (line.length === 0) return null;
  const s = line.indexOf('\x1b') === -1 ? line : stripAnsi(line);
  const c0 = s.charCodeAt(0);
  let rec: LogRecord | null = null;
  if (c0 === 123 /* { */) {
    rec = parseJournalJson(s, ctx, st);
  } else if (c0 >= 48 && c0 <= 57) {
    if (isDateAt(s, 0)) rec = s.charCodeAt(10) === 32 ? parseOslo(s, 0, ctx, st, null, null) : parseJournal(s, ctx, st);
    if (rec === null && !st.noise) rec = parsePrefixed(s, ctx, st);
  } else if (c0 >= 65 && c0 <= 90) {
    if (s.charCodeAt(3) === 32) rec = parseJournal(s, ctx, st);
    if (rec === null) rec = parseCat(s, ctx, st);
    if (rec === null) rec = parsePrefixed(s, ctx, st);
  } else if (c0 === 43 /* + */) {
    st.noise = isXtrace(s);
  } else if (c0 === 45 /* - */ && s.startsWith('-- ') && s.endsWith(' --')) {
    st.noise = true; // journalctl `-- Logs begin at … --`, `-- Boot … --`, `-- No entries --`
  } else if (c0 === 103 /* g */ && hasAt(s, 0, 'grep: ')) {
    st.noise = true; // grep's own complaints inside `grep -r` output
  } else if (c0 !== 32 && c0 !== 9) {
    rec = parsePrefixed(s, ctx, st);
  }
  if (rec === null) return null;
  finish(rec, ctx, st);
  return rec;
}

/** Pure single-line parse (tests, model samples). Journal `short` years come from ctx (or now). */
export function parseLine(line: string, ctx: SourceContext): ParsedLine {
  const st = createLineState(ctx.year, ctx.referenceTime);
  const text = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
  const rec = parseInto(text, ctx, st);
  if (rec === null) return st.noise ? { kind: 'noise' } : { kind: 'raw' };
  return { kind: 'header', record: rec, continuationOnly: st.contOnly, traceback: st.traceback, key: String(st.key) };
}
