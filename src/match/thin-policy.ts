// Which records matching can use, for thin timelines (src/correlate/thin.ts): those from which
// matchTimeline or hiddenKind (src/cli/operations.ts) read more than time, place, service, instance,
// whether it names the instance (lock lines) and whether a nova logger wrote it. Kept:
// - a record any marker of any model matches (stages of every variant, success, failures incl.
//   `_common.json`, recognise messages, variant messages): tested with the marker itself;
// - ERROR/CRITICAL records (unexplained-error notes, error counts, tracebacks of failures);
// - API lines: access lines (operation, status, read-only check, instance from the URI) and dispatch
//   lines (`Action: …`, `Calling method …`);
// - lock lines of a closure some model recognises;
// - records without a time (they sort last, and the order of records around them is not a total one).
// Folded lines (tracebacks, continuation lines) are read only from ERROR/CRITICAL records, failure hits
// and dispatch lines (`readsFolded`): a held copy of any other record leaves them out (a DEBUG
// `End _get_guest_xml` record folds the whole guest XML, ~40 lines, and a stage marker matches it).
// When in doubt, keep: a kept record never changes a result, a missing one may. Every record passes
// here: markers are indexed by the start of their prefix, and literal alternations reject most records
// in one regex test (~0.9 µs a record on the benchmark logs; a loop over the markers took 4 µs).
// Imports: the policy's interface and bits live in src/correlate, which must not depend on src/match.
import { KEEP, NAMES_INSTANCE, NOVA_LOGGER, type ThinPolicy } from '../correlate/index.js';
import type { CompiledMarker, CompiledModel } from '../models/model-types.js';
import type { LogRecord } from '../types.js';
import { lockLeaf, namesInstance } from './lock-lines.js';
import { markersOf } from '../models/compile.js';
import { literalPrefix, requiredLiteral } from '../models/literal-prefix.js';
import { anyMarkerMatches } from './marker.js';
import { compareRecords } from './sort-records.js';

/**
 * Markers that share the first characters of their prefix, with two regexes that reject most records at
 * once (a loop of `startsWith`/`includes` over ~25 lock markers took 1.7 µs per lock line):
 * `starts` for the markers whose only gate is their prefix, `needles` for those that must also
 * contain a literal further on (lock markers: `Lock "` … `.do_terminate_instance" :: held `).
 */
interface Bucket {
  /**
   * Every start text, longest first: the one that matches is the longest start of the message. Sticky
   * (`y`, tested at 0): after `test`, `lastIndex` is the length of the start found, and `exec`'s result
   * array (~17 MB of garbage per 100 MiB of logs) is not needed.
   */
  starts: RegExp | null;
  /**
   * Per length of start text, the start texts of that length with the markers whose start begins with
   * each: the only ones that can match a message that starts with it.
   */
  byStart: Map<number, Array<readonly [text: string, markers: CompiledMarker[]]>>;
  /** Markers with no known start (tested on every record of the bucket). */
  anyStart: CompiledMarker[];
  gated: CompiledMarker[];
  needles: RegExp | null;
}

/** Markers by the first two characters of their literal prefix (one-character prefixes apart). */
interface MarkerIndex {
  byTwo: Map<number, Bucket>;
  byOne: Map<number, Bucket>;
  /** Markers without a prefix: tested on every record. */
  rest: Bucket;
}

/** Markers that match the same records once: models share `_common.json` failures and many patterns. */
function distinct(markers: readonly CompiledMarker[]): CompiledMarker[] {
  const seen = new Map<string, CompiledMarker>();
  for (const m of markers) {
    const key = [m.re.source, m.re.flags, m.prefix, m.needle, m.service ?? '', m.logger?.source ?? '', m.logger?.flags ?? '', [...(m.levels ?? [])].sort().join(',')].join('\u0000');
    if (!seen.has(key)) seen.set(key, m);
  }
  return [...seen.values()];
}

