// Which Nova service wrote a line: file name, syslog identifier, os-log-merger alias, or the logger
// (reference §2.4: the logger is not the service).
import { hasAt } from './chars.js';
import type { Service } from '../types.js';

// Needles looked up in a file or unit name; each must start at a name boundary and not run on into a
// letter: `screen-n-cpu.txt`, `n-cpu-1.log`, `devstack@n-api.service`, `controller1-nova-api.log`.
const NEEDLES: Array<[string, Service]> = [
  ['nova-compute', 'compute'],
  ['n-cpu', 'compute'],
  ['nova-conductor', 'conductor'],
  ['n-super-cond', 'conductor'],
  ['n-cond', 'conductor'],
  ['nova-scheduler', 'scheduler'],
  ['n-sch', 'scheduler'],
  ['nova-api', 'api'],
  ['nova-osapi', 'api'],
  ['nova-metadata', 'api'],
  ['n-api', 'api'],
];

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** n-cpu, nova-compute, screen-n-sch, n-cond-cell1, n-super-cond, devstack@n-api … → service; else null. */
export function serviceFromPath(path: string): Service | null {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = (slash >= 0 ? path.slice(slash + 1) : path).toLowerCase();
  for (const [needle, service] of NEEDLES) {
    let at = name.indexOf(needle);
    while (at !== -1) {
      const before = at === 0 ? 32 : name.charCodeAt(at - 1);
      const after = name.charCodeAt(at + needle.length);
      if (!isAlnum(before) && !isLetter(after)) return service;
      at = name.indexOf(needle, at + 1);
    }
  }
  return null;
}

/** os-log-merger aliases: a file-like alias (`nova-compute.log`, `node1/N-CPU`, `2/N-COND`). */
export function serviceFromAlias(alias: string): Service | null {
  const fromName = serviceFromPath(alias);
  if (fromName) return fromName;
  const slash = alias.lastIndexOf('/');
  const last = (slash >= 0 ? alias.slice(slash + 1) : alias).toUpperCase();
  const dot = last.indexOf('.');
  const base = dot >= 0 ? last.slice(0, dot) : last;
  switch (base) {
    case 'N-API':
      return 'api';
    case 'N-CPU':
    case 'CPU':
      return 'compute';
    case 'N-COND':
    case 'COND':
      return 'conductor';
    case 'N-SCH':
      return 'scheduler';
    default:
      return null;
  }
}

/**
 * What a logger says about the service: a service when only one service logs under it, `shared` when
 * several do (resolve through the pid), `api-mostly` for nova.compute.api, `sched-utils` for
 * nova.scheduler.utils (conductor except claim_resources).
 */
export type LoggerClass = Service | 'shared' | 'api-mostly' | 'sched-utils';

const SHARED_PREFIXES = [
  'nova.scheduler.client',
  'nova.scheduler.rpcapi',
  'nova.compute.utils',
  'nova.compute.rpcapi',
  'nova.conductor.api', // the conductor's client side: nova-compute waits for the conductor through it
  'nova.conductor.rpcapi',
  'nova.virt.hardware', // flavor/NUMA checks run in nova-api and the scheduler too
  'nova.virt.block_device', // block device mappings are built in nova-api and the conductor too
];

function classify(logger: string): LoggerClass {
  if (logger.startsWith('nova.')) {
    for (const p of SHARED_PREFIXES) if (logger.startsWith(p)) return 'shared';
    if (logger === 'nova.compute.api') return 'api-mostly';
    if (logger === 'nova.scheduler.utils') return 'sched-utils';
    if (logger.startsWith('nova.scheduler.') || logger === 'nova.filters' || logger.startsWith('nova.filters.')) return 'scheduler';
    if (logger.startsWith('nova.conductor.') || logger === 'nova.conductor') return 'conductor';
    if (
      logger.startsWith('nova.virt.') ||
      logger === 'nova.compute.manager' ||
      logger === 'nova.compute.resource_tracker' ||
      logger === 'nova.compute.claims' ||
      logger.startsWith('nova.compute.monitors') ||
      logger.startsWith('nova.privsep')
    ) {
      return 'compute';
    }
    if (
      logger.startsWith('nova.api.') ||
      logger.startsWith('nova.osapi_compute.') ||
      logger.startsWith('nova.metadata.') ||
      logger.startsWith('nova.ec2.') ||
      logger === 'nova.wsgi'
    ) {
      return 'api';
    }
    return 'shared';
  }
  if (logger.startsWith('os_vif') || logger.startsWith('os_brick') || logger.startsWith('oslo.privsep') || logger.startsWith('oslo_privsep')) {
    return 'compute';
  }
  if (logger.startsWith('keystonemiddleware')) return 'api';
  return 'shared';
}

export interface LoggerInfo {
  name: string;
  cls: LoggerClass;
}

// Loggers are few (hundreds); the cache also interns the logger string so records share one copy.
const cache = new Map<string, LoggerInfo>();

export function loggerInfo(logger: string): LoggerInfo {
  let hit = cache.get(logger);
  if (hit === undefined) {
    hit = { name: logger, cls: classify(logger) };
    if (cache.size < 10_000) cache.set(logger, hit);
  }
  return hit;
}

// A direct-mapped cache in front of the Map, probed with the line itself: the hot path neither slices
// nor hashes the logger name when it has been seen recently.
const SLOTS = 256;
const slotName: Array<string | undefined> = new Array<string | undefined>(SLOTS);
const slotInfo: Array<LoggerInfo | undefined> = new Array<LoggerInfo | undefined>(SLOTS);

/** The logger s[a, b), interned. */
export function loggerAt(s: string, a: number, b: number): LoggerInfo {
  const len = b - a;
  const h = (len * 31 + s.charCodeAt(b - 1) * 7 + s.charCodeAt(a + (len >> 1))) & (SLOTS - 1);
  const name = slotName[h];
  if (name !== undefined && name.length === len && hasAt(s, a, name)) return slotInfo[h] as LoggerInfo;
  const info = loggerInfo(s.slice(a, b));
  slotName[h] = info.name;
  slotInfo[h] = info;
  return info;
}

/** Service for a logger without any per-pid memory (pure parse): `shared` loggers give 'other'. */
export function serviceOfLogger(cls: LoggerClass, message: string): Service {
  switch (cls) {
    case 'shared':
      return 'other';
    case 'api-mostly':
      return 'api';
    case 'sched-utils':
      return message.startsWith('Attempting to claim resources') ? 'scheduler' : 'conductor';
    default:
      return cls;
  }
}

// Identifiers and file tokens repeat on every line: remember their answer.
const nameCache = new Map<string, Service | null>();

export function cachedServiceFromPath(name: string): Service | null {
  let hit = nameCache.get(name);
  if (hit === undefined) {
    hit = serviceFromPath(name);
    if (nameCache.size < 10_000) nameCache.set(name, hit);
  }
  return hit;
}
