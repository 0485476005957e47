// Reads the Zed lab recording (/work/shared/lab/recordings/zed-2026-11-21): the six DEBUG logs and
// ops.tsv, and groups the records of each API call the way the brief of the lab test asks: every record
// under the request id, plus id-less records of the same instance inside the request's span on the
// same source (looping-call lines such as "Instance spawned successfully.").
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LogRecord, Service, Timeline } from '../../../src/types.js';
import { parseLines, timelineOf } from './records.js';

export const LAB_DIR = process.env.NOVA_TRACE_LAB ?? '/work/shared/lab/recordings/zed-2026-11-21';

export const LAB_SOURCES: ReadonlyArray<{ file: string; service: Service; host: string }> = [
  { file: 'n-api.log.gz', service: 'api', host: 'ctl' },
  { file: 'n-cond.log.gz', service: 'conductor', host: 'ctl' },
  { file: 'n-sch.log.gz', service: 'scheduler', host: 'ctl' },
  { file: 'n-cpu-1.log.gz', service: 'compute', host: 'cmp1' },
  { file: 'n-cpu-2.log.gz', service: 'compute', host: 'cmp2' },
  { file: 'n-cpu-lv1.log.gz', service: 'compute', host: 'lv1' },
];

export interface OpRow {
  operation: string;
  serverId: string;
  requestId: string;
  startTime: string;
  expectedOutcome: string;
  httpStatus: number;
}

export function labAvailable(): boolean {
  return existsSync(join(LAB_DIR, 'ops.tsv')) && LAB_SOURCES.every((s) => existsSync(join(LAB_DIR, s.file)));
}

export function readOps(): OpRow[] {
  const [, ...rows] = readFileSync(join(LAB_DIR, 'ops.tsv'), 'utf8').trimEnd().split('\n');
  return rows.map((r) => {
    const c = r.split('\t');
    return {
      operation: c[0] ?? '',
      serverId: c[1] ?? '',
      requestId: c[2] ?? '',
      startTime: c[3] ?? '',
      expectedOutcome: c[4] ?? '',
      httpStatus: Number(c[5]),
    };
  });
}

export function readLabRecords(): LogRecord[] {
  return LAB_SOURCES.flatMap((s) => {
    const text = gunzipSync(readFileSync(join(LAB_DIR, s.file))).toString('utf8');
    return parseLines(text.replace(/\n$/, '').split('\n'), { source: s.file, service: s.service, host: s.host });
  });
}

/** The timeline of one API call (see the header comment for what belongs to it). */
export function labTimeline(all: readonly LogRecord[], row: OpRow): Timeline {
  const own = all.filter((r) => r.requestId === row.requestId);
  const span = new Map<string, { from: number; to: number }>();
  for (const r of own) {
    const s = span.get(r.source);
    if (!s) span.set(r.source, { from: r.time, to: r.time });
    else {
      s.from = Math.min(s.from, r.time);
      s.to = Math.max(s.to, r.time);
    }
  }
  const idless = row.serverId
    ? all.filter((r) => {
        if (r.requestId !== null || r.instance !== row.serverId) return false;
        const s = span.get(r.source);
        return s !== undefined && r.time >= s.from && r.time <= s.to;
      })
    : [];
  return timelineOf([...own, ...idless]);
}