/** The literal every match contains beyond its prefix ('' when none is known). */
function needleOf(m: CompiledMarker): string {
  const n = m.needle || requiredLiteral(m.spec.pattern.startsWith('^') ? m.spec.pattern.slice(1) : m.spec.pattern);
  return m.prefix.startsWith(n) ? '' : n;
}

function literalAlternation(texts: readonly string[], sticky: boolean): RegExp | null {
  const unique = [...new Set(texts)].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  const body = unique.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return sticky ? new RegExp(`(?:${body})`, 'uy') : new RegExp(body, 'u');
}

/**
 * Literal texts one of which every match starts with: the prefix, or for a pattern that opens with an
 * alternation group, `(?:Instance cache missing…|Updating instance_info_cache…)`, each branch's prefix.
 * Empty when unknown.
 */
function startsOf(m: CompiledMarker): string[] {
  if (m.prefix.length > 0) return [m.prefix];
  const source = m.spec.pattern.startsWith('^') ? m.spec.pattern.slice(1) : m.spec.pattern;
  if (!source.startsWith('(?:')) return [];
  const branches: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 3;
  for (let i = 3; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === '|' && depth === 0) {
      branches.push(source.slice(from, i));
      from = i + 1;
    } else if (c === ')') {
      branches.push(source.slice(from, i));
      // A quantified group may match nothing (or repeat): no start is certain.
      const next = source[i + 1];
      if (next !== undefined && '?*+{'.includes(next)) return [];
      const starts = branches.map(literalPrefix);
      return starts.every((p) => p.length > 0) ? starts : [];
    }
  }
  return [];
}

/**
 * Whether the marker is found by the start of the message rather than by a needle: it has no literal
 * beyond its prefix, or no prefix but an opening alternation of known starts (`(?:Destroying|Deleting)
 * instance as it has been evacuated…`). Tested at the start of the message only, such a marker costs
 * nothing on the records that do not start so; the needles are searched through the whole message of
 * every record (the prefix-less bucket's alternation took 0.8 µs a record with ` data is ` and
 * ` instance as it has been evacuated…` in it, 0.4 µs without: a needle opening with a space is found
 * at every space). Markers with a prefix keep their needle: starts shared by many (`Lock "`) would
 * send every lock line to ~25 marker tests.
 */
function byStartOnly(m: CompiledMarker): boolean {
  return needleOf(m) === '' || (m.prefix.length === 0 && startsOf(m).length > 0);
}

function bucket(markers: readonly CompiledMarker[], extraNeedles: readonly string[] = []): Bucket {
  const plain = markers.filter(byStartOnly);
  const gated = markers.filter((m) => !byStartOnly(m));
  const anyStart = plain.filter((m) => startsOf(m).length === 0);
  const known = plain.filter((m) => startsOf(m).length > 0);
  const texts = [...new Set(known.flatMap(startsOf))];
  const byStart = new Map<number, Array<readonly [string, CompiledMarker[]]>>();
  for (const t of texts) {
    const entry = [t, known.filter((m) => startsOf(m).some((s) => t.startsWith(s)))] as const;
    const same = byStart.get(t.length);
    if (same === undefined) byStart.set(t.length, [entry]);
    else same.push(entry);
  }
  // A text containing another needle is found whenever that one is: search for the shorter only.
  const needles = [...new Set([...gated.map(needleOf), ...extraNeedles])];
  return {
    starts: literalAlternation(texts, true),
    byStart,
    anyStart,
    gated,
    needles: literalAlternation(
      needles.filter((n) => !needles.some((o) => o !== n && n.includes(o))),
      false,
    ),
  };
}

