// The shared vocabulary of nova-trace. Every stage of the pipeline speaks in these types:
// sources ─► lines ─► parse ─► LogRecord ─► correlate ─► Timeline ─► match ─► OperationResult ─► report

/** Which Nova service wrote a line. `other` covers non-Nova or unknown writers. */
export type Service = 'api' | 'conductor' | 'scheduler' | 'compute' | 'other';

/** oslo.log levels, plus the historic AUDIT (≤ Juno) and TRACE (traceback prefix ≤ Kilo). */
export type Level = 'DEBUG' | 'INFO' | 'AUDIT' | 'WARNING' | 'ERROR' | 'CRITICAL' | 'TRACE';

/**
 * Line shapes the parser recognises. One source may mix several (a journal export carries
 * devstack bodies and full oslo lines; a loghub file prefixes oslo lines with a file name).
 */
export type FormatId =
  | 'oslo' // oslo.log file line, any era (Essex → today)
  | 'devstack-screen' // pre-Pike devstack screen-n-*.txt (no pid, names in context)
  | 'journal-short' // journalctl -o short / short-precise (no year)
  | 'journal-iso' // journalctl -o short-iso / short-iso-precise
  | 'journal-cat' // journalctl -o cat (body only)
  | 'journal-json' // journalctl -o json
  | 'os-log-merger' // `ts [ALIAS] rest`
  | 'prefixed'; // a leading file-name token (loghub, `grep -r` output) before an oslo line

/** DEBUG lines end with `func path:line` (oslo) or `{{(pid=N) func path:line}}` (devstack). */
export interface DebugSuffix {
  func: string;
  path: string;
  line: number;
}

/** One log entry, parsed exactly once. Continuation and traceback lines are folded into `traceback`. */
export interface LogRecord {
  /** Epoch milliseconds. Timestamps without a zone (oslo files) are read as UTC wall-clock. NaN if none. */
  time: number;
  /** Microseconds within the millisecond (0–999) when the source has them (journald), else 0. */
  micros: number;
  /** Name of the source (file path as given, or `<stdin>`). */
  source: string;
  /** 1-based line number of the header line in its source. */
  line: number;
  /** Host name when the line says it (journald), or the host the source was mapped to; else null. */
  host: string | null;
  service: Service;
  pid: number | null;
  level: Level;
  logger: string;
  globalRequestId: string | null;
  /** Local request id, always normalised to `req-<uuid>`. */
  requestId: string | null;
  user: string | null;
  project: string | null;
  /** Instance uuid from `[instance: …]`, or from the message text for the lines of reference §2.5. */
  instance: string | null;
  /** Message text, header and debug suffix removed, ANSI colour codes stripped. */
  message: string;
  /** Folded traceback lines and raw continuation lines, in order, prefixes removed. */
  traceback: string[];
  debug: DebugSuffix | null;
  format: FormatId;
}

/** Per-source accounting. Invariant: linesRead = records + folded + unparsed + skipped. */
export interface SourceStats {
  source: string;
  /** Formats detected, with the number of records of each. */
  formats: Partial<Record<FormatId, number>>;
  /** Services seen in this source, with record counts. */
  services: Partial<Record<Service, number>>;
  hosts: string[];
  linesRead: number;
  records: number;
  /** Continuation and traceback lines folded into a previous record. */
  folded: number;
  /** Lines that fit no known shape and had nothing to fold into. */
  unparsed: number;
  /** Lines the fast path skipped without parsing (they cannot belong to what was asked for). */
  skipped: number;
  /** Lines longer than the bound, cut to it (they are still counted once in linesRead). */
  cut: number;
  /** Up to a few unparsed samples (line number and first 200 characters), for the summary. */
  unparsedSamples: Array<{ line: number; text: string }>;
  /** Non-fatal problems met while reading (truncated gzip, unreadable part …). */
  warnings: string[];
}

// ──────────────────────────────── correlation ────────────────────────────────

