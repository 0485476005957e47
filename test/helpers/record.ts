import type { LogRecord } from '../../src/types.js';

const T0 = Date.UTC(2026, 10, 21, 18, 0, 0);

/** A LogRecord for tests; `at` is seconds after 2026-11-21 18:00:00 UTC. */
export function rec(at: number, fields: Partial<LogRecord> = {}): LogRecord {
  return {
    time: T0 + at * 1000,
    micros: 0,
    source: 'n-cpu.log',
    line: Math.round(at * 10) + 1,
    host: null,
    service: 'compute',
    pid: 4242,
    level: 'INFO',
    logger: 'nova.compute.manager',
    globalRequestId: null,
    requestId: null,
    user: null,
    project: null,
    instance: null,
    message: 'x',
    traceback: [],
    debug: null,
    format: 'oslo',
    ...fields,
  };
}

export const USER = { user: '6f1d', project: '9a2b' } as const;