function indexMarkers(markers: readonly CompiledMarker[]): MarkerIndex {
  const byTwo = new Map<number, CompiledMarker[]>();
  const byOne = new Map<number, CompiledMarker[]>();
  const rest: CompiledMarker[] = [];
  for (const m of distinct(markers)) {
    const p = m.prefix;
    if (p.length === 0) {
      rest.push(m);
      continue;
    }
    const [map, key] = p.length === 1 ? [byOne, p.charCodeAt(0)] : [byTwo, p.charCodeAt(0) * 65536 + p.charCodeAt(1)];
    let list = map.get(key);
    if (list === undefined) map.set(key, (list = []));
    list.push(m);
  }
  const buckets = (map: Map<number, CompiledMarker[]>) => new Map([...map].map(([k, list]) => [k, bucket(list)]));
  return { byTwo: buckets(byTwo), byOne: buckets(byOne), rest: bucket(rest, [ACCESS]) };
}

function anyMarker(b: Bucket | undefined, r: LogRecord): boolean {
  if (b === undefined) return false;
  const msg = r.message;
  return startsMatch(b, r) || (b.needles !== null && b.needles.test(msg) && anyMarkerMatches(b.gated, r));
}

function startsMatch(b: Bucket, r: LogRecord): boolean {
  if (b.anyStart.length > 0 && anyMarkerMatches(b.anyStart, r)) return true;
  const re = b.starts;
  if (re === null) return false;
  const msg = r.message;
  re.lastIndex = 0;
  if (!re.test(msg)) return false;
  // The start found is msg[0, lastIndex): of the start texts of that length, the one msg begins with.
  for (const [text, markers] of b.byStart.get(re.lastIndex)!) if (msg.startsWith(text)) return anyMarkerMatches(markers, r);
  return false;
}

/**
 * Access lines (`… "GET /v2.1/servers" status: 200 …`): operation, status, server uuid, read-only
 * check. Searched for in the same pass as the needles of the markers without a prefix.
 */
const ACCESS = ' status: ';

function traits(r: LogRecord): number {
  return (namesInstance(r) ? NAMES_INSTANCE : 0) | (r.logger.startsWith('nova.') ? NOVA_LOGGER : 0);
}

/** The thinning policy for these models (the same list matchTimeline is given). */
export function thinPolicy(models: readonly CompiledModel[]): ThinPolicy {
  const index = indexMarkers(models.flatMap(markersOf));
  const locks = new Set(models.flatMap((m) => m.recognise.locks));
  const failures = distinct(models.flatMap((m) => m.failures.flatMap((f) => f.markers)));
  const rest = index.rest;
  return {
    classify(r: LogRecord): number {
      if (isError(r) || !Number.isFinite(r.time)) return KEEP;
      const msg = r.message;
      if (isDispatch(msg)) return KEEP;
      const leaf = lockLeaf(msg);
      if (leaf !== null && locks.has(leaf)) return KEEP;
      const c0 = msg.charCodeAt(0);
      if (anyMarker(index.byTwo.get(c0 * 65536 + msg.charCodeAt(1)), r) || anyMarker(index.byOne.get(c0), r)) return KEEP;
      if (rest.needles !== null && rest.needles.test(msg) && (msg.includes(ACCESS) || anyMarkerMatches(rest.gated, r))) return KEEP;
      if (startsMatch(rest, r)) return KEEP;
      return traits(r);
    },
    traits,
    compare: compareRecords,
    // Failure summaries, root causes and the traceback shown read an ERROR/CRITICAL record's or a failure
    // hit's folded lines (src/match/failure.ts); a dispatch line's body may continue on them (api-lines.ts).
    readsFolded: (r: LogRecord) => isError(r) || isDispatch(r.message) || anyMarkerMatches(failures, r),
  };
}

function isError(r: LogRecord): boolean {
  return r.level === 'ERROR' || r.level === 'CRITICAL';
}

/** Dispatch lines (`Action: …`, `Calling method …`): operation and body, read by recognise. */
function isDispatch(msg: string): boolean {
  return msg.startsWith('Action: ') || msg.startsWith('Calling method ');
}
