// The logger is not the service (reference §2.4): which loggers name one service, which are shared
// by several processes (resolved per pid by WriterMemory), and the two special cases. Interned and
// cached: the hot path neither slices nor hashes a logger name it has seen recently.
import type { Service } from '../types.js';
import { hasAt } from './chars.js';

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