/** Records grouped by request id (and, for multi-create, by instance) before matching. */
export interface Timeline {
  /** Stable key: `req-…` or `req-…/<instance>` or `req-…#<n>` for split periodic contexts. */
  key: string;
  requestId: string | null;
  globalRequestId: string | null;
  /** Request ids linked to this one (external events, abort/force-complete, shared global id). */
  related: string[];
  /** For each related request id, the instance whose line linked it (null when unknown). */
  relatedVia?: Record<string, string | null>;
  /** Instance uuids seen in the records. */
  instances: string[];
  records: LogRecord[];
  /** Records that were not kept because the per-timeline bound was reached. */
  droppedRecords: number;
  /**
   * Thinned timelines only (`list`, `stats`, `check`, `instance`): records no model can use, left out of
   * `records` and counted here. What they would add to the order in which hosts, services and instances
   * appear is held in `records`; see src/correlate/thin.ts.
   */
  omitted?: OmittedRecords[];
  /** Why this timeline ended: input ended, idle past the window, or evicted to bound memory. */
  closedBy: 'end' | 'idle' | 'evicted';
  /** Set when the id looks like a periodic-task or stale lifecycle context, not a user request. */
  background: boolean;
  /** Set when the request only relays events about another request's operation (neutron external events). */
  relay: boolean;
  /**
   * Thinned timelines only: none of its records is one matching can use (no marker, dispatch, access or
   * lock line of any model, no error): no model can recognise it.
   */
  inert?: true;
}

/** Records of a thinned timeline left out of `records`, per instance: what matching needs of them. */
export interface OmittedRecords {
  instance: string | null;
  /** Whether they count as naming the operation's instance (a lock line naming a cell or resource does not). */
  namesInstance: boolean;
  count: number;
  /** Latest time among them (NaN when none has a time). */
  lastTime: number;
  /** Whether a nova logger (`nova.*`) wrote any of them. */
  novaLogger: boolean;
}

// ──────────────────────────────── models ────────────────────────────────

/** A pattern in a model file: matched against a record's message (anchored), optionally scoped. */
export interface MarkerSpec {
  /** Regular expression source, anchored at match time (`^…$` is implied if absent). */
  pattern: string;
  service?: Service;
  logger?: string;
  level?: Level | Level[];
}

export interface StageSpec {
  id: string;
  title: string;
  service: Service;
  markers: MarkerSpec[];
  optional?: boolean;
  /** task_state (or vm_state) this stage corresponds to, e.g. `spawning`, `active`. */
  taskState?: string;
}

export interface FailureSpec {
  id: string;
  markers: MarkerSpec[];
  /** Stage the failure belongs to, when it is not simply the last stage reached. */
  stage?: string;
  explanation: string;
  hint: string;
}

export interface RecogniseSpec {
  /** API access line: method and a path regex (matched against the URI, without /compute or version). */
  api?: Array<{ method: string; path: string; body?: string }>;
  /** `Action: '…'` body key (e.g. `os-stop`, `reboot`), optionally a body regex (e.g. `"type": "HARD"`). */
  actions?: Array<{ action: string; body?: string }>;
  /** oslo.concurrency lock closure names, e.g. `terminate_instance.<locals>.do_terminate_instance`. */
  locks?: string[];
  /** Distinctive messages (anchored regexes). */
  messages?: MarkerSpec[];
}

export interface OperationModel {
  id: string;
  title: string;
  variant?: string;
  /** Higher wins when several models recognise the same timeline. */
  specificity?: number;
  recognise: RecogniseSpec;
  stages: StageSpec[];
  success: MarkerSpec[];
  failures: FailureSpec[];
  /** Real lines (from nova-messages.json templates) that must parse and match at load/test time. */
  samples: Array<{ line: string; expect: { stage?: string; success?: boolean; failure?: string } }>;
}

// ──────────────────────────────── results ────────────────────────────────

export type Outcome = 'completed' | 'failed' | 'incomplete' | 'unknown';

export interface StageResult {
  id: string;
  title: string;
  service: Service;
  host: string | null;
  reached: boolean;
  /** Epoch ms of the first marker of the stage, or null. */
  at: number | null;
  /** Time from this stage to the next reached stage (or the end of the operation). */
  durationMs: number | null;
}

export interface FailureResult {
  /** The model's failure id (stable across releases of nova-trace; what `check` compares). */
  id?: string;
  stage: string | null;
  exception: string | null;
  message: string;
  /** `file:line` of the record that carried the failure. */
  source: string;
  hint: string;
  explanation: string;
  rootCause: string | null;
  traceback: string[];
}

export interface OperationResult {
  requestId: string | null;
  globalRequestId: string | null;
  relatedRequestIds: string[];
  operation: string;
  variant: string | null;
  confidence: number;
  instance: string | null;
  hosts: string[];
  services: Service[];
  start: number;
  end: number;
  durationMs: number;
  outcome: Outcome;
  stages: StageResult[];
  failure: FailureResult | null;
  /** For incomplete operations: ms between the last record and the end of the input. */
  idleMs: number | null;
  /** Error lines no model marker explains, and other oddities (stages out of order, reschedules). */
  notes: string[];
  errorCount: number;
  recordCount: number;
  /** HTTP status of the operation's API access line, when seen. */
  apiStatus?: number | null;
}
