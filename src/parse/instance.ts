// Instance uuid from the message text, for lines that carry it there rather than in `[instance: …]`
// (reference §2.5): scheduling, placement claims, external events, allocation clean-up, lock lines,
// NoValidHost filtering, reschedules, auto-confirm. indexOf gates first; no regex.
import { hasAt } from './chars.js';
import { uuidAt } from './uuid.js';

const SCHEDULE = "Starting to schedule for instances: ['";
const FILTERING = "Filtering removed all hosts for the request with instance ID '";
// oslo.concurrency lock lines: `Acquiring lock "<name>" by`, `Lock "<name>" acquired by`,
// `Lock "<name>" "released" by`, `Acquired lock "<name>"`, `Releasing lock "<name>"`.
const LOCK_PREFIXES = ['Lock "', 'Acquiring lock "', 'Acquired lock "', 'Releasing lock "'];
// Lock names that wrap an instance uuid: `<uuid>`, `<uuid>-events`, `refresh_cache-<uuid>`,
// `interface-<uuid>-<port>`.
const LOCK_NAME_PREFIXES = ['refresh_cache-', 'interface-'];

function lockInstance(m: string): string | null {
  for (const p of LOCK_PREFIXES) {
    if (hasAt(m, 0, p)) {
      const at = p.length;
      const direct = uuidAt(m, at);
      // nova.context.set_target_cell locks on the CELL mapping uuid, not on an instance.
      if (direct !== null) return m.includes('cached_cell', at) ? null : direct;
      for (const q of LOCK_NAME_PREFIXES) if (hasAt(m, at, q)) return uuidAt(m, at + q.length);
      return null;
    }
  }
  return null;
}

/** The instance a message talks about, or null. `… instance <uuid>` anywhere, plus the shapes above. */
export function instanceFromMessage(m: string): string | null {
  const c = m.charCodeAt(0);
  if (c === 76 /* L */ || c === 65 /* A */ || c === 82 /* R */) {
    const fromLock = lockInstance(m);
    if (fromLock) return fromLock;
  }
  let i = m.indexOf('nstance');
  if (i === -1) return null;
  if (c === 83 /* S */ && hasAt(m, 0, SCHEDULE)) return uuidAt(m, SCHEDULE.length);
  if (c === 70 /* F */ && hasAt(m, 0, FILTERING)) return uuidAt(m, FILTERING.length);
  // Generic: "instance <uuid>" / "Instance <uuid>" (for instance, of instance, Build of instance …).
  while (i !== -1) {
    const at = i + 8;
    if (m.charCodeAt(i + 7) === 32) {
      const u = uuidAt(m, at);
      if (u !== null) return u;
    }
    i = m.indexOf('nstance', i + 7);
  }
  return null;
}
