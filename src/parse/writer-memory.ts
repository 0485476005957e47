// What one source has shown about its writers (keyed like open records: pid, token+pid, ident+pid):
// the service a pid proved through an unambiguous logger (reference §2.4: shared loggers such as
// oslo_concurrency.lockutils or nova.scheduler.client.report take it), and the compute host learnt
// from resource-tracker/claim lines (hostFromMessage). Bounded: forgotten past MAX_WRITERS keys.
import type { LogRecord, Service } from '../types.js';
import { HOST, hostFromMessage } from './host.js';
import type { LoggerClass } from './logger-class.js';

const MAX_WRITERS = 4096;

export class WriterMemory {
  private readonly services = new Map<string | number, Service>();
  private readonly hosts = new Map<string | number, string>();
  private sourceHost: string | null = null;

  /** The record's service came from its logger: remember it, or take the pid's when the logger is shared. */
  refineService(rec: LogRecord, key: string | number, cls: LoggerClass): void {
    if (cls === 'api' || cls === 'compute' || cls === 'conductor' || cls === 'scheduler' || cls === 'other') {
      if (this.services.get(key) !== cls) {
        if (this.services.size >= MAX_WRITERS) this.services.clear();
        this.services.set(key, cls);
      }
      return;
    }
    const known = this.services.get(key);
    if (known !== undefined) rec.service = known;
  }

  /** The record names no host: learn one from its message, or use what its writer (or source) showed. */
  refineHost(rec: LogRecord, key: string | number): void {
    const lg = rec.logger;
    if (lg === 'nova.compute.resource_tracker' || lg === 'nova.compute.claims') {
      const h = hostFromMessage(rec.message, lg);
      // A node name (claims, old audit lines) never replaces a host name already learnt.
      if (h !== null && (!HOST.isNode || !this.hosts.has(key))) {
        if (this.hosts.size >= MAX_WRITERS) this.hosts.clear();
        this.hosts.set(key, h);
        if (this.sourceHost === null || !HOST.isNode) this.sourceHost = h;
        rec.host = h;
        return;
      }
    }
    rec.host = this.hosts.get(key) ?? (rec.service === 'compute' ? this.sourceHost : null);
  }
}
