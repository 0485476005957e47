// Timestamps by charCode arithmetic: no Date parsing of strings on the hot path.
// Zone-less stamps are UTC wall-clock; ISO stamps with an offset are converted to epoch.

/** Extra results of the last parse (synchronous code only, so one shared scratch object is safe). */
export const TS = { end: 0, micros: 0, frac: false };

const DAY_MS = 86_400_000;
let cacheKey = -1;
let cacheDays = 0;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const key = y * 10000 + m * 100 + d;
  if (key === cacheKey) return cacheDays;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  cacheKey = key;
  cacheDays = era * 146097 + doe - 719468;
  return cacheDays;
}

function d1(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  return a >= 0 && a <= 9 ? a : -1; // NaN (past the end) gives -1 too
}

function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (!(a >= 0 && a <= 9 && b >= 0 && b <= 9)) return -1; // NaN past the end too
  return a * 10 + b;
}

/** `YYYY-MM-DD` at i (followed by ' ' or 'T' at i+10)? Cheap gate, no allocation. */
export function isDateAt(s: string, i: number): boolean {
  if (s.length < i + 19 || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return false;
  const c = s.charCodeAt(i + 10);
  return (c === 32 || c === 84) && s.charCodeAt(i + 13) === 58 && s.charCodeAt(i + 16) === 58;
}

/** Fraction after the seconds: `.mmm`, `,mmm` or `.ffffff`; sets TS.end/micros/frac; returns ms. */
function fraction(s: string, i: number): number {
  const c = s.charCodeAt(i);
  TS.micros = 0;
  TS.frac = false;
  TS.end = i;
  if (c !== 46 && c !== 44) return 0;
  let j = i + 1;
  let ms = 0;
  let us = 0;
  let n = 0;
  for (;;) {
    const v = s.charCodeAt(j) - 48;
    if (!(v >= 0 && v <= 9)) break;
    if (n < 3) ms = ms * 10 + v;
    else if (n < 6) us = us * 10 + v;
    n++;
    j++;
  }
  if (n === 0) return 0;
  for (let k = n; k < 3; k++) ms *= 10;
  if (n > 3) for (let k = n; k < 6; k++) us *= 10;
  TS.micros = us;
  TS.frac = true;
  TS.end = j;
  return ms;
}

/**
 * `YYYY-MM-DD HH:MM:SS[.fff]` (or with 'T') at i, as UTC wall-clock epoch ms; NaN when not a timestamp.
 * With `zone`, an ISO offset (`Z`, `+0000`, `+00:00`) after the fraction is applied.
 */
export function parseIsoLike(s: string, i: number, zone: boolean): number {
  if (!isDateAt(s, i)) return NaN;
  const y1 = d2(s, i);
  const y2 = d2(s, i + 2);
  const mo = d2(s, i + 5);
  const d = d2(s, i + 8);
  const h = d2(s, i + 11);
  const mi = d2(s, i + 14);
  const se = d2(s, i + 17);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) {
    return NaN;
  }
  const ms = fraction(s, i + 19);
  let t = daysFromCivil(y1 * 100 + y2, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + se * 1000 + ms;
  if (zone) {
    const j = TS.end;
    const c = s.charCodeAt(j);
    if (c === 90 /* Z */) TS.end = j + 1;
    else if (c === 43 || c === 45) {
      const oh = d2(s, j + 1);
      const colon = s.charCodeAt(j + 3) === 58 ? 1 : 0;
      const om = d2(s, j + 3 + colon);
      if (oh < 0 || om < 0) return NaN;
      const off = (oh * 60 + om) * 60_000;
      t += c === 43 ? -off : off;
      TS.end = j + 5 + colon;
    } else return NaN;
  }
  return t;
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** 1–12 for a three-letter English month name at i, else 0. */
export function monthAt(s: string, i: number): number {
  const k = MONTHS.indexOf(s.slice(i, i + 3));
  return k >= 0 && k % 3 === 0 ? k / 3 + 1 : 0;
}

/**
 * `Mon DD HH:MM:SS[.ffffff]` at 0 (journalctl short / short-precise, syslog). Returns ms within the
 * year-less date as {month, day, msOfDay} packed into TS_SHORT; false when not a stamp.
 */
export const TS_SHORT = { month: 0, day: 0, msOfDay: 0, end: 0, micros: 0 };

export function parseShortStamp(s: string): boolean {
  if (s.length < 16 || s.charCodeAt(3) !== 32 || s.charCodeAt(6) !== 32) return false;
  const month = monthAt(s, 0);
  if (month === 0) return false;
  const day = s.charCodeAt(4) === 32 ? d1(s, 5) : d2(s, 4);
  const h = d2(s, 7);
  const mi = d2(s, 10);
  const se = d2(s, 13);
  if (day < 1 || day > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return false;
  if (s.charCodeAt(9) !== 58 || s.charCodeAt(12) !== 58) return false;
  const ms = fraction(s, 15);
  TS_SHORT.month = month;
  TS_SHORT.day = day;
  TS_SHORT.msOfDay = h * 3_600_000 + mi * 60_000 + se * 1000 + ms;
  TS_SHORT.end = TS.end;
  TS_SHORT.micros = TS.micros;
  return true;
}

export function epochOf(year: number, month: number, day: number, msOfDay: number): number {
  return daysFromCivil(year, month, day) * DAY_MS + msOfDay;
}

/** The latest year that does not put (month, day, time) more than a day after `reference`. */
export function inferYear(month: number, day: number, msOfDay: number, reference: number): number {
  let y = new Date(reference).getUTCFullYear() + 1;
  while (epochOf(y, month, day, msOfDay) > reference + DAY_MS) y--;
  return y;
}
