// Small formatting helpers shared by the renderers. Times are shown as the logs wrote them: naive
// oslo timestamps are stored as UTC wall-clock, so formatting in UTC gives back the original text.

export function formatTime(ms: number, micros = 0): string {
  if (!Number.isFinite(ms)) return '????-??-?? ??:??:??.???';
  const d = new Date(ms);
  const s = d.toISOString(); // 2026-11-21T18:03:50.123Z
  const base = `${s.slice(0, 10)} ${s.slice(11, 23)}`;
  return micros > 0 ? base + String(micros).padStart(3, '0') : base;
}

/** Clock time only (HH:MM:SS.mmm), for compact tables. */
export function formatClock(ms: number): string {
  if (!Number.isFinite(ms)) return '??:??:??.???';
  return new Date(ms).toISOString().slice(11, 23);
}

/** `+1.234s`, `+2m03.4s`, `+1h02m`. */
export function formatOffset(ms: number): string {
  if (!Number.isFinite(ms)) return '+?';
  return '+' + formatDuration(ms);
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const neg = ms < 0;
  const a = Math.round(Math.abs(ms));
  let out: string;
  if (a < 60_000) out = `${(a / 1000).toFixed(3)}s`;
  else if (a < 3_600_000) {
    // Rounded to tenths before splitting, or 599 990 ms would read 9m60.0s.
    const tenths = Math.round(a / 100);
    out = `${Math.floor(tenths / 600)}m${((tenths % 600) / 10).toFixed(1).padStart(4, '0')}s`;
  }
  else out = `${Math.floor(a / 3_600_000)}h${String(Math.floor((a % 3_600_000) / 60_000)).padStart(2, '0')}m`;
  return neg ? `-${out}` : out;
}

/** Cuts a string to `max` characters with an ellipsis. */
export function trim(text: string, max: number): string {
  if (max <= 1 || text.length <= max) return text;
  return text.slice(0, max - 1) + '…';
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The last path component, for compact source names. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
