// Which Nova service wrote a line, from a name: file name, syslog identifier, os-log-merger alias or
// grep token. The logger rules are in logger-class.ts.
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
